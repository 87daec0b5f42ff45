"""The real corpus: every eksctl/Karpenter file normalizes without crashing, and the
pool rules' findings there stay the ones reviewed by hand."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from pools_support import project_from, run_rule
from spotlint.rules.pools import RULES

from spotlint.model import Project

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

#: Reviewed by hand (see the issue's closing note); a change here needs a new review.
REVIEWED = {
    "SL401": 3, "SL402": 26, "SL403": 3, "SL404": 1, "SL405": 8, "SL406": 4,
    "SL407": 57, "SL408": 6, "SL409": 92, "SL410": 20, "SL411": 0,
}


def _pool_files() -> list[Path]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    with manifest.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        CORPUS / row["repo"].replace("/", "__") / row["path"]
        for row in rows
        if "karpenter" in row["kind"] or "eksctl" in row["kind"]
    ]


@pytest.fixture(scope="module")
def corpus() -> Project:
    files = _pool_files()
    if not files:
        pytest.skip("shared corpus not present")
    project = Project()
    for path in files:
        project_from(path.read_text("utf-8", errors="replace"), str(path), project)
    return project


def test_corpus_normalizes(corpus: Project) -> None:
    kinds = Counter(p.kind for p in corpus.pools)
    assert kinds["karpenter-nodepool"] > 50 and kinds["eksctl-managed"] > 5
    assert kinds["eksctl-self-managed"] > 20 and kinds["karpenter-provisioner"] > 10


def test_reviewed_counts(corpus: Project) -> None:
    counts = {rule.code: len(run_rule(rule, corpus)) for rule in RULES}
    assert counts == REVIEWED
