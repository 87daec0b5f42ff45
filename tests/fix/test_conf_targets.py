"""Where a fix puts a new conf key: found once per job, as when asked key by key.

:func:`spotlint.fix.conf._inserts` groups the origins of a job's keys by
concern once for all the keys a fix adds, and :func:`spotlint.fix.conf._concern`
is memoized by key; the target of every key must be the one the definition
(:func:`_reference`: every conf value of the job read again for each key)
gives, for every job of the examples, the rules' fixtures and the corpus, and
for every key those jobs set or rules add.
"""

from __future__ import annotations

from pathlib import Path

from spotlint.engine import lint
from spotlint.fix import conf
from spotlint.model import ConfTarget, Job

ROOT = Path(__file__).resolve().parents[2]
ADDED = ["spark.decommission.enabled", "spark.storage.decommission.enabled",
         "spark.dynamicAllocation.shuffleTracking.enabled", "spark.shuffle.service.enabled",
         "spark.kubernetes.driver.reusePersistentVolumeClaim", "spark.executor.memory",
         "x", "spark", "spark.a.b.c"]


def _reference_concern(key: str) -> str:
    for word in ("dynamicAllocation", "decommission", "PersistentVolumeClaim", "shuffle"):
        if word in key:
            return word
    return ".".join(key.split(".")[:2])


def _reference(job: Job, key: str) -> ConfTarget | None:
    concern = _reference_concern(key)
    origins = {v.origin for v in job.conf
               if not v.origin.implied and _reference_concern(v.key) == concern}
    if len(origins) == 1:
        target = job.origin_targets.get(next(iter(origins)))
        if target is not None:
            return target
    return job.conf_target


def _jobs(path: Path) -> list[Job]:
    result = lint([str(path)], keep_model=True)
    assert result.model is not None
    return list(result.model.project.jobs)


def _checked(jobs: list[Job]) -> int:
    """How many keys go beside their relatives, elsewhere than the job's own target."""
    beside = 0
    for job in jobs:
        keys = [*ADDED, *(v.key for v in job.conf)]
        origins = conf._origins(job)
        for key in keys:
            expected = _reference(job, key)
            assert conf.target_for(job, key) is expected, (job, key)
            assert conf._target(job, origins.get(conf._concern(key))) is expected
            assert conf._concern(key) == _reference_concern(key)
            beside += expected is not job.conf_target
    return beside


def test_examples_and_fixtures() -> None:
    jobs = _jobs(ROOT / "examples") + _jobs(ROOT / "rules")
    assert len(jobs) > 20
    assert _checked(jobs) > 0


def test_corpus(corpus: Path) -> None:
    jobs = _jobs(corpus)
    assert len(jobs) > 100
    _checked(jobs)


def test_implied_values_do_not_choose() -> None:
    """An operator default shares a concern with written keys but is written nowhere."""
    from spotlint.location import Location, Node
    from spotlint.model import ConfOrigin, ConfValue, JobKind

    at = Node("true", Location("t.yaml", 1, 1, 1, 4))
    job = Job("j", next(iter(JobKind)), at)
    job.conf.add(ConfValue("spark.dynamicAllocation.enabled", at, ConfOrigin.EMR_CLASSIFICATION))
    job.conf.add(ConfValue("spark.dynamicAllocation.minExecutors", at,
                           ConfOrigin.OPERATOR_DEFAULT))
    beside, own = object(), object()
    job.origin_targets = {ConfOrigin.EMR_CLASSIFICATION: beside}  # type: ignore[dict-item]
    job.conf_target = own  # type: ignore[assignment]
    key = "spark.dynamicAllocation.maxExecutors"
    assert conf.target_for(job, key) is beside is _reference(job, key)
    assert conf.target_for(job, "spark.executor.memory") is own


def _reference_inserts(job: Job, missing: dict[str, str]) -> list[object] | None:
    """Insertions grouped by each key's target through the job's origins (every job)."""
    groups: dict[int, tuple[ConfTarget | None, dict[str, str]]] = {}
    for key, value in missing.items():
        target = _reference(job, key)
        groups.setdefault(id(target), (target, {}))[1][key] = value
    changes: list[object] = []
    for target, keys in groups.values():
        inserts = conf._inserts_into(target, keys)
        if inserts is None:
            return None
        changes.extend(inserts)
    return changes


def test_inserts_with_and_without_targets_of_origins(corpus: Path) -> None:
    """A job with no origin's own target gets every new key at its ``conf_target``,
    without its origins gathered: the insertions are those grouped through them."""
    jobs = _jobs(ROOT / "examples") + _jobs(ROOT / "rules") + _jobs(corpus)
    sets = [dict.fromkeys(ADDED[:2], "true"), dict.fromkeys(ADDED, "1"),
            {"spark.executor.memory": "4g", "spark.decommission.enabled": "true"}]
    plain = with_targets = 0
    for job in jobs:
        for missing in sets:
            assert conf._inserts(job, missing) == _reference_inserts(job, missing), job
        plain += not job.origin_targets
        with_targets += bool(job.origin_targets)
    assert plain > 50 and with_targets > 10
