"""YAML (and JSON) to located trees, on libyaml's C composer.

Only the composer runs on untrusted text: it builds a node graph with marks and
never constructs objects. This module then turns nodes into :class:`Node` values
itself, accepting only the standard YAML tags. CloudFormation short-form tags
(``!Ref``, ``!Sub``...) and other local tags become *unknown* values; global
tags outside the YAML core set (``!!python/object``...) are refused with SL001.
Aliases are converted once and shared, and their expansion is counted so a
"billion laughs" document stops at a limit instead of exhausting memory.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from spotlint.load.base import LimitExceeded, Limits, LoadedFile, LoadError
from spotlint.load.placeholders import has_placeholder
from spotlint.location import Location, Node

try:  # pragma: no branch - libyaml is present on every supported platform wheel
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_CORE = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_CORE + t for t in ("str", "int", "float", "bool", "null"))
_MAP, _SEQ, _MERGE = _CORE + "map", _CORE + "seq", _CORE + "merge"
_KEPT_AS_TEXT = {_CORE + t for t in ("timestamp", "binary", "value", "yaml")}
_COLLECTIONS = {_MAP, _SEQ, _CORE + "omap", _CORE + "set", _CORE + "pairs"}
_ALLOWED = _COLLECTIONS | _KEPT_AS_TEXT | {_STR, _INT, _FLOAT, _BOOL, _NULL, _MERGE}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_DEEP_DASHES = re.compile(r"(?:-[ \t]+){%d,}")


class _Converter:
    """Turns one composed document into Node values, enforcing the limits."""

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.seen: dict[int, Node] = {}
        self.sizes: dict[int, int] = {}
        self.expanded = 0

    def loc(self, node: yaml.Node) -> Location:
        s, e = node.start_mark, node.end_mark
        end_line, end_col = e.line + 1, e.column
        if end_col == 0 and end_line > s.line + 1:
            end_line -= 1
            end_col = 1
        return Location(self.path, s.line + 1, s.column + 1, end_line, max(end_col, 1))

    def convert(self, node: yaml.Node, depth: int = 0) -> Node:
        if depth > self.limits.max_depth:
            raise LimitExceeded(
                f"nesting deeper than max-depth={self.limits.max_depth}",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        known = self.seen.get(id(node))
        if known is not None:
            # Reusing an anchored node costs as much as the tree it expands to.
            self.expanded += self.sizes.get(id(node), 1)
            if self.expanded > self.limits.max_alias_expansion:
                raise LimitExceeded(
                    f"alias expansion above max-alias-expansion={self.limits.max_alias_expansion}",
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                )
            return known
        before = self.expanded
        result = self._convert_new(node, depth)
        self.seen[id(node)] = result
        children = len(result.value) if isinstance(result.value, (dict, list)) else 0
        self.sizes[id(node)] = 1 + children + (self.expanded - before)
        return result

    def _convert_new(self, node: yaml.Node, depth: int) -> Node:
        tag = node.tag or ""
        local_tag = tag.startswith("!") and not tag.startswith("!!")
        if tag and not local_tag and tag not in _ALLOWED:
            raise LimitExceeded(f"unsupported YAML tag {tag!r}", *self._mark(node))
        loc = self.loc(node)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Node] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE:
                    for source in self._merge_sources(value_node, depth):
                        for k, v in source.items():
                            out.setdefault(k, v)
                    continue
                key = self.convert(key_node, depth + 1)
                value = self.convert(value_node, depth + 1)
                if value.key is not None and value.key is not key:
                    value = Node(value.value, value.loc, key, value.tag, value.unknown)
                else:
                    value.key = key
                out[key.text() or ""] = value
            return Node(out, loc, tag="" if not local_tag else tag, unknown=local_tag)
        if isinstance(node, yaml.SequenceNode):
            items = [self.convert(child, depth + 1) for child in node.value]
            return Node(items, loc, tag="" if not local_tag else tag, unknown=local_tag)
        return self._scalar(node, loc, local_tag)

    def _merge_sources(self, value_node: yaml.Node, depth: int) -> list[dict[str, Node]]:
        merged = self.convert(value_node, depth + 1)
        if isinstance(merged.value, dict):
            return [merged.value]
        return [m.value for m in merged.elements() if isinstance(m.value, dict)]

    def _scalar(self, node: yaml.Node, loc: Location, local_tag: bool) -> Node:
        assert isinstance(node, yaml.ScalarNode)
        raw: str = node.value
        if local_tag:
            return Node(raw, loc, tag=node.tag, unknown=True)
        value: Any = raw
        tag = node.tag
        try:
            if tag == _INT:
                value = _CONSTRUCTOR.construct_yaml_int(node)
            elif tag == _FLOAT:
                value = _CONSTRUCTOR.construct_yaml_float(node)
            elif tag == _BOOL:
                value = _CONSTRUCTOR.construct_yaml_bool(node)
            elif tag == _NULL:
                value = None
        except (ValueError, yaml.YAMLError):
            value = raw
        unknown = isinstance(value, str) and has_placeholder(value)
        return Node(value, loc, tag="" if tag == _STR else tag.rsplit(":", 1)[-1], unknown=unknown)

    @staticmethod
    def _mark(node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1


def _too_deep(text: str, limits: Limits) -> LoadError | None:
    """A cheap scan for nesting the recursive composer must never see."""
    depth_limit = limits.max_depth
    opens = text.count("[") + text.count("{")
    if opens > depth_limit:
        depth = deepest = 0
        line = col = 1
        at = (1, 1)
        for ch in text:
            if ch == "\n":
                line += 1
                col = 0
            elif ch in "[{":
                depth += 1
                if depth > deepest:
                    deepest, at = depth, (line, col)
                    if deepest > depth_limit:
                        return LoadError(f"nesting deeper than max-depth={depth_limit}", *at)
            elif ch in "]}":
                depth = max(0, depth - 1)
            col += 1
    if text.count("-") > depth_limit:
        match = re.search(_DEEP_DASHES.pattern % depth_limit, text)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            return LoadError(f"nesting deeper than max-depth={depth_limit}", line, 1)
    return None


_TEMPLATE = re.compile(r"\$\{[^}\n]*\}|\{\{[^\n]*?\}\}|\{%[^\n]*?%\}|%\{[^}\n]*\}")
_DIRECTIVE_LINE = re.compile(
    r"(?m)^([ \t]*)((?:\{\{-?|\{%-?|%\{)[^\n]*?(?:-?\}\}|-?%\}|\}))[ \t]*$"
)


def neutralize_templates(text: str) -> str:
    """Make templated YAML parseable without moving any character.

    Helm and Terraform templates (``values: [${azs}]``, ``role: {{ .Values.r }}``)
    are not YAML until rendered. A directive alone on its line becomes a comment
    of the same length; any other placeholder becomes a same-length ``$XXX``
    token, which the loader then treats as an unknown value. Positions of every
    other character stay exactly where they were.
    """
    text = _DIRECTIVE_LINE.sub(lambda m: m.group(1) + "#" * len(m.group(2)), text)
    return _TEMPLATE.sub(lambda m: "$" + "X" * (len(m.group(0)) - 1), text)


def load_yaml_text(path: str, text: str, limits: Limits, fmt: str = "yaml") -> LoadedFile:
    """Parse every document of ``text``; errors are recorded, never raised.

    Text that fails to parse but holds template placeholders gets a second try
    with the placeholders neutralized; if that parses, the file is linted with
    those values unknown, otherwise the first error is reported.
    """
    loaded = _load(path, text, limits, fmt)
    if (
        loaded.errors
        and fmt == "yaml"
        and ("${" in text or "{{" in text or "{%" in text or "%{" in text)
    ):
        retry = _load(path, neutralize_templates(text), limits, fmt)
        if not retry.errors:
            retry.text = text
            return retry
    return loaded


def _load(path: str, text: str, limits: Limits, fmt: str) -> LoadedFile:
    loaded = LoadedFile(path=path, text=text, fmt=fmt)
    deep = _too_deep(text, limits)
    if deep is not None:
        loaded.errors.append(deep)
        return loaded
    loader = _Loader(text)
    converter = _Converter(path, limits)
    try:
        while loader.check_node():
            composed = loader.get_node()
            if composed is None:
                continue
            if len(loaded.documents) >= limits.max_documents:
                loaded.errors.append(
                    LoadError(
                        f"more than max-documents={limits.max_documents} documents",
                        composed.start_mark.line + 1,
                        1,
                    )
                )
                break
            converter.seen.clear()
            converter.sizes.clear()
            converter.expanded = 0
            if (
                isinstance(composed, yaml.ScalarNode)
                and composed.tag == _NULL
                and not composed.value
            ):
                continue  # an empty document (a trailing ``---``)
            loaded.documents.append(converter.convert(composed))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        loaded.errors.append(LoadError(f"invalid {fmt.upper()}: {problem}", line, col))
    except yaml.YAMLError as exc:
        loaded.errors.append(LoadError(f"invalid {fmt.upper()}: {exc}"))
    except LimitExceeded as exc:
        loaded.errors.append(LoadError(exc.message, exc.line, exc.col))
    except RecursionError:
        loaded.errors.append(LoadError(f"nesting deeper than max-depth={limits.max_depth}"))
    finally:
        loader.dispose()
    return loaded
