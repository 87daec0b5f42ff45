"""Read the commands of a shell script without running anything.

Spark jobs are often submitted from shell scripts: ``aws emr-containers
start-job-run`` with JSON arguments, or ``spark-submit --conf k=v``. To lint
them we need the *words* those commands receive, after shell quoting has been
undone, and for every character of a word the offset in the script it came
from, so a finding about a conf key inside a quoted JSON argument can point at
that key in the script.

This is a reader for the subset of POSIX shell that such scripts use: quoting
(``'...'``, ``"..."`` with backslash escapes, ``$'...'``), ``\\`` line
continuations, comments, command separators, redirections, here-documents and
command substitution (``$(cat <<EOF ... EOF)`` yields the here-document's body).
Expansions (``$X``, ``${X}``, ``$(cmd)``, backticks, arithmetic) are never
evaluated: they stay in the word as placeholder text and their span is recorded
as unknown. Nothing is executed and no file is opened here.
"""

from __future__ import annotations

import re
from array import array

from spotlint.value import Value

_BLANKS = " \t\r"
_METACHARS = " \t\r\n;&|()<>"
_SPECIAL_PARAMS = "#?@*!$-0123456789"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: Runs of characters with no special meaning in each context (copied in one step).
_PLAIN_UNQUOTED = re.compile(r"[^ \t\r\n;&|()<>'\"$`\\]+")
_PLAIN_DOUBLE = re.compile(r'[^"$`\\]+')
_PLAIN_HEREDOC = re.compile(r"[^$`\\]+")
_ANSI_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "f": "\f",
    "v": "\v",
}
#: Words that may precede the command name without being it.
_PREFIX_WORDS = {
    "then",
    "do",
    "else",
    "elif",
    "if",
    "while",
    "until",
    "!",
    "{",
    "time",
    "exec",
    "nohup",
    "command",
    "builtin",
    "env",
    "sudo",
}
_REDIRECT_OP = re.compile(r">>|>&|<&|>\||<>|>|<")
#: Characters left out of a substitution's placeholder name (``$(name)``).
_NOT_NAME = re.compile(r"[^A-Za-z0-9_.-]")
#: A variable assignment before the command name (``X=1 cmd``, ``PATH+=...``).
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\+?=")
#: Nesting of command substitutions we are willing to follow (hostile input stays bounded).
_MAX_NESTING = 32


#: ``array("q", range(n))`` for the longest span asked so far (up to :data:`_RAMP_CAP`):
#: a span's offsets are a slice of it, copied in one step, where building them from a
#: ``range`` converted every index (about 10x slower; most of a script's characters
#: are in such spans).
_RAMP: array[int] = array("q")
_NO_OFFSETS: array[int] = array("q")
_RAMP_CAP = 1 << 20


def _indices(begin: int, end: int) -> array[int]:
    """``array("q", range(begin, end))``."""
    if end > len(_RAMP):
        if end > _RAMP_CAP:
            return array("q", range(begin, end))
        _RAMP.extend(range(len(_RAMP), min(max(end, 2 * len(_RAMP), 4096), _RAMP_CAP)))
    return _RAMP[begin:end]


