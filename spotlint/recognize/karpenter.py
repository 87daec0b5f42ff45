"""Karpenter pools and node classes, every API version, as model Pools.

``karpenter.sh/v1alpha5`` Provisioners and ``karpenter.sh/v1beta1``/``v1``
NodePools become one :class:`~spotlint.model.Pool` each; their node classes
(``AWSNodeTemplate``, ``EC2NodeClass``) are kept by name in
``project.node_classes`` for the rules that need them (SL409).

The versions differ in where fields live (``spec.labels`` vs
``spec.template.metadata.labels``, ``spec.limits.resources`` vs ``spec.limits``)
and in one fact that matters a lot for Spot: a v1alpha5 Provisioner without a
capacity-type requirement was defaulted to On-Demand by Karpenter's webhook,
while v1beta1 and later do no defaulting and may launch Spot (Karpenter's v0.31
Provisioner docs, https://karpenter.sh/v0.31/concepts/provisioners/, and the
v1beta1 migration guide, https://karpenter.sh/docs/upgrading/v1beta1-migration/;
a NodePool without the requirement launching Spot NodeClaims, although example
comments copied from v1alpha5 still say "will default to on-demand", is
https://github.com/aws/karpenter-provider-aws/issues/5015).

Cluster: a pool names no cluster itself, but its node class selects the
cluster's subnets and security groups by tag, by convention the discovery tag
``karpenter.sh/discovery: <cluster name>``
(https://karpenter.sh/docs/concepts/nodeclasses/; eksctl sets it to the
cluster name, https://docs.aws.amazon.com/eks/latest/eksctl/eksctl-karpenter.html),
or the ``kubernetes.io/cluster/<cluster name>`` tag EKS subnets carry. Once every
file is normalized, :meth:`NodeClassKind.link` gives each pool the cluster its
node class (``nodeClassRef``/``providerRef``, or a Provisioner's inline
``provider``) names this way, choosing among same-named classes the one
defined nearest to the pool.
"""

from __future__ import annotations

import os

from spotlint.load.base import LoadedFile
from spotlint.location import Location, Node
from spotlint.model import (
    ON_DEMAND,
    RESERVED,
    SPOT,
    DisruptionBudget,
    Pool,
    PoolLimits,
    Project,
    Requirement,
    ScaleIn,
)
from spotlint.placement.keys import EC2_NODE_LABELS
from spotlint.recognize.common import listed_values, scalar_text, taint_list
from spotlint.recognize.kinds import NormalizeContext, api_group

CAPACITY_KEY = "karpenter.sh/capacity-type"
ARCH_KEYS = ("kubernetes.io/arch", "beta.kubernetes.io/arch")
#: Requirement keys that place a pool in zones: zone names first, then AWS zone ids.
ZONE_KEYS = (
    "topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone",
    "topology.k8s.aws/zone-id",
)
_CAPACITY_VALUES = {"spot": SPOT, "on-demand": ON_DEMAND, "reserved": RESERVED}
_LABEL_OF = {v: k for k, v in _CAPACITY_VALUES.items()}

#: Labels every Karpenter node carries whatever the pool says (values open).
WELL_KNOWN_LABELS = (
    *EC2_NODE_LABELS,
    "karpenter.sh/initialized",
    "karpenter.sh/registered",
    "karpenter.k8s.aws/instance-category",
    "karpenter.k8s.aws/instance-family",
    "karpenter.k8s.aws/instance-generation",
    "karpenter.k8s.aws/instance-size",
    "karpenter.k8s.aws/instance-cpu",
    "karpenter.k8s.aws/instance-cpu-manufacturer",
    "karpenter.k8s.aws/instance-memory",
    "karpenter.k8s.aws/instance-hypervisor",
    "karpenter.k8s.aws/instance-network-bandwidth",
    "karpenter.k8s.aws/instance-ebs-bandwidth",
    "karpenter.k8s.aws/instance-encryption-in-transit-supported",
    "karpenter.k8s.aws/instance-capability-flex",
    "karpenter.k8s.aws/instance-local-nvme",
    "karpenter.k8s.aws/instance-gpu-count",
    "karpenter.k8s.aws/instance-gpu-name",
    "karpenter.k8s.aws/instance-gpu-manufacturer",
    "karpenter.k8s.aws/instance-gpu-memory",
)


