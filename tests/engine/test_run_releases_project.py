"""A run lets its trees go when the rules are done (issue 19, memory).

The CLI keeps the collector frozen while it writes reports, so anything still
referenced then, or kept only by a reference cycle, stays in memory beside the
report: at 10,000 files that was most of the peak.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from spotlint.config.settings import Settings
from spotlint.engine import run as engine_run
from spotlint.model import Project

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def no_collector() -> Iterator[None]:
    """Only reference counting frees anything, as in the CLI once trees are frozen."""
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _lint_keeping_a_weak_project(
    paths: list[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[weakref.ref[Project], int]:
    seen: list[weakref.ref[Project]] = []
    finish = engine_run._finish

    def capture(run: engine_run.Run) -> object:
        seen.append(weakref.ref(run.project))
        return finish(run)

    monkeypatch.setattr(engine_run, "_finish", capture)
    result = engine_run.lint(paths, Settings(root=str(EXAMPLES.parent)), workers=1)
    return seen[0], len(result.active)


def test_project_is_freed_when_lint_returns(
    monkeypatch: pytest.MonkeyPatch, no_collector: None
) -> None:
    # Every example kind: pools and jobs (the shared placement indexes), shell
    # scripts with inline JSON (relocated trees), Markdown guides, Terraform.
    project, active = _lint_keeping_a_weak_project([str(EXAMPLES)], monkeypatch)
    assert active > 0
    assert project() is None


def test_shell_script_with_inline_json_leaves_no_cycle(
    monkeypatch: pytest.MonkeyPatch, no_collector: None
) -> None:
    script = EXAMPLES / "jobs" / "submit-reports.sh"
    assert "--job-driver '{" in script.read_text()
    project, _ = _lint_keeping_a_weak_project([str(script)], monkeypatch)
    assert project() is None


def test_placement_index_of_a_project_can_be_forgotten() -> None:
    from spotlint.capacity import CapacityLabels
    from spotlint.placement import view

    project, capacity = Project(), CapacityLabels()
    index = view.index_for(project, capacity)
    assert view.index_for(project, capacity) is index
    view.forget(project)
    assert view.index_for(project, capacity) is not index
