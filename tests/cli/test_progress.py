"""A progress line on stderr for runs longer than a second, only on a terminal."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest

from spotlint.cli import progress as progress_module
from spotlint.cli.check import CheckOptions, run_check
from spotlint.cli.progress import ProgressLine
from spotlint.engine.progress import Progress

ERASE = "\r\x1b[2K"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_line_appears_after_the_delay_and_is_erased_at_the_end() -> None:
    stream = Terminal()
    state = Progress()
    with ProgressLine(state, stream, delay=0.05, interval=0.01) as line:
        state.enter("recognizing files", 40)
        state.done = 12
        deadline = time.monotonic() + 5
        while not line.drawn and time.monotonic() < deadline:
            time.sleep(0.01)
    text = stream.getvalue()
    assert "spotlint: recognizing files 12/40 (" in text
    assert text.endswith(ERASE) and "\n" not in text


def test_a_short_run_prints_nothing() -> None:
    stream = Terminal()
    with ProgressLine(Progress(), stream, delay=5):
        pass
    assert stream.getvalue() == ""


def test_the_line_shows_a_count_without_a_total() -> None:
    state = Progress()
    state.enter("reading files")
    state.done = 7
    assert ProgressLine(state, Terminal()).line().startswith("spotlint: reading files 7 (")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for index in range(3):
        (tmp_path / f"spark-defaults-{index}.conf").write_text("spark.master k8s://x\n")
    return tmp_path


@pytest.mark.parametrize(("terminal", "quiet", "shown"),
                         [(True, False, True), (True, True, False), (False, False, False)])
def test_check_draws_it_only_on_a_terminal_and_not_when_quiet(
    repo: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool, quiet: bool, shown: bool
) -> None:
    stream = Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(progress_module, "DELAY", 0.0)
    monkeypatch.setattr(progress_module, "INTERVAL", 0.001)
    real_enter = Progress.enter

    def slow_enter(self: Progress, stage: str, total: int | None = None) -> None:
        real_enter(self, stage, total)
        time.sleep(0.05)  # let the drawing thread see each stage

    monkeypatch.setattr(Progress, "enter", slow_enter)
    code = run_check(CheckOptions(paths=[str(repo)], isolated=True, quiet=quiet,
                                  formats=["json"], outputs=[str(repo / "out.json")]))
    assert code == 1
    text = stream.getvalue()
    assert ("spotlint: reading files" in text) is shown
    if shown:
        assert text.endswith(ERASE)
