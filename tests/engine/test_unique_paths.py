"""The walk's candidates each once, whatever the spelling of their paths."""

from __future__ import annotations

from spotlint.engine.run import _unique
from spotlint.load.discover import Candidate


def test_each_file_once_whatever_its_spelling() -> None:
    spellings = ["jobs/a.yaml", "./jobs/a.yaml", "jobs//a.yaml", "jobs/x/../a.yaml",
                 "jobs/b.yaml", "jobs/./b.yaml"]
    found = [c.path for c in _unique(Candidate(p, explicit=False) for p in spellings)]
    assert found == ["jobs/a.yaml", "jobs/b.yaml"]
