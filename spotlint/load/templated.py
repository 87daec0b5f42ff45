"""Templated YAML and JSON made parseable, every character left where it was.

Real configuration is often a template: Helm charts (``{{ .Values.x }}``,
``{{- range ... }}``), envsubst and Terraform (``${VAR}``), sed-filled files
(``{VAR}``, ``<<VAR>>``). Such a file is not YAML (or JSON) until rendered, so
when the plain parse fails the loader tries again on a *neutralized* copy:

* a template action alone on its line (``{{- range $k, $v := .Values.conf }}``)
  becomes a comment of the same length;
* any other placeholder becomes a same-length ``$XXX`` token (in JSON, outside
  strings, a same-length quoted string), which the loader reads as an unknown
  value.

Positions of every other character stay exactly where they were. An action
alone on its line that *produces* content (``range``, ``include``, ``toYaml``,
``with``, ``tpl``, an output such as ``{{ .Values.extra | nindent 4 }}``) may
add keys spotlint cannot see: the mapping (or list) it sits in is marked
unknown (:func:`open_collections`), so rules about missing keys stay silent
there. Pure control flow (``if``/``else``/``end``, comments, variable
assignments) adds nothing and changes nothing.

In a Helm chart (a file under ``templates/`` beside a ``Chart.yaml``) template
syntax never gives SL001: when the neutralized copy still does not parse,
lines holding an action are commented out as well, and a chart template that
still does not parse is skipped (:func:`in_chart_templates`).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from functools import cache

from spotlint.load.placeholders import has_placeholder
from spotlint.location import Node
from spotlint.value import FrozenValue, frozen

_set = object.__setattr__

#: Placeholders, each bounded so the scan stays linear on hostile text.
PLACEHOLDER = re.compile(
    r"\$\{[^}\n]{0,200}\}"  # ${VAR}
    r"|\{\{[^\n]{0,400}?\}\}"  # {{ .Values.x }}
    r"|\{%[^\n]{0,400}?%\}"  # {% if %}
    r"|%\{[^}\n]{0,200}\}"  # %{ if } (Terraform)
    r"|<<[A-Za-z0-9_.\-]{1,80}>>"  # <<bucket>>
    r"|\{[A-Za-z_][A-Za-z0-9_]{0,80}\}"  # {VAR} (sed)
)
#: One template action; its text cannot hold its own closing, so matching never backtracks.
_ONE_ACTION = r"(?:\{\{(?:[^}\n]|\}(?!\}))*\}\}|\{%(?:[^%\n]|%(?!\}))*%\}|%\{[^}\n]*\})"
#: A line that holds nothing but template actions (one, or several in a row).
_DIRECTIVE_LINE = re.compile(
    r"(?m)^([ \t]*)((?:" + _ONE_ACTION + r"[ \t]*)+)$"
)


@cache
def _quiet() -> re.Pattern[str]:
    """Actions that add no content: control flow, comments, assignments.

    This and :func:`_action` are compiled when first asked (only for a line holding
    nothing but actions, or in a Helm chart template): most runs never ask.
    """
    return re.compile(
        r"(?:\{\{|\{%|%\{)-?\s*(?:/\*|#|if\b|else\b|elif\b|end\b|endif\b|endfor\b|define\b"
        r"|\$[A-Za-z_][A-Za-z0-9_]*\s*:?=)"
    )


@cache
def _action() -> re.Pattern[str]:
    """The start of a template action."""
    return re.compile(r"\{\{-?|\{%-?|%\{")


_HINT = re.compile(r"\$\{|\{\{|\{%|%\{|<<[A-Za-z0-9_.\-]|\{[A-Za-z_][A-Za-z0-9_]*\}")


def templated(text: str) -> bool:
    """Does ``text`` hold something :func:`neutralize` would change?"""
    return _HINT.search(text) is not None


@frozen
class Directive(FrozenValue):
    """A line that held only template actions: its number, indentation, and if it adds keys."""

    line: int
    indent: int
    adds_content: bool

    def __init__(self, line: int, indent: int, adds_content: bool) -> None:
        _set(self, "line", line)
        _set(self, "indent", indent)
        _set(self, "adds_content", adds_content)


def neutralize(text: str, whole_lines: bool = False) -> tuple[str, list[Directive]]:
    """``text`` with its template syntax made inert (same length), and the directive lines.

    ``whole_lines`` also comments out every other line holding an action (the
    last resort for Helm chart templates); those count as adding content.
    """
    directives: list[Directive] = []
    breaks: list[int] = []  # (where the lines break: found with the first directive line)

    def comment(match: re.Match[str]) -> str:
        if not breaks:
            breaks.extend(map(_match_start, re.finditer("\n", text)))
            breaks.append(len(text))  # (not empty even for one line; after any directive)
        line = bisect_right(breaks, match.start()) + 1
        actions = match.group(2)
        quiet = _quiet().match
        adds = any(not quiet(actions, m.start()) for m in _action().finditer(actions))
        directives.append(Directive(line, len(match.group(1).expandtabs()), adds))
        return match.group(1) + "#" * len(match.group(2))

    if _may_start_a_line_with_an_action(text):
        text = _DIRECTIVE_LINE.sub(comment, text)
    if whole_lines:
        lines = text.split("\n")
        for number, line in enumerate(lines, start=1):
            if _action().search(line) and not line.lstrip().startswith("#"):
                body = line.lstrip(" ")
                indent = len(line) - len(body)
                lines[number - 1] = " " * indent + "#" * len(body)
                directives.append(Directive(number, indent, True))
        text = "\n".join(lines)
    return PLACEHOLDER.sub(_token, text), directives


_match_start = re.Match.start
#: What opens a template action (see ``_ONE_ACTION``).
_OPENERS = ("{{", "{%", "%{")


def _may_start_a_line_with_an_action(text: str) -> bool:
    """Does some action open a line, after blanks and tabs only (as a line
    ``_DIRECTIVE_LINE`` matches begins)? Asked before that pattern, which is tried
    at the start of every line: most templates hold actions only after other text
    (``name: {{ .Values.name }}``), and a few finds answer for them."""
    for opener in _OPENERS:
        at = text.find(opener)
        while at >= 0:
            # (``^`` in multi-line mode: the text's start or just after a line feed)
            if not text[text.rfind("\n", 0, at) + 1:at].strip(" \t"):
                return True
            at = text.find(opener, at + 1)
    return False


def _token(match: re.Match[str]) -> str:
    return "$" + "X" * (len(match.group(0)) - 1)


def neutralize_json(text: str) -> str:
    """JSON with placeholders outside strings turned into same-length strings."""
    out: list[str] = []
    pos = 0
    in_string = False
    escaped = False
    index = 0
    length = len(text)
    while index < length:
        ch = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            index += 1
            continue
        if ch == '"':
            in_string = True
            index += 1
            continue
        match = PLACEHOLDER.match(text, index)
        if match is None:
            index += 1
            continue
        size = len(match.group(0))
        out.append(text[pos:index])
        out.append('"' + ("$" + "X" * (size - 3) if size >= 4 else "X" * (size - 2)) + '"')
        index = pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def restore_values(documents: list[Node], neutral: str, original: str) -> None:
    """Give placeholder values back their written text (``{REGION}``, not ``$XXXXXXX``).

    Only a scalar written verbatim (plain, or quoted without escapes) is restored;
    its position is the same in both texts. Mapping keys keep the neutral text.
    """
    from spotlint.load.textpos import SourceText

    source = SourceText("", neutral)
    # Collections are walked once (aliases share them); a scalar met again is left as
    # it is (its restored text is the written one, restored again to itself).
    seen: set[int] = set()
    stack = list(documents)
    while stack:
        node = stack.pop()
        value = node.value
        if isinstance(value, dict):
            if id(node) not in seen:
                seen.add(id(node))
                stack.extend(value.values())
        elif isinstance(value, list):
            if id(node) not in seen:
                seen.add(id(node))
                stack.extend(value)
        elif isinstance(value, str) and ("$X" in value or value in ("X", "XX")):
            if id(node) in seen:
                continue
            seen.add(id(node))
            start = source.index(node._line, node._col)
            end = source.index(node._end_line, node._end_col) + 1
            raw = neutral[start:end]
            if raw == value:
                node.value = original[start:end]
            elif raw[:1] in ("'", '"') and raw[1:-1] == value:
                written = original[start:end]  # a JSON placeholder lost its quotes
                node.value = written[1:-1] if written[:1] == raw[:1] else written
            node.unknown = node.unknown or has_placeholder(str(node.value))


def open_collections(documents: list[Node], directives: list[Directive]) -> None:
    """Mark unknown the collections that content-producing directive lines write into."""
    adding = [d for d in directives if d.adds_content]
    if not adding:
        return
    entries = list(_entries(documents))
    for directive in adding:
        _open_at(entries, directive)


#: (line, indentation, parent collection, key text or None, the value or item node)
_Entry = tuple[int, int, Node, "str | None", Node]


def _entries(documents: list[Node]) -> list[_Entry]:
    found: list[_Entry] = []
    seen: set[int] = set()
    stack = list(documents)
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node.value, dict):
            for name, child in node.value.items():
                line, col = child.key_start()  # (no key node made for every entry)
                found.append((line, col - 1, node, name, child))
                stack.append(child)
        elif isinstance(node.value, list):
            for child in node.value:
                line, col = child.span()[:2]
                found.append((line, max(col - 3, 0), node, None, child))
                stack.append(child)
    return found


def _open_at(entries: list[_Entry], directive: Directive) -> None:
    """Open the collection a directive line writes into, judged by its indentation.

    The nearest entry above at the same indentation is a sibling: its parent is
    open. One above at less indentation is the directive's parent: its value is
    open (an empty ``key:`` becomes an open mapping). With nothing above, the
    nearest sibling below decides.
    """
    line, indent = directive.line, directive.indent
    above = [e for e in entries if e[0] < line and e[1] <= indent]
    if above:
        _, at, parent, name, value = max(above, key=lambda e: (e[0], e[1]))
        if at == indent:
            parent.unknown = True
        elif not value.is_scalar:
            value.unknown = True
        elif value.value is None and name is not None:
            parent.value[name] = Node({}, value.loc, key=value.key, unknown=True)
        return
    below = [e for e in entries if e[0] > line and e[1] == indent]
    if below:
        min(below, key=lambda e: e[0])[2].unknown = True


def _chart_directory(directory: str) -> bool:
    return os.path.isfile(os.path.join(directory, "Chart.yaml"))


def in_chart_templates(path: str) -> bool:
    """Is ``path`` under a Helm chart's ``templates/`` (beside a ``Chart.yaml``)?"""
    parts = os.path.abspath(path).split(os.sep)
    for index in range(len(parts) - 2, max(len(parts) - 8, 0), -1):
        if parts[index] == "templates" and _chart_directory(os.sep.join(parts[:index]) or os.sep):
            return True
    return False