def as_map(node: Node | None) -> Node | None:
    return node if node is not None and node.is_map else None


def requirement_from(expr: Node) -> Requirement | None:
    """One ``{key, operator, values}`` entry; None if it has no usable key."""
    # (written out with loops and the nodes' values: a pool has several of these,
    # each with several values, and generators cost a frame each)
    entries = expr.value
    if not isinstance(entries, dict):
        return None
    key, operator = entries.get("key"), entries.get("operator")
    if key is None or isinstance(key.value, (dict, list)):
        return None
    values_node = entries.get("values")
    unknown = (key.unknown or operator is None or isinstance(operator.value, (dict, list))
               or operator.unknown)
    value_nodes: tuple[Node, ...] = ()
    values: tuple[str, ...] = ()
    if values_node is not None:
        items = values_node.value
        if isinstance(items, list):
            value_nodes, values, unknown_value = listed_values(items)
            unknown = unknown or unknown_value
        unknown = unknown or values_node.unknown or not isinstance(items, list)
    return Requirement(
        key=key.text() or "",
        operator=(operator.text() or "") if operator is not None else "",
        values=values,
        node=expr,
        unknown=bool(unknown),
        value_nodes=value_nodes,
    )


def requirements_from(seq: Node | None) -> list[Requirement]:
    out = []
    for expr in seq.elements() if seq is not None else ():
        req = requirement_from(expr)
        if req is not None:
            out.append(req)
    return out


def capacity_from(
    requirements: list[Requirement], labels: Node | None, v1alpha5: bool
) -> tuple[frozenset[str] | None, Node | None]:
    """Capacity types a Karpenter pool may launch, and the node that decides it."""
    reqs = [r for r in requirements if r.key == CAPACITY_KEY]
    label = labels.get(CAPACITY_KEY) if labels is not None else None
    if label is not None:
        value = scalar_text(label)
        if value is None:
            return None, label
        reqs.append(Requirement(CAPACITY_KEY, "In", (value,), label, False, (label,)))
    if not reqs:
        return (frozenset({ON_DEMAND}) if v1alpha5 else frozenset({SPOT, ON_DEMAND})), None
    allowed = {SPOT, ON_DEMAND}
    allowed |= {RESERVED for r in reqs if r.operator == "In" and "reserved" in r.values}
    for req in reqs:
        if req.unknown:
            return None, req.node
        named = {_CAPACITY_VALUES[v] for v in req.values if v in _CAPACITY_VALUES}
        if req.operator == "In":
            if not named:
                return None, req.node
            allowed &= named
        elif req.operator == "NotIn":
            allowed -= named
        elif req.operator == "DoesNotExist":
            allowed = set()
    return frozenset(allowed), reqs[0].node


def zones_from(requirements: list[Requirement]) -> list[Node] | None:
    """The zones an ``In`` zone requirement places the pool in (names before zone ids)."""
    for key in ZONE_KEYS:
        for req in requirements:
            if req.key == key and req.operator == "In" and not req.unknown and req.value_nodes:
                return list(req.value_nodes)
    return None


