"""Why no pool can host a pod: the constraint nobody meets, or the taints that block.

SL106 reports what it can defend: a constraint on a label key no pool in scope
puts on its nodes (or a custom value no pool offers) most likely targets a pool
spotlint did not read, and is marked ``foreign``.
"""

from __future__ import annotations

from collections.abc import Sequence

from spotlint.capacity import CapacityLabels
from spotlint.location import Node
from spotlint.model import PodPlacement, Pool, Requirement, Taint
from spotlint.placement.candidates import PoolIndex
from spotlint.placement.keys import (
    EKS_CAPACITY_KEY,
    KARPENTER_CAPACITY_KEY,
    PROVISIONER_CAPACITY_KEYS,
)
from spotlint.placement.matching import (
    requirements_satisfiable,
    selector_requirement,
    untolerated_taints,
)
from spotlint.placement.pools import (
    label_capacity_for,
    labels_for_capacity,
    pool_title,
    pool_types,
    pools_for,
)
from spotlint.value import FrozenValue, frozen

_set = object.__setattr__

#: Labels whose values the platform assigns (zones, instance facts): a value no
#: pool offers there is a real mismatch, never a pool that was not scanned.
SYSTEM_LABEL_PREFIXES = (
    "topology.kubernetes.io/", "failure-domain.beta.kubernetes.io/", "topology.k8s.aws/",
    "kubernetes.io/arch", "kubernetes.io/os", "node.kubernetes.io/instance-type",
    "beta.kubernetes.io/", "karpenter.k8s.aws/",
)


@frozen
class Unmet(FrozenValue):
    """A constraint of the pod that no pool in scope meets, for SL106's message.

    ``foreign`` marks a constraint on a label key that no pool in scope puts on
    its nodes at all: the pod most likely targets a pool that was not scanned
    (a Terraform node group, another cluster), not a mistake in these pools.
    """

    node: Node
    message: str
    foreign: bool

    def __init__(
        self,
        node: Node,
        message: str,
        foreign: bool = False,
    ) -> None:
        _set(self, "node", node)
        _set(self, "message", message)
        _set(self, "foreign", foreign)


def describe_requirement(req: Requirement) -> str:
    shown = f" [{', '.join(req.values)}]" if req.values else ""
    return f"{req.key} {req.operator}{shown}"


#: Who puts each provisioner capacity label on nodes, for messages.
_PROVISIONER_WORDS = {
    KARPENTER_CAPACITY_KEY: "Karpenter",
    EKS_CAPACITY_KEY: "EKS managed node groups",
}


def _offered(key: str, index: PoolIndex, capacity: CapacityLabels) -> str:
    """What the pools offer for one label key, for 'no pool has X; they have Y'."""
    if key in PROVISIONER_CAPACITY_KEYS and not index.with_key(key):
        used = sorted(k for k in PROVISIONER_CAPACITY_KEYS if index.with_key(k))
        instead = f"; the pools in scope label capacity with {' and '.join(used)}" if used else ""
        return (f"only nodes launched by {_PROVISIONER_WORDS[key]} carry this label, and no pool "
                f"in scope is one{instead}")
    seen: set[str] = set()
    for pool in index.with_key(key):
        values = pool.node_labels[key]
        if values is None and key not in capacity:
            return "some pools set it to a value chosen at launch"
        seen |= values if values is not None else set(capacity.table[key])
    if seen:
        return "the pools offer " + ", ".join(sorted(seen))
    return "no pool's nodes carry this label"


