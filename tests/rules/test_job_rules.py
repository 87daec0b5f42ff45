"""Each SL2xx/SL3xx rule on hand-built model objects (no loader involved)."""

from __future__ import annotations

from spotlint.rules.dynamic_allocation import RULES as DA_RULES
from spotlint.rules.interruption import RULES as INT_RULES

from spotlint.location import Location, Node
from spotlint.model import (
    ConfOrigin,
    ConfValue,
    Job,
    JobKind,
    PodPlacement,
    Project,
    Role,
    SparkVersion,
)
from spotlint.rule import Rule, RuleContext

BY_CODE = {r.code: r for r in INT_RULES + DA_RULES}
DOC = Node({}, Location("job.yaml", 1, 1, 1, 1))
PVC = "spark.kubernetes.executor.volumes.persistentVolumeClaim.data."


def job(version: tuple[int, int] | None = None, executor: PodPlacement | None = None,
        **conf: str) -> Job:
    j = Job(name="j", kind=JobKind.SPARK_APPLICATION, doc=DOC, executor=executor)
    if version is not None:
        j.version = SparkVersion(version[0], version[1], 0, source="test")
    for line, (key, value) in enumerate(conf.items(), start=2):
        key_node = Node(key, Location("job.yaml", line, 3, line, 3 + len(key)))
        node = Node(value, Location("job.yaml", line, 40, line, 40 + len(value)), key=key_node,
                    unknown=value.startswith("${"))
        j.conf.add(ConfValue(key, node, ConfOrigin.SPARK_CONF))
    return j


def c(**kv: str) -> dict[str, str]:
    """Conf keys written with ``__`` for ``.`` so they fit in keyword arguments."""
    return {k.replace("__", "."): v for k, v in kv.items()}


def run(code: str, j: Job) -> list[tuple[int, str]]:
    rule: Rule = BY_CODE[code]
    ctx = RuleContext(project=Project(jobs=[j]))
    return [(v.location.line, v.message) for v in rule.run(j, ctx)]


def on_demand_executor() -> PodPlacement:
    selector = Node("on-demand", Location("job.yaml", 9, 5, 9, 14))
    return PodPlacement(role=Role.EXECUTOR, anchor=DOC,
                        node_selector={"karpenter.sh/capacity-type": selector})


def test_sl201_unknown_placement_may_run_on_spot() -> None:
    found = run("SL201", job())
    assert [line for line, _ in found] == [1]
    assert "spark.decommission.enabled is unset" in found[0][1]


def test_sl201_on_demand_executors_are_safe() -> None:
    assert run("SL201", job(executor=on_demand_executor())) == []


def test_sl201_points_at_false_and_asks_upgrade() -> None:
    found = run("SL201", job((3, 0), **c(spark__decommission__enabled="false")))
    assert found[0][0] == 2 and "upgrade" in found[0][1] and "EMR 6.3" in found[0][1]


def test_sl201_placeholder_is_quiet() -> None:
    assert run("SL201", job(**c(spark__decommission__enabled="${DECOM}"))) == []


def test_sl202_version_defaults() -> None:
    conf = c(spark__decommission__enabled="true", spark__storage__decommission__enabled="true")
    assert run("SL202", job((3, 3), **conf))
    assert run("SL202", job((3, 4), **conf)) == []
    assert run("SL202", job(None, **conf)) == []
    assert run("SL202", job(None, **c(spark__decommission__enabled="true")))


def test_sl203_fallback() -> None:
    base = c(spark__decommission__enabled="true", spark__storage__decommission__enabled="true")
    assert run("SL203", job(**base))[0][0] == 1
    local = dict(base, **{"spark.storage.decommission.fallbackStorage.path": "/tmp/x/"})
    assert "local path" in run("SL203", job(**local))[0][1]
    s3 = dict(base, **{"spark.storage.decommission.fallbackStorage.path": "s3a://b/x/"})
    assert run("SL203", job(**s3)) == []


def pvc(**extra: str) -> dict[str, str]:
    conf = {PVC + "options.claimName": "OnDemand", PVC + "options.storageClass": "gp3",
            PVC + "options.sizeLimit": "100Gi", PVC + "mount.path": "/data"}
    conf.update(c(**extra))
    return conf


def test_sl204_old_release_needs_flags() -> None:
    assert run("SL204", job((3, 3), **pvc()))[0][0] == 2  # the claimName line
    assert run("SL204", job((3, 4), **pvc())) == []
    off = pvc(spark__kubernetes__driver__reusePersistentVolumeClaim="false")
    assert run("SL204", job(None, **off))[0][0] == 6


