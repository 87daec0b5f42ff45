"""Issue 15, items 2 and 3: what Spark's dynamic-allocation start-up check really accepts.

Spark asks a shuffle plugin whether it stores shuffle data reliably only from
3.5 (SPARK-42689); in every version a job with dynamic allocation and none of
the accepted ways fails at start-up, which is what SL301 must say.
"""

from __future__ import annotations

from pathlib import Path

from spotlint.config.settings import Settings
from spotlint.engine.run import lint

CELEBORN = """apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: celeborn
spec:
  type: Scala
  sparkVersion: "{version}"
  sparkConf:
    spark.dynamicAllocation.enabled: "true"
    spark.dynamicAllocation.shuffleTracking.enabled: "false"
    spark.shuffle.manager: org.apache.spark.shuffle.celeborn.SparkShuffleManager
{plugin}"""
PLUGIN = ("    spark.shuffle.sort.io.plugin.class: "
          "org.apache.spark.shuffle.celeborn.CelebornShuffleDataIO\n")


def sl301(tmp_path: Path, text: str, name: str = "app.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text)
    result = lint([str(path)], Settings(root=str(tmp_path), select=["SL301"]))
    return [f.message for f in result.active]


def test_celeborn_plugin_not_honoured_before_spark_3_5(tmp_path: Path) -> None:
    for version in ("3.3.2", "3.4.1"):
        found = sl301(tmp_path, CELEBORN.format(version=version, plugin=PLUGIN))
        assert len(found) == 1, version
        assert "Spark 3.5" in found[0]


def test_celeborn_plugin_honoured_from_spark_3_5(tmp_path: Path) -> None:
    assert sl301(tmp_path, CELEBORN.format(version="3.5.0", plugin=PLUGIN)) == []


def test_manager_without_plugin_on_3_5_is_refused(tmp_path: Path) -> None:
    assert len(sl301(tmp_path, CELEBORN.format(version="3.5.0", plugin=""))) == 1


def test_manager_on_unknown_version_is_not_blamed(tmp_path: Path) -> None:
    text = CELEBORN.format(version="3.5.0", plugin="").replace('  sparkVersion: "3.5.0"\n', "")
    assert sl301(tmp_path, text) == []


def test_remote_shuffle_fix_is_not_safe(tmp_path: Path) -> None:
    path = tmp_path / "app.yaml"
    path.write_text(CELEBORN.format(version="3.4.1", plugin=PLUGIN))
    result = lint([str(path)], Settings(root=str(tmp_path), select=["SL301"]))
    [finding] = result.active
    assert finding.fix is not None and not finding.fix.safe


def test_message_says_spark_refuses_to_start(tmp_path: Path) -> None:
    conf = ("spark.master k8s://https://example:443\n"
            "spark.dynamicAllocation.enabled true\n"
            "spark.dynamicAllocation.shuffleTracking.enabled false\n")
    [message] = sl301(tmp_path, conf, "spark-defaults.conf")
    assert "Spark refuses to start the application" in message
    assert "take their shuffle files" not in message


def test_message_with_shuffle_service_points_at_sl304(tmp_path: Path) -> None:
    conf = ("spark.dynamicAllocation.enabled true\n"
            "spark.dynamicAllocation.shuffleTracking.enabled false\n"
            "spark.shuffle.service.enabled true\n")
    [message] = sl301(tmp_path, conf, "spark-defaults.conf")
    assert "SL304" in message and "refuses" not in message


def test_templated_shuffle_manager_is_not_blamed(tmp_path: Path) -> None:
    text = CELEBORN.format(version="3.4.1", plugin="").replace(
        "org.apache.spark.shuffle.celeborn.SparkShuffleManager", '"${SHUFFLE_MANAGER}"')
    assert sl301(tmp_path, text) == []
