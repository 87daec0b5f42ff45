"""Issue 15, item 5: a ``spark-defaults.conf`` learns its Spark version from its image."""

from __future__ import annotations

from pathlib import Path

from spotlint.config.settings import Settings
from spotlint.engine.run import lint
from spotlint.load.properties import load_properties_text
from spotlint.model import Project
from spotlint.recognize.kinds import NormalizeContext
from spotlint.recognize.spark_app import SparkDefaultsKind


def version_of(text: str) -> tuple[int, int, int] | None:
    loaded = load_properties_text("spark-defaults.conf", text)
    ctx = NormalizeContext(file=loaded, project=Project(), root=".")
    SparkDefaultsKind().normalize(loaded.documents[0], ctx)
    [job] = ctx.project.jobs
    v = job.version
    return None if v is None else (v.major, v.minor, v.patch)


def test_emr_image_gives_the_release_spark() -> None:
    text = ("spark.kubernetes.container.image "
            "755674844232.dkr.ecr.us-east-1.amazonaws.com/spark/emr-6.10.0:latest\n")
    assert version_of(text) == (3, 3, 1)


def test_apache_image_tag_is_the_spark_version() -> None:
    assert version_of("spark.kubernetes.container.image apache/spark:3.5.1\n") == (3, 5, 1)


def test_placeholder_or_other_image_gives_no_version() -> None:
    assert version_of("spark.kubernetes.container.image ${IMAGE}\n") is None
    assert version_of("spark.kubernetes.container.image myco/etl:2.1.0\n") is None
    assert version_of("spark.executor.memory 4g\n") is None


def test_sl208_fires_on_a_conf_file_with_an_old_image(tmp_path: Path) -> None:
    conf = tmp_path / "spark-defaults.conf"
    conf.write_text("spark.master k8s://https://example:443\n"
                    "spark.kubernetes.container.image apache/spark:3.0.1\n"
                    "spark.decommission.enabled true\n")
    result = lint([str(conf)], Settings(root=str(tmp_path), select=["SL208"]))
    assert [(f.code, f.location.line) for f in result.active] == [("SL208", 3)]