def test_sl205_needs_pvcs_and_new_version() -> None:
    assert run("SL205", job((3, 5), **pvc()))
    assert run("SL205", job((3, 3), **pvc())) == []
    assert run("SL205", job((3, 5))) == []
    wait = pvc(spark__kubernetes__driver__waitToReusePersistentVolumeClaim="true")
    assert run("SL205", job((3, 5), **wait)) == []


def test_sl206_dependencies() -> None:
    reuse = c(spark__kubernetes__driver__reusePersistentVolumeClaim="true")
    assert run("SL206", job((3, 2), **reuse))
    assert run("SL206", job((3, 4), **reuse)) == []
    wait = c(spark__kubernetes__driver__waitToReusePersistentVolumeClaim="true",
             spark__kubernetes__driver__ownPersistentVolumeClaim="false")
    assert "ownPersistentVolumeClaim" in run("SL206", job(None, **wait))[0][1]


def test_sl207_mechanisms() -> None:
    decommission_only = c(spark__decommission__enabled="true")
    assert run("SL207", job(**decommission_only))
    assert run("SL207", job(executor=on_demand_executor(), **decommission_only)) == []
    celeborn = {"spark.shuffle.manager": "org.apache.spark.shuffle.celeborn.SparkShuffleManager"}
    assert run("SL207", job(**celeborn)) == []
    gluten = {"spark.shuffle.manager": "org.apache.spark.shuffle.sort.ColumnarShuffleManager"}
    assert run("SL207", job(**gluten, **decommission_only))
    assert run("SL207", job((3, 5), **pvc())) == []


def test_sl208_gates() -> None:
    wait = c(spark__kubernetes__driver__waitToReusePersistentVolumeClaim="true")
    found = run("SL208", job((3, 3), **wait))
    assert found and "Spark 3.4 / EMR 6.12" in found[0][1]
    assert run("SL208", job((3, 4), **wait)) == []
    assert run("SL208", job(None, **wait)) == []
    off = c(spark__kubernetes__driver__waitToReusePersistentVolumeClaim="false")
    assert run("SL208", job((3, 3), **off)) == []
    selector = {"spark.kubernetes.executor.node.selector.karpenter.sh/capacity-type": "spot"}
    assert run("SL208", job((3, 2), **selector))


def test_sl209_typos() -> None:
    found = run("SL209", job(**c(spark__decomission__enabled="true")))
    assert "did you mean spark.decommission.enabled" in found[0][1]
    fine = {"spark.executor.memory": "4g", "spark.kubernetes.driverEnv.X": "1"}
    assert run("SL209", job(**fine)) == []


def test_sl210_values() -> None:
    bad = c(spark__decommission__enabled="yes", spark__dynamicAllocation__maxExecutors="ten")
    assert len(run("SL210", job(**bad))) == 2
    assert run("SL210", job(**{PVC + "options.claimName": "onDemand"}))
    assert run("SL210", job(**c(spark__decommission__enabled="${X}"))) == []


def test_sl211_missing_settings() -> None:
    conf = pvc()
    del conf[PVC + "options.sizeLimit"]
    assert "options.sizeLimit" in run("SL211", job(**conf))[0][1]
    assert run("SL211", job(**pvc())) == []


def test_sl301_tracking() -> None:
    da = c(spark__dynamicAllocation__enabled="true")
    assert run("SL301", job((3, 3), **da))
    assert run("SL301", job((3, 4), **da)) == []
    off = dict(da, **c(spark__dynamicAllocation__shuffleTracking__enabled="false"))
    assert run("SL301", job(None, **off))[0][0] == 3
    decom = dict(off, **c(spark__decommission__enabled="true"))
    assert run("SL301", job(None, **decom)) == []


def test_sl302_sl303_sl304() -> None:
    da = c(spark__dynamicAllocation__enabled="true")
    assert run("SL302", job(**da))
    assert run("SL302", job(**dict(da, **c(spark__dynamicAllocation__maxExecutors="0"))))
    assert run("SL302", job(**dict(da, **c(spark__dynamicAllocation__maxExecutors="8")))) == []
    assert run("SL303", job(**da))
    assert run("SL303", job((3, 3), **da)) == []
    ess = c(spark__shuffle__service__enabled="true")
    assert run("SL304", job(**ess))
    yarn = Job(name="y", kind=JobKind.SPARK_DEFAULTS, doc=DOC)
    yarn.conf.add(ConfValue("spark.shuffle.service.enabled", Node("true", DOC.loc),
                            ConfOrigin.SPARK_DEFAULTS_FILE))
    assert run("SL304", yarn) == []
