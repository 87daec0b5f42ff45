"""The located, stamped result of running a rule."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from operator import attrgetter

from spotlint.load.textpos import LineIndex
from spotlint.location import Location
from spotlint.rule import Fix, Severity
from spotlint.value import FrozenValue, Value, frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_set = object.__setattr__


@frozen
class Suppression(FrozenValue):
    """Why a finding was not counted: an inline comment, an annotation, a baseline."""

    kind: str
    justification: str

    def __init__(
        self,
        kind: str,
        justification: str = "",
    ) -> None:
        _set(self, "kind", kind)
        _set(self, "justification", justification)


@frozen
class Finding(FrozenValue):
    """One reported problem. Slotted, its fields set through their slots: a run makes
    thousands (each process of a split run stamps, suppresses and places fixes on its
    own, and the parent unpickles the child's), and each carried a dictionary."""

    __slots__ = ("code", "fingerprint", "fix", "location", "message", "name", "related",
                 "severity", "suppression")

    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    related: tuple[Location, ...]
    fix: Fix | None
    fingerprint: str
    suppression: Suppression | None

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        message: str,
        location: Location,
        related: tuple[Location, ...] = (),
        fix: Fix | None = None,
        fingerprint: str = "",
        suppression: Suppression | None = None,
    ) -> None:
        _set_code(self, code)
        _set_name(self, name)
        _set_severity(self, severity)
        _set_message(self, message)
        _set_location(self, location)
        _set_related(self, related)
        _set_fix(self, fix)
        _set_fingerprint(self, fingerprint)
        _set_suppression(self, suppression)

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        """Pickled by its fields (a slotted frozen value refuses the default's setattr)."""
        return (Finding, _FINDING_FIELDS(self))

    def with_fix(self, fix: Fix | None) -> Finding:
        """``replace(self, fix=fix)`` without a dictionary of the fields and a call by
        keywords (placing fixes replaces every finding that has one)."""
        return Finding(self.code, self.name, self.severity, self.message, self.location,
                       self.related, fix, self.fingerprint, self.suppression)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.col, self.code, self.message)


(_set_code, _set_name, _set_severity, _set_message, _set_location, _set_related, _set_fix,
 _set_fingerprint, _set_suppression) = (Finding.__dict__[name].__set__ for name in Finding.FIELDS)
_FINDING_FIELDS = attrgetter(*Finding.FIELDS)


#: :attr:`Finding.sort_key` as a key function made in C (sorting a report's findings
#: calls it once per finding; the property is a Python call and a tuple built there).
SORT_KEY: Callable[[Finding], tuple[str, int, int, str, str]] = attrgetter(
    "location.path", "location.line", "location.col", "code", "message")


class Fingerprinter(Value):
    """Stable identity of a finding that survives unrelated lines added above it.

    The hash covers the rule, the file, the stripped text of the finding's line
    and the message, plus an occurrence counter for identical lines: moving the
    line keeps the fingerprint; editing it changes it.
    """

    #: Lines per file (not a list of lines: a hostile file may have millions).
    lines_of: dict[str, LineIndex | NewlineCursor]
    counts: dict[str, int]

    def __init__(
        self,
        lines_of: dict[str, LineIndex | NewlineCursor] | None = None,
        counts: dict[str, int] | None = None,
    ) -> None:
        self.lines_of = {} if lines_of is None else lines_of
        self.counts = {} if counts is None else counts
        #: the lines of the file fingerprinted last, split at ``\n`` in C (one string a
        #: line): findings come a file at a time, ~2 to a file, ~30 lines down, and
        #: walking to each with ``str.find`` was half of fingerprinting. Split only as
        #: far as a finding has asked (``str.split``'s ``maxsplit``; the lines after a
        #: file's last finding were about half of them): while ``_cut``, the last item
        #: is the rest of the text, unsplit. One file's only (held until the next
        #: file's), and small files' only.
        self._path: str | None = None
        self._lines: list[str] = []
        self._cut = False

    def __call__(self, code: str, message: str, loc: Location, text: str | None) -> str:
        path = loc.path
        number = loc.line
        if path != self._path:
            text = text or ""
            if len(text) <= _SPLIT_MAX and "\r" not in text:
                cut = number if number > 0 else 0
                self._path, self._lines = path, text.split("\n", cut)
                self._cut = len(self._lines) > cut
        if path == self._path:
            lines = self._lines
            if self._cut and number >= len(lines):
                # Line ``number`` lies in the rest: split it on, at least as many lines
                # again as split so far (a file's findings far apart copy the rest a
                # few times, not once each).
                rest = lines.pop()
                cut = number - len(lines)
                if cut < len(lines):
                    cut = len(lines)
                more = rest.split("\n", cut)
                lines += more
                self._cut = len(more) > cut
            line = lines[number - 1] if 0 < number <= len(lines) else ""
        else:  # a large file, or one with other line breaks: read up to the line
            found = self.lines_of.get(path)
            if found is None:
                text = text or ""
                found = NewlineCursor(text) if "\r" not in text else LineIndex(text)
                self.lines_of[path] = found
            line = found.line(loc.line)
        line_text = "".join(line.split())
        base = sha256_hex(
            "\x00".join((code, loc.path, line_text, message)).encode("utf-8", "replace")
        )[:16]
        occurrence = self.counts.get(base, 0)
        self.counts[base] = occurrence + 1
        return f"{base}:{occurrence}"


#: Texts up to this many characters are split into lines (see Fingerprinter).
_SPLIT_MAX = 1 << 18


class NewlineCursor:
    """:meth:`LineIndex.line` of a text whose only line break is ``\n``, read from a
    cursor: a file's findings are fingerprinted in line order, so each line is
    reached by searching on from the one before (one ``str.find`` per line passed)
    instead of reading the line starts ahead in blocks of 64 (a match object each).
    """

    __slots__ = ("_at", "_line", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._line = 1  # the cursor: a line's number and where it starts
        self._at = 0

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) without its line break; "" when out of range."""
        if number < 1:
            return ""
        if number < self._line:
            self._line, self._at = 1, 0
        text = self.text
        find = text.find
        line, at = self._line, self._at
        while line < number:
            found = find("\n", at)
            if found < 0:
                self._line, self._at = line, at
                return ""  # past the last line
            line, at = line + 1, found + 1
        self._line, self._at = line, at
        end = find("\n", at)
        return text[at : end if end >= 0 else len(text)]


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data`` in hex, without loading OpenSSL when CPython has its own.

    ``hashlib`` loads OpenSSL's ``_hashlib`` on import (~2.4 ms, a few percent
    of a one-file check); CPython's built-in SHA-256 module (``_sha256`` up to
    3.11, ``_sha2`` since 3.12, what ``hashlib`` itself falls back to) gives the
    same digest. The module is looked up once per process: Python does not
    remember a failed import, so trying ``_sha2`` on 3.11 for every finding
    searched ``sys.path`` each time (about 0.1 s of a 4,000-file run).
    """
    if not _SHA256:
        _SHA256.append(_sha256_constructor())
    digest: str = _SHA256[0](data).hexdigest()
    return digest


#: The SHA-256 constructor :func:`sha256_hex` uses, found on its first call.
_SHA256: list[Any] = []


def _sha256_constructor() -> Any:
    for name in ("_sha2", "_sha256"):  # part of CPython itself (sys.stdlib_module_names)
        try:
            module: Any = importlib.import_module(name)
        except ImportError:
            continue
        return module.sha256
    import hashlib

    return hashlib.sha256
