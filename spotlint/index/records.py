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

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache, lru_cache

from spotlint.config.settings import Settings
from spotlint.engine.normalizing import normalize_file
from spotlint.engine.paths import real
from spotlint.engine.raw import RawFinding
from spotlint.engine.reading import FileSet
from spotlint.load.base import LoadedFile
from spotlint.location import Location, Node
from spotlint.model import Conf, Pool, Project, location_of
from spotlint.value import Value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
else:
    Any = object  # (subscripted below at run time, where any argument would do)

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
    return describe(project, rel, real_root, reads, os.path.normpath(path),
                    lambda p: _rel(p, real_root), may_point_elsewhere(project, loaded))


def warm_up() -> None:
    """Import what recording a Terraform file imports (the HCL reader and evaluator, the
    Terraform recognizers, the template and shell helpers they use), ahead of need.

    A first run (no index) records its pool files in this process and one forked child
    (:mod:`.forked`): each imported these when it took its first Terraform file, ~8 ms of
    each one's share of the commit hook's records round. Imported while this process
    waits for git's listing (:func:`~spotlint.index.context.indexed_context`), they cost
    no time the run waits for, and the child inherits them."""
    import shlex

    from spotlint.load import hcl_files, hcl_module, templated
    from spotlint.recognize import (
        terraform,
        terraform_embedded,
        terraform_file,
        terraform_groups,
        terraform_helm,
        terraform_modules,
        terraform_resources,
    )

    del shlex, hcl_files, hcl_module, templated, terraform, terraform_embedded
    del terraform_file, terraform_groups, terraform_helm, terraform_modules, terraform_resources


#: Formats whose documents hold only their own file's values, unless documents are
#: embedded in them (a container's script may name a ``file://`` request); a Terraform
#: file's values may come from its module's other files, a shell script's job from the
#: request file it names.
OWN_VALUES_ONLY = frozenset({"yaml", "json", "properties"})


def may_point_elsewhere(project: Project, loaded: LoadedFile) -> bool:
    """May the objects of the file ``loaded`` (recognized into ``project``) point into
    another file? Only then does :func:`describe` walk them for the files they point
    into (for the pool files of a first run, most of the record's own cost). The split
    run (``spotlint.cli.joins``) asks the same of the files it records."""
    return bool(project.jobs or project.pools or project.templates) and (
        loaded.fmt not in OWN_VALUES_ONLY or bool(loaded.embedded))


def describe(
    project: Project, rel: str, real_root: str, reads: Iterable[str], own: str,
    rel_of: Callable[[str], str], look_for_sources: bool = True,
    known: dict[str, str] | None = None,
) -> Record:
    """The record of one file from the project it was recognized into.

    Shared by :func:`build` (the index) and a run split over processes, which
    recognizes each file once and records it from that project: one definition of
    a record, so both mean the same by it. ``reads`` are the files recognition
    read for it, ``own`` its normalized path (not a source of itself), ``rel_of``
    turns a path into the root-relative name records use; ``look_for_sources``
    False skips the walk over every model object for the files they point into
    (a caller that knows none can). ``known`` keeps template-reference candidates'
    answers for the next records (see :func:`_candidates`): a caller recording many
    files of one run passes the same mapping each time.
    """
    record: Record = {}
    if project.pools:
        record["pools"] = [_pool(pool) for pool in project.pools]
    if project.node_classes:
        record["node_classes"] = [_node_class(key, doc)
                                  for key, doc in project.node_classes.items()]
    if project.interruption:
        record["handlers"] = [
            [h.kind, h.cluster, _loc(location_of(h.at)), h.queue, h.setting]
            for h in project.interruption]
    jobs, templates = project.jobs, project.templates
    if jobs:
        record["jobs"] = len(jobs)
    if templates:
        record["templates"] = len(templates)
    if jobs or templates:  # (most files hold pools, or nothing of spotlint's)
        if any(t.config_map is not None for t in templates) or any(
                ref.mounted_from for job in jobs for ref in job.template_refs):
            record["config_maps"] = True
        refs = sorted({c for job in jobs for ref in job.template_refs if not ref.remote
                       for c in _candidates(ref.target, rel, real_root, known)})
        if refs:
            record["refs"] = refs
    if reads:
        record["reads"] = sorted({rel_of(r) for r in reads})
    if look_for_sources:
        sources = {rel_of(os.path.realpath(p)) for p in _paths(project) if p and p != own}
        if sources:
            record["sources"] = sorted(sources)
    return record


