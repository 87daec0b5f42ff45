"""Helpers the SL4xx pool rules share: known values, catalog facts, anchors.

Kept format-free: they read the model's Pool (its typed fields, filled by the
normalizers), never a raw document layout.
"""

from __future__ import annotations

import re

from spotlint.capacity.instances import InstanceType, catalog
from spotlint.capacity.requirements import Admission, admitted_types
from spotlint.location import Location, Node
from spotlint.model import SPOT, Pool, Requirement
from spotlint.recognize.common import scalar_text

#: Values like ``INSTANCE_TYPE.INSTANCE_SIZE`` or ``REGIONa`` are tokens that a
#: sed/envsubst step replaces; EC2 names are lowercase, so an upper-case word
#: with an underscore or of 4+ letters is a template token, not a typo.
_TOKEN = re.compile(r"[A-Z][A-Z0-9]*_[A-Z0-9_]+|[A-Z]{4,}")


def known_text(node: Node | None) -> str | None:
    """The text of a scalar that is neither a placeholder nor a template token."""
    value = scalar_text(node)
    if value is None or _TOKEN.search(value):
        return None
    return value


def distinct_texts(nodes: list[Node]) -> list[str] | None:
    """The distinct known texts of ``nodes``, sorted; None if any one is not known.

    One placeholder among the values means the real set is not known, so a
    rule counting them (zones, instance types) says nothing rather than guess.
    """
    texts = [known_text(node) for node in nodes]
    if any(t is None for t in texts):
        return None
    return sorted({t for t in texts if t})


def group_catalog_types(pool: Pool) -> list[tuple[Node, InstanceType]]:
    """Catalog types of a Cluster Autoscaler node group (SL401, SL411); empty otherwise.

    Only such groups are sized from one listed type, so Karpenter pools and
    groups without a type list have nothing to compare.
    """
    if not pool.autoscaled_group or pool.karpenter or not pool.instance_types:
        return []
    return catalog_types(pool.instance_types)


def karpenter_autoscaled(pool: Pool) -> bool:
    """A Karpenter pool that launches and removes nodes itself (SL407, SL408).

    A NodePool with ``replicas`` keeps a static node count, so limits and
    scale-in settings do not apply to it.
    """
    return pool.karpenter and pool.replicas is None


def spot_known(pool: Pool) -> bool:
    """True when the pool is known to launch Spot (unknown capacity is not enough)."""
    return pool.capacity_types is not None and SPOT in pool.capacity_types


def catalog_types(nodes: list[Node]) -> list[tuple[Node, InstanceType]]:
    """Explicit instance types the catalog knows, first occurrence of each."""
    seen: set[str] = set()
    out = []
    cat = catalog()
    for node in nodes:
        name = known_text(node)
        if name is None or name in seen:
            continue
        t = cat.get(name)
        if t is not None:
            seen.add(name)
            out.append((node, t))
    return out


#: Each asked pool's admission by the pool's identity, with the pool (so its id is not
#: reused meanwhile) and the requirements list and API version it was answered for.
#: (An lru_cache keyed by the requirements hashed each one in Python at every ask.)
_ASKED: dict[int, tuple[Pool, list[Requirement], str, Admission]] = {}
_ASKED_MAX = 512


def admission(pool: Pool) -> Admission:
    """Catalog types a Karpenter pool admits (memoized: SL402 and SL410 both ask)."""
    hit = _ASKED.get(id(pool))
    if (hit is not None and hit[0] is pool and hit[1] is pool.requirements
            and hit[2] == pool.api_version):
        return hit[3]
    if len(_ASKED) >= _ASKED_MAX:
        _ASKED.clear()
    found = admitted_types(pool.requirements, pool.api_version)
    _ASKED[id(pool)] = (pool, pool.requirements, pool.api_version, found)
    return found


def types_anchor(pool: Pool) -> Node | Location:
    """Where a node group's instance-type choice is written (key of the list)."""
    return pool.types_at if pool.types_at is not None else pool.anchor.key_loc


def spec_anchor(pool: Pool) -> Location:
    """The ``spec`` key of a Karpenter pool, or its document start."""
    return pool.spec_at if pool.spec_at is not None else pool.doc.loc


def names(items: list[str], limit: int = 8) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
