"""A lazy first run (records only for the files its selection needs) gives the findings
of a run reading the whole project, and leaves an index later runs can trust.

Both generated repositories of the identity and stand-in tests (examples as two
teams' trees; the cross-file rules' examples with Terraform, CloudFormation,
eksctl and Karpenter pools, node classes of one name in two places), every file
checked alone: cold (no index: the index is removed before each), then warm in
the reverse order over the partial index those cold runs left (files only
scanned are recorded when a later selection needs them).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import test_index_identity
import test_index_stand_in
from support.aged import age

from spotlint.config.settings import Settings
from spotlint.index import store
from spotlint.index.context import indexed_context
from spotlint.index.roles import PARTIAL
from spotlint.plugins.manager import default_registry


def _files(root: Path) -> list[str]:
    return test_index_identity.files_of(root)


def _check(root: Path, path: str, no_cache: bool, out: Path) -> str:
    return test_index_identity.check(root, path, no_cache, out)


@pytest.mark.parametrize("generate", [test_index_identity.generate,
                                      test_index_stand_in.generate])
def test_cold_then_warm_runs_match_the_whole_project(
        generate: Callable[[Path], None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    default_registry()
    root = tmp_path / "repo"
    generate(root)
    age(root)
    monkeypatch.chdir(root)
    monkeypatch.delenv("SPOTLINT_CACHE_DIR", raising=False)
    out = tmp_path / "out.json"
    files = _files(root) + sorted(
        str(p.relative_to(root)) for p in root.rglob("*.tf"))
    assert len(files) > 20
    whole = {path: _check(root, path, True, out) for path in files}
    partial_seen = False
    for path in files:
        shutil.rmtree(root / ".spotlint_cache", ignore_errors=True)
        assert _check(root, path, False, out) == whole[path], f"cold: {path}"
        partial_seen = partial_seen or _has_partial(root)
    assert partial_seen, "no cold run left a file only scanned: the lazy path was not taken"
    for path in reversed(files):
        assert _check(root, path, False, out) == whole[path], f"warm: {path}"


def _has_partial(root: Path) -> bool:
    for index in (root / ".spotlint_cache").glob("index-*.json"):
        entries = store.load(str(index.parent), index.name)
        if any(PARTIAL in entry[2] for entry in entries.values()):
            return True
    return False


def test_a_cold_run_records_only_what_it_needs(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    test_index_identity.generate(root)
    age(root)
    settings = Settings(root=str(root))
    kinds = default_registry().kinds
    found = indexed_context([str(root / "team-a/pod-templates/driver.yaml")], settings,
                            kinds, str(root), None)
    assert found is not None
    (index,) = (root / ".spotlint_cache").glob("index-*.json")
    entries = store.load(str(index.parent), index.name)
    recorded = {rel for rel, entry in entries.items() if PARTIAL not in entry[2]}
    scanned = {rel for rel, entry in entries.items() if PARTIAL in entry[2]}
    # the other team's jobs and pools were only scanned, never parsed
    assert "team-b/jobs/cross.json" in scanned
    assert "team-a/karpenter/nodepools.yaml" in recorded
    assert not any(rel.startswith("team-b/") and "karpenter" in rel for rel in recorded)
