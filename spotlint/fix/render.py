"""Writing one scalar the way its neighbours are written.

A new value copies the quoting of the scalar it replaces or of its siblings,
but a string must stay a string: plain ``true`` or ``4`` would become a boolean
or a number, which the Kubeflow operator rejects in ``sparkConf`` (a map of
strings). Whether a plain scalar stays a string is asked of both YAML 1.1
(libyaml/PyYAML, what spotlint and most Kubernetes tooling read) and YAML 1.2
(ruamel), and it must be a string for both.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

import yaml

_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9_./@%+-][A-Za-z0-9_./@%+:=-]*$")


try:  # pragma: no branch - libyaml is present on every supported platform wheel
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@lru_cache(maxsize=4096)
def _plain_is_string(text: str) -> bool:
    """Memoized: a run writes the same few values (``spot``, ``true``...) many times,
    and each answer costs two YAML readers."""
    if not _PLAIN_SAFE.match(text) or text.endswith(":"):
        return False
    from ruamel.yaml import YAML

    try:
        v11 = yaml.load(text, Loader=_Loader)
        v12 = YAML(typ="safe", pure=True).load(text)
    except Exception:
        return False
    return bool(v11 == text and v12 == text)


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
    return json.dumps(value, ensure_ascii=False)


def json_scalar(value: str | bool | int) -> str:
    return json.dumps(value, ensure_ascii=False)


def as_text(value: str | bool | int) -> str:
    """The value as Spark reads it from a ``.conf`` line or a ``--conf`` item."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
