"""The format-free model every rule reads.

Normalizers (``spotlint.recognize``) turn each input format into these few
objects; rules never see a raw document. Every value that a finding can point
at is a located :class:`~spotlint.location.Node` (or its key). Capacity types are
canonical strings (``spot``, ``on-demand``, ``reserved``, ``capacity-block``)
whatever label spelling the input used.

The classes are :mod:`spotlint.value` classes, written out instead of
``@dataclass`` so that importing the model compiles nothing: each behaves as the
dataclass it was (``frozen`` ones are :class:`~spotlint.value.FrozenValue`),
with ``__init__`` taking the same arguments in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

from spotlint.location import Location, Node
from spotlint.value import FrozenValue, Value, frozen

_set = object.__setattr__

SPOT = "spot"
ON_DEMAND = "on-demand"
RESERVED = "reserved"
CAPACITY_BLOCK = "capacity-block"


class Role(str, Enum):
    DRIVER = "driver"
    EXECUTOR = "executor"


@frozen
class Requirement(FrozenValue):
    """A node-selector requirement (pod affinity matchExpression or Karpenter requirement)."""

    key: str
    operator: str
    values: tuple[str, ...]
    node: Node
    unknown: bool
    value_nodes: tuple[Node, ...]

    def __init__(
        self, key: str, operator: str, values: tuple[str, ...], node: Node,
        unknown: bool = False, value_nodes: tuple[Node, ...] = (),
    ) -> None:
        _set(self, "key", key)
        _set(self, "operator", operator)
        _set(self, "values", values)
        _set(self, "node", node)
        _set(self, "unknown", unknown)
        _set(self, "value_nodes", value_nodes)

    def with_values(self, values: tuple[str, ...]) -> Requirement:
        """This requirement with other ``values`` (as ``dataclasses.replace`` would make)."""
        return Requirement(self.key, self.operator, values, self.node, self.unknown,
                           self.value_nodes)


@frozen
class Toleration(FrozenValue):
    """A pod toleration (``key`` None tolerates every key, as with ``operator: Exists``)."""

    key: str | None
    operator: str
    value: str | None
    effect: str | None
    node: Node

    def __init__(
        self, key: str | None, operator: str, value: str | None, effect: str | None, node: Node,
    ) -> None:
        _set(self, "key", key)
        _set(self, "operator", operator)
        _set(self, "value", value)
        _set(self, "effect", effect)
        _set(self, "node", node)


@frozen
class Taint(FrozenValue):
    """A node taint a pool puts on its nodes."""

    key: str
    value: str | None
    effect: str
    node: Node

    def __init__(self, key: str, value: str | None, effect: str, node: Node) -> None:
        _set(self, "key", key)
        _set(self, "value", value)
        _set(self, "effect", effect)
        _set(self, "node", node)


class PodPlacement(Value):
    """Scheduling constraints of one pod role, merged from every place that sets them.

    ``node_selector`` maps label key to the value node (its ``.key`` is the key
    node). ``required_terms`` is None when there is no required node affinity;
    otherwise terms are ORed and each term's requirements ANDed. ``known`` is
    False when part of the placement lives in a file spotlint cannot read (a
    remote pod template): placement rules stay silent then.
    """

    role: Role | None
    anchor: Node
    node_selector: dict[str, Node]
    required_terms: list[list[Requirement]] | None
    preferred: list[Requirement]
    tolerations: list[Toleration]
    known: bool
    sources: list[str]

    def __init__(
        self,
        role: Role | None,
        anchor: Node,
        node_selector: dict[str, Node] | None = None,
        required_terms: list[list[Requirement]] | None = None,
        preferred: list[Requirement] | None = None,
        tolerations: list[Toleration] | None = None,
        known: bool = True,
        sources: list[str] | None = None,
    ) -> None:
        self.role = role
        self.anchor = anchor
        self.node_selector = {} if node_selector is None else node_selector
        self.required_terms = required_terms
        self.preferred = [] if preferred is None else preferred
        self.tolerations = [] if tolerations is None else tolerations
        self.known = known
        self.sources = [] if sources is None else sources

    @property
    def path(self) -> str:
        return self.anchor.file_path

    def copy(self) -> PodPlacement:
        """A copy whose selector and lists can be changed without touching this one."""
        return PodPlacement(
            role=self.role, anchor=self.anchor, node_selector=dict(self.node_selector),
            required_terms=None if self.required_terms is None
            else [list(t) for t in self.required_terms],
            preferred=list(self.preferred), tolerations=list(self.tolerations),
            known=self.known, sources=list(self.sources),
        )

    def merge(self, other: PodPlacement) -> None:
        """Add ``other``'s constraints (later sources add selectors, as Spark does)."""
        for key, value in other.node_selector.items():
            self.node_selector[key] = value
        if other.required_terms is not None:
            if self.required_terms is None:
                self.required_terms = [list(t) for t in other.required_terms]
            else:
                self.required_terms = [
                    a + b for a in self.required_terms for b in other.required_terms
                ]
        self.preferred.extend(other.preferred)
        self.tolerations.extend(other.tolerations)
        self.known = self.known and other.known
        self.sources.extend(other.sources)