def node_labels_for(
    requirements: list[Requirement],
    labels: Node | None,
    capacity: frozenset[str] | None,
    extra: dict[str, frozenset[str] | None],
) -> dict[str, frozenset[str] | None]:
    """Every label the pool's nodes may carry: well-known, required, explicit, implied."""
    result: dict[str, frozenset[str] | None] = dict.fromkeys(WELL_KNOWN_LABELS)
    for req in requirements:
        if req.key == CAPACITY_KEY:
            continue
        if req.operator == "DoesNotExist" and not req.unknown:
            result.pop(req.key, None)
            continue
        current = result.get(req.key)
        if req.operator == "In" and not req.unknown and req.values:
            values = frozenset(req.values)
            result[req.key] = values if current is None else current & values
        elif req.key not in result:
            result[req.key] = None
    for key, value in labels.items() if labels is not None else ():
        if key != CAPACITY_KEY:
            known = scalar_text(value)
            result[key] = frozenset({known}) if known is not None else None
    result[CAPACITY_KEY] = (
        None if capacity is None else frozenset(_LABEL_OF[c] for c in capacity if c in _LABEL_OF)
    )
    result.update(extra)
    return result


def _name(doc: Node) -> str:
    return scalar_text(doc.path("metadata", "name")) or "<unnamed>"


def limits_from(limits: Node | None) -> PoolLimits | None:
    """``spec.limits`` (v1alpha5: ``spec.limits.resources``) as the resources it caps."""
    if limits is None:
        return None
    if limits.unknown or not limits.is_map:
        return PoolLimits(limits.key_loc, known=False)
    resources = limits.get("resources")
    if resources is not None and resources.unknown:
        return PoolLimits(limits.key_loc, known=False)
    scope = resources if resources is not None and resources.is_map else limits
    amounts = tuple((key, scalar_text(node) or "?") for key, node in scope.value.items())
    return PoolLimits(limits.key_loc, known=True, capped=frozenset(scope.value), amounts=amounts)


def provisioner_scale_in(ttl: Node | None, consolidation: Node | None) -> ScaleIn:
    """v1alpha5: ``ttlSecondsAfterEmpty`` and ``consolidation.enabled``."""
    return ScaleIn(
        empty_ttl=ttl is not None,
        consolidation_known=consolidation is None or not consolidation.unknown,
        consolidation_enabled=consolidation.get("enabled") if consolidation is not None else None,
    )


def nodepool_scale_in(disruption: Node | None) -> ScaleIn:
    """v1beta1 and v1: ``spec.disruption`` (``consolidateAfter`` and the budgets)."""
    if disruption is None or not disruption.is_map:
        return ScaleIn()
    budgets = disruption.get("budgets")
    return ScaleIn(
        disruption=True,
        consolidate_after=disruption.get("consolidateAfter"),
        budgets=tuple(_budget(b) for b in (budgets.elements() if budgets is not None else ())),
    )


def _budget(budget: Node) -> DisruptionBudget:
    reasons = budget.get("reasons")
    return DisruptionBudget(
        nodes=budget.get("nodes"),
        scheduled=budget.get("schedule") is not None,
        reasons=None if reasons is None else frozenset(
            text for r in reasons.elements() if (text := r.text()) is not None
        ),
        reasons_known=reasons is None or not reasons.unknown,
    )


def _pool(
    doc: Node,
    kind: str,
    api_version: str,
    name: str,
    requirements: list[Requirement],
    labels: Node | None,
    implied: dict[str, frozenset[str] | None],
    taints: Node | None,
    spec: Node | None,
    listed: Node | None,
    limits: Node | None,
    scale_in: ScaleIn,
    replicas: Node | None = None,
    node_class: str | None = None,
    cluster: str | None = None,
) -> Pool:
    """One Karpenter pool, built alike for every API version.

    The versions differ only in where the parts are read from (and in the
    v1alpha5 capacity default, see ``capacity_from``); the model is the same.
    ``listed`` is the requirements list.
    """
    v1alpha5 = api_version.endswith("/v1alpha5")
    capacity, capacity_node = capacity_from(requirements, labels, v1alpha5=v1alpha5)
    return Pool(
        name=name,
        kind=kind,
        doc=doc,
        anchor=doc,
        capacity_types=capacity,
        capacity_node=capacity_node,
        node_labels=node_labels_for(requirements, labels, capacity, implied),
        taints=taint_list(taints),
        requirements=requirements,
        zones=zones_from(requirements),
        karpenter=True,
        api_version=api_version,
        spec_at=spec.key_loc if spec is not None else None,
        requirements_at=listed.key_loc if listed is not None else None,
        limits=limits_from(limits),
        scale_in=scale_in,
        replicas=replicas,
        node_class=node_class,
        cluster=cluster,
    )