class Word:
    """One shell word after quote removal, with where each character came from.

    ``offsets[i]`` is the script index of ``text[i]``; ``unknown`` lists
    ``(begin, end)`` spans of ``text`` that stand for an expansion whose value
    the script does not state. ``start``/``end`` delimit the word in the script.
    Text is collected in pieces and joined on demand, so building a long word
    (a big here-document) stays linear; offsets are a machine-integer array (8
    bytes a character rather than ~36 for a list of ints), so a hostile
    multi-megabyte word stays within a bounded amount of memory.
    """

    __slots__ = ("_joined", "_parts", "end", "offsets", "start", "unknown")

    def __init__(
        self,
        text: str = "",
        offsets: array[int] | None = None,
        unknown: list[tuple[int, int]] | None = None,
        start: int = 0,
        end: int = 0,
    ) -> None:
        self._parts: list[str] = [text] if text else []
        self._joined: str | None = text
        # (a copy of an empty array: ``array("q")`` parses its arguments at every word)
        self.offsets: array[int] = offsets if offsets is not None else _NO_OFFSETS[:]
        self.unknown: list[tuple[int, int]] = unknown if unknown is not None else []
        self.start = start
        self.end = end

    @property
    def text(self) -> str:
        if self._joined is None:
            self._joined = "".join(self._parts)
            self._parts = [self._joined]
        return self._joined

    def __repr__(self) -> str:
        return f"Word({self.text!r} @ {self.start})"

    def add(self, text: str, offset: int) -> None:
        self._parts.append(text)
        self._joined = None
        self.offsets.extend(array("q", [offset]) * len(text))

    def add_mapped(self, text: str, offsets: array[int] | list[int]) -> None:
        """Append ``text`` whose characters come from ``offsets`` (same length)."""
        self._parts.append(text)
        self._joined = None
        self.offsets.extend(offsets)

    def add_span(self, text: str, begin: int, end: int) -> None:
        """Append ``text[begin:end]`` of the script verbatim."""
        self.add_mapped(text[begin:end], _indices(begin, end))

    def add_unknown(self, text: str, begin: int, end: int) -> None:
        """Append placeholder ``text`` standing for script span ``[begin, end)``: its
        characters at ``begin``, ``begin + 1``... and the rest at the span's last index."""
        first = len(self.offsets)
        last = max(end - 1, begin)
        stop = min(begin + len(text), last + 1)
        offsets = _indices(begin, stop)
        if len(text) > stop - begin:
            offsets.extend(array("q", [last]) * (len(text) - (stop - begin)))
        self.add_mapped(text, offsets)
        self.unknown.append((first, len(self.offsets)))

    def extend(self, other: Word) -> None:
        shift = len(self.offsets)
        self.add_mapped(other.text, other.offsets)
        self.unknown.extend((a + shift, b + shift) for a, b in other.unknown)

    def slice(self, begin: int, end: int | None = None) -> Word:
        """The part ``text[begin:end]`` as a word of its own (offsets kept)."""
        stop = len(self.offsets) if end is None else end
        spans = [
            (max(a, begin) - begin, min(b, stop) - begin)
            for a, b in self.unknown
            if a < stop and b > begin
        ]
        offsets = self.offsets[begin:stop]
        return Word(
            self.text[begin:stop],
            offsets,
            spans,
            offsets[0] if offsets else self.start,
            offsets[-1] + 1 if offsets else self.end,
        )

    @property
    def has_unknown(self) -> bool:
        return bool(self.unknown)

    def source_index(self, index: int) -> int:
        """Script index of ``text[index]`` (clamped, so any index is safe)."""
        if not self.offsets:
            return self.start
        return self.offsets[max(0, min(index, len(self.offsets) - 1))]


class Redirect(Value):
    """A redirection: its operator and target word."""

    op: str
    target: Word

    def __init__(self, op: str, target: Word) -> None:
        self.op = op
        self.target = target


class Command(Value):
    """A simple command: its words, redirections and here-document bodies.

    ``pipe`` is the command this one's output is piped into (``cat <<EOF |
    kubectl apply -f -``); ``nested`` is true inside a command substitution
    (``$( )`` or backticks), whose output becomes a word of another command.
    """

    UNSHOWN = ("pipe",)

    words: list[Word]
    redirects: list[Redirect]
    heredocs: list[Word]
    pipe: Command | None
    nested: bool

    def __init__(
        self, words: list[Word] | None = None, redirects: list[Redirect] | None = None,
        heredocs: list[Word] | None = None, pipe: Command | None = None, nested: bool = False,
    ) -> None:
        self.words = [] if words is None else words
        self.redirects = [] if redirects is None else redirects
        self.heredocs = [] if heredocs is None else heredocs
        self.pipe = pipe
        self.nested = nested

    @property
    def start(self) -> int:
        return self.words[0].start if self.words else 0

    def argv(self) -> list[str]:
        return [w.text for w in self.words]


class _Pending(Value):
    command: Command
    delimiter: str
    strip_tabs: bool
    literal: bool

    def __init__(self, command: Command, delimiter: str, strip_tabs: bool, literal: bool) -> None:
        self.command = command
        self.delimiter = delimiter
        self.strip_tabs = strip_tabs
        self.literal = literal


