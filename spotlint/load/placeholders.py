"""Recognize template placeholders, which make a value unknown rather than wrong.

Real configuration is templated by Helm, Terraform, envsubst and shell scripts, so a
value such as ``${CAPACITY}`` or ``{{ .Values.spot }}`` must never be reported as
a type error or a bad label value.
"""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(
    r"\$\{[^}]*\}"  # ${VAR}, ${var.x}
    r"|\$[A-Za-z_][A-Za-z0-9_]*"  # $VAR
    r"|\{\{.*?\}\}"  # {{ .Values.x }}
    r"|\{%.*?%\}"  # {% if %}
    r"|%\{[^}]*\}"  # %{ if } (Terraform)
    r"|<<?[A-Za-z0-9_.\- ]+>>?"  # <bucket>, <<bucket>>
    r"|\{[A-Za-z_][A-Za-z0-9_]*\}"  # {PLACEHOLDER}
    r"|\$\(\s*[A-Za-z_]"  # $(command) in shell
    , re.DOTALL,
)


def has_placeholder(text: str) -> bool:
    """True if ``text`` is or contains a template placeholder."""
    return ("$" in text or "{" in text or "<" in text or "%" in text) and bool(
        _PLACEHOLDER.search(text)
    )