def _unmet_labels(
    placement: PodPlacement, pools: Sequence[Pool], capacity: CapacityLabels
) -> list[Unmet]:
    """Single selector entries or requirements that no pool can satisfy on its own.

    Pools are looked up through an index by label (:mod:`.candidates`): a pod
    with thousands of selector entries is not matched entry by entry against
    every pool.
    """
    unmet: list[Unmet] = []
    index = PoolIndex(pools)

    def nobody(reqs: list[Requirement]) -> bool:
        (req,) = reqs
        return not any(
            (labels := labels_for_capacity(pool, c, capacity)) is not None
            and requirements_satisfiable(reqs, labels)
            for pool in index.may_satisfy(req) for c in pool_types(pool)
        )

    def nobody_term(reqs: Sequence[Requirement]) -> bool:
        return not any(
            (labels := labels_for_capacity(pool, c, capacity)) is not None
            and requirements_satisfiable(reqs, labels)
            for pool in pools for c in pool_types(pool)
        )

    def foreign(key: str, values: Sequence[str]) -> bool:
        if key in PROVISIONER_CAPACITY_KEYS:
            return False  # only its provisioner's nodes carry it: none in scope do
        if not index.with_key(key):
            return True
        if key in capacity or key.startswith(SYSTEM_LABEL_PREFIXES):
            return False  # values of system labels cannot name an unscanned pool
        # A custom label value (a pool or node-group name) that no scanned pool
        # offers most likely names a pool defined where spotlint does not read
        # (Terraform, a Helm chart), unless it is a near miss of an offered value.
        offered = _custom_values(key, index.with_key(key))
        return not any(_near_miss(v, offered) for v in values)

    for key, node in placement.node_selector.items():
        if nobody([selector_requirement(key, node)]):
            offered = _offered(key, index, capacity)
            unmet.append(Unmet(node, f"nodeSelector {key}: {node.text()} ({offered})",
                               foreign(key, [node.text() or ""])))
    terms = placement.required_terms or []
    nonempty = [t for t in terms if t]
    if len(nonempty) == 1:
        for req in nonempty[0]:
            if nobody([req]):
                text = f"required node affinity {describe_requirement(req)}"
                offered = _offered(req.key, index, capacity)
                unmet.append(Unmet(req.node, f"{text} ({offered})", foreign(req.key, req.values)))
    elif len(nonempty) == len(terms) and nonempty and all(nobody_term(t) for t in nonempty):
        unmet.append(Unmet(nonempty[0][0].node,
                           f"none of the {len(terms)} required nodeSelectorTerms matches any pool"))
    return unmet


def _custom_values(key: str, pools: Sequence[Pool]) -> set[str]:
    values: set[str] = set()
    for pool in pools:
        offered = pool.node_labels.get(key)
        if offered:
            values |= offered
    return values


def _near_miss(value: str, offered: set[str]) -> bool:
    """A value one or two edits (or only case) away from one the pools offer: a typo."""
    from spotlint.capacity.similar import ratio_at_least  # difflib's, without difflib

    lowered = value.lower()
    for candidate in offered:
        if candidate.lower() == lowered:
            return True
        if abs(len(candidate) - len(value)) <= 2 and ratio_at_least(
                lowered, candidate.lower(), 0.85):
            return True
    return False


def taint_text(taint: Taint) -> str:
    value = f"={taint.value}" if taint.value else ""
    return f"{taint.key}{value}:{taint.effect}"


def explain_unschedulable(
    placement: PodPlacement, pools: Sequence[Pool], capacity: CapacityLabels | None = None,
    taints: bool = True, label_fits: Sequence[Pool] | None = None,
) -> list[Unmet]:
    """Why no pool fits: the label constraints nobody meets, else the taints that block.

    Empty when some pool does fit. With ``taints`` False (a pod template that
    cannot be read may add tolerations) only label constraints are explained.
    ``label_fits``: the pools of ``pools`` whose node labels fit the pod (in their
    order), when the caller knows them already (a placement view's pools in reach
    and blocked ones): matching every pool again was most of explaining.
    """
    table = capacity or CapacityLabels()
    if label_fits is None:
        label_fits = [pool for pool in pools if label_capacity_for(placement, pool, table)]
    if not pools or (label_fits and not taints) or pools_for(placement, label_fits, table):
        return []
    unmet = _unmet_labels(placement, pools, table)
    if unmet:
        return unmet
    if label_fits:
        blocked = "; ".join(
            f"{pool_title(pool)} taints "
            + ", ".join(taint_text(t) for t in untolerated_taints(placement, pool))
            for pool in label_fits
        )
        return [Unmet(placement.anchor, f"the pools its selectors match all carry taints it does"
                                        f" not tolerate ({blocked})")]
    return [Unmet(placement.anchor, "each selector is met by some pool, but no single pool meets"
                                    " all of them together")]


def selects_unscanned_label(placement: PodPlacement, pools: Sequence[Pool]) -> bool:
    """True if the pod selects on a label key that no scanned pool puts on its nodes.

    Even when that selector's value is a placeholder, it shows the pod is aimed
    at nodes spotlint did not read, so "no pool can host it" would be a guess.
    A provisioner's own capacity label (``karpenter.sh/capacity-type``,
    ``eks.amazonaws.com/capacityType``) is the exception: only that provisioner's
    nodes carry it, so with none of its pools in scope, no node in scope does.
    """
    keys = set(placement.node_selector)
    for term in placement.required_terms or []:
        keys |= {req.key for req in term if req.operator in ("In", "Exists")}
    keys -= PROVISIONER_CAPACITY_KEYS
    return any(all(key not in pool.node_labels for pool in pools) for key in keys)
