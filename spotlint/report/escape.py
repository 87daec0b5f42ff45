"""Text from input made safe to print: no terminal control, no forged lines, no encode errors.

Finding messages quote values and paths from the scanned files, which may be
hostile. Printed raw, an ESC or OSC sequence recolours or retitles the
terminal, hides text or writes a link; a newline starts what looks like a new
finding; a right-to-left override (U+202E) makes ``txt.exe`` read as
``exe.txt``; and a file name that is not valid UTF-8 (decoded by Python to lone
surrogates) makes writing the report fail. :func:`printable` turns each such
character into a visible escape, so every line-oriented output (text, GitHub
annotations, JUnit, GitLab descriptions, messages on stderr) shows exactly one
finding per line and nothing else. :func:`json_text` keeps JSON outputs valid
and encodable without losing anything.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: C0 controls (newline and tab included), DEL, C1 controls (0x9B is a one-byte CSI),
#: line/paragraph separators, bidirectional controls (embeddings, overrides,
#: isolates, marks) and lone surrogates.
_UNSAFE = (
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}
_SURROGATE = "[\ud800-\udfff]"


# The two patterns are compiled when first used (~1 ms together, at start-up before
# a split run's fork otherwise): a JSON or SARIF run of clean text uses neither.
@cache
def _unsafe() -> re.Pattern[str]:
    return re.compile(_UNSAFE)


@cache
def _surrogate() -> re.Pattern[str]:
    return re.compile(_SURROGATE)


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control, bidi control and lone surrogate shown as an escape.

    ``\\n``, ``\\r``, ``\\t`` and ``\\e`` (ESC) are spelt as in C; the bytes of a
    non-UTF-8 file name as ``\\xNN``; everything else as ``\\xNN`` or ``\\uNNNN``.
    Printable text, including non-ASCII letters, is unchanged.
    """
    if text.isprintable():  # no control, format character or surrogate: none to escape
        return text
    unsafe = _unsafe()
    return unsafe.sub(_escape, text) if unsafe.search(text) else text


def json_text(document: Any, indent: int | None = 2) -> str:
    """``json.dumps`` that stays valid UTF-8: lone surrogates become ``\\uXXXX`` escapes.

    A :class:`~spotlint.report.json_indent.Stream` in ``document`` is written as
    the list of its items. ``ensure_ascii=False`` keeps non-ASCII readable, but
    leaves a lone surrogate (a JSON ``\\ud800`` escape in a scanned file, a
    non-UTF-8 file name) as a character no UTF-8 writer can encode. Surrogates
    can only occur inside JSON strings, so escaping them there gives the same
    JSON value back.
    """
    return "".join(json_chunks(document, indent))


def json_chunks(document: Any, indent: int | None = 2) -> list[str]:
    """:func:`json_text` in consecutive pieces (a surrogate is one character, so
    escaping each piece escapes the whole text)."""
    from spotlint.report.json_indent import dumps_indented_chunks, plain

    if indent is None:
        chunks = [json.dumps(document, ensure_ascii=False, default=plain)]
    else:  # the standard encoder indents in pure Python; this writer is faster, same text
        chunks = dumps_indented_chunks(document, indent)
    for at, chunk in enumerate(chunks):
        # isascii() is answered without a scan (str knows its widest character); a
        # chunk that is not ASCII (a rule's text with an ellipsis makes a SARIF log's
        # first megabytes one) is encoded, which fails only on a lone surrogate and
        # takes a fifth of a regular expression's search
        if not chunk.isascii() and not _encodes(chunk):
            chunks[at] = _surrogate().sub(lambda m: f"\\u{ord(m.group(0)):04x}", chunk)
    return chunks


def _encodes(text: str) -> bool:
    """``text`` holds no lone surrogate (it encodes as UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def write_stdout(text: str) -> None:
    """Write ``text`` to stdout; characters its encoding lacks are written as escapes.

    Reports are already escaped (:func:`printable`, :func:`json_text`), but stdout may
    be a terminal or pipe with a narrow encoding (``LANG=C`` on an old system):
    a report is never lost to a ``UnicodeEncodeError``.
    """
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        stream.flush()
        stream.buffer.write(text.encode(encoding, "backslashreplace"))
    stream.flush()
