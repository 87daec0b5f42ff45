"""While a split run's parent waits for the other process's findings it hands ``ahead``
(a report writes their text ahead: spotlint.engine.parallel._gathered) its own, and
those the other process sends as soon as they are made (the ones without a fix, which
placing fixes leaves as they are); its own only while nothing comes."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.cli import DRIVER_ON_SPOT
from support.deadline import deadline
from support.splits import Splits, held_in_forked

from spotlint.cli.check import CheckOptions, configure
from spotlint.cli.joins import IndexJoins
from spotlint.engine import parallel
from spotlint.engine.run import lint
from spotlint.finding import Finding
from spotlint.plugins.manager import default_registry
from spotlint.result import RunResult
from spotlint.value import replace

#: A pod a parse error stops half-way: its SL001 has no fix.
BROKEN = "apiVersion: v1\nkind: Pod\nmetadata:\n  labels: [\n"


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """The forked process sends the end of its answer only once a byte is written to
    the pipe end this gives."""
    with held_in_forked(monkeypatch, parallel, "_send") as opened:
        yield opened


def _tree(root: Path) -> Path:
    """A file a directory, one per piece: this process reads d0, d2, d4 and the other d1,
    d3, d5 (``Splits.alternate = 0``); each reads a broken pod and two drivers on Spot
    (a finding with a fix each)."""
    for index in range(6):
        here = root / f"d{index}"
        here.mkdir()
        (here / "pod.yaml").write_text(BROKEN if index < 2 else DRIVER_ON_SPOT)
    return root


def _lint(root: Path, ahead: Any = None, workers: int | None = 2, finish: Any = None,
          ) -> RunResult:
    settings = configure(CheckOptions(paths=[str(root)]), default_registry()).settings
    return lint([str(root)], settings, workers=workers, joins=IndexJoins(), ahead=ahead,
                finish=finish)


def _theirs(finding: Finding) -> bool:
    """Is ``finding`` in a file the other process reads?"""
    return int(Path(finding.location.path).parent.name[1:]) % 2 == 1


def test_the_parent_hands_its_findings_and_the_others_early_ones_while_it_waits(
    tmp_path: Path, splits: Splits, held: int, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = _tree(tmp_path)
    serial = _lint(root, workers=1)
    handed: list[Finding] = []
    texts: dict[str, str | None] = {}

    with held_in_forked(monkeypatch, parallel._Early, "send") as early:
        def ahead(finding: Finding, text: str | None) -> None:
            handed.append(finding)
            texts[finding.location.path] = text
            if len(handed) == 1:
                # The other's early findings are held until the parent has handed one:
                # on a loaded machine they could otherwise be there before it waits, and
                # it would (rightly) hand none of its own. A byte for each early send.
                os.write(early, b"x" * 8)
                os.write(held, b"x")  # (the child sends the rest once the parent has begun)

        splits.alternate = 0  # (both processes read files: each makes findings)
        with deadline(60, "the split run hung"):
            split = _lint(root, ahead)
    assert splits.done == 1, splits.given_up
    assert split.findings == serial.findings
    reported = [f for f in split.findings if any(f is h for h in handed)]
    assert len(reported) == len(handed)  # reported as they were handed
    assert any(not _theirs(f) for f in handed), "none of its own was handed"
    theirs = [f for f in split.findings if _theirs(f)]
    # the other's findings without a fix, sent before it placed its fixes; not the others
    assert {f.location.path for f in theirs if f.fix is None} == {
        f.location.path for f in handed if _theirs(f)}
    assert all(f.fix is None for f in handed if _theirs(f))
    assert any(f.fix is not None for f in theirs)  # (there were others)
    # each handed with its file's text, its own and the other's (sent with its findings)
    assert texts == {path: Path(path).read_text() for path in texts}
    assert any(_theirs(f) for f in handed)
    assert {p: (s.text, s.utf8) for p, s in split.sources.items()} == {
        p: (s.text, s.utf8) for p, s in serial.sources.items()}


def test_its_own_are_not_handed_once_the_others_findings_are_there(
    tmp_path: Path, splits: Splits, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = _tree(tmp_path)
    handed: list[Finding] = []
    parent = os.getpid()
    sent_r, sent_w = os.pipe()
    real_send = parallel._send
    real_gathered = parallel._gathered

    def send(fd: int, value: Any) -> None:
        real_send(fd, value)
        if os.getpid() != parent:
            os.write(sent_w, b"x")  # the whole answer is in the pipe

    def gathered(children: Any, findings: Any, ahead: Any, sources: Any) -> Any:
        assert os.getpid() == parent
        os.read(sent_r, 1)  # (the parent's part waits until the child has sent all)
        return real_gathered(children, findings, ahead, sources)

    monkeypatch.setattr(parallel, "_send", send)
    monkeypatch.setattr(parallel, "_gathered", gathered)
    splits.alternate = 0
    try:
        with deadline(60, "the split run hung"):
            split = _lint(root, lambda finding, text: handed.append(finding))
    finally:
        os.close(sent_r)
        os.close(sent_w)
    assert splits.done == 1, splits.given_up
    assert split.findings
    assert handed == [f for f in split.findings if _theirs(f) and f.fix is None]


def test_what_finish_changes_after_it_was_sent_early_is_reported_as_finished(
    tmp_path: Path, splits: Splits,
) -> None:
    root = _tree(tmp_path)

    def finish(result: RunResult) -> RunResult:  # every finding made anew, messages too
        return replace(result, findings=[replace(f, message=f"{f.message}!")
                                         for f in result.findings])

    serial = _lint(root, workers=1, finish=finish)
    splits.alternate = 0
    with deadline(60, "the split run hung"):
        split = _lint(root, finish=finish)
    assert splits.done == 1, splits.given_up
    assert split.findings == serial.findings
    assert all(f.message.endswith("!") for f in split.findings)
    assert any(_theirs(f) and f.fix is None for f in split.findings)


def test_what_the_pipe_cannot_take_at_once_is_written_later_in_order() -> None:
    read, write = os.pipe()
    try:
        data = bytes(range(256)) * 1024  # (more than a pipe holds unwidened)
        left = parallel._write_some(write, b"head", data, b"tail")
        assert left and b"".join(left).endswith(b"tail")  # (it did not wait)
        assert os.get_blocking(write)
        got: list[bytes] = []
        reader = threading.Thread(target=lambda: got.append(_drain(read, 8 + len(data))))
        reader.start()
        parallel._write_all(write, *left)
        reader.join()
        assert got == [b"head" + data + b"tail"]
    finally:
        os.close(read)
        os.close(write)


def _drain(fd: int, size: int) -> bytes:
    out = bytearray()
    while len(out) < size:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        out += chunk
    return bytes(out)


def test_with_a_by_file_finish_the_others_fixed_findings_are_handed_as_they_are_finished(
    tmp_path: Path, splits: Splits, held: int, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A :class:`parallel.ByFile` ``finish`` (placing fixes) is applied file by file in
    the forked process, which sends each file's findings with a fix as soon as they are
    finished: the parent hands them ahead while it waits (the end of the answer is held
    until then), and reports those very objects, as a serial run reports them."""
    from spotlint.fix.place import place_fixes

    root = _tree(tmp_path)
    serial = _lint(root, workers=1, finish=place_fixes)
    handed: list[Finding] = []
    monkeypatch.setattr(parallel, "_EARLY_BATCH", 1)  # (a message for each file's)
    theirs_fixed = 0

    def ahead(finding: Finding, text: str | None) -> None:
        nonlocal theirs_fixed
        handed.append(finding)
        theirs_fixed += _theirs(finding) and finding.fix is not None
        if theirs_fixed == 2:  # (both of the other's files with a fix came early)
            os.write(held, b"x")

    splits.alternate = 0
    with deadline(60, "the split run hung"):
        split = _lint(root, ahead, finish=parallel.ByFile(place_fixes))
    assert splits.done == 1, splits.given_up
    assert split.findings == serial.findings
    theirs = [f for f in split.findings if _theirs(f) and f.fix is not None]
    assert theirs and all(f.fix is not None and f.fix.edits for f in theirs)  # (placed)
    assert all(any(f is h for h in handed) for f in theirs)  # reported as handed
    assert all(any(f is h for h in handed) for f in split.findings if _theirs(f))