def _paths(project: Project) -> set[str]:
    """Every file a model object of the project points into (a shell script's job is
    built from the ``file://`` request it names, which it reads itself).

    A walk of the objects, depth first, at most 6 deep (an object first met deeper is
    not looked into there). Values that point nowhere (strings, numbers: about a third
    of what the objects hold) are left out as they are met, not pushed, and each class's
    way of being walked is looked up once (:func:`_walked_as`): the same objects in the
    same order (tests/index/test_record_walk.py holds it to the walk it replaced), a
    fifth fewer instructions (the 1k corpus's 18 walks: 5.6 -> 4.5 M)."""
    found: set[str] = set()
    seen: set[int] = set()
    plain = _PLAIN
    stack: list[tuple[Any, int]] = [
        (o, 0) for o in (*project.jobs, *project.pools, *project.templates)
        if type(o) not in plain]
    kinds = _WALKED_AS
    while stack:
        item, depth = stack.pop()
        if depth > 6 or id(item) in seen:
            continue
        seen.add(id(item))
        kind = type(item)
        how = kinds.get(kind)
        if how is None:
            how = _walked_as(kind)
        if how is _NODE:
            found.add(item.file_path)  # (``loc`` would make a Location for it)
            continue
        if how is _LOCATION:
            found.add(item.path)
            continue
        deeper = depth + 1
        # (lists, not generators, pushed: the same items in the same order)
        if how is _ITEMS:
            stack.extend([(child, deeper) for child in item
                          if type(child) not in plain])
        elif how is _VALUES:
            stack.extend([(child, deeper) for child in item.values()
                          if type(child) not in plain])
        elif how is _CONF:
            stack.extend([(child, deeper) for value in item
                          for child in item.settings(value.key)])
        elif how:  # (its fields)
            stack.extend([(child, deeper) for name in how
                          if type(child := getattr(item, name)) not in plain])
    return found


#: How :func:`_paths` walks an object of a class (:func:`_walked_as`): a node or a
#: location names its file; a collection's items, a mapping's values and a conf's
#: settings are walked; any other object's fields (a tuple of names, empty for none).
_NODE, _LOCATION, _ITEMS = ("node",), ("location",), ("items",)
_VALUES, _CONF = ("values",), ("conf",)
_WALKED_AS: dict[type, tuple[str, ...]] = {}


def _walked_as(kind: type) -> tuple[str, ...]:
    """How :func:`_paths` walks an object of ``kind`` (asked once a class): the first of
    node, location, collection, mapping, conf, value (its ``FIELDS`` but
    ``referenced_by``) or dataclass (:func:`_fields`) it is an instance of."""
    how: tuple[str, ...]
    if issubclass(kind, Node):
        how = _NODE
    elif issubclass(kind, Location):
        how = _LOCATION
    elif issubclass(kind, (list, tuple, set, frozenset)):
        how = _ITEMS
    elif issubclass(kind, dict):
        how = _VALUES
    elif issubclass(kind, Conf):
        how = _CONF
    elif issubclass(kind, Value):
        how = tuple(name for name in kind.FIELDS if name != "referenced_by")
    else:
        how = _fields(kind)
    _WALKED_AS[kind] = how
    return how


#: Types whose values :func:`_paths` need not look into (exactly these, not subclasses).
_PLAIN = frozenset({str, int, float, bool, type(None), bytes})

#: The fields :func:`_paths` follows, by class (asking ``dataclasses`` for every object
#: of every record cost more than the rest of the walk).
_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(kind: type) -> tuple[str, ...]:
    """The fields of a dataclass (but ``referenced_by``), none for any other class."""
    names = _FIELDS.get(kind)
    if names is None:
        names = ()
        if hasattr(kind, "__dataclass_fields__"):
            import dataclasses  # (imported already, as the class is a dataclass)

            names = tuple(f.name for f in dataclasses.fields(kind) if f.name != "referenced_by")
        _FIELDS[kind] = names
    return names