class ConfOrigin(str, Enum):
    """By which mechanism a conf value was written; the value is how messages name it.

    Normalizers say it; fixes ask its properties instead of knowing formats.
    """

    #: a ``sparkConf`` map of a SparkApplication (Kubeflow or Apache operator)
    SPARK_CONF = "sparkConf"
    #: a field of the Kubeflow operator's ``spec.dynamicAllocation`` block
    DYNAMIC_ALLOCATION = "dynamicAllocation"
    #: implied by a Kubeflow operator default, written nowhere
    OPERATOR_DEFAULT = "operator default"
    #: a SparkApplication's ``spec.nodeSelector`` (the operator turns it into selector confs)
    POD_NODE_SELECTOR = "spec.nodeSelector"
    #: a line of a ``spark-defaults.conf`` file
    SPARK_DEFAULTS_FILE = "spark-defaults.conf"
    #: a property of an EMR ``spark-defaults`` configuration classification
    EMR_CLASSIFICATION = "spark-defaults classification"
    #: a ``--conf k=v`` item of an EMR ``sparkSubmitParameters`` string
    SUBMIT_PARAMETERS = "sparkSubmitParameters --conf"
    #: a ``--conf k=v`` argument of ``spark-submit`` in a shell script
    SUBMIT_ARGUMENT = "--conf"
    #: a key the conf does not show but a template may write (a Helm ``range`` over
    #: values, ``sparkConf: ${CONF}``): its value is unknown
    TEMPLATE = "template"

    def __str__(self) -> str:
        return self.value

    @property
    def rewritable(self) -> bool:
        """Is the value a scalar that a fix can rewrite in place?"""
        return self in _REWRITABLE

    @property
    def typed(self) -> bool:
        """Is the value a typed operator field (a YAML boolean or number), not a conf string?

        Its key is then the field's name, not the Spark key.
        """
        return self is ConfOrigin.DYNAMIC_ALLOCATION

    @property
    def in_arguments(self) -> bool:
        """Is the value a segment of an argument string (rewritten word-wise)?"""
        return self in (ConfOrigin.SUBMIT_PARAMETERS, ConfOrigin.SUBMIT_ARGUMENT)

    @property
    def implied(self) -> bool:
        """Does the value take effect without being written anywhere?"""
        return self is ConfOrigin.OPERATOR_DEFAULT


_REWRITABLE = frozenset({
    ConfOrigin.SPARK_CONF,
    ConfOrigin.SPARK_DEFAULTS_FILE,
    ConfOrigin.EMR_CLASSIFICATION,
    ConfOrigin.SUBMIT_PARAMETERS,
    ConfOrigin.DYNAMIC_ALLOCATION,
})


