"""Markdown guides: the fenced code blocks spotlint can read, as embedded documents.

Guides and READMEs are where much Spark-on-Spot configuration lives, and where
people copy it from. A fenced block (CommonMark: a line of three or more
backticks or tildes, up to the closing fence of the same character and at least
the same length) whose info string names a format spotlint reads is loaded as a
document of that format, positioned in the ``.md`` file:

==========================================  ======================
info string (first word, any case)          read as
==========================================  ======================
``yaml``, ``yml``                           YAML (several ``---`` documents too)
``json``                                    JSON
``sh``, ``bash``, ``shell``, ``console``    a shell script
``properties``, ``conf``                    ``spark-defaults.conf`` properties
==========================================  ======================

A fence indented inside a list item has that indentation removed from its lines,
as CommonMark does. In ``console`` blocks (and shell blocks whose first command
line starts with a ``$`` prompt) only command lines are kept, without their
``$ `` prompt, with their ``\\`` continuation lines (a leading ``> `` prompt
removed) and the here-documents they open; output lines are dropped. A block
whose text mentions nothing spotlint reads is skipped before parsing, as a file
found by walking would be.

Suppression: an HTML comment ``<!-- spotlint: ignore SL201 reason -->`` on the
line(s) before a block covers the whole block (rule codes and names first,
then the reason; ``--`` may separate them); ``<!-- spotlint: ignore-file ... -->``
covers the guide. ``# spotlint: ignore`` comments inside YAML and shell blocks
work as in any file.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator

from spotlint.load.base import Limits, LoadedFile, LoadError
from spotlint.load.embedded import Reader, load_embedded
from spotlint.load.textpos import LINE_BREAK, LineIndex, SegmentMap, SourceText
from spotlint.value import FrozenValue, frozen

_set = object.__setattr__

#: Info-string words and the format their block is read as.
TAGS = {
    "yaml": "yaml",
    "yml": "yaml",
    "json": "json",
    "sh": "shell",
    "bash": "shell",
    "shell": "shell",
    "console": "shell",
    "properties": "properties",
    "conf": "properties",
}
_PROMPT = re.compile(r"(\s*)\$ ")
_CONTINUATION_PROMPT = re.compile(r"(\s*)> ")
_HEREDOC = re.compile(r"(?<!<)<<(?!<)-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1")
_COMMENT = re.compile(r"<!--[ \t]*spotlint:[ \t]*(ignore-file|ignore)\b([^\r\n]*?)-->")
_SELECTOR = re.compile(r"^(?:[A-Za-z]+[0-9]+|[a-z0-9]+(?:-[a-z0-9]+)+|until=\S+)$")


def has_fence(data: bytes) -> bool:
    """The cheap test for files found by walking: without a fence there is nothing to read."""
    return b"```" in data or b"~~~" in data


@frozen
class Block(FrozenValue):
    """A fenced code block: its info word, indentation, lines, and where its body is.

    ``body_start``/``body_end`` are offsets of the text between the fences;
    ``first`` and ``last`` are the line numbers of the opening fence and of the
    closing one (the last line of the text when the fence is never closed).
    """

    tag: str
    indent: int
    first: int
    last: int
    body_start: int
    body_end: int

    def __init__(
        self, tag: str, indent: int, first: int, last: int, body_start: int, body_end: int,
    ) -> None:
        _set(self, "tag", tag)
        _set(self, "indent", indent)
        _set(self, "first", first)
        _set(self, "last", last)
        _set(self, "body_start", body_start)
        _set(self, "body_end", body_end)

    def lines(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) offsets of each body line, line breaks left out."""
        start = self.body_start
        for brk in LINE_BREAK.finditer(text, self.body_start, self.body_end):
            yield start, brk.start()
            start = brk.end()
        if start < self.body_end:
            yield start, self.body_end


_FENCE_LINE = re.compile(r"(?m)^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>[^\r\n]*)")


