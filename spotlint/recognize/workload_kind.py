"""Kubernetes workloads, Argo workflows and ConfigMaps: the document kind alone.

Spark is often submitted from inside the cluster: a ``Job`` or ``CronJob``
whose container runs ``spark-submit``, an Argo ``WorkflowTemplate`` step, a
``ConfigMap`` holding the pod templates and ``spark-defaults.conf`` the jobs
mount. Every run asks each kind whether it matches, so matching is a dictionary
look-up here; what such a document holds is read by :mod:`.workloads`, imported
only when one is normalized.
"""

from __future__ import annotations

from spotlint.load.base import LoadedFile
from spotlint.location import Node
from spotlint.recognize.kinds import NormalizeContext, api_group

#: (API group, kind) of the documents read: workloads, Argo workflows, ConfigMaps.
WORKLOADS = frozenset({
    ("batch", "Job"),
    ("batch", "CronJob"),
    ("apps", "Deployment"),
    ("apps", "StatefulSet"),
    ("apps", "DaemonSet"),
    ("apps", "ReplicaSet"),
    ("argoproj.io", "Workflow"),
    ("argoproj.io", "WorkflowTemplate"),
    ("argoproj.io", "ClusterWorkflowTemplate"),
    ("argoproj.io", "CronWorkflow"),
    ("", "ConfigMap"),
})


class WorkloadKind:
    """A workload, workflow or ConfigMap that may hold Spark jobs, templates or confs."""

    name = "workload"
    schema: str | None = None
    #: The only document kinds :meth:`matches` accepts (see ``spotlint.recognize.kinds``).
    document_kinds = frozenset(kind for _, kind in WORKLOADS)

    def matches(self, doc: Node, file: LoadedFile) -> bool:
        if not doc.is_map:
            return False
        group, _, kind = api_group(doc)
        return (group, kind) in WORKLOADS

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        from spotlint.recognize.workloads import normalize_workload

        normalize_workload(doc, ctx)


KINDS = [WorkloadKind()]