def test_a_by_file_finish_that_is_not_one_is_applied_to_the_whole_result(
    tmp_path: Path, splits: Splits,
) -> None:
    """A ``finish`` said to work file by file that does not (it gives fewer findings than
    it was given) is applied to the other process's whole result instead: the run
    reports what it reports with that ``finish`` applied to each process's result."""
    root = _tree(tmp_path)

    def finish(result: RunResult) -> RunResult:  # the last finding of those given dropped
        return replace(result, findings=result.findings[:-1])

    splits.alternate = 0
    with deadline(60, "the split run hung"):
        whole = _lint(root, finish=finish)
        by_file = _lint(root, finish=parallel.ByFile(finish))
    assert splits.done == 2, splits.given_up
    assert by_file.findings == whole.findings
    assert any(_theirs(f) and f.fix is not None for f in whole.findings)


class _Collecting:
    """An ``ahead`` with a bound of its own (``room``: None, none)."""

    def __init__(self, room: int | None, release_at: int, held: int) -> None:
        self.room, self.release_at, self.held = room, release_at, held
        self.handed: list[Finding] = []

    def __call__(self, finding: Finding, text: str | None) -> None:
        self.handed.append(finding)
        if len(self.handed) == self.release_at:
            os.write(self.held, b"x")  # (the child sends the end of its answer)