def _info_word(info: str) -> str:
    word = info.strip().split(None, 1)[0] if info.strip() else ""
    word = word.strip("{}").lstrip(".").split(":", 1)[0].split(",", 1)[0]
    return word.lower()


def blocks(text: str) -> list[Block]:
    """Every fenced code block of ``text``, in order (an unclosed one runs to the end)."""
    return list(iter_blocks(text))


def iter_blocks(text: str, lines: LineIndex | None = None) -> Iterator[Block]:
    """The fenced code blocks of ``text`` one by one (see :func:`blocks`).

    Only lines that look like fences are visited (one regular-expression scan),
    so a long guide costs little more than reading it, and a hostile one made of
    fences is never held as a list.
    """
    lines = lines or LineIndex(text)
    opened: re.Match[str] | None = None
    body_start = 0
    for match in _FENCE_LINE.finditer(text):
        fence, info = match.group("fence"), match.group("info")
        if opened is None:
            if fence[0] == "`" and "`" in info:
                continue  # an inline code span, not a fence
            opened = match
            brk = LINE_BREAK.match(text, match.end())
            body_start = brk.end() if brk else match.end()
            continue
        start = opened.group("fence")
        if fence[0] == start[0] and len(fence) >= len(start) and not info.strip():
            yield Block(_info_word(opened.group("info")), len(opened.group("indent")),
                        lines.line_at(opened.start()), lines.line_at(match.start()),
                        body_start, max(match.start() - _break_before(text, match.start()),
                                        body_start))
            opened = None
    if opened is not None:
        yield Block(_info_word(opened.group("info")), len(opened.group("indent")),
                    lines.line_at(opened.start()), len(lines), body_start, len(text))


def _break_before(text: str, index: int) -> int:
    """Length of the line break just before ``index`` (0 at the start of the text)."""
    if text.startswith("\r\n", index - 2):
        return 2
    return 1 if index > 0 and text[index - 1] in "\r\n" else 0


def _body_text(text: str, block: Block, console: bool) -> tuple[str, SegmentMap]:
    """The block's text (indentation and prompts removed) and where each run came from."""
    parts: list[str] = []
    mapping = SegmentMap()
    size = 0
    continuing = False
    heredoc: str | None = None
    for line_start, line_end in block.lines(text):
        raw = text[line_start:line_end]
        start = line_start + min(block.indent, len(raw) - len(raw.lstrip(" ")))
        raw = text[start:line_end]
        if console:
            prompt = (_CONTINUATION_PROMPT if heredoc is not None or continuing
                      else _PROMPT).match(raw)
            if prompt is not None:
                start, raw = start + prompt.end(), raw[prompt.end() :]
            elif heredoc is None and not continuing:
                continue  # command output
            if heredoc is not None:
                if raw.strip() == heredoc:
                    heredoc = None
            else:
                opened = _HEREDOC.search(raw)
                heredoc = opened.group(2) if opened is not None else None
                continuing = heredoc is None and raw.rstrip().endswith("\\")
        mapping.add(size, start)
        parts.append(raw)
        parts.append("\n")
        size += len(raw) + 1
    return "".join(parts), mapping


def _is_console(text: str, block: Block) -> bool:
    if block.tag == "console":
        return True
    for start, end in block.lines(text):
        raw = text[start:end].strip()
        if raw and not raw.startswith("#"):
            return _PROMPT.match(raw) is not None
    return False


def _relevant(fmt: str, body: str) -> bool:
    from spotlint.load.prefilter import is_relevant

    data = body.encode("utf-8", "surrogatepass")
    if fmt == "properties":
        return b"spark." in data
    return is_relevant(data)


