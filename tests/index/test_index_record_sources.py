"""A record looks for the files its objects point into only where some may be.

``records.describe`` walks every job, pool and template of a file for the files
their values lie in (a script's job built from the ``file://`` request it names;
a container script's, embedded in a YAML Job): for the pool files of a first run
that walk was most of the record's own cost. A YAML, JSON or properties file with
nothing embedded holds only its own values, so :func:`may_point_elsewhere` skips
it there. Held here to the full walk: every record of the examples, the rule
examples, the corpus (when present) and a tree of jobs built from a request file
is the one the walk makes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.splits import request_tree

from spotlint.config.settings import Settings
from spotlint.index import records
from spotlint.load.discover import discover
from spotlint.plugins.manager import default_registry

REPO = Path(__file__).resolve().parents[2]


def _compare(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """(files compared, records naming sources); fails on the first record that differs."""
    settings = Settings(root=str(root))
    kinds = default_registry().kinds
    real_root = os.path.realpath(root)
    compared = named = 0
    for candidate in discover([str(root)], str(root)):
        rel = os.path.relpath(candidate.path, root).replace(os.sep, "/")
        if rel.endswith((".md", ".markdown")):
            continue  # never recorded
        record = records.build(candidate.path, rel, real_root, settings, kinds)
        with monkeypatch.context() as patched:
            patched.setattr(records, "may_point_elsewhere", lambda project, loaded: True)
            walked = records.build(candidate.path, rel, real_root, settings, kinds)
        assert record == walked, rel
        compared += 1
        named += bool(record.get("sources"))
    return compared, named


@pytest.mark.parametrize("tree", ["examples", "rules/examples"])
def test_records_of_the_repository(tree: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _compare(REPO / tree, monkeypatch)[0] > 10


def test_records_of_the_corpus(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _compare(corpus, monkeypatch)[0] > 300


def test_jobs_built_from_a_request_file_name_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A script's job and a YAML Job's container script (an embedded document) are built
    from a request file elsewhere: both records name it, as the walk finds."""
    compared, named = _compare(request_tree(tmp_path / "repo"), monkeypatch)
    assert compared == 3 and named == 2
