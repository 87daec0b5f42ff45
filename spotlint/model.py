"""The format-free model every rule reads.

Normalizers (``spotlint.recognize``) turn each input format into these few
objects; rules never see a raw document. Every value that a finding can point
at is a located :class:`~spotlint.location.Node` (or its key). Capacity types are
canonical strings (``spot``, ``on-demand``, ``reserved``, ``capacity-block``)
whatever label spelling the input used.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from spotlint.location import Location, Node

SPOT = "spot"
ON_DEMAND = "on-demand"
RESERVED = "reserved"
CAPACITY_BLOCK = "capacity-block"


class Role(str, Enum):
    DRIVER = "driver"
    EXECUTOR = "executor"


@dataclass(frozen=True)
class Requirement:
    """A node-selector requirement (pod affinity matchExpression or Karpenter requirement)."""

    key: str
    operator: str
    values: tuple[str, ...]
    node: Node
    unknown: bool = False
    value_nodes: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Toleration:
    key: str | None
    operator: str
    value: str | None
    effect: str | None
    node: Node


@dataclass(frozen=True)
class Taint:
    key: str
    value: str | None
    effect: str
    node: Node


@dataclass
class PodPlacement:
    """Scheduling constraints of one pod role, merged from every place that sets them.

    ``node_selector`` maps label key to the value node (its ``.key`` is the key
    node). ``required_terms`` is None when there is no required node affinity;
    otherwise terms are ORed and each term's requirements ANDed. ``known`` is
    False when part of the placement lives in a file spotlint cannot read (a
    remote pod template): placement rules stay silent then.
    """

    role: Role | None
    anchor: Node
    node_selector: dict[str, Node] = field(default_factory=dict)
    required_terms: list[list[Requirement]] | None = None
    preferred: list[Requirement] = field(default_factory=list)
    tolerations: list[Toleration] = field(default_factory=list)
    known: bool = True
    sources: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.anchor.loc.path

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


@dataclass(frozen=True)
class ConfValue:
    """One setting of a Spark conf key, where it was written and by which mechanism."""

    key: str
    node: Node
    origin: ConfOrigin

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
        self._settings: dict[str, list[ConfValue]] = {}
        self._open: Node | None = None

    def open(self, at: Node) -> None:
        """Keys this conf does not show may be set by a template at ``at`` (the conf block)."""
        self._open = self._open or at

    @property
    def is_open(self) -> bool:
        return self._open is not None

    def add(self, value: ConfValue) -> None:
        self._settings.setdefault(value.key, []).append(value)

    def add_lower(self, value: ConfValue) -> None:
        """Add a setting that anything already present overrides."""
        self._settings.setdefault(value.key, []).insert(0, value)

    def get(self, key: str) -> ConfValue | None:
        values = self._settings.get(key)
        if values:
            return values[-1]
        if self._open is not None:
            at = self._open
            return ConfValue(key, Node("", at.loc, key=at.key, unknown=True), ConfOrigin.TEMPLATE)
        return None

    def settings(self, key: str) -> list[ConfValue]:
        return list(self._settings.get(key, ()))

    def __contains__(self, key: str) -> bool:
        return key in self._settings or self._open is not None

    def __iter__(self) -> Iterator[ConfValue]:
        """Effective values, in key order of first appearance."""
        for values in self._settings.values():
            yield values[-1]

    def with_prefix(self, prefix: str) -> Iterator[ConfValue]:
        for value in self:
            if value.key.startswith(prefix):
                yield value

    def __len__(self) -> int:
        return len(self._settings)


@dataclass(frozen=True)
class SparkVersion:
    """A job's Spark version and where it was learned (``sparkVersion``, a release label...)."""

    major: int
    minor: int
    patch: int
    source: str
    node: Node | None = None
    emr_release: str | None = None

    def at_least(self, major: int, minor: int, patch: int = 0) -> bool:
        return (self.major, self.minor, self.patch) >= (major, minor, patch)

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


@dataclass
class TemplateRef:
    """A reference from a job to a pod template file."""

    role: Role
    node: Node
    target: str
    resolved: str | None = None
    remote: bool = False
    #: (ConfigMap name, data key) the path is mounted from in the job's own container
    #: (a ``spark-submit`` in a Kubernetes Job): the template is that ConfigMap value
    mounted_from: tuple[str, str] | None = None


