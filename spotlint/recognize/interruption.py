"""Interruption handling in YAML: Helm values, GitOps releases and controller manifests.

What SL412 and SL405 need to know, wherever a repository keeps it:

* Helm values files (no ``apiVersion``): the Karpenter chart's (a ``settings``
  map with ``clusterName``, ``interruptionQueue``... or the older
  ``settings.aws``), AWS Node Termination Handler's (``enableSqsTerminationDraining``,
  ``enableSpotInterruptionDraining``, ``queueURL``...), and the EKS data add-ons'
  ``karpenter-resources`` chart (``name`` and ``nodePool``: a NodePool);
* Flux ``HelmRelease`` and Argo CD ``Application`` objects installing either chart
  (their inline values, or unknown when they come from elsewhere);
* the controllers' own ``Deployment``/``DaemonSet`` manifests: an
  ``aws-node-termination-handler`` image is a handler; a Karpenter controller
  image's ``INTERRUPTION_QUEUE`` environment variable is its queue.
"""

from __future__ import annotations

from spotlint.load.base import LoadedFile
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Node
from spotlint.model import KARPENTER_CONTROLLER, NODE_TERMINATION_HANDLER, InterruptionHandling
from spotlint.recognize.common import scalar_text
from spotlint.recognize.kinds import NormalizeContext, api_group

_KARPENTER_SETTINGS = ("clusterName", "clusterEndpoint", "interruptionQueue",
                       "interruptionQueueName")
_NTH_VALUES = ("enableSqsTerminationDraining", "enableSpotInterruptionDraining",
               "enableRebalanceDraining", "enableRebalanceMonitoring", "queueURL")
NTH_CHART = "aws-node-termination-handler"
KARPENTER_CHART = "karpenter"


def _karpenter_values(doc: Node) -> bool:
    settings = doc.get("settings")
    if settings is None or not settings.is_map:
        return False
    aws = settings.get("aws")
    return any(k in settings.value for k in _KARPENTER_SETTINGS) or (
        aws is not None and aws.is_map
        and any(k in aws.value for k in ("clusterName", "interruptionQueueName"))
    )


def _karpenter_resources_values(doc: Node) -> bool:
    pool = doc.get("nodePool")
    return (
        doc.get("name") is not None and pool is not None and pool.is_map
        and (pool.get("requirements") is not None or doc.get("ec2NodeClass") is not None)
    )


def controller(at: Node, docs: list[Node], sets: dict[str, Node], complete: bool,
               ctx: NormalizeContext) -> None:
    from spotlint.recognize.terraform_helm import karpenter_queue

    queue, key = karpenter_queue(docs, sets, complete)
    ctx.project.interruption.append(InterruptionHandling(KARPENTER_CONTROLLER, at, queue, key))


class HelmValuesKind:
    """Helm values of the Karpenter, Node Termination Handler or karpenter-resources chart."""

    name = "helm-values"
    schema: str | None = None

    def matches(self, doc: Node, file: LoadedFile) -> bool:
        if not doc.is_map or doc.get("apiVersion") is not None or doc.get("kind") is not None:
            return False
        return (
            _karpenter_values(doc)
            or any(k in doc.value for k in _NTH_VALUES)
            or _karpenter_resources_values(doc)
        )

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        at = next(iter(doc.value.values()))
        at = at.key or at
        if _karpenter_values(doc):
            settings = doc.get("settings")
            controller(settings.key if settings and settings.key else at, [doc], {}, True, ctx)
        elif any(k in doc.value for k in _NTH_VALUES):
            ctx.project.interruption.append(InterruptionHandling(NODE_TERMINATION_HANDLER, at))
        else:
            from spotlint.recognize.terraform_helm import karpenter_resources

            karpenter_resources(ctx, doc, at.loc)


def _chart(text: str | None) -> str:
    return (text or "").rstrip("/").rsplit("/", 1)[-1]


def _images(doc: Node) -> list[tuple[str, Node]]:
    containers = doc.path("spec", "template", "spec", "containers")
    found = []
    for container in containers.elements() if containers is not None else ():
        image = scalar_text(container.get("image")) if container.is_map else None
        if image:
            found.append((image, container))
    return found


