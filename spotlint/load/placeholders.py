"""Recognize template placeholders, which make a value unknown rather than wrong.

Real configuration is templated by Helm, Terraform, envsubst and shell scripts, so a
value such as ``${CAPACITY}`` or ``{{ .Values.spot }}`` must never be reported as
a type error or a bad label value.
"""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(
    r"\$\{[^}\n]{0,200}\}"  # ${VAR}, ${var.x}
    r"|\$[A-Za-z_][A-Za-z0-9_]*"  # $VAR
    r"|\{\{[^\n]{0,200}?\}\}"  # {{ .Values.x }}
    r"|\{%[^\n]{0,200}?%\}"  # {% if %}
    r"|%\{[^}\n]{0,200}\}"  # %{ if } (Terraform)
    r"|<<?[A-Za-z0-9_.\- ]{1,80}>>?"  # <bucket>, <<bucket>>
    r"|\{[A-Za-z_][A-Za-z0-9_]*\}"  # {PLACEHOLDER}
    r"|\$\(\s*[A-Za-z_]"  # $(command) in shell
)


def has_placeholder(text: str) -> bool:
    """True if ``text`` is or contains a template placeholder.

    Every repetition in the pattern is bounded, so the scan stays linear even on
    hostile strings made of thousands of ``{`` or ``<``.
    """
    return ("$" in text or "{" in text or "<" in text or "%" in text) and bool(
        _PLACEHOLDER.search(text)
    )


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every placeholder in ``text``, in order."""
    if not ("$" in text or "{" in text or "<" in text or "%" in text):
        return []
    return [m.span() for m in _PLACEHOLDER.finditer(text)]