#: The node class documents (version, kind) of ``karpenter.k8s.aws``.
_NODE_CLASSES = frozenset({
    ("v1alpha1", "AWSNodeTemplate"), ("v1beta1", "EC2NodeClass"), ("v1", "EC2NodeClass"),
})


class ProvisionerKind:
    """``karpenter.sh/v1alpha5`` Provisioner (removed in Karpenter 0.33)."""

    name = "karpenter-provisioner"
    schema: str | None = "karpenter-provisioner.schema.json"
    #: The only document kind :meth:`matches` accepts (see ``spotlint.recognize.kinds``).
    document_kinds = frozenset({"Provisioner"})

    def matches(self, doc: Node, file: LoadedFile) -> bool:
        group, version, kind = api_group(doc)
        return group == "karpenter.sh" and version == "v1alpha5" and kind == "Provisioner"

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        if not doc.is_map:
            return
        spec = as_map(doc.get("spec"))
        name = _name(doc)
        requirements = requirements_from(spec.get("requirements") if spec else None)
        implied: dict[str, frozenset[str] | None] = {
            "karpenter.sh/provisioner-name": frozenset({name})
        }
        if not any(r.key in ARCH_KEYS for r in requirements):
            implied["kubernetes.io/arch"] = frozenset({"amd64"})
        get = spec.get if spec is not None else (lambda _k: None)
        ctx.project.pools.append(
            _pool(
                doc, self.name, "karpenter.sh/v1alpha5", name, requirements,
                labels=as_map(spec.get("labels")) if spec else None,
                implied=implied,
                taints=get("taints"),
                spec=spec,
                listed=get("requirements"),
                limits=get("limits"),
                scale_in=provisioner_scale_in(get("ttlSecondsAfterEmpty"), get("consolidation")),
                node_class=_ref_name(get("providerRef")),
                cluster=discovered_cluster(_selector_maps(as_map(get("provider")))),
            )
        )


class NodePoolKind:
    """``karpenter.sh/v1beta1`` and ``karpenter.sh/v1`` NodePool."""

    name = "karpenter-nodepool"
    #: The only document kind :meth:`matches` accepts.
    document_kinds = frozenset({"NodePool"})
    schema: str | None = "karpenter-nodepool.schema.json"

    def matches(self, doc: Node, file: LoadedFile) -> bool:
        group, version, kind = api_group(doc)
        return group == "karpenter.sh" and version in ("v1beta1", "v1") and kind == "NodePool"

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        if not doc.is_map:
            return
        _, version, _ = api_group(doc)
        spec = as_map(doc.get("spec"))
        template = as_map(spec.get("template")) if spec else None
        tspec = as_map(template.get("spec")) if template else None
        labels = as_map(template.path("metadata", "labels")) if template else None
        name = _name(doc)
        requirements = requirements_from(tspec.get("requirements") if tspec else None)
        get = spec.get if spec is not None else (lambda _k: None)
        tget = tspec.get if tspec is not None else (lambda _k: None)
        ctx.project.pools.append(
            _pool(
                doc, self.name, f"karpenter.sh/{version}", name, requirements,
                labels=labels,
                implied={"karpenter.sh/nodepool": frozenset({name})},
                taints=tget("taints"),
                spec=spec,
                listed=tget("requirements"),
                limits=get("limits"),
                scale_in=nodepool_scale_in(get("disruption")),
                replicas=get("replicas"),
                node_class=_ref_name(tget("nodeClassRef")),
            )
        )


