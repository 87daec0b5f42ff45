"""The real corpus: every eksctl/Karpenter file normalizes without crashing, and the
pool rules' findings there stay the ones reviewed by hand."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from spotlint.rules.pools import RULES
from support.pools import project_from, run_rule

from spotlint.model import Project

#: Reviewed by hand (see the issue's closing note); a change here needs a new review.
#: SL406 5: sample_graviton_ekscluster.yaml ("c6.8xlarge"), read since its {REGION}
#: placeholders parse (issue 14).
REVIEWED = {
    "SL401": 3, "SL402": 26, "SL403": 3, "SL404": 1, "SL405": 8, "SL406": 5,
    "SL407": 57, "SL408": 6, "SL409": 92, "SL410": 20, "SL411": 0,
    # eksctl self-managed Spot groups: no Node Termination Handler in these files.
    "SL412": 8,
}


def _pool_files(corpus: Path) -> list[Path]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        corpus / row["repo"].replace("/", "__") / row["path"]
        for row in rows
        if "karpenter" in row["kind"] or "eksctl" in row["kind"]
    ]


@pytest.fixture(scope="module")
def pools(corpus: Path) -> Project:
    files = _pool_files(corpus)
    assert files, "MANIFEST.tsv lists no Karpenter or eksctl file"
    project = Project()
    for path in files:
        project_from(path.read_text("utf-8", errors="replace"), str(path), project)
    return project


def test_corpus_normalizes(pools: Project) -> None:
    kinds = Counter(p.kind for p in pools.pools)
    assert kinds["karpenter-nodepool"] > 50 and kinds["eksctl-managed"] > 5
    assert kinds["eksctl-self-managed"] > 20 and kinds["karpenter-provisioner"] > 10


def test_reviewed_counts(pools: Project) -> None:
    counts = {rule.code: len(run_rule(rule, pools)) for rule in RULES}
    assert counts == REVIEWED
