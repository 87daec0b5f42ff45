"""Fixes that set Spark confs on a job, wherever that job keeps them.

Rules say *what* a job's conf should hold (``spark.decommission.enabled=true``);
this module decides *where* that goes, from the model alone, so rules stay free
of format knowledge:

* a key the job already sets is changed in place, in whichever mechanism sets
  the value that takes effect (``sparkConf``, a ``.conf`` line, a ``--conf`` item
  of ``sparkSubmitParameters``, a ``spark-defaults`` classification, the
  Kubeflow ``spec.dynamicAllocation`` block);
* a new key goes where the job's normalizer says new confs go
  (:attr:`~spotlint.model.Job.conf_target`): a ``sparkConf`` map (created
  under ``spec`` when missing), a new ``.conf`` line, or a ``--conf k=v``
  appended to an EMR ``sparkSubmitParameters`` string (created when missing).

Which values can be rewritten is a property of their
:class:`~spotlint.model.ConfOrigin`. Shell scripts are never changed (see
:mod:`spotlint.fix.resolve`), nor is a value that is a placeholder or implied
by an operator default.
"""

from __future__ import annotations

from collections.abc import Mapping

from spotlint.model import (
    ConfArguments,
    ConfLines,
    ConfMap,
    ConfOrigin,
    ConfTarget,
    ConfValue,
    Job,
)
from spotlint.rule import AppendArgs, Change, Fix, InsertKey, SetValue
from spotlint.sparkconf.values import effective_bool, parse_bool

ConfValueText = str | bool


def set_confs(
    job: Job, values: Mapping[str, ConfValueText], description: str, safe: bool = True
) -> Fix | None:
    """A fix making ``job``'s effective conf hold ``values``; None if it cannot be written."""
    changes: list[Change] = []
    missing: dict[str, str] = {}
    for key, value in values.items():
        setting = job.conf.get(key)
        if setting is None:
            missing[key] = _text(value)
            continue
        change = rewrite(setting, value)
        if change is None:
            return None
        changes.append(change)
    if missing:
        inserts = _inserts(job, missing)
        if inserts is None:
            return None
        changes.extend(inserts)
    return Fix(description, safe=safe, changes=tuple(changes)) if changes else None


def rewrite(setting: ConfValue, value: ConfValueText) -> Change | None:
    """Change the value of an existing setting in place (None: not safely possible)."""
    if setting.unknown or not setting.origin.rewritable:
        return None
    node = setting.node
    if setting.origin.typed:
        if isinstance(node.value, bool) and isinstance(value, bool):
            return SetValue(node.loc, value)
        return None
    old = node.value if isinstance(node.value, str) else None
    if setting.origin.in_arguments and not old:
        return None
    return SetValue(node.loc, _text(value), old)


def rename(setting: ConfValue, new_key: str) -> Change | None:
    """Rename the key of an existing setting in place."""
    origin = setting.origin
    if not origin.rewritable or origin.typed or setting.node.key is None:
        return None
    key = setting.node.key
    return SetValue(key.loc, new_key, key.value if isinstance(key.value, str) else None)


def _text(value: ConfValueText) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


#: Keys of one concern: a new key goes where the job keeps the others of its concern.
_CONCERNS = ("dynamicAllocation", "decommission", "PersistentVolumeClaim", "shuffle")
#: Each key's concern, by key: rules ask it of every conf key of a job for every
#: key they add (tens of thousands of times at 4,000 files), and keys repeat.
_CONCERN_OF: dict[str, str] = {}


def _concern(key: str) -> str:
    found = _CONCERN_OF.get(key)
    if found is None:
        found = next((word for word in _CONCERNS if word in key), None)
        if found is None:
            found = ".".join(key.split(".")[:2])
        if len(_CONCERN_OF) < 1 << 14:
            _CONCERN_OF[key] = found
    return found


def target_for(job: Job, key: str) -> ConfTarget | None:
    """Where a new ``key`` goes: beside its related keys, else the job's ``conf_target``.

    When every key of the same concern the job sets (``spark.dynamicAllocation.*``,
    the decommission switches...) is written by one mechanism that can take new
    keys (an EMR ``spark-defaults`` classification), the new key joins them there
    rather than landing in another mechanism (``sparkSubmitParameters``).
    """
    if not job.origin_targets:  # (no mechanism but the job's own takes new keys)
        return job.conf_target
    return _target(job, _origins(job).get(_concern(key)))


def _origins(job: Job) -> dict[str, set[ConfOrigin]]:
    """The origins of the keys the job sets (not implied), by concern: one pass over
    the job's conf for all the keys a fix adds, not one per key."""
    origins: dict[str, set[ConfOrigin]] = {}
    concern_of = _CONCERN_OF
    for value in job.conf:
        origin = value.origin
        if origin not in IMPLIED:
            key = value.key
            concern = concern_of.get(key) or _concern(key)
            found = origins.get(concern)
            if found is None:
                origins[concern] = {origin}
            else:
                found.add(origin)
    return origins


#: The origins whose values take effect unwritten (``ConfOrigin.implied``), as a set: rules
#: ask it of every conf value of a job, and a set lookup is no Python call.
IMPLIED = frozenset(origin for origin in ConfOrigin if origin.implied)


def _target(job: Job, origins: set[ConfOrigin] | None) -> ConfTarget | None:
    if origins is not None and len(origins) == 1:
        target = job.origin_targets.get(next(iter(origins)))
        if target is not None:
            return target
    return job.conf_target


def _inserts(job: Job, missing: dict[str, str]) -> list[Change] | None:
    if not job.origin_targets:
        # Every key goes where the job's normalizer says (``_target``'s answer without
        # an origin's own target): the job's origins are not gathered (most jobs: a
        # pass over every conf value of the job for each fix was a sixth of SL201).
        return _inserts_into(job.conf_target, missing)
    groups: dict[int, tuple[ConfTarget | None, dict[str, str]]] = {}
    origins = _origins(job)
    for key, value in missing.items():
        target = _target(job, origins.get(_concern(key)))
        groups.setdefault(id(target), (target, {}))[1][key] = value
    changes: list[Change] = []
    for target, keys in groups.values():
        inserts = _inserts_into(target, keys)
        if inserts is None:
            return None
        changes.extend(inserts)
    return changes


def _inserts_into(target: ConfTarget | None, missing: dict[str, str]) -> list[Change] | None:
    if isinstance(target, ConfLines):
        return [InsertKey(target.anchor.loc, (k,), v) for k, v in missing.items()]
    if isinstance(target, ConfMap):
        if target.block is None:
            return [InsertKey(target.parent.loc, (target.key, k), v) for k, v in missing.items()]
        return [InsertKey(target.block.loc, (k,), v) for k, v in missing.items()]
    if isinstance(target, ConfArguments):
        args = tuple(a for k, v in missing.items() for a in ("--conf", f"{k}={v}"))
        if target.arguments is not None:
            return [AppendArgs(target.arguments.loc, args)]
        if target.parent is not None:
            return [InsertKey(target.parent.loc, (target.field,), " ".join(args))]
    return None


def enable(job: Job, keys: list[str], description: str, safe: bool = True) -> Fix | None:
    """A fix turning boolean confs on; keys already on (or templated) are left alone."""
    wanted: dict[str, ConfValueText] = {}
    for key in dict.fromkeys(keys):
        setting = job.conf.get(key)
        if setting is None:
            if effective_bool(job, key) is not True:
                wanted[key] = "true"
        elif not setting.unknown and parse_bool(setting.text) is not True:
            wanted[key] = True if setting.origin.typed else "true"
    return set_confs(job, wanted, description, safe) if wanted else None