def _values_text(node: Node | None, ctx: NormalizeContext) -> tuple[list[Node], bool]:
    """Inline Helm values: a mapping, or a YAML string (Argo CD ``helm.values``)."""
    if node is None:
        return [], True
    if node.is_map and not node.unknown:
        return [node], True
    text = scalar_text(node)
    if text is None:
        return [], False
    loaded = load_yaml_text(ctx.file.path, text, ctx.limits)
    for doc in loaded.documents:
        _relocate(doc, node)
    return [d for d in loaded.documents if d.is_map], not loaded.errors


def _relocate(doc: Node, at: Node) -> None:
    stack = [doc]
    while stack:
        node = stack.pop()
        node.loc = at.loc
        if node.key is not None:
            node.key.loc = at.loc
        stack.extend(node.value.values() if node.is_map else node.elements())


class HandlerManifestKind:
    """Kubernetes objects that deploy AWS Node Termination Handler or the Karpenter controller."""

    name = "interruption-handler"
    schema: str | None = None
    #: The only document kinds :meth:`matches` accepts (see ``spotlint.recognize.kinds``).
    document_kinds = frozenset({"DaemonSet", "Deployment", "HelmRelease", "Application"})

    def matches(self, doc: Node, file: LoadedFile) -> bool:
        if not doc.is_map:
            return False
        group, _, kind = api_group(doc)
        if kind in ("DaemonSet", "Deployment"):
            return any(NTH_CHART in image or "karpenter/controller" in image
                       for image, _ in _images(doc))
        if kind == "HelmRelease" and group.startswith("helm.toolkit.fluxcd.io"):
            return _chart(scalar_text(doc.path("spec", "chart", "spec", "chart"))) in (
                NTH_CHART, KARPENTER_CHART)
        if kind == "Application" and group == "argoproj.io":
            return any(_chart(scalar_text(s.get("chart"))) in (NTH_CHART, KARPENTER_CHART)
                       for s in self._sources(doc))
        return False

    @staticmethod
    def _sources(doc: Node) -> list[Node]:
        spec = doc.get("spec")
        if spec is None or not spec.is_map:
            return []
        listed = spec.get("sources")
        sources = [spec.get("source"), *(listed.elements() if listed is not None else ())]
        return [s for s in sources if s is not None and s.is_map]

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        _, _, kind = api_group(doc)
        at = doc.get("kind") or doc
        if kind in ("DaemonSet", "Deployment"):
            for image, container in _images(doc):
                if NTH_CHART in image:
                    ctx.project.interruption.append(
                        InterruptionHandling(NODE_TERMINATION_HANDLER, container))
                elif "karpenter/controller" in image:
                    env = container.get("env")
                    names = {scalar_text(e.get("name")): e for e in env.elements()
                             if e.is_map} if env is not None and env.is_seq else {}
                    queue = "INTERRUPTION_QUEUE" in names
                    complete = container.get("envFrom") is None and (
                        env is None or not env.unknown)
                    ctx.project.interruption.append(InterruptionHandling(
                        KARPENTER_CONTROLLER, container, True if queue else (
                            False if complete else None), "INTERRUPTION_QUEUE"))
            return
        if kind == "HelmRelease":
            chart = _chart(scalar_text(doc.path("spec", "chart", "spec", "chart")))
            inline, complete = _values_text(doc.path("spec", "values"), ctx)
            complete = complete and doc.path("spec", "valuesFrom") is None
            self._release(chart, at, inline, {}, complete, ctx)
            return
        for source in self._sources(doc):
            chart = _chart(scalar_text(source.get("chart")))
            helm = source.get("helm")
            docs: list[Node] = []
            sets: dict[str, Node] = {}
            complete = True
            if helm is not None and helm.is_map:
                for key in ("valuesObject", "values"):
                    found, ok = _values_text(helm.get(key), ctx)
                    docs.extend(found)
                    complete = complete and ok
                parameters = helm.get("parameters")
                for parameter in parameters.elements() if parameters is not None else ():
                    name = scalar_text(parameter.get("name")) if parameter.is_map else None
                    if name:
                        sets[name] = parameter
                complete = complete and helm.get("valueFiles") is None
            self._release(chart, source.get("chart") or at, docs, sets, complete, ctx)

    @staticmethod
    def _release(chart: str, at: Node, docs: list[Node], sets: dict[str, Node], complete: bool,
                 ctx: NormalizeContext) -> None:
        if chart == NTH_CHART:
            ctx.project.interruption.append(InterruptionHandling(NODE_TERMINATION_HANDLER, at))
        elif chart == KARPENTER_CHART:
            controller(at, docs, sets, complete, ctx)


KINDS = [HandlerManifestKind(), HelmValuesKind()]