@frozen
class ConfValue(FrozenValue):
    """One setting of a Spark conf key, where it was written and by which mechanism.

    Slotted (a job's every setting is one: no instance dictionary beside its three
    fields), and pickled by its arguments, as :class:`~spotlint.location.Location` is.
    """

    __slots__ = ("key", "node", "origin")

    key: str
    node: Node
    origin: ConfOrigin

    def __init__(self, key: str, node: Node, origin: ConfOrigin) -> None:
        _set_conf_key(self, key)
        _set_conf_node(self, node)
        _set_conf_origin(self, origin)

    def __reduce__(self) -> tuple[type[ConfValue], tuple[str, Node, ConfOrigin]]:
        return (ConfValue, (self.key, self.node, self.origin))

    @property
    def key_node(self) -> Node:
        return self.node.key if self.node.key is not None else self.node

    @property
    def unknown(self) -> bool:
        return self.node.unknown

    @property
    def text(self) -> str:
        """The value as Spark reads it: a string, trimmed."""
        return (self.node.text() or "").strip()


_set_conf_key, _set_conf_node, _set_conf_origin = (
    ConfValue.__dict__[name].__set__ for name in ("key", "node", "origin")
)


class Conf:
    """A job's Spark conf: every setting per key, in increasing precedence.

    ``get`` returns the setting that takes effect (the last one); ``settings``
    returns all of them, for rules that report shadowed values.

    An *open* conf (:meth:`open`) may hold keys nobody can see before a template
    is rendered: ``get`` then answers an unknown value for a key it does not
    show, and ``in`` says yes, so rules about unset keys stay silent (they are
    silent on placeholders already). Iteration yields only the keys written.
    """

    def __init__(self) -> None:
        #: The setting in effect per key, keys in order of first appearance.
        self._last: dict[str, ConfValue] = {}
        #: The settings it overrides, in increasing precedence, for the few keys set
        #: more than once (a list per key for every job's every key cost ~100 bytes each).
        self._shadowed: dict[str, list[ConfValue]] = {}
        self._open: Node | None = None

    def open(self, at: Node) -> None:
        """Keys this conf does not show may be set by a template at ``at`` (the conf block)."""
        self._open = self._open or at

    @property
    def is_open(self) -> bool:
        return self._open is not None

    def add(self, value: ConfValue) -> None:
        key = value.key
        last = self._last
        before = last.get(key)
        if before is not None:
            self._shadowed.setdefault(key, []).append(before)
        last[key] = value  # a key set again keeps its first place

    def add_lower(self, value: ConfValue) -> None:
        """Add a setting that anything already present overrides."""
        key = value.key
        if key in self._last:
            self._shadowed.setdefault(key, []).insert(0, value)
        else:
            self._last[key] = value

    def get(self, key: str) -> ConfValue | None:
        value = self._last.get(key)
        if value is not None:
            return value
        if self._open is not None:
            at = self._open
            return ConfValue(key, Node("", at.loc, key=at.key, unknown=True), ConfOrigin.TEMPLATE)
        return None

    def settings(self, key: str) -> list[ConfValue]:
        """Every setting of ``key``, in increasing precedence (the one in effect last)."""
        last = self._last.get(key)
        if last is None:
            return []
        return [*self._shadowed.get(key, ()), last]

    def __contains__(self, key: str) -> bool:
        return key in self._last or self._open is not None

    def __iter__(self) -> Iterator[ConfValue]:
        """Effective values, in key order of first appearance.

        Taken in one step (a list, not a generator resumed per value): rules
        iterate every job's conf, several of them per job.
        """
        return iter(list(self._last.values()))

    def with_prefix(self, prefix: str) -> Iterator[ConfValue]:
        # a slice compared: a third cheaper than ``startswith`` (whose arguments
        # are parsed at every call), and every job's keys are read so per rule
        size = len(prefix)
        return iter([value for key, value in self._last.items() if key[:size] == prefix])

    def __len__(self) -> int:
        return len(self._last)


@frozen
class SparkVersion(FrozenValue):
    """A job's Spark version and where it was learned (``sparkVersion``, a release label...)."""

    major: int
    minor: int
    patch: int
    source: str
    node: Node | None
    emr_release: str | None

    def __init__(
        self, major: int, minor: int, patch: int, source: str, node: Node | None = None,
        emr_release: str | None = None,
    ) -> None:
        _set(self, "major", major)
        _set(self, "minor", minor)
        _set(self, "patch", patch)
        _set(self, "source", source)
        _set(self, "node", node)
        _set(self, "emr_release", emr_release)

    def at_least(self, major: int, minor: int, patch: int = 0) -> bool:
        return (self.major, self.minor, self.patch) >= (major, minor, patch)

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


