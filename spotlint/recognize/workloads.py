"""Spark jobs, pod templates and confs held by workloads, workflows and ConfigMaps.

* **Containers** of a ``Job``, ``CronJob``, ``Pod``, ``Deployment``,
  ``StatefulSet``, ``DaemonSet`` or ``ReplicaSet`` (init containers too): the
  process Kubernetes starts is ``command`` followed by ``args``. When that runs
  ``spark-submit`` (or ``aws emr-containers start-job-run``) directly, each list
  item is one argument, exactly as the program receives it. When it runs a
  shell (``sh -c``, ``bash -ec``...), the script string is read like a shell
  script file. A lone argument holding a ``spark-submit`` command line (an
  image whose entry point runs its arguments through a shell) is read as a
  script too.
* **Argo** ``Workflow``, ``WorkflowTemplate``, ``ClusterWorkflowTemplate`` and
  ``CronWorkflow`` templates: ``container``, ``script`` (its ``source`` is a
  shell script when the interpreter is a shell), ``containerSet`` containers,
  init containers and sidecars, and the manifest a ``resource`` template
  creates (a ``SparkApplication``, most often).
* **ConfigMaps**: a ``data`` value named ``*.yaml``/``*.yml``/``*.json`` (a pod
  template), ``*.conf``/``*.properties`` (``spark-defaults.conf``) or ``*.sh``,
  or without such a name but clearly one of them by content.

Every one of these is an embedded document (:mod:`spotlint.load.embedded`):
positioned inside its string, linted like a file of its format, and with
Kubernetes' own ``$(VAR)`` and Argo's ``{{inputs.parameters.x}}`` substitutions
as unknown values.
"""

from __future__ import annotations

import os
import re
from array import array

from spotlint.load.embedded import EmbeddedFile
from spotlint.load.shell import Command, Word
from spotlint.load.textpos import string_offsets
from spotlint.location import Node
from spotlint.recognize.common import scalar_text
from spotlint.recognize.embedding import embed_script, embed_string, relevant
from spotlint.recognize.kinds import NormalizeContext, api_group
from spotlint.value import FrozenValue, frozen

_set = object.__setattr__

#: Where each workload kind keeps its pod spec.
_POD_SPEC = {
    "Pod": ("spec",),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
}
_SHELLS = {"sh", "bash", "ash", "dash", "zsh", "ksh"}
_PROGRAMS = ("spark-submit", "aws")
_SUBMITS = re.compile(r"spark-submit|start-job-run")
_SUFFIX_FORMATS = {
    ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".conf": "properties",
    ".properties": "properties", ".sh": "shell", ".bash": "shell",
}
_YAML_START = re.compile(r"\A(?:\s*#[^\n]*\n)*\s*(?:---|apiVersion\s*:|kind\s*:)")
_PROPERTY_LINE = re.compile(r"(?m)^[ \t]*spark\.[A-Za-z0-9_.-]+[ \t]*[=: \t]")


def normalize_workload(doc: Node, ctx: NormalizeContext) -> None:
    """Every job, template and conf ``doc`` holds, handed to the model or the engine."""
    group, _, kind = api_group(doc)
    if kind == "ConfigMap":
        config_map(doc, ctx)
    elif group == "argoproj.io":
        _workflow(doc, kind, ctx)
    else:
        pod_spec(doc.path(*_POD_SPEC.get(kind, ("spec",))), ctx)


def pod_spec(spec: Node | None, ctx: NormalizeContext) -> None:
    """The Spark submissions in a pod spec's containers and init containers."""
    if spec is None or not spec.is_map:
        return
    volumes = config_map_volumes(spec.get("volumes"))
    for field in ("initContainers", "containers"):
        listed = spec.get(field)
        for container in listed.elements() if listed is not None else ():
            container_process(container, ctx, volumes)