class NodeClassKind:
    """``AWSNodeTemplate`` (v1alpha1) and ``EC2NodeClass`` (v1beta1, v1): kept by name."""

    name = "karpenter-nodeclass"
    #: The only document kinds :meth:`matches` accepts (those of :data:`_NODE_CLASSES`).
    document_kinds = frozenset(kind for _, kind in _NODE_CLASSES)
    schema: str | None = "karpenter-nodeclass.schema.json"

    def matches(self, doc: Node, file: LoadedFile) -> bool:
        group, version, kind = api_group(doc)
        if group != "karpenter.k8s.aws":
            return False
        return (version, kind) in _NODE_CLASSES

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        if not doc.is_map:
            return
        key = _name(doc)
        classes = ctx.project.node_classes
        if key in classes and classes[key] is not doc:
            key = f"{key}@{doc.loc.path}:{doc.loc.line}"
        classes[key] = doc

    def link(self, project: Project) -> None:
        """Give each Karpenter pool the cluster its node class's discovery tags name."""
        by_name: dict[str, list[Node]] = {}
        for key, doc in project.node_classes.items():
            by_name.setdefault(key.split("@", 1)[0], []).append(doc)
        finders: dict[str, NearestDocument] = {}
        places = Places()  # (the finders share the directories of one repository)
        clusters: dict[int, str | None] = {}  # by node class document: many pools share one
        for pool in project.pools:
            if not pool.karpenter or pool.cluster is not None or pool.node_class is None:
                continue
            finder = finders.get(pool.node_class)
            if finder is None:
                finder = finders[pool.node_class] = NearestDocument(
                    by_name.get(pool.node_class, []), places)
            node_class = finder.nearest(pool.path)
            if node_class is not None:
                known = id(node_class)
                if known not in clusters:
                    clusters[known] = node_class_cluster(node_class)
                pool.cluster = clusters[known]


def node_class_cluster(doc: Node) -> str | None:
    """The cluster a node class document's discovery tags name (None: none or unknown)."""
    return discovered_cluster(_class_selectors(doc))


def node_class_stub(cluster: str | None, loc: Location) -> Node:
    """A node class document at ``loc`` holding only what names its cluster: how the
    project index stands in for a node class file it does not parse again (linking
    then gives pools the same cluster; :func:`node_class_cluster` answers ``cluster``)."""
    if cluster is None:
        return Node({}, loc)
    tags = Node({DISCOVERY_TAG: Node(cluster, loc)}, loc)
    terms = Node([Node({"tags": tags}, loc)], loc)
    return Node({"spec": Node({"subnetSelectorTerms": terms}, loc)}, loc)


#: Tag keys whose value is the cluster's name (Karpenter's discovery convention).
DISCOVERY_TAG = "karpenter.sh/discovery"
#: Tag key prefix EKS subnets and security groups carry: ``kubernetes.io/cluster/<name>``.
CLUSTER_TAG_PREFIX = "kubernetes.io/cluster/"


def discovered_cluster(selectors: list[Node]) -> str | None:
    """The one cluster the tag selectors name (None: none, several, or a placeholder)."""
    names: set[str] = set()
    for selector in selectors:
        for key, value in selector.items():
            if key == DISCOVERY_TAG:
                text = scalar_text(value)
                if text is None:
                    return None  # ${CLUSTER_NAME}: some cluster, not known here
                names.add(text)
            elif key.startswith(CLUSTER_TAG_PREFIX) and len(key) > len(CLUSTER_TAG_PREFIX):
                names.add(key[len(CLUSTER_TAG_PREFIX):])
    return names.pop() if len(names) == 1 else None


def _ref_name(ref: Node | None) -> str | None:
    """The ``name`` of a ``nodeClassRef``/``providerRef`` (None: absent or a placeholder)."""
    mapping = as_map(ref)
    return scalar_text(mapping.get("name")) if mapping is not None else None


