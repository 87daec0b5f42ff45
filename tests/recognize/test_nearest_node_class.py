"""NearestDocument gives the node class a pool's cluster comes from, as a direct comparison does."""

from __future__ import annotations

import os
import random

from spotlint.location import Location, Node
from spotlint.recognize.karpenter import NearestDocument, Places


def _closest(candidates: list[Node], path: str) -> Node | None:
    """The definition: same file, else the longest common path; the first among equals."""
    if not candidates:
        return None
    here = os.path.abspath(path)

    def closeness(doc: Node) -> tuple[bool, int]:
        there = os.path.abspath(doc.loc.path)
        return there == here, len(os.path.commonpath([here, there]))

    return max(candidates, key=closeness)


def _path(rng: random.Random, relative: bool) -> str:
    parts = [rng.choice(["a", "b", "ab", "a.b", "team-1"]) for _ in range(rng.randint(0, 4))]
    name = rng.choice(["x.yaml", "y.yaml", "x.yaml.bak", "nodeclass.yaml"])
    path = "/".join([*parts, name])
    return path if relative else "/repo/" + path


def test_the_nearest_definition_whatever_the_layout() -> None:
    rng = random.Random(19)
    for _ in range(500):
        relative = rng.random() < 0.3
        candidates = [Node({}, Location(_path(rng, relative), rng.randint(1, 9), 1, 1, 1))
                      for _ in range(rng.randint(0, 8))]
        finder = NearestDocument(candidates)
        for _ in range(10):
            pool = _path(rng, relative) if rng.random() < 0.7 else (
                rng.choice(candidates).loc.path if candidates else "x.yaml")
            assert finder.nearest(pool) is _closest(candidates, pool), (pool, candidates)


def test_finders_sharing_places_answer_as_each_alone() -> None:
    """One link's finders share a :class:`Places` (each name's candidates, every pool's
    path): what one finder worked out must not change another's answer."""
    rng = random.Random(1915)
    for _ in range(100):
        places = Places()
        relative = rng.random() < 0.3
        finders = []
        for _ in range(rng.randint(1, 5)):
            candidates = [Node({}, Location(_path(rng, relative), rng.randint(1, 9), 1, 1, 1))
                          for _ in range(rng.randint(0, 6))]
            finders.append((candidates, NearestDocument(candidates, places)))
        for _ in range(20):
            candidates, finder = rng.choice(finders)
            pool = _path(rng, relative)
            assert finder.nearest(pool) is _closest(candidates, pool), (pool, candidates)


def test_places_are_abspath_and_dirname() -> None:
    places = Places()
    for path in ["/", "/repo/a/x.yaml", "a/b/../x.yaml", "x.yaml", "//host/a/x.yaml",
                 "/repo//a/./x.yaml", "/repo/a/x.yaml"]:
        here, directories = places.of(path)
        assert here == os.path.abspath(path)
        expected = [os.path.dirname(here)]
        while os.path.dirname(expected[-1]) != expected[-1]:
            expected.append(os.path.dirname(expected[-1]))
        assert list(directories) == expected
