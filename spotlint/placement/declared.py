"""Pools and clusters the configuration declares, as the placement view uses them.

Many repositories hold Spark jobs but not the cluster's node pools (they live
in another repository, a Terraform workspace, the console). Without pools,
what a custom label selects and whether executors may use Spot cannot be
known. The configuration's ``pools`` section describes such pools (capacity
types, labels, taints, zones, and which cluster or paths they serve), and its
``clusters`` section says which files belong to which cluster. Both arrive
validated by ``schemas/config.schema.json``; this module turns them into
:class:`~spotlint.model.Pool` objects located in the configuration file, so a
finding's related locations point at the declaration it relied on.

A declared pool's nodes carry the labels every EC2 node has, the labels its
``provisioner`` puts on them (Karpenter: ``karpenter.sh/capacity-type`` and
``karpenter.sh/nodepool``; EKS managed node group:
``eks.amazonaws.com/capacityType`` and ``eks.amazonaws.com/nodegroup``), and its
``labels``. Nothing else is assumed: a self-managed group or another
provisioner labels capacity only as its ``labels`` say.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from spotlint.location import Location, Node
from spotlint.model import CAPACITY_BLOCK, ON_DEMAND, RESERVED, SPOT, Pool, Taint
from spotlint.placement.clusters import Cluster, ClusterPaths, DeclaredPool
from spotlint.placement.keys import (
    EC2_NODE_LABELS,
    EKS_CAPACITY_KEY,
    KARPENTER_CAPACITY_KEY,
    ZONE_NAME_KEYS,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

KARPENTER, MANAGED, SELF_MANAGED, OTHER = (
    "karpenter", "managed-node-group", "self-managed-node-group", "other")

#: Capacity label values each provisioner writes, per capacity type.
_PROVISIONER_LABELS: dict[str, tuple[str, dict[str, str], str]] = {
    KARPENTER: (KARPENTER_CAPACITY_KEY,
                {SPOT: "spot", ON_DEMAND: "on-demand", RESERVED: "reserved"},
                "karpenter.sh/nodepool"),
    MANAGED: (EKS_CAPACITY_KEY,
              {SPOT: "SPOT", ON_DEMAND: "ON_DEMAND", CAPACITY_BLOCK: "CAPACITY_BLOCK"},
              "eks.amazonaws.com/nodegroup"),
}


def declared_pools(settings: Any) -> list[DeclaredPool]:
    """The configuration's ``pools`` entries as pools (none without settings)."""
    entries = getattr(settings, "declared_pools", None) or []
    if not entries:
        return []
    path = getattr(settings, "config_path", None) or ".spotlint.yaml"
    lines = entry_lines(path, "pools", len(entries))
    return [_declared(entry, path, line) for entry, line in zip(entries, lines, strict=True)]


def cluster_paths(settings: Any) -> list[ClusterPaths]:
    """The configuration's ``clusters`` entries (none without settings)."""
    entries = getattr(settings, "clusters", None) or []
    return [ClusterPaths(Cluster(str(e["name"]), e.get("region")), tuple(e.get("paths", ())))
            for e in entries]


def _declared(entry: Mapping[str, Any], path: str, line: int) -> DeclaredPool:
    anchor = Node({}, Location.point(path, line, 1))
    name = str(entry["name"])
    types = frozenset(entry["capacity-types"])
    provisioner = entry.get("provisioner", OTHER)
    labels = _labels(name, provisioner, types, entry)
    cluster = Cluster(str(entry["cluster"]), entry.get("region")) if entry.get("cluster") else None
    pool = Pool(
        name=name, kind="declared", doc=anchor, anchor=anchor, capacity_types=types,
        node_labels=labels,
        taints=[Taint(str(t["key"]), t.get("value"), str(t["effect"]), anchor)
                for t in entry.get("taints", ())],
        zones=[Node(z, anchor.loc) for z in entry.get("zones", ())] or None,
        karpenter=provisioner == KARPENTER, managed=provisioner == MANAGED,
        cluster=cluster.name if cluster else None, region=cluster.region if cluster else None,
    )
    return DeclaredPool(pool, cluster, tuple(entry.get("paths", ())))


def _labels(name: str, provisioner: str, types: frozenset[str],
            entry: Mapping[str, Any]) -> dict[str, frozenset[str] | None]:
    labels: dict[str, frozenset[str] | None] = dict.fromkeys(EC2_NODE_LABELS)
    implied = _PROVISIONER_LABELS.get(provisioner)
    if implied is not None:
        key, values, name_key = implied
        labels[key] = frozenset(values[t] for t in types if t in values)
        labels[name_key] = frozenset({name})
    if entry.get("zones"):
        labels[ZONE_NAME_KEYS[0]] = frozenset(str(z) for z in entry["zones"])
    for key, value in (entry.get("labels") or {}).items():
        if value is None:
            labels[key] = None
        elif isinstance(value, list):
            labels[key] = frozenset(str(v) for v in value)
        else:
            labels[key] = frozenset({str(value)})
    return labels


def entry_lines(path: str, key: str, count: int) -> list[int]:
    """The line of each entry of the top-level list ``key`` in a config file (1 if unknown)."""
    lines = [1] * count
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return lines
    if os.path.basename(path).endswith(".toml"):
        found = [m.start() for m in re.finditer(
            rf"(?m)^[ \t]*\[\[[ \t]*tool\.spotlint\.{re.escape(key)}[ \t]*\]\]", text)]
        starts = [text.count("\n", 0, offset) + 1 for offset in found]
    else:
        starts = _yaml_entry_lines(text, key)
    return [starts[i] if i < len(starts) else 1 for i in range(count)]


def _yaml_entry_lines(text: str, key: str) -> list[int]:
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for name, value in root.value:
        if getattr(name, "value", None) == key and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []
