"""Writing one scalar the way its neighbours are written.

A new value copies the quoting of the scalar it replaces or of its siblings,
but a string must stay a string: plain ``true`` or ``4`` would become a boolean
or a number, which the Kubeflow operator rejects in ``sparkConf`` (a map of
strings). Whether a plain scalar stays a string is asked of both YAML 1.1
(libyaml/PyYAML, what spotlint and most Kubernetes tooling read) and YAML 1.2
(the types of the YAML 1.2 core schema as ruamel.yaml resolves them, which is
what ``--fix`` verifies its edits with), and it must be a string for both.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from json.encoder import encode_basestring

import yaml

_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9_./@%+-][A-Za-z0-9_./@%+:=-]*$")


try:  # pragma: no branch - libyaml is present on every supported platform wheel
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


#: YAML 1.2's implicit types of a plain scalar, as ruamel.yaml's resolver for
#: version 1.2 has them (``ruamel.yaml.resolver.implicit_resolvers``): the first
#: characters a pattern applies to, and the pattern (verbose syntax). A scalar
#: that none matches is a string. Kept here so that writing a fix for JSON or
#: SARIF output does not import ruamel.yaml (10 ms) only to ask this;
#: ``tests/fix/test_render_yaml12.py`` holds the table to ruamel's own answers.
_YAML12_TYPES: tuple[tuple[str, str], ...] = (
    ("tTfF", r"true|True|TRUE|false|False|FALSE"),  # bool
    ("-+0123456789.", r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN)"""),  # float
    ("-+0123456789", r"""[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+"""),  # int
    ("<", r"<<"),  # merge
    ("~nN", r"~|null|Null|NULL"),  # null
    ("0123456789", r"""[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?"""),  # timestamp
    ("=", r"="),  # value
    ("!&*", r"!|&|\*"),  # yaml
)


@cache
def _yaml12_typed(first: str) -> re.Pattern[str] | None:
    """The YAML 1.2 types a plain scalar starting with ``first`` may have, as one pattern."""
    patterns = [f"(?:{pattern})" for chars, pattern in _YAML12_TYPES if first in chars]
    return re.compile("^(?:" + "|".join(patterns) + ")$", re.X) if patterns else None


def yaml12_is_string(text: str) -> bool:
    """A non-empty plain scalar ``text`` is a string in YAML 1.2 (ruamel.yaml's resolver)."""
    typed = _yaml12_typed(text[0])
    return typed is None or typed.match(text) is None


@lru_cache(maxsize=4096)
def _plain_is_string(text: str) -> bool:
    """Memoized: a run writes the same few values (``spot``, ``true``...) many times."""
    if not _PLAIN_SAFE.match(text) or text.endswith(":"):
        return False
    try:
        v11 = yaml.load(text, Loader=_Loader)
    except Exception:
        return False
    return bool(v11 == text and yaml12_is_string(text))


def yaml_scalar(value: str | bool | int, style: str | None) -> str:
    """``value`` as a YAML scalar in ``style`` (None: plain when that keeps the type)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if style is None and _plain_is_string(value):
        return value
    return encode_basestring(value)


def json_scalar(value: str | bool | int) -> str:
    """``json.dumps(value, ensure_ascii=False)``; a string straight through the
    encoder's C function (what ``dumps`` calls for one, without making an encoder)."""
    if isinstance(value, str):
        return encode_basestring(value)
    return json.dumps(value, ensure_ascii=False)


def as_text(value: str | bool | int) -> str:
    """The value as Spark reads it from a ``.conf`` line or a ``--conf`` item."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
