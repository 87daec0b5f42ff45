"""Which definition of a pool's node class selection reads (spotlint.index.select).

As Karpenter linking chooses: the definition in the pool's own file, else every
definition sharing the longest directory with the pool's file. Selection
remembers the answer per directory (every file of a directory gets the same
one), so pools in different directories naming the same class must still get
their own nearest definitions.
"""

from __future__ import annotations

import os
import random
from typing import Any

from spotlint.index.listing import walk_key
from spotlint.index.names import may_name
from spotlint.index.select import ANY_NODE_CLASS, select

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


def test_the_choice_among_known_and_scanned_definitions_on_random_trees() -> None:
    """Held to the definition, asked file by file: the pool's own file when it defines
    the class, else every known definition or scanned file that may define it
    (names.may_name) sharing the longest directory with the pool's file. Selection asks
    only the scanned files at least as near as the nearest known definition; random
    trees of known and scanned definitions (words, unknown words, Terraform pieces),
    pools in and between them."""
    rng = random.Random(3)
    names = ["spark", "default", "spark-nvme", "gpu", "<unnamed>", ""]
    dirs = ["", "a", "a/b", "a/b/c", "a/d", "e", "e/f", "ab", "a/bc"]
    for _ in range(600):
        records: dict[str, dict[str, Any]] = {}
        for number in range(rng.randrange(2, 14)):
            directory = rng.choice(dirs)
            rel = f"{directory}/f{number}.yaml".lstrip("/")
            kind = rng.random()
            if kind < 0.35:
                records[rel] = {"pools": [{"node_class": rng.choice(names) or None}]}
                if rng.random() < 0.3:
                    records[rel]["node_classes"] = [[rng.choice(names[:4])]]
            elif kind < 0.6:
                records[rel] = {"node_classes": [[rng.choice(names[:5])]]}
            else:  # scanned: any class its words (or pieces) may spell
                words = None if rng.random() < 0.15 else " " + " ".join(
                    rng.sample(["spark", "nvme", "default", "gpu", "x"], rng.randrange(0, 4))
                ) + " "
                pieces = [["spa", None]] if rng.random() < 0.2 else []
                records[rel] = {"node_classes": [[ANY_NODE_CLASS, words, pieces]]}
        order = sorted(records, key=walk_key)
        pools = [p for p in order if "pools" in records[p] and
                 records[p]["pools"][0]["node_class"] is not None]
        if not pools:
            continue
        chosen = set(select([pools[0]], records, order, mapped_clusters=True))
        expected: set[str] = set()
        for pool in pools:
            expected |= _definitions(pool, records)
        # (every pool file is read, mapped clusters: the definitions elsewhere are asked)
        classes = {p for p in chosen if "pools" not in records[p]}
        assert classes == {p for p in expected if "pools" not in records[p]}, records


def _definitions(pool: str, records: dict[str, dict[str, Any]]) -> set[str]:
    name = records[pool]["pools"][0]["node_class"] or ""
    candidates = set()
    for rel, record in records.items():
        for entry in record.get("node_classes", ()):
            if entry[0] is ANY_NODE_CLASS:
                if name and may_name(entry[1], name, [tuple(p) for p in entry[2]]):
                    candidates.add(rel)
            elif entry[0] == name:
                candidates.add(rel)
    if pool in candidates:
        return {pool}
    if not candidates:
        return set()
    shared = {c: len(os.path.commonpath([pool, c])) for c in candidates}
    longest = max(shared.values())
    return {c for c, n in shared.items() if n == longest}
