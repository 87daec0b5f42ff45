"""The typed contract between normalizers and fixes: job kinds, conf origins, conf targets.

Each job format says, through its normalizer, what kind of job it is, by which
mechanism each conf was written (:class:`ConfOrigin`) and where a new conf
goes (:attr:`Job.conf_target`), so fixes need no format knowledge.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spotlint.engine.normalizing import normalize_file
from spotlint.engine.reading import FileSet
from spotlint.load.base import Limits
from spotlint.model import ConfArguments, ConfLines, ConfMap, ConfOrigin, Job, JobKind, Project
from spotlint.recognize import builtin_kinds

KUBEFLOW = """apiVersion: sparkoperator.k8s.io/v1beta2
kind: {kind}
metadata:
  name: app
spec:
{spec}
"""


def jobs_of(tmp_path: Path, name: str, text: str) -> list[Job]:
    path = tmp_path / name
    path.write_text(text)
    loaded = FileSet(Limits(), {}, []).read(str(path), explicit=True)
    assert loaded is not None
    project = Project()
    normalize_file(loaded, builtin_kinds(), project, str(tmp_path), Limits(), [])
    return project.jobs


def test_a_spark_application_writes_new_confs_into_its_spark_conf(tmp_path: Path) -> None:
    spec = (
        '  sparkConf:\n    spark.executor.instances: "2"\n'
        "  dynamicAllocation:\n    enabled: true"
    )
    [job] = jobs_of(tmp_path, "app.yaml", KUBEFLOW.format(kind="SparkApplication", spec=spec))
    assert job.kind is JobKind.SPARK_APPLICATION and job.kind.implies_kubernetes
    target = job.conf_target
    assert isinstance(target, ConfMap) and target.key == "sparkConf"
    assert target.block is not None and target.block.get("spark.executor.instances") is not None
    origins = {v.key: v.origin for v in job.conf}
    assert origins["spark.executor.instances"] is ConfOrigin.SPARK_CONF
    assert origins["spark.dynamicAllocation.enabled"] is ConfOrigin.DYNAMIC_ALLOCATION
    assert origins["spark.dynamicAllocation.shuffleTracking.enabled"] is ConfOrigin.OPERATOR_DEFAULT


def test_a_scheduled_application_without_spark_conf_gets_one_in_its_template(
    tmp_path: Path,
) -> None:
    spec = '  schedule: "@daily"\n  template:\n    type: Scala'
    text = KUBEFLOW.format(kind="ScheduledSparkApplication", spec=spec)
    [job] = jobs_of(tmp_path, "app.yaml", text)
    target = job.conf_target
    assert isinstance(target, ConfMap) and target.block is None
    assert target.parent.get("type") is not None  # spec.template, not spec


def test_a_spark_conf_that_is_not_a_map_takes_no_new_conf(tmp_path: Path) -> None:
    text = KUBEFLOW.format(kind="SparkApplication", spec="  sparkConf: oops")
    [job] = jobs_of(tmp_path, "app.yaml", text)
    assert job.conf_target is None


def test_a_defaults_file_takes_new_lines(tmp_path: Path) -> None:
    [job] = jobs_of(tmp_path, "spark-defaults.conf", "spark.executor.instances 2\n")
    assert job.kind is JobKind.SPARK_DEFAULTS and not job.kind.implies_kubernetes
    assert isinstance(job.conf_target, ConfLines)
    assert [v.origin for v in job.conf] == [ConfOrigin.SPARK_DEFAULTS_FILE]


@pytest.mark.parametrize(
    ("driver", "expected"),
    [
        ('{"sparkSubmitJobDriver": {"entryPoint": "s3://b/a.py",'
         ' "sparkSubmitParameters": "--conf spark.executor.instances=2"}}', "append"),
        ('{"sparkSubmitJobDriver": {"entryPoint": "s3://b/a.py"}}', "create"),
        ('{"sparkSqlJobDriver": {"sparkSqlParameters": "--conf a.b=c"}}', "append"),
        ('{"sparkSqlJobDriver": {"entryPoint": "s3://b/q.sql"}}', None),
    ],
)
def test_a_start_job_run_appends_to_its_submit_parameters(
    tmp_path: Path, driver: str, expected: str | None
) -> None:
    text = f'{{"name": "x", "releaseLabel": "emr-7.1.0-latest", "jobDriver": {driver}}}'
    [job] = jobs_of(tmp_path, "run.json", text)
    assert job.kind is JobKind.START_JOB_RUN
    target = job.conf_target
    if expected is None:
        assert target is None
        return
    assert isinstance(target, ConfArguments)
    if expected == "append":
        assert target.arguments is not None and "--conf" in str(target.arguments.value)
    else:
        assert target.arguments is None and target.parent is not None
        assert target.field == "sparkSubmitParameters"
    assert all(v.origin is ConfOrigin.SUBMIT_PARAMETERS for v in job.conf)


def test_shell_jobs_take_no_new_conf(tmp_path: Path) -> None:
    script = "spark-submit --master k8s://https://k8s:443 --conf spark.executor.instances=2 a.py\n"
    [job] = jobs_of(tmp_path, "run.sh", script)
    assert job.kind is JobKind.SPARK_SUBMIT and job.conf_target is None
    assert {v.origin for v in job.conf} == {ConfOrigin.SUBMIT_ARGUMENT}


@pytest.mark.parametrize("origin", list(ConfOrigin))
def test_origin_properties_are_consistent(origin: ConfOrigin) -> None:
    assert str(origin) == origin.value and f"{origin}" == origin.value
    if origin.typed or origin.in_arguments:
        assert origin in (ConfOrigin.DYNAMIC_ALLOCATION, ConfOrigin.SUBMIT_PARAMETERS,
                          ConfOrigin.SUBMIT_ARGUMENT)
    if origin.implied:
        assert not origin.rewritable
