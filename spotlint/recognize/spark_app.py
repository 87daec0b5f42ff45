"""SparkApplication documents of the Kubeflow operator and of the Apache operator.

Kubeflow (``sparkoperator.k8s.io``): ``spec.sparkConf`` and the
``spec.dynamicAllocation`` block (only when its ``enabled`` is true) become confs; ``spec.driver`` /
``spec.executor`` ``nodeSelector``, ``affinity`` and ``tolerations`` (applied by
the operator's webhook) and inline ``template`` become placement; app-level
``spec.nodeSelector`` becomes ``spark.kubernetes.node.selector.*``. The block
settings are passed to spark-submit after ``sparkConf``, so they win over it.
Apache (``spark.apache.org``): ``spec.sparkConf``, ``spec.driverSpec`` /
``spec.executorSpec`` ``podTemplateSpec`` and ``spec.runtimeVersions.sparkVersion``.
"""

from __future__ import annotations

from spotlint.load.base import LoadedFile
from spotlint.location import Location, Node
from spotlint.model import ConfLines, ConfMap, ConfOrigin, ConfValue, Job, JobKind, Role
from spotlint.recognize.common import (
    add_conf_map,
    apply_conf_placement,
    file_name,
    placement_from_pod_spec,
    says_something,
    set_role_placement,
    text_of,
)
from spotlint.recognize.kinds import NormalizeContext, api_group
from spotlint.sparkconf import versions

_DYNAMIC_FIELDS = {
    "enabled": "spark.dynamicAllocation.enabled",
    "initialExecutors": "spark.dynamicAllocation.initialExecutors",
    "minExecutors": "spark.dynamicAllocation.minExecutors",
    "maxExecutors": "spark.dynamicAllocation.maxExecutors",
    "shuffleTrackingEnabled": "spark.dynamicAllocation.shuffleTracking.enabled",
}


def _name(doc: Node, fallback: str) -> str:
    name = doc.path("metadata", "name")
    return text_of(name) or fallback


def _add_dynamic_allocation(job: Job, block: Node | None) -> None:
    """The operator's ``spec.dynamicAllocation`` expressed as the confs it emits.

    The operator passes the block to spark-submit only when ``enabled`` is
    true (``dynamicAllocationOption`` in kubeflow/spark-operator's
    ``internal/controller/sparkapplication/submission.go`` returns no option
    otherwise), so a block that is off or says nothing about ``enabled`` adds
    no conf: ``sparkConf`` alone decides. A templated ``enabled`` may be true.
    """
    if block is None or not block.is_map:
        return
    switch = block.get("enabled")
    if switch is None or not (switch.unknown or switch.value is True):
        return
    job.dynamic_allocation = block
    for field_name, key in _DYNAMIC_FIELDS.items():
        value = block.get(field_name)
        if value is not None and value.is_scalar:
            job.conf.add(ConfValue(key=key, node=value, origin=ConfOrigin.DYNAMIC_ALLOCATION))
    enabled = block.get("enabled")
    if (
        enabled is not None
        and enabled.value is True
        and block.get("shuffleTrackingEnabled") is None
    ):
        implied = Node("true", enabled.loc, key=enabled.key)
        job.conf.add(
            ConfValue(
                key="spark.dynamicAllocation.shuffleTracking.enabled",
                node=implied,
                origin=ConfOrigin.OPERATOR_DEFAULT,
            )
        )
    timeout = block.get("shuffleTrackingTimeout")
    if timeout is not None and timeout.is_scalar:
        text = timeout.text() or ""
        as_ms = Node(
            f"{text}ms" if text.isdigit() else text,
            timeout.loc,
            key=timeout.key,
            unknown=timeout.unknown,
        )
        job.conf.add(
            ConfValue(
                key="spark.dynamicAllocation.shuffleTracking.timeout",
                node=as_ms,
                origin=ConfOrigin.DYNAMIC_ALLOCATION,
            )
        )


def spark_conf_target(spec: Node) -> ConfMap | None:
    """New confs go into ``spec.sparkConf``, created when missing (None: it is not a map)."""
    block = spec.get("sparkConf")
    if block is None:
        return ConfMap(spec, "sparkConf")
    if not block.is_map or block.unknown:
        return None
    return ConfMap(spec, "sparkConf", block)


def _pod_role(job: Job, role: Role, pod: Node | None, template: Node | None, source: str) -> None:
    for spec_node, what in ((pod, source), (template, f"{source}.template")):
        if spec_node is None or not spec_node.is_map:
            continue
        spec = spec_node.get("spec") if what.endswith("template") else spec_node
        placement = placement_from_pod_spec(spec, role, spec_node, what)
        if says_something(placement):
            set_role_placement(job, role, placement)


