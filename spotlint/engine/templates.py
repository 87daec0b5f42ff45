"""Template linking: a job's local pod-template references, resolved and merged in.

A job may name pod template files (``spark.kubernetes.*.podTemplateFile``,
``podTemplate`` fields). Each local reference is resolved against the job's
directory, then the scan root, never outside the root; the template's
placement is merged under what the job itself sets (SL003 when the file is
missing or outside the root; the role's placement is then unknown). A path the
job's own container mounts from a ConfigMap (``spark-submit`` in a Kubernetes
Job) is that ConfigMap's value, when the run read it.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from spotlint.engine.paths import real
from spotlint.engine.raw import RawFinding
from spotlint.load.boundary import Resolved, resolve_reference
from spotlint.location import Node
from spotlint.model import Job, PodTemplate, Project, Role

#: Real path of a template file -> the pod templates it holds (read on first ask).
TemplatesAt = Callable[[str], list[PodTemplate]]


def link_templates(
    project: Project, root: str, templates_at: TemplatesAt, findings: list[RawFinding],
    real_of: Callable[[str], str] = real,
) -> None:
    """Resolve local pod-template references and merge their placement into the job.

    ``real_of`` gives a job file's real path (the run's file set knows those the
    walk found without asking the file system again).
    """
    real_root = real(root)
    mounted = _by_config_map(project) if any(
        ref.mounted_from for job in project.jobs for ref in job.template_refs) else {}
    for job in project.jobs:
        for ref in job.template_refs:
            if ref.remote:
                continue
            from_config_map = mounted.get(ref.mounted_from) if ref.mounted_from else None
            if from_config_map:
                ref.resolved = from_config_map[0].path
                for template in from_config_map:
                    _link(job, ref.role, template)
                continue
            found = _resolve(ref.target, ref.node, real_root, real_of)
            if found.path is None and ref.mounted_from is not None:
                config_map, key = ref.mounted_from
                message = (f"pod template {ref.target!r} is mounted from key {key!r} of "
                           f"ConfigMap {config_map!r}, which no file of the run defines; not read")
                findings.append(RawFinding("SL003", message, ref.node.loc))
                _mark_unknown(job, ref.role, ref.node)
                continue
            if found.path is None:
                shown = repr(ref.target)
                message = {
                    "outside": f"pod template {shown} resolves outside the scanned root; not read",
                    "invalid": f"pod template {shown} is not a usable file name; not read",
                }.get(found.problem, f"pod template {shown} not found inside the scanned root")
                findings.append(RawFinding("SL003", message, ref.node.loc))
                _mark_unknown(job, ref.role, ref.node)
                continue
            resolved = found.path
            ref.resolved = resolved
            templates = templates_at(resolved)
            if not templates:
                _mark_unknown(job, ref.role, ref.node)
                continue
            for template in templates:
                _link(job, ref.role, template)


def _by_config_map(project: Project) -> dict[tuple[str, str] | None, list[PodTemplate]]:
    """Pod templates held in ConfigMaps, by (ConfigMap name, data key)."""
    found: dict[tuple[str, str] | None, list[PodTemplate]] = {}
    for template in project.templates:
        if template.config_map is not None:
            found.setdefault(template.config_map, []).append(template)
    return found


def _link(job: Job, role: Role, template: PodTemplate) -> None:
    template.referenced_by.append(job)
    if template.placement.role is None:
        template.placement.role = role
    _merge_template(job, role, template)


def _resolve(target: str, node: Node, real_root: str,
             real_of: Callable[[str], str] = real) -> Resolved:
    """The real path of an existing file inside the root, or why there is none.

    A name that cannot be a path (a NUL byte from a ``\\0`` escape, a name
    longer than the system allows) is refused before any file system call.
    """
    if target.startswith("file://"):
        target = target[len("file://") :]
    if "\x00" in target:
        return Resolved(None, "invalid")
    base_dir = os.path.dirname(real_of(node.file_path))
    candidates = (
        [target]
        if os.path.isabs(target)
        else [os.path.join(base_dir, target), os.path.join(real_root, target)]
    )
    return resolve_reference(target, candidates, real_root)


def _mark_unknown(job: Job, role: Role, anchor: Node) -> None:
    from spotlint.recognize.common import role_placement

    role_placement(job, role, anchor).known = False


def _merge_template(job: Job, role: Role, template: PodTemplate) -> None:
    """The template's placement, with what the job document sets added on top.

    Spark adds selector confs over the template, so the template comes first and
    the job's own settings win; the finding anchor stays in the template.
    """
    placement = template.placement.copy()
    placement.role = role
    current = job.placement(role)
    if current is not None:
        placement.merge(current)
    job.set_placement(role, placement)
