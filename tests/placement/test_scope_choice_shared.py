"""The nearest-pool choice is shared by the job directories under one ancestor.

``ScopeFinder`` keeps one choice per (nearest ancestor holding pools, is the job
directory that ancestor) instead of one per job directory. On random trees of
named, regionless and anonymous pools (the root ``/`` included), a finder asked
about many directories must answer each exactly as a fresh finder asked about
that directory alone.
"""

from __future__ import annotations

import random

from placement_support import node_group, nodepool

from spotlint.model import Pool
from spotlint.placement.clusters import ScopeFinder

DIRS = ["", "r", "r/a", "r/a/x", "r/a/y", "r/b", "r/b/x", "r/b/x/z", "s", "s/t"]


def _pools(rng: random.Random) -> list[Pool]:
    pools = []
    for i in range(rng.randint(1, 8)):
        path = "/" + "/".join(p for p in (rng.choice(DIRS), f"p{i}.yaml") if p)
        kind = rng.random()
        if kind < 0.4:
            pools.append(node_group(f"g{i}", "spot", path=path, cluster=rng.choice("ab"),
                                    region=rng.choice(["us-east-1", "eu-west-1"])))
        elif kind < 0.6:
            pools.append(nodepool(f"k{i}", "spot", path=path, cluster=rng.choice("ab")))
        else:
            pools.append(nodepool(f"n{i}", "spot", path=path))
    return pools


def _answer(finder: ScopeFinder, path: str) -> tuple[object, ...]:
    scope = finder.scope(path)
    return (scope.how, [id(p) for p in scope.pools], scope.cluster,
            sorted(str(c) for c in scope.rivals))


def test_shared_choice_equals_a_fresh_one() -> None:
    rng = random.Random(19)
    jobs = ["/" + "/".join(p for p in (d, "job.yaml") if p) for d in [*DIRS, "r/a/x/deep/er"]]
    compared = 0
    for _ in range(300):
        pools = _pools(rng)
        shared = ScopeFinder(pools)
        for job in rng.sample(jobs, len(jobs)):
            assert _answer(shared, job) == _answer(ScopeFinder(pools), job), (job, pools)
            compared += 1
    assert compared == 300 * len(jobs)
