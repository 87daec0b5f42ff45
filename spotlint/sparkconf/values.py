"""Spark's own value parsing, so spotlint rejects exactly what Spark rejects.

Typed confs in Spark are read with ``ConfigBuilder`` helpers: booleans are
``trim`` + case-insensitive ``true``/``false`` (``yes``/``1`` fail), numbers go
through Java's parsers after ``trim``, times and sizes through
``JavaUtils.timeStringAs``/``byteStringAs`` (integer with an optional suffix;
a bare number uses the entry's default unit). ``effective_bool`` answers "is
this switch on for this job", applying the default of the job's Spark version
when the key is absent.
"""

from __future__ import annotations

import re
from functools import cache

from spotlint.model import Job, SparkVersion
from spotlint.sparkconf.catalog import ConfSpec, lookup

_INT_RE = re.compile(r"^[+-]?[0-9]+$")
_DOUBLE_RE = re.compile(
    r"^[+-]?(NaN|Infinity|(([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?)[fFdD]?)$"
)
_TIME_RE = re.compile(r"^(-?[0-9]+)([a-z]+)?$")
_SIZE_RE = re.compile(r"^([0-9]+)([a-z]+)?$")
_FRACTION_RE = re.compile(r"^([0-9]+\.[0-9]+)([a-z]+)?$")
_QUANTITY_RE = re.compile(
    r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$"
)

#: Microseconds per time suffix (``m`` is minutes, as in Spark).
TIME_UNITS_US = {
    "us": 1,
    "ms": 1_000,
    "s": 1_000_000,
    "m": 60_000_000,
    "min": 60_000_000,
    "h": 3_600_000_000,
    "d": 86_400_000_000,
}
#: Bytes per size suffix (binary multiples).
SIZE_UNITS = {
    "b": 1,
    "k": 1 << 10, "kb": 1 << 10,
    "m": 1 << 20, "mb": 1 << 20,
    "g": 1 << 30, "gb": 1 << 30,
    "t": 1 << 40, "tb": 1 << 40,
    "p": 1 << 50, "pb": 1 << 50,
}
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
LONG_MIN, LONG_MAX = -(2**63), 2**63 - 1


def parse_bool(text: str) -> bool | None:
    """``true``/``false`` in any case, after trimming; None for anything else."""
    value = text.strip().lower()
    if value == "true":
        return True
    if value == "false":
        return False
    return None


#: More significant digits than any Java ``long`` has: out of range without converting
#: (Python refuses to convert 4,301 digits or more, and it would be slow anyway).
_MAX_DIGITS = 19


def _too_long(digits: str) -> bool:
    return len(digits.lstrip("+-").lstrip("0")) > _MAX_DIGITS


def _parse_integer(text: str, low: int, high: int) -> int | None:
    value = text.strip()
    if not _INT_RE.match(value) or _too_long(value):
        return None
    number = int(value)
    return number if low <= number <= high else None


def parse_int(text: str) -> int | None:
    """A 32-bit integer as Java's ``Integer.parseInt`` reads it after ``trim``."""
    return _parse_integer(text, INT_MIN, INT_MAX)


def parse_long(text: str) -> int | None:
    return _parse_integer(text, LONG_MIN, LONG_MAX)


def parse_double(text: str) -> float | None:
    """A double as ``Double.parseDouble`` reads it (``1e3``, ``0.5d``, ``NaN``)."""
    value = text.strip()
    if not _DOUBLE_RE.match(value):
        return None
    return float(value.rstrip("fFdD"))


def parse_time_us(text: str, default_unit: str = "ms") -> int | None:
    """A time string in microseconds; a bare number is in ``default_unit``.

    Spark lowercases the string, so ``10MIN`` is valid; fractions (``1.5s``) and
    unknown suffixes (``10sec``) are rejected.
    """
    m = _TIME_RE.match(text.strip().lower())
    if not m:
        return None
    unit = m.group(2) or default_unit
    factor = TIME_UNITS_US.get(unit)
    if factor is None or _too_long(m.group(1)):
        return None
    return int(m.group(1)) * factor


def parse_size_bytes(text: str, default_unit: str = "b") -> int | None:
    """A size string in bytes; a bare number is in ``default_unit``. No fractions."""
    value = text.strip().lower()
    m = _SIZE_RE.match(value)
    if not m:
        return None
    factor = SIZE_UNITS.get(m.group(2) or default_unit)
    if factor is None or _too_long(m.group(1)):
        return None
    return int(m.group(1)) * factor


def is_quantity(text: str) -> bool:
    """A Kubernetes resource quantity (``500Gi``, ``1.5G``, ``100M``)."""
    return bool(_QUANTITY_RE.match(text.strip()))