class TemplateRef(Value):
    """A reference from a job to a pod template file."""

    role: Role
    node: Node
    target: str
    resolved: str | None
    remote: bool
    #: (ConfigMap name, data key) the path is mounted from in the job's own container
    #: (a ``spark-submit`` in a Kubernetes Job): the template is that ConfigMap value
    mounted_from: tuple[str, str] | None

    def __init__(
        self, role: Role, node: Node, target: str, resolved: str | None = None,
        remote: bool = False, mounted_from: tuple[str, str] | None = None,
    ) -> None:
        self.role = role
        self.node = node
        self.target = target
        self.resolved = resolved
        self.remote = remote
        self.mounted_from = mounted_from


class PodTemplate(Value):
    """A pod spec file (``kind: Pod``/``PodTemplate``) or an inline template."""

    placement: PodPlacement
    doc: Node
    name: str
    referenced_by: list[Job]
    #: (ConfigMap name, data key) when the template is a ConfigMap value
    config_map: tuple[str, str] | None

    def __init__(
        self, placement: PodPlacement, doc: Node, name: str,
        referenced_by: list[Job] | None = None, config_map: tuple[str, str] | None = None,
    ) -> None:
        self.placement = placement
        self.doc = doc
        self.name = name
        self.referenced_by = [] if referenced_by is None else referenced_by
        self.config_map = config_map

    @property
    def path(self) -> str:
        return self.doc.file_path


class JobKind(str, Enum):
    """What a job was read from; the value is how messages and docs name it."""

    #: Kubeflow Spark operator (``sparkoperator.k8s.io``)
    SPARK_APPLICATION = "SparkApplication"
    SCHEDULED_SPARK_APPLICATION = "ScheduledSparkApplication"
    #: Apache Spark Kubernetes operator (``spark.apache.org``)
    APACHE_SPARK_APPLICATION = "SparkApplication (spark.apache.org)"
    APACHE_SPARK_CLUSTER = "SparkCluster (spark.apache.org)"
    #: a ``spark-defaults.conf`` file (or any ``.conf`` holding ``spark.`` properties)
    SPARK_DEFAULTS = "spark-defaults.conf"
    #: an EMR on EKS StartJobRun request (JSON or YAML)
    START_JOB_RUN = "StartJobRun"
    #: the ACK controller's ``JobRun``
    ACK_JOB_RUN = "JobRun"
    #: ``aws emr-containers start-job-run`` in a shell script
    SHELL_START_JOB_RUN = "start-job-run (shell)"
    #: ``spark-submit`` in a shell script, a container command or a workflow step
    SPARK_SUBMIT = "spark-submit"
    #: a ``sparkConf`` map in a Helm chart's values (what the chart's templates render)
    HELM_VALUES = "Helm values"

    def __str__(self) -> str:
        return self.value

    @property
    def implies_kubernetes(self) -> bool:
        """Does the format itself say the job runs on Kubernetes (else its master must)?"""
        return self not in (JobKind.SPARK_DEFAULTS, JobKind.SPARK_SUBMIT)


@frozen
class ConfMap(FrozenValue):
    """New confs of a job become keys of a mapping.

    ``block`` is the mapping (``sparkConf``); when the job has none, it is
    created as ``key`` under ``parent`` (the application's ``spec``).
    """

    parent: Node
    key: str
    block: Node | None

    def __init__(self, parent: Node, key: str, block: Node | None = None) -> None:
        _set(self, "parent", parent)
        _set(self, "key", key)
        _set(self, "block", block)


@frozen
class ConfLines(FrozenValue):
    """New confs of a job become lines of its properties file (``anchor`` is the file)."""

    anchor: Node

    def __init__(self, anchor: Node) -> None:
        _set(self, "anchor", anchor)


