"""The pools a directory holds (in it or below it), as ``ScopeFinder`` finds them.

The finder climbs from each pool's directory only until a directory already met, and
gathers a directory's pools when a choice asks for them. On random trees (the root,
``//`` and paths to normalize included) every directory must hold what the definition
gives: the pools whose directory has it among its parents (``os.path.dirname`` up to
the root), in the pools' order; and ``around`` must answer from them.
"""

from __future__ import annotations

import os
import random

from placement_support import nodepool

from spotlint.model import Pool
from spotlint.placement.clusters import ScopeFinder

DIRS = ["", "r", "r/a", "r/a/x", "r/a/y", "r/b", "r/b/x", "r/b/x/z", "s", "s/t", "/r/a",
        "r/../s", "r//b"]


def _chain(directory: str) -> list[str]:
    chain = [directory]
    while (parent := os.path.dirname(chain[-1])) != chain[-1]:
        chain.append(parent)
    return chain


def _directory(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))


def test_pools_under_every_directory_are_the_definitions() -> None:
    rng = random.Random(23)
    checked = 0
    for _ in range(300):
        pools: list[Pool] = []
        for i in range(rng.randint(1, 10)):
            path = "/" + "/".join(p for p in (rng.choice(DIRS), f"p{i}.yaml") if p)
            pools.append(nodepool(f"n{i}", "spot", path=path, cluster=rng.choice("ab")))
        finder = ScopeFinder(pools)
        chains = {id(p): _chain(_directory(p.path)) for p in pools}
        every = {d for chain in chains.values() for d in chain}
        assert finder._holding == every
        for directory in sorted(every, key=lambda d: rng.random()):
            expected = [p for p in pools if directory in chains[id(p)]]
            assert finder._pools_under(directory) == expected, (directory, pools)
            checked += len(expected) > 1
        for pool in pools:
            job = _directory(pool.path) + "/job.yaml"
            nearest = _directory(job)  # (holds this pool: the nearest that holds any)
            assert finder.around(job) == [p for p in pools if nearest in chains[id(p)]]
    assert checked > 1000
