"""The walk's candidates each once: a path the quick test calls normal is what
``os.path.normpath`` makes of it, so it is the same key."""

from __future__ import annotations

import os
from itertools import product

import pytest

from spotlint.engine.run import _normal, _unique
from spotlint.load.discover import Candidate

PARTS = ["a", ".", "..", "", "b.c", "...", ".x"]


@pytest.mark.skipif(os.sep != "/", reason="the quick test answers only for '/'")
def test_a_path_called_normal_is_normal() -> None:
    called = 0
    for size in range(1, 5):
        for parts in product(PARTS, repeat=size):
            for path in ("/".join(parts), "/" + "/".join(parts), "/".join(parts) + "/"):
                if _normal(path):
                    called += 1
                    assert os.path.normpath(path) == path, path
    assert called > 100  # (it does call most plain paths normal)
    assert _normal("/tmp/corpus/jobs/etl.yaml") and _normal("jobs/etl.yaml")


def test_each_file_once_whatever_its_spelling() -> None:
    spellings = ["jobs/a.yaml", "./jobs/a.yaml", "jobs//a.yaml", "jobs/x/../a.yaml",
                 "jobs/b.yaml", "jobs/./b.yaml"]
    found = [c.path for c in _unique(Candidate(p, explicit=False) for p in spellings)]
    assert found == ["jobs/a.yaml", "jobs/b.yaml"]
