"""Spark pod templates: ``kind: Pod`` / ``PodTemplate`` (Spark also accepts ``Kind: Pod``).

The role comes, in order, from the ``spark-role`` label, the container name
Spark gives the main container, the file name (``driver``/``executor`` in it),
and finally from the conf key that references the file (set while linking).
"""

from __future__ import annotations

import os

from spotlint.load.base import LoadedFile
from spotlint.location import Node
from spotlint.model import PodTemplate, Role
from spotlint.recognize.common import placement_from_pod_spec, text_of
from spotlint.recognize.kinds import NormalizeContext, api_group

_CONTAINER_ROLES = {
    "spark-kubernetes-driver": Role.DRIVER,
    "spark-kubernetes-executor": Role.EXECUTOR,
}


def role_of(doc: Node, spec: Node | None, path: str) -> Role | None:
    labels = doc.path("metadata", "labels")
    role_label = text_of(labels.get("spark-role")) if labels is not None else None
    if role_label in ("driver", "executor"):
        return Role(role_label)
    containers = spec.get("containers") if spec is not None else None
    if containers is not None:
        for container in containers.elements():
            role = _CONTAINER_ROLES.get(text_of(container.get("name")) or "")
            if role is not None:
                return role
    base = os.path.basename(path).lower()
    has_driver, has_executor = "driver" in base, "executor" in base or "exec" in base
    if has_driver != has_executor:
        return Role.DRIVER if has_driver else Role.EXECUTOR
    return None


class PodTemplateKind:
    name = "pod-template"
    schema: str | None = "pod.schema.json"
    #: The only document kinds :meth:`matches` accepts: a Pod, a PodTemplate, a pod
    #: spec without a kind (see ``spotlint.recognize.kinds``).
    document_kinds = frozenset({"Pod", "PodTemplate", ""})

    def matches(self, doc: Node, file: LoadedFile) -> bool:
        group, _, kind = api_group(doc)
        if kind in ("Pod", "PodTemplate"):
            return group == ""
        return (
            not kind
            and doc.is_map
            and doc.get("spec") is not None
            and doc.path("spec", "containers") is not None
        )

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        _, _, kind = api_group(doc)
        spec = doc.path("template", "spec") if kind == "PodTemplate" else doc.get("spec")
        template = doc.get("template") if kind == "PodTemplate" else None
        # An embedded template (a ConfigMap value, a heredoc) is named by its key or file.
        named = getattr(ctx.file, "name", "") or ctx.file.path
        role = role_of(template if template is not None else doc, spec, named)
        placement = placement_from_pod_spec(spec, role, doc, "pod template")
        name = doc.path("metadata", "name")
        ctx.project.templates.append(
            PodTemplate(
                placement=placement,
                doc=doc,
                name=(text_of(name) or os.path.basename(named)),
                config_map=getattr(ctx.file, "config_map", None),
            )
        )
        if kind == "Pod" and _runs_a_process(spec):
            # A pod that submits Spark (``spark-submit`` in its container command).
            from spotlint.recognize.workloads import pod_spec

            pod_spec(spec, ctx)


def _runs_a_process(spec: Node | None) -> bool:
    containers = spec.get("containers") if spec is not None else None
    return containers is not None and any(
        c.get("command") is not None or c.get("args") is not None for c in containers.elements())


KINDS = [PodTemplateKind()]