def _candidates(
    target: str, rel: str, real_root: str, known: dict[str, str] | None = None,
) -> list[str]:
    """Where a template reference may resolve, relative to the root (as the linker tries).

    ``known`` keeps each candidate's answer for the next references of one run: most
    name the same few templates (an absolute path in a Spark configuration, a path
    below the root), and each answer costs a ``realpath`` (a system call a component)
    or a ``relpath``.
    """
    if target.startswith("file://"):
        target = target[len("file://"):]
    if "\x00" in target:
        return []
    base = os.path.dirname(os.path.join(real_root, rel))
    tries = [target] if os.path.isabs(target) else [
        os.path.join(base, target), os.path.join(real_root, target)]
    if known is None:
        return [_resolved(candidate, real_root) for candidate in tries]
    found = []
    for candidate in tries:
        answer = known.get(candidate)
        if answer is None:
            answer = known[candidate] = _resolved(candidate, real_root)
        found.append(answer)
    return found


def _resolved(candidate: str, real_root: str) -> str:
    """A candidate's real path (its normalized form when it does not exist), relative to
    the root."""
    return _rel(real(candidate) if os.path.lexists(candidate) else
                os.path.normpath(candidate), real_root)


def _rel(path: str, real_root: str) -> str:
    return os.path.relpath(path, real_root).replace(os.sep, "/")


def _loc(loc: Location) -> list[int]:
    return [loc.line, loc.col, loc.end_line, loc.end_col]


def _node(node: Node) -> list[Any]:
    """A value node as placement reads it: its text, whether it is a placeholder."""
    return [node.text(), node.unknown]


def _pool(pool: Pool) -> dict[str, Any]:
    """A pool as placement and messages see it: small, plain, enough to say where pods
    may land and to name and point at the pool (:mod:`.pools` builds it back).

    Label keys keep their order (the store sorts mapping keys, so not a mapping).
    Fields only the pool's own rules read are left out: a context file's pools are
    never checked by pool rules. A self-managed group is marked (:data:`SELF_MANAGED`):
    only such a pool's findings depend on interruption handlers.
    """
    anchor = pool.anchor
    key = anchor.key
    span = anchor.span()
    labels = pool.node_labels
    entry: dict[str, Any] = {
        "name": pool.name,
        "kind": pool.kind,
        "line": span[0],
        "anchor": span,
        "anchor_key": key.span() if key is not None else None,
        "doc": pool.doc.span() if pool.doc is not anchor else None,
        "capacity": sorted(pool.capacity_types) if pool.capacity_types is not None else None,
        # Most label keys carry no values (a Karpenter pool's well-known labels): keys as
        # one string, values by position, keep the index small and fast to decode.
        "label_keys": _label_keys(labels),
        "label_values": {str(i): sorted(v) for i, v in enumerate(labels.values())
                         if v is not None},
        "taints": [[t.key, t.value, t.effect, _taint_unknown(t.node)] for t in pool.taints],
        "zones": [_node(z) for z in pool.zones] if pool.zones is not None else None,
        "types": ([_node(t) for t in pool.instance_types]
                  if pool.instance_types is not None else None),
        "karpenter": pool.karpenter,
        "managed": pool.managed,
        "autoscaled": pool.autoscaled_group,
        "node_class": pool.node_class,
        "cluster": pool.cluster,
        "region": pool.region,
    }
    if pool.autoscaled_group and not pool.managed and not pool.karpenter:
        entry[SELF_MANAGED] = True
    return entry


#: The key marking a pool whose own findings ask which interruption handlers cover it
#: (present only when true): a self-managed autoscaled group, neither managed nor
#: Karpenter (SL405, SL412; :mod:`.select` reads handler files only for such pools).
SELF_MANAGED = "self_managed"


def _node_class(key: str, doc: Node) -> list[Any]:
    """A node class as pools see it: its name, where it is, the cluster its discovery
    tags name (how Karpenter linking gives a pool its cluster)."""
    from spotlint.recognize.karpenter import node_class_cluster

    return [key.split("@", 1)[0], doc.span(), node_class_cluster(doc)]


#: What a record says in detail about the objects it holds (read only to build them back).
DETAILED = ("pools", "node_classes", "handlers")


