"""The capacity selectors of a scope's pools are remembered on the run's table: asked
again (by every finding advising a selector in that scope) they are the computed ones,
a caller's change to the list it got leaves the next answer alone, and two lists of
pools (or types) get their own."""

from __future__ import annotations

from pathlib import Path

from spotlint.capacity import CapacityLabels
from spotlint.engine import lint
from spotlint.model import ON_DEMAND, SPOT
from spotlint.placement.suggest import _capacity_selectors, capacity_selectors
from spotlint.placement.view import PlacementIndex

ROOT = Path(__file__).resolve().parents[2]


def test_remembered_selectors_are_the_computed_ones(corpus: Path) -> None:
    compared = found = 0
    for top in (ROOT / "examples", ROOT / "rules", corpus):
        result = lint([str(top)], keep_model=True)
        assert result.model is not None
        project = result.model.project
        capacity = CapacityLabels()
        index = PlacementIndex(project, capacity)
        for view in index.views():
            for kind in (ON_DEMAND, SPOT):
                expected = _capacity_selectors(view.pools, kind, capacity)
                first = capacity_selectors(view.pools, kind, capacity)
                first.append(("changed", "by the caller"))
                assert capacity_selectors(view.pools, kind, capacity) == expected
                assert capacity_selectors(list(view.pools), kind, capacity) == expected
                compared += 1
                found += bool(expected)
    assert compared > 100 and found > 20
    assert len(capacity.pools_memo) > 1