class _Reader:
    """Recursive reader over one script; every loop advances, so it always ends."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.commands: list[Command] = []
        self.depth = 0

    # -- command level -------------------------------------------------------------
    def read(self, pos: int, end: int, in_subst: bool) -> tuple[list[Command], int]:
        """Commands from ``pos``; stops at ``end`` or, inside ``$(``, at its ``)``."""
        text = self.text
        found: list[Command] = []
        current = Command()
        pending: list[_Pending] = []
        piped: Command | None = None  # the command whose output the next one reads

        def finish(pipe: bool = False) -> None:
            nonlocal current, piped
            if current.words or current.heredocs:
                current.nested = self.depth > 0
                if piped is not None:
                    piped.pipe = current
                found.append(current)
                self.commands.append(current)
                piped = current if pipe else None
            elif not pipe:
                piped = None
            current = Command()

        while pos < end:
            ch = text[pos]
            if ch == "\\" and text.startswith("\n", pos + 1):
                pos += 2
            elif ch in _BLANKS:
                pos += 1
            elif ch == "\n":
                finish()
                pos = self._heredoc_bodies(pos + 1, end, pending)
                pending = []
            elif ch == "#":
                newline = text.find("\n", pos)
                pos = end if newline == -1 or newline > end else newline
            elif ch == "|" and not text.startswith("||", pos):
                finish(pipe=True)  # ``|`` and ``|&`` feed the next command
                pos += 2 if text.startswith("|&", pos) else 1
            elif ch in ";&|(":
                finish()
                pos += 2 if text.startswith(("||", "&&"), pos) else 1
            elif ch == ")":
                finish()
                pos += 1
                if in_subst:
                    return found, pos
            elif ch in "<>":
                pos = self._redirect(pos, end, current, pending)
            else:
                word, pos = self.word(pos, end)
                current.words.append(word)
        finish()
        if pending:
            self._heredoc_bodies(end, end, pending)
        return found, pos

    def _redirect(self, pos: int, end: int, command: Command, pending: list[_Pending]) -> int:
        text = self.text
        if text.startswith("<<<", pos):
            pos = self._skip_blanks(pos + 3, end)
            _, pos = self.word(pos, end)  # a here-string feeds stdin; nothing to keep
            return pos
        if text.startswith("<<", pos):
            pos += 2
            strip = text.startswith("-", pos)
            pos = self._skip_blanks(pos + (1 if strip else 0), end)
            start = pos
            delim, pos = self.word(pos, end)
            raw = text[start:pos]
            literal = any(q in raw for q in "'\"\\")
            if delim.text:
                pending.append(_Pending(command, delim.text, strip, literal))
            return pos
        match = _REDIRECT_OP.match(text, pos)
        op = match.group(0) if match else text[pos]
        pos = self._skip_blanks(pos + len(op), end)
        if pos < end and text[pos] not in _METACHARS:
            target, pos = self.word(pos, end)
            command.redirects.append(Redirect(op, target))
        return pos

    def _skip_blanks(self, pos: int, end: int) -> int:
        while pos < end and self.text[pos] in _BLANKS:
            pos += 1
        return pos

    # -- here-documents ------------------------------------------------------------
    def _heredoc_bodies(self, pos: int, end: int, pending: list[_Pending]) -> int:
        """Read the bodies of pending here-documents, which start on the next line."""
        for item in pending:
            body_start = pos
            lines: list[tuple[int, int]] = []
            while pos < end:
                newline = self.text.find("\n", pos, end)
                line_end = end if newline == -1 else newline
                line = self.text[pos:line_end]
                check = line.lstrip("\t") if item.strip_tabs else line
                if check.rstrip("\r") == item.delimiter:
                    pos = end if newline == -1 else newline + 1
                    break
                lines.append((pos, line_end))
                pos = end if newline == -1 else newline + 1
            item.command.heredocs.append(self._body(lines, item, body_start))
        return pos

    def _body(self, lines: list[tuple[int, int]], item: _Pending, start: int) -> Word:
        body = Word(start=start)
        for line_start, line_end in lines:
            begin = line_start
            if item.strip_tabs:
                while begin < line_end and self.text[begin] == "\t":
                    begin += 1
            if item.literal:
                body.add_span(self.text, begin, line_end)
            else:
                self._expanding(begin, line_end, body)
            if line_end < len(self.text):
                body.add("\n", line_end)
        body.end = lines[-1][1] if lines else start
        return body

    def _expanding(self, pos: int, end: int, out: Word) -> None:
        """Here-document text with ``$`` expansions and backslash escapes."""
        text = self.text
        while pos < end:
            ch = text[pos]
            if ch == "\\" and pos + 1 < end and text[pos + 1] in "$`\\":
                out.add(text[pos + 1], pos + 1)
                pos += 2
            elif ch == "$":
                pos = self._dollar(pos, end, out)
            elif ch == "`":
                pos = self._backticks(pos, end, out)
            else:
                pos = self._plain(_PLAIN_HEREDOC, pos, end, out)

    def _plain(self, pattern: re.Pattern[str], pos: int, end: int, out: Word) -> int:
        """Copy a run of ordinary characters (at least one) starting at ``pos``."""
        match = pattern.match(self.text, pos, end)
        stop = match.end() if match else pos + 1
        out.add_span(self.text, pos, stop)
        return stop

    # -- word level ----------------------------------------------------------------
    def word(self, pos: int, end: int) -> tuple[Word, int]:
        """One word starting at ``pos`` (which is not a blank or metacharacter)."""
        text = self.text
        # A word of ordinary characters only (most: command names, options, paths,
        # ``k=v``) is its own text, made at once.
        match = _PLAIN_UNQUOTED.match(text, pos, end)
        if match is not None:
            stop = match.end()
            if stop == end or text[stop] in _METACHARS:
                return Word(text[pos:stop], _indices(pos, stop), None, pos, stop), stop
        return self._word(pos, end)

    def _word(self, pos: int, end: int) -> tuple[Word, int]:
        """:meth:`word`, piece by piece: quotes, expansions, escapes and plain runs."""
        text = self.text
        out = Word(start=pos)
        while pos < end and text[pos] not in _METACHARS:
            ch = text[pos]
            if ch == "'":
                close = text.find("'", pos + 1, end)
                close = end if close == -1 else close
                out.add_span(text, pos + 1, close)
                pos = close + 1
            elif ch == '"':
                pos = self._double_quoted(pos + 1, end, out)
            elif ch == "$" and text.startswith("'", pos + 1):
                pos = self._ansi_c(pos + 2, end, out)
            elif ch == "$":
                pos = self._dollar(pos, end, out)
            elif ch == "`":
                pos = self._backticks(pos, end, out)
            elif ch == "\\" and pos + 1 < end:
                if text[pos + 1] != "\n":
                    out.add(text[pos + 1], pos + 1)
                pos += 2
            else:
                pos = self._plain(_PLAIN_UNQUOTED, pos, end, out)
        out.end = min(pos, end)
        return out, min(pos, end)

    def _double_quoted(self, pos: int, end: int, out: Word) -> int:
        text = self.text
        while pos < end and text[pos] != '"':
            ch = text[pos]
            if ch == "\\" and pos + 1 < end and text[pos + 1] in '$`"\\\n':
                if text[pos + 1] != "\n":
                    out.add(text[pos + 1], pos + 1)
                pos += 2
            elif ch == "$":
                pos = self._dollar(pos, end, out)
            elif ch == "`":
                pos = self._backticks(pos, end, out)
            else:
                pos = self._plain(_PLAIN_DOUBLE, pos, end, out)
        return pos + 1

    def _ansi_c(self, pos: int, end: int, out: Word) -> int:
        text = self.text
        while pos < end and text[pos] != "'":
            if text[pos] == "\\" and pos + 1 < end:
                out.add(_ANSI_ESCAPES.get(text[pos + 1], "\\" + text[pos + 1]), pos + 1)
                pos += 2
            else:
                out.add(text[pos], pos)
                pos += 1
        return pos + 1

    def _backticks(self, pos: int, end: int, out: Word) -> int:
        """A backquoted substitution, read like ``$(cmd)`` (a call inside is found too)."""
        close = pos + 1
        while close < end and self.text[close] != "`":
            close += 2 if self.text[close] == "\\" else 1
        close = min(close, end)
        if self.depth < _MAX_NESTING:
            self.depth += 1
            try:
                inner, _ = self.read(pos + 1, close, in_subst=False)
            finally:
                self.depth -= 1
            body = _cat_heredoc(inner)
            if body is not None:
                out.extend(body)
                return close + 1
            first = inner[0].words[0].text if inner and inner[0].words else ""
            name = _NOT_NAME.sub("", first.rsplit("/", 1)[-1]) or "cmd"
            out.add_unknown("$(" + name + ")", pos, close + 1)
            return close + 1
        out.add_unknown("$(cmd)", pos, close + 1)
        return close + 1

    def _dollar(self, pos: int, end: int, out: Word) -> int:
        """An expansion at ``text[pos] == '$'``: placeholder text, or a heredoc body."""
        text = self.text
        nxt = text[pos + 1] if pos + 1 < end else ""
        if nxt == "{":
            close = _matching(text, pos + 1, end, "{", "}")
            match = _NAME.match(text, pos + 2, close)
            name = match.group(0) if match else "VAR"
            out.add_unknown("${" + name + "}", pos, close + 1)
            return close + 1
        if text.startswith("((", pos + 1):
            close = _matching(text, pos + 1, end, "(", ")")
            out.add_unknown("$(expr)", pos, close + 1)
            return close + 1
        if nxt == "(":
            return self._substitution(pos, end, out)
        match = _NAME.match(text, pos + 1, end)
        if match:
            out.add_unknown("$" + match.group(0), pos, match.end())
            return match.end()
        if nxt and nxt in _SPECIAL_PARAMS:
            out.add_unknown("$" + nxt, pos, pos + 2)
            return pos + 2
        out.add("$", pos)
        return pos + 1

    def _substitution(self, pos: int, end: int, out: Word) -> int:
        """``$( ... )``: the body of ``$(cat <<EOF ...)``, else an unknown value."""
        if self.depth >= _MAX_NESTING:
            close = _matching(self.text, pos + 1, end, "(", ")")
            out.add_unknown("$(cmd)", pos, close + 1)
            return close + 1
        self.depth += 1
        try:
            inner, after = self.read(pos + 2, end, in_subst=True)
        finally:
            self.depth -= 1
        body = _cat_heredoc(inner)
        if body is not None:
            out.extend(body)
        else:
            first = inner[0].words[0].text if inner and inner[0].words else ""
            name = _NOT_NAME.sub("", first.rsplit("/", 1)[-1]) or "cmd"
            out.add_unknown("$(" + name + ")", pos, after)
        return after


def _matching(text: str, pos: int, end: int, open_ch: str, close_ch: str) -> int:
    """Index of the bracket closing the one at ``pos`` (quotes ignored; ``end - 1`` if none)."""
    if text.startswith(open_ch, pos):
        # the first closing bracket, when no other opens before it (``${NAME}``: most)
        close = text.find(close_ch, pos + 1, end)
        if close >= 0 and text.find(open_ch, pos + 1, close) < 0:
            return close
    depth = 0
    for index in range(pos, end):
        if text[index] == open_ch:
            depth += 1
        elif text[index] == close_ch:
            depth -= 1
            if depth == 0:
                return index
    return end - 1


def _cat_heredoc(inner: list[Command]) -> Word | None:
    """The here-document of a lone ``cat <<EOF`` (how scripts inline JSON)."""
    if len(inner) != 1 or not inner[0].heredocs:
        return None
    command = inner[0]
    if [w.text for w in command.words] not in (["cat"], ["cat", "-"]):
        return None
    return command.heredocs[0]


def read_commands(text: str) -> list[Command]:
    """Every simple command in ``text`` (including those inside ``$(...)``), in script order."""
    reader = _Reader(text)
    reader.read(0, len(text), in_subst=False)
    return sorted(reader.commands, key=lambda c: c.start)


# -- finding the commands spotlint cares about -----------------------------------------


def _name_index(command: Command) -> int:
    """Index of the command-name word, after assignments and keywords like ``then``."""
    index = 0
    words = command.words
    while index < len(words):
        text = words[index].text
        if text in _PREFIX_WORDS or _ASSIGNMENT.match(text):
            index += 1
            continue
        break
    return index


def _program_args(command: Command, program: str) -> list[Word] | None:
    """The words after the command name when it runs ``program`` (any path to it), else None."""
    words = command.words
    first = _name_index(command)
    if first >= len(words) or words[first].text.rsplit("/", 1)[-1] != program:
        return None
    return words[first + 1 :]


def start_job_run_args(command: Command) -> list[Word] | None:
    """Arguments after ``aws [global options] emr-containers start-job-run``, else None."""
    args = _program_args(command, "aws")
    if args is None:
        return None
    for index in range(min(7, len(args) - 1)):
        if args[index].text == "emr-containers":
            if args[index + 1].text == "start-job-run":
                return args[index + 2 :]
            return None
    return None


def spark_submit_args(command: Command) -> list[Word] | None:
    """Arguments of a ``spark-submit`` call (any path to it), else None."""
    return _program_args(command, "spark-submit")


def command_word(command: Command) -> Word:
    """The command-name word (where a finding about the whole call points)."""
    return command.words[min(_name_index(command), len(command.words) - 1)]


def written_files(commands: list[Command]) -> list[tuple[str, Word, int]]:
    """``(file name, body, script index)`` for ``cat > f <<EOF`` and ``cat <<EOF > f``.

    Scripts often write the request JSON with a here-document and then pass
    ``file://f`` to the CLI; the body is what the CLI will read.
    """
    out: list[tuple[str, Word, int]] = []
    for command in commands:
        if not command.heredocs or not command.words:
            continue
        name = (
            command.words[_name_index(command)].text
            if _name_index(command) < len(command.words)
            else ""
        )
        targets = [r.target.text for r in command.redirects if r.op in (">", ">|")]
        if name == "tee":
            targets += [w.text for w in command.words[1:] if not w.text.startswith("-")]
        elif name != "cat":
            continue
        for target in targets:
            out.append((target, command.heredocs[0], command.start))
    return out


def json_ready(word: Word) -> Word:
    """The word with each placeholder that stands where a JSON *value* goes quoted.

    ``"maxAttempts": $N`` is not JSON; ``"maxAttempts": "$N"`` is, and the
    placeholder marks the value unknown. Placeholders inside JSON strings are
    left alone. Plain runs are copied whole, so this is linear in the word.
    """
    text, offsets = word.text, word.offsets
    out = Word(start=word.start, end=word.end)
    state = _JsonStringState()
    pos = 0
    for begin, end in [*sorted(word.unknown), (len(text), len(text))]:
        if begin < pos or (end <= begin and begin < len(text)):
            continue
        if begin >= len(text):  # after the last placeholder: copied, nothing to quote
            out.add_mapped(text[pos:], offsets[pos:])
            break
        state.feed(text, pos, begin)
        out.add_mapped(text[pos:begin], offsets[pos:begin])
        first = len(out.offsets)
        if not state.in_string:
            out.add('"', offsets[begin])
        out.add_mapped(text[begin:end], offsets[begin:end])
        if not state.in_string:
            out.add('"', offsets[end - 1])
        out.unknown.append((first, len(out.offsets)))
        pos = end
    return out


#: The characters that change :class:`_JsonStringState` (all others are skipped over).
_JSON_STRING_SPECIAL = re.compile(r'["\\]')


class _JsonStringState:
    """Whether a scan of JSON text is inside a string literal (escapes respected)."""

    def __init__(self) -> None:
        self.in_string = False
        self.escaped = False

    def feed(self, text: str, begin: int, end: int) -> None:
        """Advance over ``text[begin:end]``, looking only at quotes and backslashes."""
        pos = begin
        if self.escaped and pos < end:
            self.escaped = False
            pos += 1  # the escaped character, whatever it is
        for match in _JSON_STRING_SPECIAL.finditer(text, pos, end):
            index = match.start()
            if index < pos:
                continue  # escaped by the backslash before it
            if text[index] == '"':
                self.in_string = not self.in_string
            elif self.in_string:
                if index + 1 < end:
                    pos = index + 2
                    continue
                self.escaped = True
            pos = index + 1