@frozen
class ConfArguments(FrozenValue):
    """New confs of a job become ``--conf k=v`` words of a spark-submit argument string.

    They are appended to ``arguments``; when the job has no such string, one is
    created as ``field`` under ``parent`` (EMR's ``sparkSubmitJobDriver``).
    """

    arguments: Node | None
    parent: Node | None
    field: str

    def __init__(
        self, arguments: Node | None, parent: Node | None = None,
        field: str = "sparkSubmitParameters",
    ) -> None:
        _set(self, "arguments", arguments)
        _set(self, "parent", parent)
        _set(self, "field", field)


#: Where new confs of a job go (None on the job: nowhere a fix can write safely).
ConfTarget = ConfMap | ConfLines | ConfArguments


class Job(Value):
    """One unit of Spark configuration: a conf file, an application, a job run.

    ``driver``/``executor`` are None when the job says nothing about that role's
    placement (a bare conf file). ``conf_target`` says where a new conf of this
    job is written (None: nowhere safe), so fixes need no format knowledge.
    """

    name: str
    kind: JobKind
    doc: Node
    conf: Conf
    version: SparkVersion | None
    release_label: Node | None
    driver: PodPlacement | None
    executor: PodPlacement | None
    template_refs: list[TemplateRef]
    dynamic_allocation: Node | None
    conf_target: ConfTarget | None
    #: where new confs go when the job keeps the related keys in one mechanism
    #: other than ``conf_target`` (an EMR ``spark-defaults`` classification):
    #: a fix writes a key next to its relatives (see ``spotlint.fix.conf``)
    origin_targets: dict[ConfOrigin, ConfTarget]

    def __init__(
        self,
        name: str,
        kind: JobKind,
        doc: Node,
        conf: Conf | None = None,
        version: SparkVersion | None = None,
        release_label: Node | None = None,
        driver: PodPlacement | None = None,
        executor: PodPlacement | None = None,
        template_refs: list[TemplateRef] | None = None,
        dynamic_allocation: Node | None = None,
        conf_target: ConfTarget | None = None,
        origin_targets: dict[ConfOrigin, ConfTarget] | None = None,
    ) -> None:
        self.name = name
        self.kind = kind
        self.doc = doc
        self.conf = Conf() if conf is None else conf
        self.version = version
        self.release_label = release_label
        self.driver = driver
        self.executor = executor
        self.template_refs = [] if template_refs is None else template_refs
        self.dynamic_allocation = dynamic_allocation
        self.conf_target = conf_target
        self.origin_targets = {} if origin_targets is None else origin_targets

    def placement(self, role: Role) -> PodPlacement | None:
        return self.driver if role is Role.DRIVER else self.executor

    def set_placement(self, role: Role, placement: PodPlacement) -> None:
        if role is Role.DRIVER:
            self.driver = placement
        else:
            self.executor = placement

    @property
    def path(self) -> str:
        return self.doc.file_path

    @property
    def anchor(self) -> Node:
        return self.doc


@frozen
class PoolLimits(FrozenValue):
    """What a Karpenter pool's ``limits`` cap (v1alpha5 nests them under ``resources``)."""

    #: the ``limits`` key, where a finding about them points
    at: Location
    #: False when the block (or its ``resources``) is a placeholder or not a mapping
    known: bool
    #: the resources given a limit: ``cpu``, ``memory``, ``nodes``...
    capped: frozenset[str]
    #: each capped resource and its amount as written (``("cpu", "1000")``), for display
    amounts: tuple[tuple[str, str], ...]

    def __init__(
        self, at: Location, known: bool, capped: frozenset[str] = frozenset(),
        amounts: tuple[tuple[str, str], ...] = (),
    ) -> None:
        _set(self, "at", at)
        _set(self, "known", known)
        _set(self, "capped", capped)
        _set(self, "amounts", amounts)


@frozen
class DisruptionBudget(FrozenValue):
    """One disruption budget of a Karpenter NodePool."""

    #: how many nodes may be disrupted at once (``"0"``, ``"10%"``...)
    nodes: Node | None
    #: the budget applies only during a ``schedule``
    scheduled: bool
    #: the disruption reasons it covers; None when it names none (it covers every reason)
    reasons: frozenset[str] | None
    #: False when the reasons list is a placeholder
    reasons_known: bool

    def __init__(
        self, nodes: Node | None, scheduled: bool = False,
        reasons: frozenset[str] | None = None, reasons_known: bool = True,
    ) -> None:
        _set(self, "nodes", nodes)
        _set(self, "scheduled", scheduled)
        _set(self, "reasons", reasons)
        _set(self, "reasons_known", reasons_known)