@pytest.mark.parametrize("room", [None, 2])
def test_an_ahead_that_says_so_is_handed_past_the_engine_s_bound(
    tmp_path: Path, splits: Splits, held: int, monkeypatch: pytest.MonkeyPatch,
    room: int | None,
) -> None:
    """The engine hands ``ahead`` at most :data:`parallel.AHEAD` findings (a report holds
    each one's text until it is written), unless it says it may be handed more (``room``
    None: SARIF's line hashes): then its own and every one the other sends early."""
    root = _tree(tmp_path)
    serial = _lint(root, workers=1)
    monkeypatch.setattr(parallel, "AHEAD", 2)
    everything = [f for f in serial.findings if not _theirs(f) or f.fix is None]
    assert len(everything) > 3
    ahead = _Collecting(room, len(everything) if room is None else 2, held)
    splits.alternate = 0
    with deadline(60, "the split run hung"):
        split = _lint(root, ahead)
    assert splits.done == 1, splits.given_up
    assert split.findings == serial.findings
    if room is None:
        assert sorted(map(repr, ahead.handed)) == sorted(map(repr, everything))
    else:
        assert len(ahead.handed) == 2


def test_the_command_s_ahead_is_unbounded_only_when_every_report_keeps_no_text() -> None:
    from spotlint.cli.check import _ahead
    from spotlint.report.json import JsonReporter
    from spotlint.report.sarif import SarifReporter

    sarif = _ahead([(SarifReporter(), None)])
    json = _ahead([(JsonReporter(), None)])
    both = _ahead([(SarifReporter(), None), (JsonReporter(), None)])
    assert parallel._room(sarif) > 10**9
    assert parallel._room(json) == parallel._room(both) == parallel.AHEAD
    assert parallel._room(None) == 0


