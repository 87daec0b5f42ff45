"""SL107 lists each pool a job's roles reach once, as ``in`` (equality) would: pools are
compared whole only when they share their anchor node, which equal pools do (the anchor
is a compared field and nodes are equal only to themselves)."""

from __future__ import annotations

import importlib
from pathlib import Path

from spotlint.engine import lint
from spotlint.location import Node
from spotlint.model import Pool
from spotlint.value import replace

MODULE = importlib.import_module("spotlint.rules.placement.sl107_job_spans_zones")


def test_listed_is_membership_by_equality(corpus: Path) -> None:
    assert "anchor" in Pool.FIELDS and "anchor" not in Pool.UNCOMPARED
    assert Node.__eq__ is object.__eq__
    result = lint([str(corpus)], keep_model=True)
    assert result.model is not None
    pools = list(result.model.project.pools)[:60]
    assert len(pools) > 20
    copies = [replace(p) for p in pools[::7]]  # other objects, equal by value
    renamed = [replace(p, name=p.name + "-x") for p in pools[::5]]  # same anchor, unequal
    for pool in [*pools[::3], *copies, *renamed]:
        for listed in (pools, pools[::2], copies, []):
            assert MODULE._listed(pool, listed) is (pool in listed), pool.name
    assert all(MODULE._listed(c, pools) for c in copies)
    assert not any(MODULE._listed(r, pools) for r in renamed)
