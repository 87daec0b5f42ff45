"""One file's record: what it contributes to the findings of other files.

A file is read as a context file is (the byte prefilter first, so most files
of a monorepo cost a read and no parse) and normalized alone into a scratch
project. What other files' findings can depend on is kept, small and plain
(JSON-ready):

* its pools, with everything placement matches on (capacity types, labels,
  taints, zones, instance types, cluster, anchor line), its node classes and
  interruption handlers: the pools decide where other files' pods land, node
  classes name pools' clusters, handlers decide SL405/SL412 on pools;
* its jobs' pod-template references, as the candidate real paths they may
  resolve to, and whether templates come from ConfigMaps: a template's
  findings depend on the jobs that use it;
* the files its kinds read through ``read_file`` (Terraform ``file()``), and any
  other file its jobs, pools and templates point into (the ``file://`` request
  a shell script's ``start-job-run`` names).

The record is a superset by design: selection (:mod:`.select`) only needs to
know *which* files matter, so a record that says too much costs a parse, one
that says too little would change findings.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from typing import Any

from spotlint.config.settings import Settings
from spotlint.engine.normalizing import normalize_file
from spotlint.engine.paths import real
from spotlint.engine.raw import RawFinding
from spotlint.engine.reading import FileSet
from spotlint.location import Location, Node
from spotlint.model import Conf, Pool, Project

#: A record as stored: plain JSON values only.
Record = dict[str, Any]


def build(
    path: str, rel: str, real_root: str, settings: Settings, kinds: Any,
    overlay: Mapping[str, bytes] | None = None,
) -> Record:
    """The record of the file at ``path`` (``rel`` below the project root); ``overlay``
    gives the text of files open in an editor, by normalized absolute path."""
    raw: list[RawFinding] = []
    limits = settings.for_path(path).limits
    files = FileSet(limits, overlay or {}, raw)
    files.root = settings.root
    loaded = files.read(path, explicit=False)
    record: Record = {}
    if loaded is None or not (loaded.documents or loaded.embedded):
        return record
    project = Project()
    reads: list[str] = []
    normalize_file(loaded, kinds, project, settings.root, limits, raw, files.budget,
                   read_file=reads.append)
    if project.pools:
        record["pools"] = [_pool(pool) for pool in project.pools]
    if project.node_classes:
        record["node_classes"] = sorted(project.node_classes)
    if project.interruption:
        record["handlers"] = [[h.kind, h.cluster] for h in project.interruption]
    if project.jobs:
        record["jobs"] = len(project.jobs)
    if project.templates:
        record["templates"] = len(project.templates)
    if any(t.config_map is not None for t in project.templates) or any(
            ref.mounted_from for job in project.jobs for ref in job.template_refs):
        record["config_maps"] = True
    refs = sorted({c for job in project.jobs for ref in job.template_refs if not ref.remote
                   for c in _candidates(ref.target, rel, real_root)})
    if refs:
        record["refs"] = refs
    if reads:
        record["reads"] = sorted({_rel(r, real_root) for r in reads})
    own = os.path.normpath(path)
    sources = {_rel(os.path.realpath(p), real_root) for p in _paths(project) if p and p != own}
    if sources:
        record["sources"] = sorted(sources)
    return record


def _paths(project: Project) -> set[str]:
    """Every file a model object of the project points into (a shell script's job is
    built from the ``file://`` request it names, which it reads itself)."""
    found: set[str] = set()
    seen: set[int] = set()
    stack: list[tuple[object, int]] = [
        (o, 0) for o in (*project.jobs, *project.pools, *project.templates)]
    while stack:
        item, depth = stack.pop()
        if id(item) in seen or depth > 6:
            continue
        seen.add(id(item))
        if isinstance(item, Node):
            found.add(item.loc.path)
        elif isinstance(item, Location):
            found.add(item.path)
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend((child, depth + 1) for child in item)
        elif isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, Conf):
            stack.extend((child, depth + 1) for value in item
                         for child in item.settings(value.key))
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack.extend((getattr(item, f.name), depth + 1) for f in dataclasses.fields(item)
                         if f.name != "referenced_by")
    return found


def _candidates(target: str, rel: str, real_root: str) -> list[str]:
    """Where a template reference may resolve, relative to the root (as the linker tries)."""
    if target.startswith("file://"):
        target = target[len("file://"):]
    if "\x00" in target:
        return []
    base = os.path.dirname(os.path.join(real_root, rel))
    tries = [target] if os.path.isabs(target) else [
        os.path.join(base, target), os.path.join(real_root, target)]
    found = []
    for candidate in tries:
        resolved = _rel(real(candidate) if os.path.lexists(candidate) else
                        os.path.normpath(candidate), real_root)
        found.append(resolved)
    return found


def _rel(path: str, real_root: str) -> str:
    return os.path.relpath(path, real_root).replace(os.sep, "/")


def _pool(pool: Pool) -> dict[str, Any]:
    """A pool as placement sees it: small, plain, enough to say where pods may land."""
    return {
        "name": pool.name,
        "kind": pool.kind,
        "line": pool.anchor.loc.line,
        "capacity": sorted(pool.capacity_types) if pool.capacity_types is not None else None,
        "labels": {k: sorted(v) if v is not None else None for k, v in pool.node_labels.items()},
        "taints": [[t.key, t.value, t.effect] for t in pool.taints],
        "zones": [z.text() for z in pool.zones] if pool.zones is not None else None,
        "types": ([t.text() for t in pool.instance_types]
                  if pool.instance_types is not None else None),
        "karpenter": pool.karpenter,
        "node_class": pool.node_class,
        "cluster": pool.cluster,
        "region": pool.region,
    }