def split(record: Record, shared: dict[str, str]) -> tuple[Record, str]:
    """The record as stored: a summary selection reads (:mod:`.select`: which objects,
    each pool's node class and whether it is a self-managed group, each node class's
    name) and the details as JSON text.

    Every run reads every summary, but only the few files a run stands in for need
    their details: kept as text, they cost the index's decoding almost nothing.
    """
    if not any(key in record for key in DETAILED):
        return record, ""
    share(record, shared)
    summary = {k: v for k, v in record.items() if k not in DETAILED}
    details = {k: record[k] for k in DETAILED if k in record}
    if "pools" in record:
        summary["pools"] = [
            {"node_class": pool.get("node_class"), SELF_MANAGED: True}
            if pool.get(SELF_MANAGED) else {"node_class": pool.get("node_class")}
            for pool in record["pools"]]
    if "node_classes" in record:
        summary["node_classes"] = [[entry[0]] for entry in record["node_classes"]]
    if "handlers" in record:
        summary["handlers"] = len(record["handlers"])
    return summary, json.dumps(details, separators=(",", ":"))


#: Label keys at least this long are stored once per index (:func:`share`).
SHARED_MIN = 64


def share(record: Record, shared: dict[str, str]) -> None:
    """Store the record's long label-key strings in ``shared`` and name them instead
    (``{"ref": digest}``): most pools of a repository carry the same well-known
    label keys, which were 70% of the index. :func:`label_keys` reads either."""
    from spotlint.index.store import digest8  # (a run shared by processes shares nothing)

    for pool in record.get("pools", ()):
        keys = pool.get("label_keys")
        if isinstance(keys, str) and len(keys) >= SHARED_MIN:
            digest = digest8(keys.encode("utf-8", "surrogateescape"))
            shared[digest] = keys
            pool["label_keys"] = {"ref": digest}


@cache
def _shared_ref() -> re.Pattern[str]:
    """How details name a shared string (the digest is hexadecimal); compiled when first
    asked, as a run without the index never asks."""
    return re.compile(r'"ref":"([0-9a-f]+)"')


def shared_refs(details: str) -> list[str]:
    """The shared strings a record's details name."""
    return _shared_ref().findall(details) if '"ref"' in details else []


def label_keys(pool: dict[str, Any], shared: dict[str, str]) -> list[str]:
    """A stored pool's label keys, in order (shared, joined or listed)."""
    keys = pool["label_keys"]
    if isinstance(keys, dict):
        keys = shared[keys["ref"]]
    if isinstance(keys, str):
        return list(_split_keys(keys)) if keys else []
    return list(keys)


@lru_cache(maxsize=256)
def _split_keys(keys: str) -> tuple[str, ...]:
    """Joined label keys split once per process: most pools carry the same well-known
    keys, which then share their strings (at 10,000 files a split run's process built
    23,000 key strings for the other process's 1,700 pools, ~1.8 MB)."""
    return tuple(keys.split("\n"))


#: Label keys joined (:func:`_joined`) by the keys, for the next pools with the same keys
#: (most pools of a repository carry the same well-known ones): joined once, and one
#: string for them all, which a pickle of the records (a split run's summary) then holds
#: once. Forgotten past :data:`KEYS_KEPT` kinds of keys.
_KEYS: dict[tuple[str, ...], str] = {}
KEYS_KEPT = 256


def _label_keys(labels: dict[str, Any]) -> str | list[str]:
    """``_joined(list(labels))``: the same string for the same keys (see :data:`_KEYS`)."""
    keys = tuple(labels)
    joined = _KEYS.get(keys)
    if joined is None:
        made = _joined(list(keys))
        if type(made) is not str:
            return made  # (a key holding a newline: listed, a list of its own)
        if len(_KEYS) >= KEYS_KEPT:
            _KEYS.clear()
        joined = _KEYS[keys] = made
    return joined


def _joined(keys: list[str]) -> str | list[str]:
    """Keys as one ``\n``-separated string, unless some key holds a newline."""
    joined = "\n".join(keys)  # (then it holds more than the separators)
    return joined if joined.count("\n") == max(len(keys) - 1, 0) else keys


def _taint_unknown(node: Node) -> bool:
    """Is a field of the taint a placeholder? (Placement then ignores the taint.)"""
    return any((child := node.get(name)) is not None and child.unknown
               for name in ("key", "value", "effect"))
