"""A run whose outputs never read the texts of the files (``RunResult.sources``: the
text report's snippets, SARIF's line hashes) leaves them out when it is shared by
processes: the other processes do not send them (0.8 MB at 1,000 files). Each
built-in reporter that says so (``reads_sources = False``) renders the same report
without them, and the command's outputs stay those of one process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.splits import Splits

from spotlint.cli.joins import IndexJoins
from spotlint.config.settings import Settings
from spotlint.engine import parallel
from spotlint.engine.run import lint
from spotlint.fix.place import place_fixes
from spotlint.report.base import BUILTIN_REPORTERS, get_reporter
from spotlint.value import replace

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "rules" / "examples"


@pytest.mark.parametrize("name", sorted(BUILTIN_REPORTERS))
def test_a_reporter_that_reads_no_sources_renders_alike_without_them(name: str) -> None:
    reporter = get_reporter(name, BUILTIN_REPORTERS)
    finish = place_fixes if getattr(reporter, "wants_edits", False) else None
    result = lint([str(FIXTURES)], Settings(root=str(FIXTURES)), workers=1, finish=finish)
    assert result.sources
    reads = getattr(reporter, "reads_sources", True)
    # (SARIF reads each file again without them, slower: its line hashes need the text)
    assert reads is (name in ("text", "sarif"))
    if not reads:
        assert reporter.render(replace(result, sources={})) == reporter.render(result)
    if name == "text":  # (the one whose output needs them: the snippets)
        assert reporter.render(replace(result, sources={})) != reporter.render(result)


@pytest.mark.parametrize("keep", [True, False])
def test_a_split_run_leaves_sources_out_when_asked(
    keep: bool, splits: Splits, monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[int] = []  # how many texts the child sent at the end of its answer
    early: list[int] = []  # ... and with its findings sent early
    receive = parallel._receive
    unframed = parallel._unframed

    def spy(source: Any) -> Any:
        answer = receive(source)
        sent.append(len(answer["sources"]))
        return answer

    def spy_frame(data: Any) -> Any:
        frame = unframed(data)
        if isinstance(frame, tuple) and len(frame) == 4:  # (an early part of its findings)
            early.append(len(frame[2]))
        return frame

    monkeypatch.setattr(parallel, "_receive", spy)
    monkeypatch.setattr(parallel, "_unframed", spy_frame)
    serial = lint([str(FIXTURES)], Settings(root=str(FIXTURES)), workers=1,
                  finish=place_fixes)
    split = lint([str(FIXTURES)], Settings(root=str(FIXTURES)), workers=2,
                 joins=IndexJoins(), finish=place_fixes, keep_sources=keep)
    assert splits.done == 1, splits.given_up
    assert split.findings == serial.findings and split.files == serial.files
    assert len(sent) == 1 and early and (sent[0] + sum(early) > 0) is keep
    assert split.sources.keys() == (serial.sources.keys() if keep else set())
