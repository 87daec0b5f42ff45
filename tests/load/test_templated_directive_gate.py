"""Neutralizing a template asks for directive lines only when some action opens a line.

The gate (``_may_start_a_line_with_an_action``) must say yes for every text where
``_DIRECTIVE_LINE`` matches: the neutral text and the directives found are the same
as when the pattern is always tried, for texts built from the pieces that decide it
(indentation of blanks and tabs, each kind of action, text before an action, carriage
returns, actions left open).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spotlint.load import templated

PIECES = [" ", "\t", "  ", "{{ .Values.x }}", "{{- if .Values.on }}", "{% if a %}", "%{ if b }",
          "{{ end }}", "key: ", "- ", "value", "#", "\r", "{{", "}}", "{%", "%}", "%{", "}",
          "{{ include \"t\" . | nindent 4 }}", "$", "<<A>>", "{V}"]

texts = st.lists(st.lists(st.sampled_from(PIECES), max_size=6).map("".join),
                 max_size=6).map("\n".join)


def _always(text: str) -> bool:
    return True


@settings(max_examples=600, deadline=None)
@given(text=texts, whole_lines=st.booleans())
def test_the_gate_changes_nothing(text: str, whole_lines: bool) -> None:
    gated = templated.neutralize(text, whole_lines)
    original = templated._may_start_a_line_with_an_action
    try:
        templated._may_start_a_line_with_an_action = _always
        reference = templated.neutralize(text, whole_lines)
    finally:
        templated._may_start_a_line_with_an_action = original
    assert gated == reference
    if templated._DIRECTIVE_LINE.search(text):
        assert templated._may_start_a_line_with_an_action(text)


@pytest.mark.parametrize(("text", "opens"), [
    ("{{ if }}\n", True), ("  {{- range . }}\nx: 1\n", True), ("a: 1\n\t{% x %}\n", True),
    ("a: 1\n  %{ y }", True), ("a: {{ .x }}\n", False), ("a: 1\r{{ x }}\n", False),
    ("a: 1\r\n{{ x }}\r\n", True), ("x {{ a }}\n  b {{ c }}\n", False), ("", False),
    ("a: {{ x }}\n{{ if }}\n", True), ("a: {% x %}\nb: 1\n {% y %}", True),
    ("a: 1\n\r{{ x }}\n", False), ("a: 1\n\x0c{{ x }}\n", False),
])
def test_lines_opened_by_an_action(text: str, opens: bool) -> None:
    assert templated._may_start_a_line_with_an_action(text) is opens


@pytest.mark.parametrize(("text", "lines"), [
    ("{{ if .x }}", [1]),
    ("a: 1\n{{- if x }}\nb: 2\n  {{ end }}\n{{ include \"t\" . }}", [2, 4, 5]),
    ("\n\n\n\n\n\n\n\n\n{{ x }}\n{{ y }}\n", [10, 11]),
])
def test_directive_lines_are_numbered_from_the_text(text: str, lines: list[int]) -> None:
    _, directives = templated.neutralize(text)
    assert [d.line for d in directives] == lines
