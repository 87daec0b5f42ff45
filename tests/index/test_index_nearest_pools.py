"""Selection's nearest pools found by bisection in the walk's order (spotlint.index.select)."""

from __future__ import annotations

import random

from spotlint.index.listing import walk_key
from spotlint.index.select import NearestPools


def _reference(path: str, pool_files: list[str]) -> list[str]:
    """The pool files under the nearest ancestor directory holding any, one by one."""
    directory = path.rpartition("/")[0]
    while True:
        prefix = directory + "/" if directory else ""
        found = [p for p in pool_files if p.startswith(prefix)]
        if found or not directory:
            return found
        directory = directory.rpartition("/")[0]


def _tree(rng: random.Random) -> list[str]:
    names = ["a", "b", "ab", "a-b", "a.b", "b0", "_", "A", "z"]
    files = set()
    for _ in range(rng.randrange(1, 60)):
        depth = rng.randrange(0, 4)
        parts = [rng.choice(names) for _ in range(depth)]
        files.add("/".join([*parts, rng.choice(names) + rng.choice(["", ".yaml", ".tf"])]))
    return sorted(files, key=walk_key)


def test_the_same_files_as_one_by_one() -> None:
    rng = random.Random(7)
    asked = 0
    for _ in range(300):
        files = _tree(rng)
        pools = [f for f in files if rng.random() < 0.3]
        nearest = NearestPools(pools)
        for path in [*files, "x/y.yaml", "a/b/c/d.yaml", "top.yaml"]:
            assert sorted(nearest.of(path)) == sorted(_reference(path, pools)), (path, pools)
            asked += 1
    assert asked > 3000


def test_files_known_in_the_walk_order_are_bisected_without_a_key_each() -> None:
    rng = random.Random(5)
    for _ in range(300):
        files = _tree(rng)
        pools = [f for f in files if rng.random() < 0.3]
        nearest = NearestPools(pools, walk_ordered=True)
        assert nearest.keys is None  # (no key made for each file)
        for path in [*files, "x/y.yaml", "a/b/c/d.yaml", "top.yaml"]:
            assert sorted(nearest.of(path)) == sorted(_reference(path, pools)), (path, pools)
        asked = [f for f in files if rng.random() < 0.5] + ["x/y.yaml"]
        expected = set().union(*(_reference(p, pools) for p in asked))
        assert NearestPools(pools, walk_ordered=True).around(asked) == expected


def test_files_out_of_the_walk_order_are_searched_one_by_one() -> None:
    pools = ["b/p.yaml", "a/p.yaml", "a/sub/q.yaml"]  # not in the walk's order
    nearest = NearestPools(pools)
    assert nearest.keys is None
    assert sorted(nearest.of("a/sub/j.yaml")) == ["a/sub/q.yaml"]
    assert sorted(nearest.of("a/j.yaml")) == ["a/p.yaml", "a/sub/q.yaml"]
    assert sorted(nearest.of("c/j.yaml")) == sorted(pools)


def test_around_many_files_is_the_union_of_each_one_s() -> None:
    rng = random.Random(11)
    for _ in range(200):
        files = _tree(rng)
        pools = [f for f in files if rng.random() < 0.3]
        asked = [f for f in files if rng.random() < 0.5] + ["x/y.yaml", "top.yaml"]
        expected = set().union(*(_reference(p, pools) for p in asked))
        assert NearestPools(pools).around(asked) == expected, (asked, pools)
        warm = NearestPools(pools)
        for path in asked[::2]:
            warm.of(path)  # (answers kept first, then reused)
        assert warm.around(asked) == expected, (asked, pools)


def test_around_stops_asking_once_every_pool_file_is_found() -> None:
    pools = ["a/p.yaml", "b/q.yaml"]
    nearest = NearestPools(pools)
    asked: list[str] = []
    real_of = nearest.of

    def of(path: str) -> list[str]:
        asked.append(path)
        return real_of(path)

    nearest.of = of  # type: ignore[method-assign]
    # "top.yaml" (nearest: the root's, every pool file) answers all: nothing after it
    paths = ["a/j.yaml", "top.yaml", "b/j.yaml", "c/j.yaml", "a/k.yaml"]
    assert nearest.around(paths) == set(pools)
    assert asked == ["a/j.yaml", "top.yaml"]
    asked.clear()
    assert nearest.around(["a/j.yaml", "a/k.yaml", "a/sub/l.yaml"]) == {"a/p.yaml"}
    assert asked == ["a/j.yaml", "a/k.yaml", "a/sub/l.yaml"]