@dataclass
class PodTemplate:
    """A pod spec file (``kind: Pod``/``PodTemplate``) or an inline template."""

    placement: PodPlacement
    doc: Node
    name: str
    referenced_by: list[Job] = field(default_factory=list)
    #: (ConfigMap name, data key) when the template is a ConfigMap value
    config_map: tuple[str, str] | None = None

    @property
    def path(self) -> str:
        return self.doc.loc.path


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


@dataclass(frozen=True)
class ConfMap:
    """New confs of a job become keys of a mapping.

    ``block`` is the mapping (``sparkConf``); when the job has none, it is
    created as ``key`` under ``parent`` (the application's ``spec``).
    """

    parent: Node
    key: str
    block: Node | None = None


@dataclass(frozen=True)
class ConfLines:
    """New confs of a job become lines of its properties file (``anchor`` is the file)."""

    anchor: Node


@dataclass(frozen=True)
class ConfArguments:
    """New confs of a job become ``--conf k=v`` words of a spark-submit argument string.

    They are appended to ``arguments``; when the job has no such string, one is
    created as ``field`` under ``parent`` (EMR's ``sparkSubmitJobDriver``).
    """

    arguments: Node | None
    parent: Node | None = None
    field: str = "sparkSubmitParameters"


#: Where new confs of a job go (None on the job: nowhere a fix can write safely).
ConfTarget = ConfMap | ConfLines | ConfArguments


@dataclass
class Job:
    """One unit of Spark configuration: a conf file, an application, a job run.

    ``driver``/``executor`` are None when the job says nothing about that role's
    placement (a bare conf file). ``conf_target`` says where a new conf of this
    job is written (None: nowhere safe), so fixes need no format knowledge.
    """

    name: str
    kind: JobKind
    doc: Node
    conf: Conf = field(default_factory=Conf)
    version: SparkVersion | None = None
    release_label: Node | None = None
    driver: PodPlacement | None = None
    executor: PodPlacement | None = None
    template_refs: list[TemplateRef] = field(default_factory=list)
    dynamic_allocation: Node | None = None
    conf_target: ConfTarget | None = None
    #: where new confs go when the job keeps the related keys in one mechanism
    #: other than ``conf_target`` (an EMR ``spark-defaults`` classification):
    #: a fix writes a key next to its relatives (see ``spotlint.fix.conf``)
    origin_targets: dict[ConfOrigin, ConfTarget] = field(default_factory=dict)

    def placement(self, role: Role) -> PodPlacement | None:
        return self.driver if role is Role.DRIVER else self.executor

    def set_placement(self, role: Role, placement: PodPlacement) -> None:
        if role is Role.DRIVER:
            self.driver = placement
        else:
            self.executor = placement

    @property
    def path(self) -> str:
        return self.doc.loc.path

    @property
    def anchor(self) -> Node:
        return self.doc


@dataclass(frozen=True)
class PoolLimits:
    """What a Karpenter pool's ``limits`` cap (v1alpha5 nests them under ``resources``)."""

    #: the ``limits`` key, where a finding about them points
    at: Location
    #: False when the block (or its ``resources``) is a placeholder or not a mapping
    known: bool
    #: the resources given a limit: ``cpu``, ``memory``, ``nodes``...
    capped: frozenset[str] = frozenset()
    #: each capped resource and its amount as written (``("cpu", "1000")``), for display
    amounts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DisruptionBudget:
    """One disruption budget of a Karpenter NodePool."""

    #: how many nodes may be disrupted at once (``"0"``, ``"10%"``...)
    nodes: Node | None
    #: the budget applies only during a ``schedule``
    scheduled: bool = False
    #: the disruption reasons it covers; None when it names none (it covers every reason)
    reasons: frozenset[str] | None = None
    #: False when the reasons list is a placeholder
    reasons_known: bool = True


@dataclass(frozen=True)
class ScaleIn:
    """How a Karpenter pool removes empty or underused nodes, as its API version writes it."""

    #: v1alpha5 Provisioner: ``ttlSecondsAfterEmpty`` is set
    empty_ttl: bool = False
    #: v1alpha5: False when the ``consolidation`` block is a placeholder
    consolidation_known: bool = True
    #: v1alpha5: ``consolidation.enabled``
    consolidation_enabled: Node | None = None
    #: v1beta1 and v1 NodePool: ``spec.disruption`` is a mapping
    disruption: bool = False
    #: ``disruption.consolidateAfter``
    consolidate_after: Node | None = None
    budgets: tuple[DisruptionBudget, ...] = ()