def container_process(container: Node, ctx: NormalizeContext,
                      volumes: dict[str, ConfigMapVolume] | None = None) -> None:
    """What one container runs: ``command`` then ``args`` (Kubernetes' own order)."""
    if not container.is_map:
        return
    argv: list[Node] = []
    for field in ("command", "args"):
        value = container.get(field)
        if value is None:
            continue
        if value.is_seq:
            argv.extend(v for v in value.elements() if v.is_scalar and v.value is not None)
        elif value.is_scalar and isinstance(value.value, str):
            argv.append(value)
    _process(argv, ctx, Mounts(container, volumes or {}))


def _process(argv: list[Node], ctx: NormalizeContext, mounts: Mounts) -> None:
    texts = [node.text() or "" for node in argv]
    if not any(_SUBMITS.search(t) for t in texts):
        return
    if texts and _basename(texts[0]) in _SHELLS:
        script = _shell_script(argv, texts)
        if script is not None:
            mounts.give(embed_script(script, ctx, "a container's shell command"))
        return
    for index, text in enumerate(texts):
        if _basename(text) in _PROGRAMS:
            from spotlint.recognize.shell import command_job

            command = Command(words=[_word(node, ctx) for node in argv[index:]])
            job = command_job(ctx, command)
            for ref in job.template_refs if job is not None else ():
                ref.mounted_from = mounts(ref.target)
            return
    for node, text in zip(argv, texts, strict=True):
        if _SUBMITS.search(text) and any(ch.isspace() for ch in text.strip()):
            mounts.give(embed_script(node, ctx, "a container argument"))


# -- pod templates mounted from ConfigMaps -----------------------------------------------


@frozen
class ConfigMapVolume(FrozenValue):
    """A pod volume that shows a ConfigMap: its name, and ``items`` (path -> key) if listed."""

    config_map: str
    items: dict[str, str] | None

    def __init__(self, config_map: str, items: dict[str, str] | None) -> None:
        _set(self, "config_map", config_map)
        _set(self, "items", items)

    def key_for(self, path: str) -> str | None:
        """The data key a file of the volume shows (every key as a file when no items)."""
        if self.items is not None:
            return self.items.get(path)
        return path if "/" not in path else None


def config_map_volumes(*lists: Node | None) -> dict[str, ConfigMapVolume]:
    """Volumes (by name) that show a ConfigMap, from pod or workflow ``volumes`` lists."""
    found: dict[str, ConfigMapVolume] = {}
    for listed in lists:
        for volume in listed.elements() if listed is not None else ():
            name = scalar_text(volume.get("name"))
            source = volume.get("configMap")
            config_map = scalar_text(source.get("name")) if source is not None else None
            if name is None or config_map is None or source is None:
                continue
            items_node = source.get("items")
            items = None
            if items_node is not None:
                items = {}
                for item in items_node.elements():
                    path, key = scalar_text(item.get("path")), scalar_text(item.get("key"))
                    if path is not None and key is not None:
                        items[path] = key
            found[name] = ConfigMapVolume(config_map, items)
    return found


class Mounts:
    """Which ConfigMap value each path of one container shows (its ``volumeMounts``).

    Spark reads ``spark.kubernetes.*.podTemplateFile`` in the submitting
    container, so a template path mounted from a ConfigMap is that ConfigMap's
    value; the engine links the two when the ConfigMap is read.
    """

    def __init__(self, container: Node, volumes: dict[str, ConfigMapVolume]) -> None:
        self.entries: list[tuple[str, str | None, ConfigMapVolume]] = []
        mounts = container.get("volumeMounts") if volumes else None
        for mount in mounts.elements() if mounts is not None else ():
            volume = volumes.get(scalar_text(mount.get("name")) or "")
            path = scalar_text(mount.get("mountPath"))
            if volume is not None and path:
                self.entries.append((path.rstrip("/") or "/", scalar_text(mount.get("subPath")),
                                     volume))

    def __call__(self, target: str) -> tuple[str, str] | None:
        path = target.removeprefix("file://")
        for mount_path, sub_path, volume in self.entries:
            key: str | None = None
            if sub_path is not None:
                key = volume.key_for(sub_path) if path == mount_path else None
            elif path.startswith(mount_path + "/"):
                key = volume.key_for(path[len(mount_path) + 1 :])
            if key is not None:
                return volume.config_map, key
        return None

    def give(self, piece: EmbeddedFile | None) -> None:
        """Let the jobs a script embedded in this container submits use these mounts."""
        if piece is not None and self.entries:
            piece.mounts = self


