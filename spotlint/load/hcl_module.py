"""A Terraform module directory's variables, locals and ``.tfvars``: what ``var.x`` means.

Terraform reads every ``.tf`` file of a directory as one module, so a
``var.capacity_type`` in ``main.tf`` takes its value from a ``variable`` block
in ``variables.tf`` and from the ``.tfvars`` files Terraform loads on its own
(``terraform.tfvars`` then ``*.auto.tfvars`` in name order, later ones winning).
Another ``.tfvars`` file may be passed with ``-var-file`` at apply time: a
variable it sets to anything else is unknown, since spotlint cannot tell which
file is used. Only files of the same directory and inside the scanned root are
read; a file that does not parse adds nothing (it is reported when linted).

Scopes are cached by the directory's file names, sizes and modification times,
so the files of one module are parsed once per run, not once per file.
"""

from __future__ import annotations

import os

from spotlint.load import hcl
from spotlint.load.base import Limits
from spotlint.load.bounded import read_bounded
from spotlint.load.hcl_eval import Definition, Scope
from spotlint.load.hcl_trees import keep_tree
from spotlint.load.textpos import SourceText
from spotlint.value import Value

_CACHE_SIZE = 32


class _FileFacts(Value):
    variables: dict[str, Definition]
    locals: dict[str, Definition]
    values: dict[str, Definition]
    #: ``provider "aws" { region = ... }`` (the default provider, without alias)
    region: Definition | None

    def __init__(
        self, variables: dict[str, Definition] | None = None,
        locals: dict[str, Definition] | None = None, values: dict[str, Definition] | None = None,
        region: Definition | None = None,
    ) -> None:
        self.variables = {} if variables is None else variables
        self.locals = {} if locals is None else locals
        self.values = {} if values is None else values
        self.region = region


_cache: dict[tuple[str, tuple[tuple[str, int, int], ...]], dict[str, _FileFacts]] = {}


def facts_of(body: hcl.Body, source: SourceText, tfvars: bool = False) -> _FileFacts:
    facts = _FileFacts()
    if tfvars:
        for attribute in body.attributes:
            facts.values[attribute.name] = Definition(attribute.expr, source)
        return facts
    for block in body.blocks:
        if block.type == "variable" and block.labels:
            default = block.body.attribute("default")
            if default is not None:
                facts.variables[block.labels[0][0]] = Definition(default.expr, source)
        elif block.type == "locals":
            for attribute in block.body.attributes:
                facts.locals[attribute.name] = Definition(attribute.expr, source)
        elif block.type == "provider" and block.labels and block.labels[0][0] == "aws":
            region = block.body.attribute("region")
            if region is not None and block.body.attribute("alias") is None:
                facts.region = Definition(region.expr, source)
    return facts


def module_scope(
    path: str, own: tuple[hcl.Body, SourceText] | None, root: str, limits: Limits
) -> tuple[Scope, Definition | None]:
    """The scope ``path``'s expressions are evaluated in, and the module's AWS region.

    ``own`` is the file's own syntax tree (already read, possibly changed by a fix
    not yet written), used in place of what is on disk.
    """
    directory = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    facts = dict(_directory_facts(directory, root, limits, (name, own) if own else None))
    if own is not None:
        facts[name] = facts_of(own[0], own[1], tfvars=name.lower().endswith(".tfvars"))
    scope = Scope()
    region: Definition | None = None
    for fname in sorted(facts):
        if fname.lower().endswith((".tf", ".tf.json")):
            scope.variables.update(facts[fname].variables)
            scope.locals.update(facts[fname].locals)
            region = region or facts[fname].region
    automatic = [f for f in sorted(facts) if f == "terraform.tfvars"]
    automatic += [f for f in sorted(facts) if f.endswith(".auto.tfvars")]
    for fname in automatic:
        scope.variables.update(facts[fname].values)
    chosen = {k: _text(d) for k, d in scope.variables.items()}
    for fname in sorted(facts):
        if fname.endswith(".tfvars") and fname not in automatic:
            for var, definition in facts[fname].values.items():
                if chosen.get(var) != _text(definition):
                    scope.ambiguous.add(var)
    return scope, region


def _text(definition: Definition) -> str:
    expr = definition.expr
    return "".join(definition.source.text[expr.start : expr.end].split())


def _directory_facts(
    directory: str, root: str, limits: Limits,
    own: tuple[str, tuple[hcl.Body, SourceText]] | None = None,
) -> dict[str, _FileFacts]:
    """The facts of each Terraform file of ``directory``, cached by the files' sizes and
    modification times. ``own`` (a file's name and its syntax tree, already parsed) is
    used for that file when its text is what the disk holds, not parsed twice."""
    from spotlint.load.boundary import contains, real

    real_root = real(root)
    real_dir = real(directory)
    if real_root is None or real_dir is None or not contains(real_root, real_dir):
        return {}
    try:
        entries = sorted(
            (e.name, e.stat().st_size, e.stat().st_mtime_ns)
            for e in os.scandir(directory)
            if e.is_file() and e.name.lower().endswith((".tf", ".tfvars"))
        )
    except OSError:
        return {}
    key = (real_dir, tuple(entries))
    if key in _cache:
        return _cache[key]
    facts: dict[str, _FileFacts] = {}
    for name, size, _ in entries:
        if size > limits.max_file_bytes:
            continue
        file_path = os.path.join(directory, name)
        real_file = real(file_path)
        if real_file is None or not contains(real_root, real_file):
            continue  # a link leading out of the root is never read
        parsed = own[1] if own is not None and own[0] == name and _same_text(
            file_path, own[1][1].text, limits) else _parse(file_path, limits)
        if parsed is not None:
            facts[name] = facts_of(*parsed, tfvars=name.lower().endswith(".tfvars"))
    if len(_cache) >= _CACHE_SIZE:
        _cache.clear()
    _cache[key] = facts
    return facts


def _same_text(path: str, text: str, limits: Limits) -> bool:
    """Does the file at ``path`` hold ``text`` (a tree of it may stand for it)?"""
    from spotlint.load.files import decode

    try:
        data = read_bounded(path, limits.max_file_bytes)
    except OSError:
        return False
    return decode(data)[0] == text


def _parse(path: str, limits: Limits) -> tuple[hcl.Body, SourceText] | None:
    from spotlint.load.files import decode

    try:
        data = read_bounded(path, limits.max_file_bytes)
    except OSError:
        return None
    text, _ = decode(data)
    if text is None:
        return None
    try:
        body = hcl.parse(text, limits)
    except (hcl.HclError, RecursionError):
        return None
    keep_tree(path, text, limits, body)
    return body, SourceText(path, text)

