"""A report may write part of a finding's text where the finding is made (``ahead``'s
``prepare``): a split run's forked process then prepares the findings it sends early,
and the parent keeps what was prepared (``take``) instead of writing them again. The
command's JSON report is one: its text of a finding is the same wherever it is made."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from support.cli import DRIVER_ON_SPOT
from support.deadline import deadline
from support.splits import Splits

from spotlint.cli.check import CheckOptions, _ahead, configure
from spotlint.cli.joins import IndexJoins
from spotlint.engine import parallel
from spotlint.engine.run import lint
from spotlint.finding import Finding
from spotlint.fix.place import place_fixes
from spotlint.plugins.manager import default_registry
from spotlint.report.json import JsonReporter
from spotlint.report.sarif import SarifReporter
from spotlint.result import RunResult
from spotlint.value import replace

#: A pod a parse error stops half-way: its SL001 has no fix.
BROKEN = "apiVersion: v1\nkind: Pod\nmetadata:\n  labels: [\n"


def _tree(root: Path) -> Path:
    """A file a directory, one per piece: this process reads d0, d2, d4 and the other d1,
    d3, d5 (``Splits.alternate = 0``)."""
    for index in range(6):
        here = root / f"d{index}"
        here.mkdir()
        (here / "pod.yaml").write_text(BROKEN if index < 2 else DRIVER_ON_SPOT)
    return root


def _lint(root: Path, ahead: Any = None, workers: int | None = 2) -> RunResult:
    settings = configure(CheckOptions(paths=[str(root)]), default_registry()).settings
    return lint([str(root)], settings, workers=workers, joins=IndexJoins(), ahead=ahead,
                finish=parallel.ByFile(place_fixes))


def _split(root: Path, ahead: Any, splits: Splits) -> RunResult:
    """A run of ``root`` shared by two processes that alternate pieces, which must not
    fall back to one process."""
    splits.alternate = 0
    with deadline(60, "the split run hung"):
        result = _lint(root, ahead)
    assert splits.done == 1, splits.given_up  # (the other process did not fail)
    return result


def _theirs(finding: Finding) -> bool:
    return int(Path(finding.location.path).parent.name[1:]) % 2 == 1


class _Preparing:
    """An ``ahead`` that prepares each finding with the id of the process it is in.

    With ``asked``, each finding it is asked to prepare is noted in that file (the
    asking happens in the other process, so a list here would not see it)."""

    def __init__(self, fails: bool = False, asked: Path | None = None) -> None:
        self.fails = fails
        self.asked = asked
        self.handed: list[Finding] = []
        self.taken: list[tuple[Finding, Any]] = []

    def __call__(self, finding: Finding, text: str | None) -> None:
        self.handed.append(finding)

    def prepare(self, finding: Finding, text: str | None) -> Any:
        if self.asked is not None:
            with open(self.asked, "a") as out:
                out.write(finding.location.path + "\n")
        if self.fails:
            raise ValueError("cannot prepare")
        return self.made(finding)

    def made(self, finding: Finding) -> Any:
        return (os.getpid(), finding.location.path, finding.fix is not None)

    def take(self, finding: Finding, text: str | None, prepared: Any) -> None:
        self.taken.append((finding, prepared))


def test_the_other_process_prepares_what_it_sends_and_the_parent_takes_it(
    tmp_path: Path, splits: Splits,
) -> None:
    root = _tree(tmp_path)
    serial = _lint(root, workers=1)
    ahead = _Preparing()
    split = _split(root, ahead, splits)
    assert split.findings == serial.findings
    theirs = [f for f in split.findings if _theirs(f)]
    assert theirs and any(f.fix is not None for f in theirs)
    # every one of the other's was prepared there (about itself) and taken, as reported
    assert sorted(id(f) for f, _ in ahead.taken) == sorted(id(f) for f in theirs)
    pids = {prepared[0] for _, prepared in ahead.taken}
    assert len(pids) == 1 and os.getpid() not in pids
    assert all(prepared[1:] == (f.location.path, f.fix is not None)
               for f, prepared in ahead.taken)
    assert not any(_theirs(f) for f in ahead.handed)  # (its own alone were handed)


def test_a_prepare_that_fails_leaves_the_findings_to_be_handed(
    tmp_path: Path, splits: Splits,
) -> None:
    root = _tree(tmp_path)
    serial = _lint(root, workers=1)
    ahead = _Preparing(fails=True)
    split = _split(root, ahead, splits)
    assert split.findings == serial.findings
    assert ahead.taken == []
    assert any(_theirs(f) for f in ahead.handed)


@pytest.mark.parametrize("room", [1, 2])
def test_no_more_are_prepared_than_ahead_may_be_handed(
    tmp_path: Path, splits: Splits, monkeypatch: pytest.MonkeyPatch, room: int,
) -> None:
    (tmp_path / "tree").mkdir()
    root = _tree(tmp_path / "tree")
    asked = tmp_path / "asked"

    monkeypatch.setattr(parallel, "AHEAD", room)
    _split(root, _Preparing(asked=asked), splits)
    assert len(asked.read_text().splitlines()) == room  # (of the three it sends)


@pytest.mark.parametrize(("bound", "expected"), [(0, 0), (1, 1), (15, 2), (10**6, 3)])
def test_no_more_text_is_prepared_than_the_bound(
    tmp_path: Path, splits: Splits, monkeypatch: pytest.MonkeyPatch, bound: int, expected: int,
) -> None:
    """The forked process prepares text for its findings up to ``EARLY_PREPARED``
    characters (the one that reaches it included): past it, the parent writes the others'
    (at 10,000 files, unbounded, the child's peak was ~7 MB higher)."""
    (tmp_path / "tree").mkdir()
    root = _tree(tmp_path / "tree")
    asked = tmp_path / "asked"

    class Sized(_Preparing):
        def made(self, finding: Finding) -> Any:
            return ("x" * 10, None)  # (ten characters of text each)

    monkeypatch.setattr(parallel, "EARLY_PREPARED", bound)
    asked.touch()
    ahead = Sized(asked=asked)
    split = _split(root, ahead, splits)
    assert len(asked.read_text().splitlines()) == expected  # (of the three it sends)
    assert len(ahead.taken) == expected
    theirs = [f for f in split.findings if _theirs(f)]
    assert len(theirs) == 3
    assert sum(any(f is h for h in ahead.handed) for f in theirs) == 3 - expected


def test_the_json_report_written_from_prepared_texts_is_the_same(tmp_path: Path) -> None:
    """JSON's text of a finding is made by ``written_ahead`` in any process and kept by
    ``keep_ahead`` for an equal finding: the report is the one written without."""
    import pickle

    root = _tree(tmp_path)
    result = _lint(root, workers=1)
    assert any(f.fix is not None for f in result.findings)
    plain = JsonReporter().render(result)
    reporter = JsonReporter()
    ahead = _ahead([(reporter, None)])
    assert ahead is not None
    for finding in result.findings:  # (made "elsewhere": an equal copy, pickled)
        prepared = pickle.loads(pickle.dumps(ahead.prepare(finding, None)))  # type: ignore[attr-defined]
        assert prepared == (JsonReporter().written_ahead(finding),)
        ahead.take(finding, None, prepared)  # type: ignore[attr-defined]
    assert len(reporter._ahead) == len(result.findings)
    kept = {id(f): text for f, text in reporter._ahead.values()}
    assert all(kept[id(f)] == JsonReporter().written_ahead(f) for f in result.findings)
    assert reporter.render(result) == plain


def test_reports_hand_their_prepared_texts_each_to_its_own(tmp_path: Path) -> None:
    """SARIF prepares its result's text from the finding and its file's text, JSON from
    the finding: the command's ``ahead`` gives each what it reads, and with both keeps
    each one's prepared text in its own report."""
    root = _tree(tmp_path)
    result = _lint(root, workers=1)
    finding = result.findings[0]
    text = Path(finding.location.path).read_text()
    sarif, json = SarifReporter(), JsonReporter()
    both = _ahead([(sarif, None), (json, None)], result.root)
    assert sarif.ahead_root == result.root
    prepared = both.prepare(finding, text)  # type: ignore[union-attr]
    alone = SarifReporter()
    alone.ahead_root = result.root
    assert prepared == (alone.written_ahead(finding, text), json.written_ahead(finding))
    assert all(isinstance(made, str) for made in prepared)
    both.take(finding, text, prepared)  # type: ignore[union-attr]
    assert sarif._ahead[id(finding)] == (finding, prepared[0])
    assert json._ahead[id(finding)] == (finding, prepared[1])
    # (a JSON report written in one piece keeps no text: it prepares None, then handed)
    compact = JsonReporter(indent=None)
    one = _ahead([(compact, None)])
    assert one.prepare(finding, None) == (None,)  # type: ignore[union-attr]
    one.take(finding, None, (None,))  # type: ignore[union-attr]
    assert compact._ahead == {}
    # (a SARIF finding at line 0 is left to render: prepared None, then handed)
    at_zero = replace(finding, location=replace(finding.location, line=0))
    assert both.prepare(at_zero, text)[0] is None  # type: ignore[union-attr]


def test_the_sarif_log_written_from_prepared_texts_is_the_same(
    tmp_path: Path, splits: Splits,
) -> None:
    """A split run handing the command's SARIF ``ahead`` (the other process prepares the
    results it sends; no sources are sent for it) gives the log of a serial run."""
    from spotlint.cli.check import _keeps_sources

    root = _tree(tmp_path)
    serial = _lint(root, workers=1)
    expected = SarifReporter().render(serial)
    reporter = SarifReporter()
    ahead = _ahead([(reporter, None)], serial.root)
    assert not _keeps_sources([(reporter, None)], ahead)
    splits.alternate = 0
    settings = configure(CheckOptions(paths=[str(root)]), default_registry()).settings
    with deadline(60, "the split run hung"):
        split = lint([str(root)], settings, workers=2, joins=IndexJoins(), ahead=ahead,
                     finish=parallel.ByFile(place_fixes), keep_sources=False)
    assert splits.done == 1, splits.given_up
    assert split.findings == serial.findings and split.sources == {}
    assert len(reporter._ahead) == len(split.findings)
    assert reporter.render(split) == expected


@pytest.mark.parametrize("waits", [True, False])
def test_an_ahead_that_needs_no_text_is_left_the_findings_sent_before_finish(
    tmp_path: Path, splits: Splits, monkeypatch: pytest.MonkeyPatch, waits: bool,
) -> None:
    """``prepare_early`` False (what it writes of a finding needs no file's text): once the
    parent waits, the other process does not prepare the findings it sends before
    ``finish`` (those without a fix), which the parent is handed to write itself; those
    it sends as ``finish`` gives them (with a fix) it prepares, as ever, and all of them
    while the parent is busy (whether it waits is held here, not left to timing)."""
    root = _tree(tmp_path)
    serial = _lint(root, workers=1)

    class Late(_Preparing):
        prepare_early = False

    monkeypatch.setattr(parallel._Early, "parent_waits", lambda self: waits)
    ahead = Late()
    split = _split(root, ahead, splits)
    assert split.findings == serial.findings
    theirs = [f for f in split.findings if _theirs(f)]
    fixed = [f for f in theirs if f.fix is not None]
    assert fixed and len(fixed) < len(theirs)
    prepared = fixed if waits else theirs
    assert sorted(id(f) for f, _ in ahead.taken) == sorted(id(f) for f in prepared)
    assert all(made[1:] == (f.location.path, f.fix is not None) for f, made in ahead.taken)
    handed = {id(f) for f in ahead.handed}
    assert all((id(f) in handed) == (waits and f.fix is None) for f in theirs)


def test_the_parent_says_it_waits_on_the_answers_pipe() -> None:
    """A forked process learns the parent waits from a byte on its answers pipe (or the
    pipe's end closed), and keeps knowing it; without a pipe, the parent never waits."""
    read, write = os.pipe()
    try:
        early = parallel._Early(-1, told=read)
        assert not early.parent_waits()
        os.write(write, parallel._WAITING)
        assert early.parent_waits() and early.parent_waits()
        closed = parallel._Early(-1, told=read)
        os.read(read, 1)
        os.close(write)
        write = -1
        assert closed.parent_waits()
    finally:
        os.close(read)
        if write >= 0:
            os.close(write)
    assert not parallel._Early(-1).parent_waits()


def test_the_command_s_ahead_leaves_early_findings_to_the_parent_when_no_report_reads_text(
) -> None:
    """JSON writes a finding's text from the finding alone: its findings sent early are
    written by the parent. SARIF reads the file's text (its line hashes), which the
    parent may not hold: the other process prepares every one, alone or beside JSON."""
    json_alone = _ahead([(JsonReporter(), None)])
    with_sarif = _ahead([(JsonReporter(), None), (SarifReporter(), None)])
    sarif_alone = _ahead([(SarifReporter(), None)])
    assert json_alone is not None and with_sarif is not None and sarif_alone is not None
    assert json_alone.prepare_early is False
    assert with_sarif.prepare_early is True
    assert sarif_alone.prepare_early is True


def test_the_parent_tells_the_other_process_once_it_waits(
    tmp_path: Path, splits: Splits, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Held without a stand-in for the telling: the other process sends its findings
    once the parent says it waits (it would go on after 20 s), and leaves those without
    a fix to it."""
    import time

    root = _tree(tmp_path)
    send = parallel._Early.send

    def once_told(self: Any, findings: Any, sources: Any) -> None:
        until = time.monotonic() + 20
        while not self.parent_waits() and time.monotonic() < until:
            time.sleep(0.01)
        send(self, findings, sources)

    class Late(_Preparing):
        prepare_early = False

    monkeypatch.setattr(parallel._Early, "send", once_told)
    ahead = Late()
    split = _split(root, ahead, splits)
    theirs = [f for f in split.findings if _theirs(f)]
    handed = {id(f) for f in ahead.handed}
    assert any(f.fix is None for f in theirs)
    assert all(id(f) in handed for f in theirs if f.fix is None)
    assert sorted(id(f) for f, _ in ahead.taken) == sorted(
        id(f) for f in theirs if f.fix is not None)