def load_markdown_text(path: str, text: str, limits: Limits, reader: Reader) -> LoadedFile:
    """A guide as a file with no documents of its own and one embedded piece per block.

    ``reader`` loads one block's text by format (:func:`spotlint.load.files.load_text`).
    """
    loaded = LoadedFile(path=path, text=text, fmt="markdown", self_contained=True)
    if "```" not in text and "~~~" not in text:
        return loaded
    source: SourceText | None = None
    for block in iter_blocks(text):
        fmt = TAGS.get(block.tag)
        if fmt is None or block.body_end <= block.body_start:
            continue
        console = fmt == "shell" and _is_console(text, block)
        body, mapping = _body_text(text, block, console)
        if not body.strip() or not _relevant(fmt, body):
            continue
        if len(loaded.embedded) >= limits.max_documents:
            loaded.errors.append(LoadError(
                f"more than max-documents={limits.max_documents} embedded documents; "
                "those are not read", block.first, 1))
            break
        source = source or SourceText(path, text)
        origin = f"```{block.tag} block at line {block.first}"
        loaded.embedded.append(
            load_embedded(source, body, mapping, fmt, limits, origin, reader))
    return loaded


# -- suppression comments ----------------------------------------------------------------


@frozen
class Comment(FrozenValue):
    """A ``<!-- spotlint: ... -->`` comment and the lines it covers."""

    line: int
    col: int
    end_col: int
    scope: str
    selectors: tuple[str, ...]
    reason: str
    until: str
    first: int
    last: int

    def __init__(
        self, line: int, col: int, end_col: int, scope: str, selectors: tuple[str, ...],
        reason: str, until: str, first: int, last: int,
    ) -> None:
        _set(self, "line", line)
        _set(self, "col", col)
        _set(self, "end_col", end_col)
        _set(self, "scope", scope)
        _set(self, "selectors", selectors)
        _set(self, "reason", reason)
        _set(self, "until", until)
        _set(self, "first", first)
        _set(self, "last", last)


def split_body(body: str) -> tuple[tuple[str, ...], str, str]:
    """``SL201, decommission-disabled until=2027-01-01 reason words`` -> parts.

    Rule codes and names come first; the first word that is neither (or a
    ``--``) starts the reason, since HTML comments cannot hold ``--`` safely.
    """
    words = re.split(r"[\s,]+", body.strip())
    selectors: list[str] = []
    until = ""
    index = 0
    while index < len(words) and words[index] and _SELECTOR.match(words[index]):
        word = words[index]
        if word.startswith("until="):
            until = word[len("until="):]
        else:
            selectors.append(word)
        index += 1
    rest = words[index:]
    if rest and rest[0] == "--":
        rest = rest[1:]
    return tuple(selectors), until, " ".join(w for w in rest if w)


def comments(text: str) -> list[Comment]:
    """Every suppression comment of a guide, each with the lines of the block it precedes."""
    if "spotlint:" not in text:
        return []
    lines = LineIndex(text)
    found: list[Comment] = []
    matches = list(_COMMENT.finditer(text))
    if not matches:
        return []
    # First and last line of every block, as two arrays (a guide may hold many blocks).
    firsts, lasts = array("q"), array("q")
    for block in iter_blocks(text, lines):
        firsts.append(block.first)
        lasts.append(block.last)
    for match in matches:
        number = lines.line_at(match.start())
        index = bisect_right(firsts, number) - 1
        if index >= 0 and lasts[index] >= number:
            continue  # inside a block: the block's own text, not the guide's
        scope = "file" if match.group(1) == "ignore-file" else "block"
        selectors, until, reason = split_body(match.group(2))
        first, last = (1, len(lines)) if scope == "file" else _covered(
            lines, firsts, lasts, index + 1, number)
        line_start = lines.start(number)
        found.append(Comment(number, match.start() - line_start + 1, len(lines.line(number)),
                             scope, selectors, reason, until, first, last))
    return found


def _covered(lines: LineIndex, firsts: array[int], lasts: array[int], following: int,
             number: int) -> tuple[int, int]:
    """The block right below line ``number`` (blank lines and comments between), else that line."""
    if following < len(firsts):
        between = (lines.line(n).strip() for n in range(number + 1, firsts[following]))
        if all(not line or line.startswith("<!--") for line in between):
            return firsts[following], lasts[following]
    return number + 1, number + 1