#: (type, unit, text) -> :func:`type_error`'s answer. SL210 asks it of every known conf
#: value of every job, and jobs repeat their values (``4g``, ``true``, ``120s``): each is
#: parsed once. Bounded: beyond it, answers are computed.
_PROBLEMS: dict[tuple[str, str | None, str], str | None] = {}
_PROBLEMS_KEPT = 1 << 13


def type_error(spec: ConfSpec, text: str) -> str | None:
    """Why Spark (or Kubernetes) would reject ``text`` for ``spec``; None if it parses."""
    memo = (spec.type, spec.unit, text)
    if memo in _PROBLEMS:
        return _PROBLEMS[memo]
    found = _type_error(spec.type, spec.unit, text)
    if len(_PROBLEMS) < _PROBLEMS_KEPT and len(text) <= 200:
        _PROBLEMS[memo] = found
    return found


#: The types whose values :func:`type_error` parses: a value of any other type (a
#: ``string``) is never rejected, which SL210 knows without reading the value.
PARSED_TYPES = frozenset({"boolean", "int", "long", "double", "time", "size", "quantity"})


def _type_error(kind: str, unit: str | None, text: str) -> str | None:
    if kind == "boolean":
        return None if parse_bool(text) is not None else "should be true or false"
    if kind == "int":
        return None if parse_int(text) is not None else "should be an integer"
    if kind == "long":
        return None if parse_long(text) is not None else "should be an integer"
    if kind == "double":
        return None if parse_double(text) is not None else "should be a number"
    if kind == "time":
        if parse_time_us(text, unit or "ms") is not None:
            return None
        return f"should be a time such as 30s, 10min or a bare number of {unit or 'ms'}"
    if kind == "size":
        lowered = text.strip().lower()
        if _FRACTION_RE.match(lowered):
            return "should be a whole size; Spark rejects fractions (write 1536m, not 1.5g)"
        if parse_size_bytes(text, unit or "b") is not None:
            return None
        return "should be a size such as 32k, 512m or 2g"
    if kind == "quantity":
        return None if is_quantity(text) else "should be a Kubernetes quantity such as 100Gi"
    return None


@cache
def _scheme() -> re.Pattern[str]:
    """A URI's scheme (compiled when first asked: only a path ending in a placeholder asks)."""
    return re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def lacks_trailing_slash(text: str) -> bool | None:
    """Does a path end without ``/``? None when a placeholder decides (``s3://b/${DIR}``).

    A placeholder never hides what does not depend on it: ``s3://b/${DIR}/x``
    ends with ``x`` whatever ``DIR`` is. One that fills the host of a URI and
    ends it (``s3://<<bucket>>``, ``s3://${BUCKET}``) stands for a bucket or
    host name, which holds no ``/``: the path is still empty.
    """
    from spotlint.load.placeholders import placeholder_spans

    text = text.strip()
    spans = placeholder_spans(text)
    if not spans or spans[-1][1] < len(text):
        return bool(text) and not text.endswith("/")
    start = spans[-1][0]
    scheme = _scheme().match(text)
    if scheme is not None and start >= scheme.end() and "/" not in text[scheme.end() : start]:
        return True
    return None


def effective_text(job: Job, key: str) -> str | None:
    """The value that takes effect: the job's setting, else the version's default.

    Returns None when the setting is a placeholder (could be anything) or the key
    is unset with no default.
    """
    setting = job.conf.get(key)
    if setting is not None:
        return None if setting.unknown else setting.text
    return _default(key, job.version)[0]


def effective_bool(job: Job, key: str) -> bool | None:
    """Whether a boolean conf is on for this job; None when it cannot be known.

    An absent key takes the catalog default for the job's Spark version (unknown
    version: the newest default). A placeholder or a value Spark would reject
    gives None ("could be anything").
    """
    setting = job.conf.get(key)
    if setting is not None:
        return None if setting.unknown else parse_bool(setting.text)
    return _default(key, job.version)[1]


#: (key, version) -> the default in force and it read as a boolean. Rules ask every
#: job about the same few switches, mostly unset, and versions repeat: the catalog's
#: answer is found once per key and version. Bounded: beyond it, answers are computed.
_DEFAULTS: dict[tuple[str, int, int, int] | str, tuple[str | None, bool | None]] = {}
_DEFAULTS_KEPT = 1 << 12


def _default(key: str, version: SparkVersion | None) -> tuple[str | None, bool | None]:
    memo = key if version is None else (key, version.major, version.minor, version.patch)
    found = _DEFAULTS.get(memo)
    if found is None:
        spec = lookup(key)
        text = spec.default_for(version) if spec is not None else None
        found = (text, parse_bool(text) if text is not None else None)
        if len(_DEFAULTS) < _DEFAULTS_KEPT:
            _DEFAULTS[memo] = found
    return found


def is_set_true(job: Job, key: str) -> bool:
    """The job itself sets ``key`` to true (ignoring defaults)."""
    setting = job.conf.get(key)
    return setting is not None and not setting.unknown and parse_bool(setting.text) is True
