"""Pieces every Spark normalizer shares: pod specs, conf maps, selector confs.

Kubernetes pod-spec shape knowledge lives here once, whether the spec comes
from a pod template file, a SparkApplication's ``spec.driver`` or an Apache
operator's ``podTemplateSpec``.
"""

from __future__ import annotations

from collections.abc import Callable

from spotlint.location import Node
from spotlint.model import (
    ConfOrigin,
    ConfValue,
    Job,
    PodPlacement,
    Requirement,
    Role,
    Taint,
    TemplateRef,
    Toleration,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol
else:
    Protocol = object  # (a plain base at run time: nothing tests against it)

SELECTOR_PREFIXES = {
    "spark.kubernetes.node.selector.": (Role.DRIVER, Role.EXECUTOR),
    "spark.kubernetes.driver.node.selector.": (Role.DRIVER,),
    "spark.kubernetes.executor.node.selector.": (Role.EXECUTOR,),
}
_SELECTOR_PREFIX_TUPLE = tuple(SELECTOR_PREFIXES)
TEMPLATE_KEYS = {
    "spark.kubernetes.driver.podTemplateFile": Role.DRIVER,
    "spark.kubernetes.executor.podTemplateFile": Role.EXECUTOR,
}
REMOTE_SCHEMES = (
    "s3://",
    "s3a://",
    "s3n://",
    "gs://",
    "abfs://",
    "abfss://",
    "hdfs://",
    "http://",
    "https://",
    "wasb://",
    "wasbs://",
    "oss://",
    "cos://",
)



def text_of(node: Node | None) -> str | None:
    """A scalar's text, or None for absent nodes and collections."""
    return node.text() if node is not None else None


def file_name(path: str) -> str:
    """The last component of ``path``, split at ``/`` or ``\\`` whatever the host OS.

    A job named after its file gets the same name on every platform.
    """
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def scalar_text(node: Node | None) -> str | None:
    """A known scalar's text; None for absent nodes, collections and placeholders.

    Unlike :func:`text_of`, a value spotlint cannot know (``${ZONE}``) is None:
    pool normalizers and rules must not treat a placeholder as a real label,
    zone or instance type.
    """
    if node is None or not node.is_scalar or node.unknown:
        return None
    return node.text()


class Keyed(Protocol):
    """Anything whose keys can be read like a mapping node's (a Terraform module entry
    merged with its defaults, too)."""

    def get(self, key: str, /) -> Node | None: ...


def group_size(group: Keyed | None, min_key: str, max_key: str, desired_key: str,
               resolve: Callable[[Node | None], Node | None] = lambda node: node,
               ) -> tuple[tuple[str, str], ...]:
    """A node group's minimum, maximum and desired size as written (known scalars only).

    ``resolve`` turns a value into what it stands for (a CloudFormation ``Ref`` to a
    parameter's default)."""
    if group is None:
        return ()
    found = []
    for word, key in (("min", min_key), ("max", max_key), ("desired", desired_key)):
        text = scalar_text(resolve(group.get(key)))
        if text:
            found.append((word, text))
    return tuple(found)


def taint_list(seq: Node | None) -> list[Taint]:
    """Taints written as Kubernetes does: a list of ``{key, value, effect}`` maps.

    An entry without a known key or effect is skipped, not guessed at.
    """
    out = []
    for entry in seq.elements() if seq is not None else ():
        key, effect = scalar_text(entry.get("key")), scalar_text(entry.get("effect"))
        if key is not None and effect is not None:
            out.append(Taint(key, scalar_text(entry.get("value")), effect, entry))
    return out


def listed_values(items: list[Node]) -> tuple[tuple[Node, ...], tuple[str, ...], bool]:
    """A requirement's ``values`` list: its scalar items, their texts, and whether any
    of them is unknown (a template placeholder). Pod affinity's and Karpenter's readers
    share it; written as one loop (every expression of every term and pool comes here,
    and a generator costs a frame)."""
    value_nodes = tuple([v for v in items if not isinstance(v.value, (dict, list))])
    texts = []
    unknown = False
    for v in value_nodes:
        unknown = unknown or v.unknown
        texts.append(v.text() or "")
    return value_nodes, tuple(texts), unknown


def requirement_from(expr: Node) -> Requirement | None:
    """A ``{key, operator, values}`` map as a Requirement (None if malformed)."""
    # (written out with loops: every affinity term's every expression comes here)
    entries = expr.value
    if not isinstance(entries, dict):
        return None
    key, operator = entries.get("key"), entries.get("operator")
    if (key is None or operator is None or isinstance(key.value, (dict, list))
            or isinstance(operator.value, (dict, list))):
        return None
    values_node = entries.get("values")
    unknown = key.unknown or operator.unknown
    value_nodes: tuple[Node, ...] = ()
    values: tuple[str, ...] = ()
    if values_node is not None:
        unknown = unknown or values_node.unknown
        items = values_node.value
        if isinstance(items, list):
            value_nodes, values, unknown_value = listed_values(items)
            unknown = unknown or unknown_value
    return Requirement(
        key=key.text() or "",
        operator=operator.text() or "",
        values=values,
        node=expr,
        unknown=unknown,
        value_nodes=value_nodes,
    )


def _terms(affinity_required: Node) -> list[list[Requirement]]:
    terms: list[list[Requirement]] = []
    for term in (
        affinity_required.get("nodeSelectorTerms") or Node([], affinity_required.loc)
    ).elements():
        requirements: list[Requirement] = []
        for expr in (term.get("matchExpressions") or Node([], term.loc)).elements():
            req = requirement_from(expr)
            if req is not None:
                requirements.append(req)
        terms.append(requirements)
    return terms


def placement_from_pod_spec(
    spec: Node | None, role: Role | None, anchor: Node, source: str
) -> PodPlacement:
    """Placement constraints of a PodSpec-shaped map (nodeSelector, affinity, tolerations)."""
    placement = PodPlacement(role=role, anchor=anchor, sources=[source])
    if spec is None or not spec.is_map:
        return placement
    selector = spec.get("nodeSelector")
    if selector is not None and selector.is_map:
        for key, value in selector.items():
            if value.is_scalar:
                placement.node_selector[key] = value
    node_affinity = spec.path("affinity", "nodeAffinity")
    if node_affinity is not None and node_affinity.is_map:
        required = node_affinity.get("requiredDuringSchedulingIgnoredDuringExecution")
        if required is not None and required.is_map:
            placement.required_terms = _terms(required)
        preferred = node_affinity.get("preferredDuringSchedulingIgnoredDuringExecution")
        if preferred is not None:
            for item in preferred.elements():
                for expr in (
                    item.path("preference", "matchExpressions") or Node([], item.loc)
                ).elements():
                    req = requirement_from(expr)
                    if req is not None:
                        placement.preferred.append(req)
    tolerations = spec.get("tolerations")
    if tolerations is not None:
        for tol in tolerations.elements():
            if not tol.is_map:
                continue
            placement.tolerations.append(
                Toleration(
                    key=text_of(tol.get("key")) or None,
                    operator=text_of(tol.get("operator")) or "Equal",
                    value=text_of(tol.get("value")),
                    effect=text_of(tol.get("effect")) or None,
                    node=tol,
                )
            )
    return placement


def add_conf_map(job: Job, conf_map: Node | None, origin: ConfOrigin) -> None:
    """Add every ``key: value`` of a conf map (``sparkConf``, ``properties``) to the job.

    A map a template writes keys into (``{{- range ... }}``), or a placeholder
    standing for the whole map, leaves the job's conf open (see ``Conf.open``).
    """
    if conf_map is None:
        return
    if conf_map.unknown:
        job.conf.open(conf_map)
    entries = conf_map.value
    if not isinstance(entries, dict):
        return
    add = job.conf.add
    for key, value in entries.items():
        if not isinstance(value.value, (dict, list)):  # a scalar
            add(ConfValue(key, value, origin))


def apply_conf_placement(job: Job) -> None:
    """Node-selector confs and pod-template references become placement and refs."""
    for value in job.conf:
        key = value.key
        if key not in TEMPLATE_KEYS and not key.startswith(_SELECTOR_PREFIX_TUPLE):
            continue  # most keys: neither a node selector nor a pod template reference
        for prefix, roles in SELECTOR_PREFIXES.items():
            if value.key.startswith(prefix) and len(value.key) > len(prefix):
                label = value.key[len(prefix) :]
                for role in roles:
                    placement = role_placement(job, role, value.key_node)
                    placement.node_selector[label] = value.node
                    placement.sources.append(f"{value.origin} {value.key}")
                break
        template_role = TEMPLATE_KEYS.get(value.key)
        if template_role is not None and value.text:
            # file:// is local: the engine resolves it inside the root (or reports SL003).
            remote = value.unknown or value.text.startswith(REMOTE_SCHEMES) or (
                "://" in value.text and not value.text.startswith("file://")
            )
            job.template_refs.append(
                TemplateRef(role=template_role, node=value.node, target=value.text, remote=remote)
            )
            if remote:
                role_placement(job, template_role, value.key_node).known = False


def role_placement(job: Job, role: Role, anchor: Node) -> PodPlacement:
    """The job's placement for ``role``, created (anchored at ``anchor``) if absent."""
    current = job.placement(role)
    if current is None:
        current = PodPlacement(role=role, anchor=anchor)
        job.set_placement(role, current)
    return current


def set_role_placement(job: Job, role: Role, placement: PodPlacement) -> None:
    """Merge a role's placement from the job document itself."""
    current = job.placement(role)
    if current is None:
        job.set_placement(role, placement)
    else:
        current.merge(placement)


def says_something(placement: PodPlacement) -> bool:
    """True if a pod spec sets any placement constraint at all."""
    return bool(
        placement.node_selector
        or placement.required_terms is not None
        or placement.preferred
        or placement.tolerations
    )