#: One frozenset per distinct set of label values (or capacity types) of the run's pools.
_SHARED_VALUES: dict[frozenset[str], frozenset[str]] = {}
_SHARED_VALUES_MAX = 1 << 14


def shared_values(values: frozenset[str]) -> frozenset[str]:
    """An equal frozenset, the same object for every pool that has these values.

    Pools repeat a few sets (``{"spot"}``, ``{"amd64"}``, a zone list): a frozenset
    is about 200 bytes, and a pool has a dozen labels. Bounded: past
    :data:`_SHARED_VALUES_MAX` distinct sets, new ones are kept as given.
    """
    known = _SHARED_VALUES.get(values)
    if known is None:
        if len(_SHARED_VALUES) >= _SHARED_VALUES_MAX:
            return values
        _SHARED_VALUES[values] = known = values
    return known


@frozen
class ScaleIn(FrozenValue):
    """How a Karpenter pool removes empty or underused nodes, as its API version writes it."""

    #: v1alpha5 Provisioner: ``ttlSecondsAfterEmpty`` is set
    empty_ttl: bool
    #: v1alpha5: False when the ``consolidation`` block is a placeholder
    consolidation_known: bool
    #: v1alpha5: ``consolidation.enabled``
    consolidation_enabled: Node | None
    #: v1beta1 and v1 NodePool: ``spec.disruption`` is a mapping
    disruption: bool
    #: ``disruption.consolidateAfter``
    consolidate_after: Node | None
    budgets: tuple[DisruptionBudget, ...]

    def __init__(
        self, empty_ttl: bool = False, consolidation_known: bool = True,
        consolidation_enabled: Node | None = None, disruption: bool = False,
        consolidate_after: Node | None = None, budgets: tuple[DisruptionBudget, ...] = (),
    ) -> None:
        _set(self, "empty_ttl", empty_ttl)
        _set(self, "consolidation_known", consolidation_known)
        _set(self, "consolidation_enabled", consolidation_enabled)
        _set(self, "disruption", disruption)
        _set(self, "consolidate_after", consolidate_after)
        _set(self, "budgets", budgets)


@frozen
class SpotAllocation(FrozenValue):
    """How a self-managed node group spreads Spot across instance types."""

    #: the ``instancesDistribution`` key
    at: Location
    #: ``spotAllocationStrategy`` and its text (None when absent or a placeholder)
    strategy: Node | None
    strategy_text: str | None

    def __init__(
        self, at: Location, strategy: Node | None = None, strategy_text: str | None = None,
    ) -> None:
        _set(self, "at", at)
        _set(self, "strategy", strategy)
        _set(self, "strategy_text", strategy_text)