def test_a_by_file_finish_is_asked_a_few_files_at_a_time(
    tmp_path: Path, splits: Splits, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The forked process applies a :class:`parallel.ByFile` ``finish`` to a few files'
    findings with a fix at once (at least ``_EARLY_BATCH`` findings, unless fewer are
    left), not once a file; the findings are those of a serial run."""
    from spotlint.fix.place import place_fixes

    root = tmp_path / "tree"
    root.mkdir()
    _tree(root)
    serial = _lint(root, workers=1, finish=place_fixes)
    asked = tmp_path / "asked"

    def finish(result: RunResult) -> RunResult:
        if os.getpid() != parent:
            with open(asked, "a") as out:  # (the files of each call, in the child)
                out.write(" ".join(sorted({f.location.path for f in result.findings})) + "\n")
        return place_fixes(result)

    parent = os.getpid()
    splits.alternate = 0
    with deadline(60, "the split run hung"):
        split = _lint(root, finish=parallel.ByFile(finish))
    assert splits.done == 1, splits.given_up
    assert split.findings == serial.findings
    calls = asked.read_text().splitlines()
    theirs = {f.location.path for f in split.findings if _theirs(f) and f.fix is not None}
    assert len(theirs) == 2
    assert [set(call.split()) for call in calls] == [theirs]  # (one call for both files)
    monkeypatch.setattr(parallel, "_EARLY_BATCH", 1)  # (a batch as soon as one is there)
    asked.unlink()
    with deadline(60, "the split run hung"):
        again = _lint(root, finish=parallel.ByFile(finish))
    assert again.findings == serial.findings
    assert sorted(asked.read_text().split()) == sorted(theirs)  # (one call a file)
    assert len(asked.read_text().splitlines()) == 2


@pytest.mark.parametrize("room", [0, 60])
def test_the_texts_sent_early_are_bounded_the_rest_come_at_the_end(
    tmp_path: Path, splits: Splits, held: int, monkeypatch: pytest.MonkeyPatch, room: int,
) -> None:
    """The forked process sends file texts with its early findings up to
    ``EARLY_TEXT`` characters (what it cannot write at once it keeps pickled until it
    can); the others go with the end of its answer: the run's sources are complete."""
    from spotlint.fix.place import place_fixes

    root = _tree(tmp_path)  # (the other's: a broken pod of 47 characters, two of 127)
    serial = _lint(root, workers=1, finish=place_fixes)
    monkeypatch.setattr(parallel, "EARLY_TEXT", room)
    monkeypatch.setattr(parallel, "_EARLY_BATCH", 1)  # (each file's findings as placed)
    texts: dict[str, str | None] = {}

    def ahead(finding: Finding, text: str | None) -> None:
        if _theirs(finding):
            texts[finding.location.path] = text
            if len(texts) == 3:  # (all of the other's files handed: it may end)
                os.write(held, b"x")

    splits.alternate = 0
    with deadline(60, "the split run hung"):
        split = _lint(root, ahead, finish=parallel.ByFile(place_fixes))
    assert splits.done == 1, splits.given_up
    assert split.findings == serial.findings
    assert {p: s.text for p, s in split.sources.items()} == {
        p: s.text for p, s in serial.sources.items()}
    sent = [path for path, text in texts.items() if text is not None]
    assert all(texts[path] == Path(path).read_text() for path in sent)
    assert sum(len(Path(path).read_text()) for path in sent) <= room
    assert len(sent) == (1 if room else 0) and len(texts) == 3


@pytest.mark.parametrize("room", [None, 2])
def test_an_unbounded_ahead_is_handed_the_rest_of_the_parent_s_own_at_the_end(
    tmp_path: Path, splits: Splits, held: int, monkeypatch: pytest.MonkeyPatch,
    room: int | None,
) -> None:
    """The other process's answer may come before the parent has handed its own
    findings while waiting: an unbounded ``ahead`` (SARIF, which then needs no sources
    kept) is handed the rest then, with their files' texts; a bounded one is not."""
    root = _tree(tmp_path)
    serial = _lint(root, workers=1)
    own = [f for f in serial.findings if not _theirs(f)]
    assert len(own) > 2
    texts: dict[str, str | None] = {}

    class Ahead(_Collecting):
        def __call__(self, finding: Finding, text: str | None) -> None:
            super().__call__(finding, text)
            texts[finding.location.path] = text

    ahead = Ahead(room, -1, held)
    monkeypatch.setattr(parallel, "AHEAD", 2)
    monkeypatch.setattr(parallel, "_AHEAD_BATCH", 1)
    os.write(held, b"x")  # (the child answers at once)
    real_gathered = parallel._gathered

    def gathered(children: Any, findings: Any, given: Any, sources: Any) -> Any:
        for child in children:  # (its whole answer is there before the parent looks)
            _wait_for_the_end(child.results.fileno())
        return real_gathered(children, findings, given, sources)

    monkeypatch.setattr(parallel, "_gathered", gathered)
    splits.alternate = 0
    with deadline(60, "the split run hung"):
        split = _lint(root, ahead)
    assert splits.done == 1, splits.given_up
    assert split.findings == serial.findings
    handed_own = [f for f in ahead.handed if not _theirs(f)]
    if room is None:
        assert sorted(map(repr, handed_own)) == sorted(map(repr, own))
        assert all(any(f is h for h in split.findings) for f in handed_own)
        assert texts == {path: Path(path).read_text() for path in texts}
    else:
        assert len(ahead.handed) <= 2


def _wait_for_the_end(fd: int) -> None:
    """Until the writer of the pipe ``fd`` has closed it (the process ended)."""
    import select

    poll = select.poll()
    poll.register(fd, select.POLLHUP)
    while not any(event & select.POLLHUP for _, event in poll.poll()):
        time.sleep(0.001)


def test_the_others_findings_without_a_fix_come_in_parts(
    tmp_path: Path, splits: Splits, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The other process sends its findings without a fix in parts of at most
    ``_EARLY_PART`` (a part larger than the pipe holds would keep the parent waiting
    for its end); the run reports what a serial run reports."""
    root = _tree(tmp_path)
    for index in (6, 7, 8, 9):  # (more broken pods for the other process: d7, d9)
        (root / f"d{index}").mkdir()
        (root / f"d{index}" / "pod.yaml").write_text(BROKEN if index % 2 else DRIVER_ON_SPOT)
    serial = _lint(root, workers=1)
    theirs = [f for f in serial.findings if _theirs(f) and f.fix is None]
    assert len(theirs) >= 3
    monkeypatch.setattr(parallel, "_EARLY_PART", 1)
    parts: list[int] = []
    real_handed = parallel._handed

    def handed(ahead: Any, findings: Any, sources: Any, prepared: Any = None) -> Any:
        if prepared is not None or any(_theirs(f) for f in findings):
            parts.append(len(findings))
        return real_handed(ahead, findings, sources, prepared)

    monkeypatch.setattr(parallel, "_handed", handed)
    got: list[Finding] = []
    splits.alternate = 0
    with deadline(60, "the split run hung"):
        split = _lint(root, lambda finding, text: got.append(finding))
    assert splits.done == 1, splits.given_up
    assert split.findings == serial.findings
    assert parts and max(parts) == 1
    assert len([f for f in got if _theirs(f) and f.fix is None]) == len(theirs)


def test_a_framed_value_is_taken_once_all_of_it_came() -> None:
    """:class:`parallel._Incoming` reads what the pipe holds and gives a value only once
    whole, never waiting for the rest; values that came together are each given."""
    read, write = os.pipe()
    try:
        incoming = parallel._Incoming(read)
        assert incoming.read() == (False, None)  # (nothing yet: it does not wait)
        first = ("part", list(range(5000)))
        header, data = parallel._framed(first)
        os.write(write, header[:3])
        assert incoming.read() == (False, None)
        os.write(write, header[3:] + data[:100])
        assert incoming.read() == (False, None)
        assert os.get_blocking(read)  # (left as it was)
        os.write(write, data[100:] + b"".join(parallel._framed(None))
                 + b"".join(parallel._framed("last")))
        assert incoming.read() == (True, first)
        assert incoming.read() == (True, None)
        assert incoming.read() == (True, "last")
        assert incoming.read() == (False, None)
        os.write(write, parallel._framed("cut")[0])
        os.close(write)
        write = -1
        with pytest.raises(EOFError):
            incoming.read()
    finally:
        os.close(read)
        if write >= 0:
            os.close(write)


def test_what_a_part_left_pending_is_written_with_the_next_part() -> None:
    """A part the pipe could not take at once is written, in order, as soon as the next
    part is sent (not only at the end of the early parts): the parent may be waiting for
    its end."""
    read, write = os.pipe()
    try:
        early = parallel._Early(write)
        big = "x" * (1 << 18)  # (more than a pipe holds unwidened)
        early._send([0], [big])  # type: ignore[list-item]
        assert early.pending  # (it did not wait)
        got: list[Any] = []
        reader = threading.Thread(target=lambda: got.extend(
            parallel._read_frame(read) for _ in range(2)))
        reader.start()
        for _ in range(1000):  # (each part sent writes what the pipe takes by then)
            if not early.pending:
                break
            time.sleep(0.01)
            early._send([], [])
        assert not early.pending
        reader.join(10)
        assert not reader.is_alive()
        assert got == [([0], [big], {}, None), ([], [], {}, None)]
    finally:
        os.close(read)
        os.close(write)


def test_a_part_is_made_only_once_the_pipe_took_those_before_it() -> None:
    """Parts the pipe cannot take yet wait as findings: they are prepared for ``ahead``
    and pickled only once the parts before them are written (at 10,000 files, made at
    once, SARIF's results waited as ~3 MB of pickles in the other process); in order,
    and every one by the end of the early parts."""
    from support.written import made_finding

    read, write = os.pipe()

    class Ahead:
        text_room = None

        def __init__(self) -> None:
            self.prepared: list[str] = []

        def __call__(self, finding: Finding, text: str | None) -> None:
            raise AssertionError("only prepared here")

        def prepare(self, finding: Finding, text: str | None) -> str:
            self.prepared.append(finding.message)
            return f"<{finding.message[:3]}>"

    big, second, third = (made_finding(f"/{n}.yaml", 1, message=m) for n, m in enumerate(
        ["a" * (1 << 17), "bbb", "ccc"]))  # (the first more than the pipe takes at once)
    try:
        ahead = Ahead()
        early = parallel._Early(write, ahead=ahead)  # type: ignore[arg-type]
        early._send([0], [big])
        assert ahead.prepared == [big.message] and early.pending
        early._send([1], [second])
        early._send([2], [third])
        assert ahead.prepared == [big.message]  # (the others wait, not made)
        got: list[Any] = []
        reader = threading.Thread(target=lambda: got.extend(
            parallel._read_frame(read) for _ in range(4)))
        reader.start()
        early.count = 3  # (as ``send`` says: the part's findings were all sent)
        early.finish()
        reader.join(10)
        assert not reader.is_alive()
        assert ahead.prepared == [big.message, "bbb", "ccc"]
        assert got == [([0], [big], {}, ["<aaa>"]), ([1], [second], {}, ["<bbb>"]),
                       ([2], [third], {}, ["<ccc>"]), None]
    finally:
        os.close(read)
        os.close(write)