@dataclass(frozen=True)
class SpotAllocation:
    """How a self-managed node group spreads Spot across instance types."""

    #: the ``instancesDistribution`` key
    at: Location
    #: ``spotAllocationStrategy`` and its text (None when absent or a placeholder)
    strategy: Node | None = None
    strategy_text: str | None = None


@dataclass
class Pool:
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
    capacity_types: frozenset[str] | None = None
    capacity_node: Node | None = None
    node_labels: dict[str, frozenset[str] | None] = field(default_factory=dict)
    taints: list[Taint] = field(default_factory=list)
    instance_types: list[Node] | None = None
    requirements: list[Requirement] = field(default_factory=list)
    zones: list[Node] | None = None
    autoscaled_group: bool = False
    managed: bool = False
    karpenter: bool = False
    api_version: str = ""
    #: where findings about the pool as a whole point (Karpenter: the ``spec`` key)
    spec_at: Location | None = None
    #: where a node group's instance-type choice is written
    types_at: Node | Location | None = None
    #: the group chooses its types another way (instance selector, launch template) or
    #: writes them in a shape SL002 reports
    types_elsewhere: bool = False
    #: where a node group's zones are written (``availabilityZones``, ``subnets``)
    zones_at: Location | None = None
    #: the Karpenter ``requirements`` key
    requirements_at: Location | None = None
    spot_allocation: SpotAllocation | None = None
    limits: PoolLimits | None = None
    scale_in: ScaleIn = field(default_factory=ScaleIn)
    #: a NodePool with ``replicas`` keeps a static node count (it does not autoscale)
    replicas: Node | None = None
    #: the node class a Karpenter pool references by name (``nodeClassRef``,
    #: ``providerRef``); its discovery tags name the pool's cluster
    node_class: str | None = None
    #: the EKS cluster the pool belongs to and its AWS region, when its source says
    #: (eksctl ``metadata``, a Terraform ``cluster_name``, a discovery tag); placement
    #: matches a job only against the pools of its own cluster
    cluster: str | None = None
    region: str | None = None
    #: a node group's sizes as written, for display (``("min", "1")``, ``("max", "10")``,
    #: ``("desired", "2")``); placeholders are left out
    size: tuple[tuple[str, str], ...] = ()

    @property
    def path(self) -> str:
        return self.doc.loc.path

    @property
    def may_use_spot(self) -> bool:
        return self.capacity_types is None or SPOT in self.capacity_types


#: ``InterruptionHandling.kind``: AWS Node Termination Handler, or a Karpenter controller
NODE_TERMINATION_HANDLER = "node-termination-handler"
KARPENTER_CONTROLLER = "karpenter-controller"


@dataclass(frozen=True)
class InterruptionHandling:
    """Something in scope that acts (or should act) on the two-minute Spot notice.

    AWS Node Termination Handler deployed by a Helm release, an add-on flag or a
    manifest; or a Karpenter controller whose configuration is in scope, with
    ``queue`` saying whether its interruption queue is set (None: cannot tell).
    """

    kind: str
    #: where it is deployed or configured (a finding about a missing queue points here)
    at: Node | Location
    queue: bool | None = None
    #: how the configuration is spelt, for messages (``settings.interruptionQueue``)
    setting: str = ""
    cluster: str | None = None

    @property
    def path(self) -> str:
        return location_of(self.at).path


@dataclass
class Project:
    """Everything one run read: jobs, pod templates and pools, across files."""

    jobs: list[Job] = field(default_factory=list)
    templates: list[PodTemplate] = field(default_factory=list)
    pools: list[Pool] = field(default_factory=list)
    node_classes: dict[str, Node] = field(default_factory=dict)
    #: paths of files that are a context of their own (Markdown guides): their pools
    #: are matched only against their own jobs, and their jobs only against them
    self_contained: set[str] = field(default_factory=set)
    #: Spot interruption handlers and Karpenter controller configurations (SL412, SL405)
    interruption: list[InterruptionHandling] = field(default_factory=list)


def location_of(target: Node | Location) -> Location:
    return target.loc if isinstance(target, Node) else target