class KubeflowSparkApplicationKind:
    name = "sparkapplication"
    schema: str | None = "sparkapplication.schema.json"
    #: The only document kinds :meth:`matches` accepts (see ``spotlint.recognize.kinds``).
    document_kinds = frozenset({"SparkApplication", "ScheduledSparkApplication"})

    def matches(self, doc: Node, file: LoadedFile) -> bool:
        group, _, kind = api_group(doc)
        return group == "sparkoperator.k8s.io" and kind in self.document_kinds

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        _, _, kind = api_group(doc)
        spec = doc.get("spec")
        if kind == "ScheduledSparkApplication" and spec is not None:
            spec = spec.get("template")
        if spec is None or not spec.is_map:
            return
        job = Job(
            name=_name(doc, "sparkapplication"), kind=JobKind(kind), doc=doc,
            conf_target=spark_conf_target(spec),
        )
        add_conf_map(job, spec.get("sparkConf"), ConfOrigin.SPARK_CONF)
        if spec.unknown and spec.get("sparkConf") is None:
            job.conf.open(spec)  # a template may write the whole sparkConf block
        app_selector = spec.get("nodeSelector")
        if app_selector is not None and app_selector.is_map:
            for label, value in app_selector.items():
                if value.is_scalar:
                    key = "spark.kubernetes.node.selector." + label
                    origin = ConfOrigin.POD_NODE_SELECTOR
                    job.conf.add(ConfValue(key, value, origin))
        _add_dynamic_allocation(job, spec.get("dynamicAllocation"))
        version = spec.get("sparkVersion")
        image = spec.get("image")
        job.version = (versions.from_spark_version(version) if version is not None else None) or (
            versions.from_image(image) if image is not None else None
        )
        for role, field_name in ((Role.DRIVER, "driver"), (Role.EXECUTOR, "executor")):
            pod = spec.get(field_name)
            template = pod.get("template") if pod is not None else None
            _pod_role(job, role, pod, template, f"spec.{field_name}")
        apply_conf_placement(job)
        ctx.project.jobs.append(job)


class ApacheSparkApplicationKind:
    name = "sparkapplication-apache"
    schema: str | None = "sparkapplication-apache.schema.json"

    #: The only document kinds :meth:`matches` accepts.
    document_kinds = frozenset({"SparkApplication", "SparkCluster"})

    def matches(self, doc: Node, file: LoadedFile) -> bool:
        group, _, kind = api_group(doc)
        return group == "spark.apache.org" and kind in self.document_kinds

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        spec = doc.get("spec")
        if spec is None or not spec.is_map:
            return
        _, _, kind = api_group(doc)
        job = Job(
            name=_name(doc, "sparkapplication"), kind=JobKind(f"{kind} (spark.apache.org)"),
            doc=doc, conf_target=spark_conf_target(spec),
        )
        add_conf_map(job, spec.get("sparkConf"), ConfOrigin.SPARK_CONF)
        if spec.unknown and spec.get("sparkConf") is None:
            job.conf.open(spec)
        version = spec.path("runtimeVersions", "sparkVersion")
        if version is not None:
            job.version = versions.from_spark_version(version)
        for role, field_name in ((Role.DRIVER, "driverSpec"), (Role.EXECUTOR, "executorSpec")):
            template = spec.path(field_name, "podTemplateSpec")
            _pod_role(job, role, None, template, f"spec.{field_name}.podTemplateSpec")
        apply_conf_placement(job)
        ctx.project.jobs.append(job)


class SparkDefaultsKind:
    """A ``spark-defaults.conf`` (or any ``.conf`` holding ``spark.`` properties).

    Its Spark version comes from ``spark.kubernetes.container.image``, as for a
    ``spark-submit`` command line (an EMR or Apache Spark image tag).
    """

    name = "spark-defaults"
    schema: str | None = None

    def matches(self, doc: Node, file: LoadedFile) -> bool:
        return file.fmt == "properties"

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        # The file's first line; for a conf embedded in another file, its first line there.
        start = doc.loc
        anchor = Node(doc.value, Location(start.path, start.line, start.col, start.line, start.col))
        job = Job(
            name=file_name(ctx.file.path), kind=JobKind.SPARK_DEFAULTS, doc=anchor,
            conf_target=ConfLines(anchor),
        )
        for key, value in doc.items():
            if key.startswith("spark."):
                job.conf.add(
                    ConfValue(key, value, ConfOrigin.SPARK_DEFAULTS_FILE)
                )
        # The image spark-submit reads from this file is the only version hint it has.
        image = job.conf.get("spark.kubernetes.container.image")
        if image is not None and not image.unknown:
            job.version = versions.from_image(image.node)
        apply_conf_placement(job)
        ctx.project.jobs.append(job)


KINDS = [KubeflowSparkApplicationKind(), ApacheSparkApplicationKind(), SparkDefaultsKind()]