def _selector_maps(spec: Node | None) -> list[Node]:
    """v1alpha1 tag selectors (``subnetSelector``, ``securityGroupSelector``) of a spec, or
    of a v1alpha5 Provisioner's inline ``provider``."""
    if spec is None or not spec.is_map:
        return []
    return [s for k in ("subnetSelector", "securityGroupSelector")
            if (s := spec.get(k)) is not None and s.is_map]


def _class_selectors(doc: Node) -> list[Node]:
    """Tag selectors of a node class: v1alpha1 maps, or v1beta1/v1 selector terms' ``tags``."""
    spec = doc.get("spec")
    if spec is None or not spec.is_map:
        return []
    found = _selector_maps(spec)
    for key in ("subnetSelectorTerms", "securityGroupSelectorTerms"):
        terms = spec.get(key)
        for term in terms.elements() if terms is not None else ():
            tags = term.get("tags") if term.is_map else None
            if tags is not None and tags.is_map:
                found.append(tags)
    return found


class Places:
    """Files' absolute paths and the directories holding them, each worked out once.

    Linking a repository's pools builds one :class:`NearestDocument` per node class
    name, and each walked its candidates' and its pools' directories up to the root
    with ``os.path.dirname``: the same directories over and over (at 1,000 files
    ~510 ``dirname`` and ~180 ``abspath`` calls a process, most of linking's cost).
    Kept for one link (a relative path's absolute form depends on the working
    directory).
    """

    __slots__ = ("_files", "_up")

    def __init__(self) -> None:
        self._files: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._up: dict[str, tuple[str, ...]] = {}

    def of(self, path: str) -> tuple[str, tuple[str, ...]]:
        """``os.path.abspath(path)`` and the directories holding it, deepest first, up to
        the root (each the ``os.path.dirname`` of the one before)."""
        found = self._files.get(path)
        if found is None:
            here = os.path.abspath(path)
            found = self._files[path] = (here, self._from(os.path.dirname(here)))
        return found

    def _from(self, directory: str) -> tuple[str, ...]:
        """``directory`` and its ancestors, deepest first, up to the root."""
        found = self._up.get(directory)
        if found is None:
            parent = os.path.dirname(directory)
            found = (directory,) if parent == directory else (directory, *self._from(parent))
            self._up[directory] = found
        return found


class NearestDocument:
    """Which of some documents (node classes of one name) is defined nearest to a file.

    Nearest is: in the same file, else in the deepest directory holding both
    (the longest common path); among equals, the first. Every pool asks, and
    at scale a name's node classes are many (one per copy of a blueprint), so
    instead of comparing each pool with each candidate (quadratic in the size
    of the repository) the first candidate in each file and under each
    directory is kept, and a pool's directory and its ancestors are looked up,
    deepest first. ``places`` may be shared by the finders of one link.
    """

    def __init__(self, candidates: list[Node], places: Places | None = None) -> None:
        self.candidates = candidates
        self.places = places = places if places is not None else Places()
        self._in_file: dict[str, Node] = {}
        under: dict[str, Node] = {}
        self._under = under
        for doc in candidates:
            there, directories = places.of(doc.file_path)
            self._in_file.setdefault(there, doc)
            for directory in directories:
                if directory in under:
                    break  # an ancestor already kept is kept with all of its own ancestors
                under[directory] = doc

    def nearest(self, path: str) -> Node | None:
        if not self.candidates:
            return None
        here, directories = self.places.of(path)
        found = self._in_file.get(here)
        if found is not None:
            return found
        under = self._under
        for directory in directories:
            found = under.get(directory)
            if found is not None:
                return found
        return self.candidates[0]  # not reached: the root holds every candidate


KINDS = [ProvisionerKind(), NodePoolKind(), NodeClassKind()]
