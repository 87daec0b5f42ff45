"""Kubernetes objects and Helm values written inside Terraform, as located documents.

``kubectl_manifest.yaml_body`` (a heredoc, ``yamlencode({...})`` or
``file()``/``templatefile()`` of a file in the repository),
``kubernetes_manifest.manifest`` (an HCL object) and ``helm_release.values``
(the same three forms) hold the NodePools, EC2NodeClasses and Spark objects many
teams deploy with Terraform. A heredoc's YAML is parsed with its
``${...}`` interpolations as unknown values and positioned in the ``.tf`` file
(line and column); an HCL object already is; a referenced file is read by the
run like a file on the command line (inside the scanned root only), so its
objects are positioned in it and never counted twice.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from spotlint.load import hcl
from spotlint.load.bounded import read_bounded
from spotlint.load.hcl_eval import ENCODED_TAG, FILE_TAG, Evaluator
from spotlint.load.yaml_loader import load_yaml_text, neutralize_templates
from spotlint.location import Location, Node
from spotlint.recognize.kinds import InvalidField, NormalizeContext


def documents(
    expr: hcl.Expr, ev: Evaluator, ctx: NormalizeContext, values: bool = False
) -> tuple[list[Node], bool]:
    """The YAML/JSON documents an expression holds, and whether all of it could be read.

    A ``file()`` of Kubernetes objects is handed to the run (they are read from
    that file, as that file) and yields no document here; a file of Helm
    ``values`` is read here, its values positioned in it.
    """
    if isinstance(expr, hcl.Template):
        return heredoc_documents(expr, ev, ctx)
    value = ev.value(expr)
    if value.tag == ENCODED_TAG and value.is_map:
        return [value], True
    if value.tag == ENCODED_TAG and value.is_seq:
        return [d for d in value.elements() if d.is_map], True
    if value.tag == FILE_TAG and isinstance(value.value, str):
        found = referenced_file(value, ev, ctx)
        if found is None:
            return [], False
        if not values:
            if ctx.read_file is not None:
                ctx.read_file(found)
            return [], True
        return _read_values(found, ctx)
    if value.is_scalar and not value.unknown and isinstance(value.value, str):
        return _parse(value.value, ev.source.path, value.loc, ctx), True
    return [], False


def referenced_file(value: Node, ev: Evaluator, ctx: NormalizeContext) -> str | None:
    """The real path of the file ``file("${path.module}/x.yaml")`` names, inside the root.

    Relative paths are Terraform's: from the module directory. A file that is
    missing or outside the scanned root is SL003 on the reference, and not read.
    """
    from spotlint.load.boundary import resolve_reference

    target = str(value.value)
    base = os.path.dirname(os.path.abspath(ev.source.path))
    path = os.path.normpath(os.path.join(base, target))
    found = resolve_reference(target, [path], ctx.root)
    if found.path is None:
        where = "outside the scanned root" if found.problem == "outside" else (
            "not found inside the scanned root")
        ctx.invalid.append(InvalidField(value, f"file {target!r} is {where}; not read", "SL003"))
    return found.path


def _read_values(path: str, ctx: NormalizeContext) -> tuple[list[Node], bool]:
    from spotlint.load.files import decode

    try:
        data = read_bounded(path, ctx.limits.max_file_bytes)
    except OSError:
        return [], False
    text, _ = decode(data)
    if text is None or len(data) > ctx.limits.max_file_bytes:
        return [], False
    loaded = load_yaml_text(path, text, ctx.limits)
    return loaded.documents, not loaded.errors


def heredoc_documents(
    template: hcl.Template, ev: Evaluator, ctx: NormalizeContext
) -> tuple[list[Node], bool]:
    text = ev.source.text
    if template.heredoc:
        begin, end = template.content_start, template.content_end
    else:
        begin, end = template.start + 1, template.end - 1
        if "\\" in text[begin:end]:  # escapes move characters: use the decoded value
            value = ev.value(template)
            if value.unknown:
                return [], False
            return _parse(str(value.value), ev.source.path, value.loc, ctx), True
    raw = text[begin:end]
    strip = template.strip
    if strip:
        raw = "".join(
            line[strip:] if line[:strip].strip() == "" else line.lstrip(" \t")
            for line in raw.splitlines(keepends=True)
        )
    inner = neutralize_templates(raw) if ("${" in raw or "%{" in raw) else raw
    line, col = ev.source.position(begin)
    loaded = load_yaml_text(ev.source.path, inner, ctx.limits)
    if loaded.errors:
        if any("max-" in e.message for e in loaded.errors):
            ctx.report_unreadable(ev.value(template), loaded.errors[0].message)
        return [], False
    for doc in loaded.documents:
        _shift(doc, line - 1, strip if template.heredoc else col - 1)
    return loaded.documents, True


def _parse(text: str, path: str, at: Location, ctx: NormalizeContext) -> list[Node]:
    """YAML text whose characters cannot be mapped back: every value at ``at``."""
    loaded = load_yaml_text(path, text, ctx.limits)
    if loaded.errors:
        return []
    for doc in loaded.documents:
        for node in _nodes(doc):
            node.loc = at
    return loaded.documents


def _nodes(doc: Node) -> Iterator[Node]:
    seen: set[int] = set()
    stack = [doc]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if node.key is not None and id(node.key) not in seen:
            seen.add(id(node.key))
            yield node.key
        stack.extend(node.value.values() if node.is_map else node.elements())


def _shift(doc: Node, lines: int, cols: int) -> None:
    """Move every position of ``doc`` by ``lines`` and ``cols`` (into the outer file).

    A heredoc's lines all lost the same indentation (``<<-``), and a quoted
    string is one line, so one column offset fits every line.
    """
    seen: set[int] = set()
    stack = [doc]
    while stack:  # (as :func:`_nodes` walks, with each plain key left as text)
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        key = node.shift(lines, cols)
        if key is not None and id(key) not in seen:
            seen.add(id(key))
            key.shift(lines, cols)
        value = node.value
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


def dispatch(docs: list[Node], ctx: NormalizeContext) -> None:
    """Normalize embedded documents with the built-in document kinds (schemas checked)."""
    from spotlint.recognize import builtin_kinds

    kinds = [k for k in builtin_kinds() if getattr(k, "name", "") != "terraform"]
    for doc in docs:
        if not doc.is_map:
            continue
        kind = next((k for k in kinds if k.matches(doc, ctx.file)), None)
        if kind is None:
            continue
        if kind.schema:
            from spotlint.recognize.schema_check import invalid_fields

            for node, message in invalid_fields(kind.schema, doc):
                ctx.invalid.append(InvalidField(node, message))
        kind.normalize(doc, ctx)


def setting(doc: Node, dotted: str) -> Node | None:
    """A Helm value by its dotted path (``settings.interruptionQueue``)."""
    node: Node | None = doc
    for part in dotted.split("."):
        node = node.get(part) if node is not None else None
    return node