def _basename(text: str) -> str:
    return text.strip().rsplit("/", 1)[-1]


def _shell_script(argv: list[Node], texts: list[str]) -> Node | None:
    """The script of ``sh -c SCRIPT`` (options such as ``-e``, ``-ec`` allowed)."""
    for index in range(1, len(texts) - 1):
        option = texts[index]
        if not option.startswith("-"):
            return None
        if "c" in option[1:] and not option.startswith("--"):
            return argv[index + 1]
    return None


def _word(node: Node, ctx: NormalizeContext) -> Word:
    """One argument as the program receives it, each character at its place in the file."""
    text = node.text() or ""
    mapping = string_offsets(node, ctx.source)
    offsets = array("q", (mapping.outer(i) for i in range(len(text))))
    start = mapping.outer(0)
    return Word(text, offsets, [], start, (offsets[-1] + 1) if offsets else start)


# -- Argo ------------------------------------------------------------------------------


def _workflow(doc: Node, kind: str, ctx: NormalizeContext) -> None:
    spec = doc.path("spec", "workflowSpec") if kind == "CronWorkflow" else doc.get("spec")
    templates = spec.get("templates") if spec is not None else None
    volumes = config_map_volumes(spec.get("volumes")) if spec is not None else {}
    for template in templates.elements() if templates is not None else ():
        if template.is_map:
            _argo_template(template, ctx, {**volumes, **config_map_volumes(
                template.get("volumes"))})


def _argo_template(template: Node, ctx: NormalizeContext,
                   volumes: dict[str, ConfigMapVolume]) -> None:
    container = template.get("container")
    if container is not None:
        container_process(container, ctx, volumes)
    script = template.get("script")
    if script is not None and script.is_map:
        container_process(script, ctx, volumes)
        source = script.get("source")
        command = script.get("command")
        first = next(command.elements(), None) if command is not None else None
        interpreter = _basename(first.text() or "") if first is not None else "sh"
        if source is not None and source.is_scalar and interpreter in _SHELLS:
            Mounts(script, volumes).give(embed_script(source, ctx, "an Argo script template"))
    for field in ("initContainers", "sidecars"):
        listed = template.get(field)
        for item in listed.elements() if listed is not None else ():
            container_process(item, ctx, volumes)
    container_set = template.path("containerSet", "containers")
    for item in container_set.elements() if container_set is not None else ():
        container_process(item, ctx, volumes)
    manifest = template.path("resource", "manifest")
    if (manifest is not None and isinstance(manifest.value, str)
            and relevant("yaml", manifest.value)):
        embed_string(manifest, "yaml", ctx, "an Argo resource manifest")


# -- ConfigMaps ------------------------------------------------------------------------


def config_map(doc: Node, ctx: NormalizeContext) -> None:
    """Each ``data`` value that is a pod template, a conf file or a script."""
    data = doc.get("data")
    name = scalar_text(doc.path("metadata", "name"))
    for key, value in data.items() if data is not None else ():
        if not value.is_scalar or not isinstance(value.value, str):
            continue
        fmt, by_name = _data_format(key, value.value)
        if fmt is None or not relevant(fmt, value.value):
            continue
        piece = embed_string(value, fmt, ctx, f"ConfigMap data {key!r}", name=key,
                             report=by_name)
        if piece is not None and name is not None:
            piece.config_map = (name, key)


def _data_format(key: str, text: str) -> tuple[str | None, bool]:
    """The format of one data value, and whether its name (not its content) says so."""
    lower = key.lower()
    if lower in ("spark-defaults.conf", "spark-defaults"):
        return "properties", True
    fmt = _SUFFIX_FORMATS.get(os.path.splitext(lower)[1])
    if fmt is not None:
        return fmt, True
    if _YAML_START.match(text):
        return "yaml", False
    if _PROPERTY_LINE.search(text):
        return "properties", False
    return None, False