class Pool(Value):
    """Anything that provides nodes: a node group or a Karpenter pool.

    ``capacity_types`` is None when it cannot be known statically. ``node_labels``
    maps every label key its nodes may carry to the values they may have (None:
    any value); normalizers add implied labels (capacity, pool name, zone) so the
    placement logic needs no format knowledge. ``instance_types`` is the explicit
    list of a node group (None when the pool selects types by requirements).

    The fields after ``api_version`` carry what individual pool rules need, read
    by the normalizers so that no rule walks a raw document; the ``*_at``
    locations are where findings about those parts point.
    """

    name: str
    kind: str
    doc: Node
    anchor: Node
    capacity_types: frozenset[str] | None
    capacity_node: Node | None
    node_labels: dict[str, frozenset[str] | None]
    taints: list[Taint]
    instance_types: list[Node] | None
    requirements: list[Requirement]
    zones: list[Node] | None
    autoscaled_group: bool
    managed: bool
    karpenter: bool
    api_version: str
    #: where findings about the pool as a whole point (Karpenter: the ``spec`` key)
    spec_at: Location | None
    #: where a node group's instance-type choice is written
    types_at: Node | Location | None
    #: the group chooses its types another way (instance selector, launch template) or
    #: writes them in a shape SL002 reports
    types_elsewhere: bool
    #: where a node group's zones are written (``availabilityZones``, ``subnets``)
    zones_at: Location | None
    #: the Karpenter ``requirements`` key
    requirements_at: Location | None
    spot_allocation: SpotAllocation | None
    limits: PoolLimits | None
    scale_in: ScaleIn
    #: a NodePool with ``replicas`` keeps a static node count (it does not autoscale)
    replicas: Node | None
    #: the node class a Karpenter pool references by name (``nodeClassRef``,
    #: ``providerRef``); its discovery tags name the pool's cluster
    node_class: str | None
    #: the EKS cluster the pool belongs to and its AWS region, when its source says
    #: (eksctl ``metadata``, a Terraform ``cluster_name``, a discovery tag); placement
    #: matches a job only against the pools of its own cluster
    cluster: str | None
    region: str | None
    #: a node group's sizes as written, for display (``("min", "1")``, ``("max", "10")``,
    #: ``("desired", "2")``); placeholders are left out
    size: tuple[tuple[str, str], ...]

    def __init__(
        self,
        name: str,
        kind: str,
        doc: Node,
        anchor: Node,
        capacity_types: frozenset[str] | None = None,
        capacity_node: Node | None = None,
        node_labels: dict[str, frozenset[str] | None] | None = None,
        taints: list[Taint] | None = None,
        instance_types: list[Node] | None = None,
        requirements: list[Requirement] | None = None,
        zones: list[Node] | None = None,
        autoscaled_group: bool = False,
        managed: bool = False,
        karpenter: bool = False,
        api_version: str = "",
        spec_at: Location | None = None,
        types_at: Node | Location | None = None,
        types_elsewhere: bool = False,
        zones_at: Location | None = None,
        requirements_at: Location | None = None,
        spot_allocation: SpotAllocation | None = None,
        limits: PoolLimits | None = None,
        scale_in: ScaleIn | None = None,
        replicas: Node | None = None,
        node_class: str | None = None,
        cluster: str | None = None,
        region: str | None = None,
        size: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.name = name
        self.kind = kind
        self.doc = doc
        self.anchor = anchor
        self.capacity_types = (shared_values(capacity_types)
                               if type(capacity_types) is frozenset else capacity_types)
        self.capacity_node = capacity_node
        if node_labels is None:
            node_labels = {}
        elif type(node_labels) is dict:
            known = _SHARED_VALUES.get  # (shared_values, its look-up inlined: ~7 a pool)
            for label, values in node_labels.items():
                if type(values) is frozenset:
                    same = known(values)
                    if same is None:
                        node_labels[label] = shared_values(values)
                    elif same is not values:
                        node_labels[label] = same
        self.node_labels = node_labels
        self.taints = [] if taints is None else taints
        self.instance_types = instance_types
        self.requirements = [] if requirements is None else requirements
        self.zones = zones
        self.autoscaled_group = autoscaled_group
        self.managed = managed
        self.karpenter = karpenter
        self.api_version = api_version
        self.spec_at = spec_at
        self.types_at = types_at
        self.types_elsewhere = types_elsewhere
        self.zones_at = zones_at
        self.requirements_at = requirements_at
        self.spot_allocation = spot_allocation
        self.limits = limits
        self.scale_in = ScaleIn() if scale_in is None else scale_in
        self.replicas = replicas
        self.node_class = node_class
        self.cluster = cluster
        self.region = region
        self.size = size

    @property
    def path(self) -> str:
        return self.doc.file_path

    @property
    def may_use_spot(self) -> bool:
        return self.capacity_types is None or SPOT in self.capacity_types


#: The scale-in of a pool that says nothing of it (immutable: one serves every such pool)
_NO_SCALE_IN = ScaleIn()
_new_pool = object.__new__


def stored_pool(
    name: str, kind: str, doc: Node, anchor: Node, capacity_types: frozenset[str] | None,
    node_labels: dict[str, frozenset[str] | None], taints: list[Taint],
    instance_types: list[Node] | None, zones: list[Node] | None, autoscaled_group: bool,
    managed: bool, karpenter: bool, node_class: str | None, cluster: str | None,
    region: str | None,
) -> Pool:
    """``Pool(name, kind, doc, anchor, capacity_types, node_labels=..., ...)`` for the
    fields the project index stores (:mod:`spotlint.index.pools`), the others at their
    defaults: the same pool, made without the call's keyword arguments and its checks.

    A context file's pools are made so in every warm run (229 of them for a job whose
    scope is a whole directory of pools, ~5 us each through ``__init__``, ~1 us here).
    ``capacity_types`` and every frozenset of ``node_labels`` must already be shared
    (:func:`shared_values`), as ``__init__`` would make them; the fields are set in
    ``__init__``'s order (instances share their attribute names' table)."""
    pool: Pool = _new_pool(Pool)
    pool.name = name
    pool.kind = kind
    pool.doc = doc
    pool.anchor = anchor
    pool.capacity_types = capacity_types
    pool.capacity_node = None
    pool.node_labels = node_labels
    pool.taints = taints
    pool.instance_types = instance_types
    pool.requirements = []
    pool.zones = zones
    pool.autoscaled_group = autoscaled_group
    pool.managed = managed
    pool.karpenter = karpenter
    pool.api_version = ""
    pool.spec_at = None
    pool.types_at = None
    pool.types_elsewhere = False
    pool.zones_at = None
    pool.requirements_at = None
    pool.spot_allocation = None
    pool.limits = None
    pool.scale_in = _NO_SCALE_IN
    pool.replicas = None
    pool.node_class = node_class
    pool.cluster = cluster
    pool.region = region
    pool.size = ()
    return pool


#: ``InterruptionHandling.kind``: AWS Node Termination Handler, or a Karpenter controller
NODE_TERMINATION_HANDLER = "node-termination-handler"
KARPENTER_CONTROLLER = "karpenter-controller"


@frozen
class InterruptionHandling(FrozenValue):
    """Something in scope that acts (or should act) on the two-minute Spot notice.

    AWS Node Termination Handler deployed by a Helm release, an add-on flag or a
    manifest; or a Karpenter controller whose configuration is in scope, with
    ``queue`` saying whether its interruption queue is set (None: cannot tell).
    """

    kind: str
    #: where it is deployed or configured (a finding about a missing queue points here)
    at: Node | Location
    queue: bool | None
    #: how the configuration is spelt, for messages (``settings.interruptionQueue``)
    setting: str
    cluster: str | None

    def __init__(
        self, kind: str, at: Node | Location, queue: bool | None = None, setting: str = "",
        cluster: str | None = None,
    ) -> None:
        _set(self, "kind", kind)
        _set(self, "at", at)
        _set(self, "queue", queue)
        _set(self, "setting", setting)
        _set(self, "cluster", cluster)

    @property
    def path(self) -> str:
        return location_of(self.at).path


class Project(Value):
    """Everything one run read: jobs, pod templates and pools, across files."""

    jobs: list[Job]
    templates: list[PodTemplate]
    pools: list[Pool]
    node_classes: dict[str, Node]
    #: paths of files that are a context of their own (Markdown guides): their pools
    #: are matched only against their own jobs, and their jobs only against them
    self_contained: set[str]
    #: Spot interruption handlers and Karpenter controller configurations (SL412, SL405)
    interruption: list[InterruptionHandling]

    def __init__(
        self,
        jobs: list[Job] | None = None,
        templates: list[PodTemplate] | None = None,
        pools: list[Pool] | None = None,
        node_classes: dict[str, Node] | None = None,
        self_contained: set[str] | None = None,
        interruption: list[InterruptionHandling] | None = None,
    ) -> None:
        self.jobs = [] if jobs is None else jobs
        self.templates = [] if templates is None else templates
        self.pools = [] if pools is None else pools
        self.node_classes = {} if node_classes is None else node_classes
        self.self_contained = set() if self_contained is None else self_contained
        self.interruption = [] if interruption is None else interruption


def location_of(target: Node | Location) -> Location:
    return target.loc if isinstance(target, Node) else target
