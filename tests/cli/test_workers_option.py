"""``--workers`` sets the worker processes; ``--jobs`` and ``-j`` are kept as its aliases.

Inside spotlint "jobs" are Spark jobs, so the option's own name is
``--workers``; scripts written for the older name keep working.
"""

from __future__ import annotations

from typing import Any

import pytest

from spotlint.cli import check as check_module
from spotlint.cli.commands import cli


def _options(args: list[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    seen: list[Any] = []

    def capture(options: Any) -> int:
        seen.append(options)
        return 0

    monkeypatch.setattr(check_module, "run_check", capture)
    with pytest.raises(SystemExit):
        cli.main(args=["check", *args], prog_name="spotlint", standalone_mode=True)
    [options] = seen
    return options


@pytest.mark.parametrize("flag", ["--workers", "--jobs", "-j"])
def test_every_spelling_sets_the_worker_count(flag: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _options([flag, "3", "a.yaml"], monkeypatch).workers == 3


def test_no_flag_leaves_the_count_to_the_input_size(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _options(["a.yaml"], monkeypatch).workers is None


def test_zero_workers_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(args=["check", "--workers", "0", "a.yaml"], prog_name="spotlint",
                 standalone_mode=True)
    assert exit_info.value.code == 2
