"""Fixes that set Spark confs on a job, wherever that job keeps them.

Rules say *what* a job's conf should hold (``spark.decommission.enabled=true``);
this module decides *where* that goes, from the model alone, so rules stay free
of format knowledge:

* a key the job already sets is changed in place, in whichever mechanism sets
  the value that takes effect (``sparkConf``, a ``.conf`` line, a ``--conf`` item
  of ``sparkSubmitParameters``, a ``spark-defaults`` classification, the
  Kubeflow ``spec.dynamicAllocation`` block);
* a new key goes into the job's conf block: ``sparkConf`` (created under
  ``spec`` when missing), a new ``.conf`` line, or, for an EMR StartJobRun, a
  ``--conf k=v`` appended to ``sparkSubmitParameters``. That string is preferred
  over ``configurationOverrides`` because it is where the request already
  passes confs, it wins over classification properties, and appending to it
  cannot collide with an existing classification entry. A request with
  neither gets ``sparkSubmitParameters`` added to its ``sparkSubmitJobDriver``.

Shell scripts are never changed (see :mod:`spotlint.fix.resolve`), nor is a
value that is a placeholder or implied by an operator default.
"""

from __future__ import annotations

from collections.abc import Mapping

from spotlint.location import Node
from spotlint.model import ConfValue, Job
from spotlint.rule import AppendArgs, Change, Fix, InsertKey, SetValue

ConfValueText = str | bool

#: Origins whose values are scalars spotlint can rewrite in place.
_REWRITABLE = frozenset({
    "sparkConf",
    "spark-defaults.conf",
    "spark-defaults classification",
    "sparkSubmitParameters --conf",
    "dynamicAllocation",
})
_KUBEFLOW = ("SparkApplication", "ScheduledSparkApplication")
_EMR = ("StartJobRun", "JobRun")


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
    if setting.unknown or setting.origin not in _REWRITABLE:
        return None
    node = setting.node
    if setting.origin == "dynamicAllocation":
        if isinstance(node.value, bool) and isinstance(value, bool):
            return SetValue(node.loc, value)
        return None
    old = node.value if isinstance(node.value, str) else None
    if setting.origin == "sparkSubmitParameters --conf" and not old:
        return None
    return SetValue(node.loc, _text(value), old)


def rename(setting: ConfValue, new_key: str) -> Change | None:
    """Rename the key of an existing setting in place."""
    if setting.origin not in _REWRITABLE - {"dynamicAllocation"} or setting.node.key is None:
        return None
    key = setting.node.key
    return SetValue(key.loc, new_key, key.value if isinstance(key.value, str) else None)


def _text(value: ConfValueText) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _inserts(job: Job, missing: dict[str, str]) -> list[Change] | None:
    if job.kind == "spark-defaults.conf":
        return [InsertKey(job.doc.loc, (k,), v) for k, v in missing.items()]
    if job.kind in _KUBEFLOW or job.kind.endswith("(spark.apache.org)"):
        spec = job.doc.get("spec")
        if spec is not None and job.kind == "ScheduledSparkApplication":
            spec = spec.get("template")
        return _into_map(spec, "sparkConf", missing)
    if job.kind in _EMR:
        return _into_job_run(job, missing)
    return None


def _into_map(parent: Node | None, name: str, missing: dict[str, str]) -> list[Change] | None:
    if parent is None or not parent.is_map:
        return None
    block = parent.get(name)
    if block is None:
        return [InsertKey(parent.loc, (name, k), v) for k, v in missing.items()]
    if not block.is_map or block.unknown:
        return None
    return [InsertKey(block.loc, (k,), v) for k, v in missing.items()]


def _into_job_run(job: Job, missing: dict[str, str]) -> list[Change] | None:
    root = job.doc.get("spec") if job.kind == "JobRun" else job.doc
    driver = root.get("jobDriver") if root is not None else None
    if driver is None or not driver.is_map:
        return None
    args = tuple(a for k, v in missing.items() for a in ("--conf", f"{k}={v}"))
    submit = driver.get("sparkSubmitJobDriver")
    sql = driver.get("sparkSqlJobDriver")
    for block, field in ((submit, "sparkSubmitParameters"), (sql, "sparkSqlParameters")):
        params = block.get(field) if block is not None else None
        if params is not None:
            if params.unknown or not isinstance(params.value, str):
                return None
            return [AppendArgs(params.loc, args)]
    if submit is not None and submit.is_map:
        return [InsertKey(submit.loc, ("sparkSubmitParameters",), " ".join(args))]
    return None


def enable(job: Job, keys: list[str], description: str, safe: bool = True) -> Fix | None:
    """A fix turning boolean confs on; keys already on (or templated) are left alone."""
    from spotlint.sparkconf.values import effective_bool, parse_bool

    wanted: dict[str, ConfValueText] = {}
    for key in dict.fromkeys(keys):
        setting = job.conf.get(key)
        if setting is None:
            if effective_bool(job, key) is not True:
                wanted[key] = "true"
        elif not setting.unknown and parse_bool(setting.text) is not True:
            wanted[key] = True if setting.origin == "dynamicAllocation" else "true"
    return set_confs(job, wanted, description, safe) if wanted else None
