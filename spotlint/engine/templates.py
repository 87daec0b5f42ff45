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
from collections.abc import Callable, Collection

from spotlint.engine.paths import inside, real
from spotlint.engine.raw import RawFinding
from spotlint.load.boundary import Resolved, resolve_reference
from spotlint.location import Node
from spotlint.model import Job, PodTemplate, Project, Role

#: Real path of a template file -> the pod templates it holds (read on first ask).
TemplatesAt = Callable[[str], list[PodTemplate]]


def link_templates(
    project: Project, root: str, templates_at: TemplatesAt, findings: list[RawFinding],
    real_of: Callable[[str], str] = real,
    read: Callable[[], Collection[str]] | None = None,
) -> None:
    """Resolve local pod-template references and merge their placement into the job.

    ``real_of`` gives a job file's real path (the run's file set knows those the
    walk found without asking the file system again); ``read``, the real paths of
    the files the run read (a reference spelling one of them plainly is that file:
    :func:`_read_already`).
    """
    real_root = real(root)
    answers: dict[tuple[str, str], Resolved] = {}  # (this call's, by spelling: _resolve)
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
            found = _resolve(ref.target, ref.node, real_root, real_of, read, answers)
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
             real_of: Callable[[str], str] = real,
             read: Callable[[], Collection[str]] | None = None,
             answers: dict[tuple[str, str], Resolved] | None = None) -> Resolved:
    """The real path of an existing file inside the root, or why there is none.

    A name that cannot be a path (a NUL byte from a ``\\0`` escape, a name
    longer than the system allows) is refused before any file system call.
    ``answers`` keeps them by spelling (an absolute one, or a relative one and
    the directory it is relative to): many jobs name the same template (at 1,000 files
    60 references named two absolute paths, each answer two ``realpath`` calls).
    """
    if target.startswith("file://"):
        target = target[len("file://") :]
    if "\x00" in target:
        return Resolved(None, "invalid")
    absolute = os.path.isabs(target)
    base_dir = "" if absolute else os.path.dirname(real_of(node.file_path))
    key = (target, base_dir)
    found = answers.get(key) if answers is not None else None
    if found is None:
        found = _resolved(target, None if absolute else base_dir, real_root, read)
        if answers is not None:
            answers[key] = found
    return found


def _resolved(
    target: str, base_dir: str | None, real_root: str,
    read: Callable[[], Collection[str]] | None,
) -> Resolved:
    """:func:`_resolve`'s answer for ``target`` (relative to ``base_dir``; None: absolute)."""
    candidates = (
        [target]
        if base_dir is None
        else [os.path.join(base_dir, target), os.path.join(real_root, target)]
    )
    if read is not None and target.strip():
        known = _read_already(target, candidates[0], real_root, read)
        if known is not None:
            return Resolved(known)
    return resolve_reference(target, candidates, real_root)


def _read_already(
    target: str, candidate: str, real_root: str, read: Callable[[], Collection[str]],
) -> str | None:
    """The real path ``candidate`` (the first spelling of ``target``) names, when that is
    a file the run read, found without the file system: ``realpath`` takes an ``lstat``
    per component of the candidate and of the root (~60 references at 1,000 files).

    ``candidate`` is a real directory (a job file's, or none: an absolute target) and
    ``target``'s components. ``..`` at the start of a relative target leaves that real
    directory as its spelling says; elsewhere (after a symbolic link, ``..`` leads
    elsewhere than its spelling) it is left to ``realpath``. Without such a ``..``
    the candidate's normal form names what ``realpath`` would give when that is a
    real path already: one of the files read, whose components are none of them
    links. Else None (the file system is asked, as before)."""
    if os.altsep is not None:
        target = target.replace(os.altsep, os.sep)
    parts = target.split(os.sep)
    if not os.path.isabs(target):
        lead = 0
        while lead < len(parts) and parts[lead] in (os.pardir, os.curdir, ""):
            lead += 1
        parts = parts[lead:]
    if os.pardir in parts:
        return None
    path = os.path.normpath(candidate)
    if path in read() and inside(path, real_root) and path != real_root:
        return path
    return None


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
