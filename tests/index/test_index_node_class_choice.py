"""Which definition of a pool's node class selection reads (spotlint.index.select).

As Karpenter linking chooses: the definition in the pool's own file, else every
definition sharing the longest directory with the pool's file. Selection
remembers the answer per directory (every file of a directory gets the same
one), so pools in different directories naming the same class must still get
their own nearest definitions.
"""

from __future__ import annotations

from typing import Any

from spotlint.index.select import select

POOL = {"pools": [{"node_class": "spark"}]}
CLASS = {"node_classes": [["spark"]]}


def _select(given: list[str], records: dict[str, dict[str, Any]]) -> list[str]:
    order = sorted(records)
    return select(given, records, order, mapped_clusters=True)


def test_each_pool_reads_the_definition_nearest_to_it() -> None:
    records: dict[str, dict[str, Any]] = {
        "a/x/pool.yaml": POOL, "a/x/other.yaml": POOL, "a/classes.yaml": CLASS,
        "b/y/z/pool.yaml": POOL, "b/y/classes.yaml": CLASS, "b/classes.yaml": CLASS,
        "c/pool.yaml": POOL, "c/d/classes.yaml": CLASS, "c/e/classes.yaml": CLASS,
    }
    chosen = _select(["a/x/pool.yaml", "b/y/z/pool.yaml", "c/pool.yaml"], records)
    classes = [p for p in chosen if p.endswith("classes.yaml")]
    # a/x: a/ is the longest shared directory; b/y/z: b/y/; c/: both below it tie
    assert classes == ["a/classes.yaml", "b/y/classes.yaml", "c/d/classes.yaml",
                       "c/e/classes.yaml"]


def test_a_definition_in_the_pools_own_file_is_the_one_read() -> None:
    records: dict[str, dict[str, Any]] = {
        "a/pool.yaml": {**POOL, **CLASS}, "a/classes.yaml": CLASS,
        "b/pool.yaml": POOL, "b/classes.yaml": CLASS,
    }
    chosen = _select(["a/pool.yaml", "b/pool.yaml"], records)
    assert [p for p in chosen if p.endswith("classes.yaml")] == ["b/classes.yaml"]
