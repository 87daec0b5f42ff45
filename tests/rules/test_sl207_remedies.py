"""Issue 15, items 7 and 8: SL207 recommends what the job's Spark has, and knows every RSS."""

from __future__ import annotations

import re
from pathlib import Path

from spotlint.rules.interruption.sl207_no_shuffle_protection import no_shuffle_protection

from spotlint.config.settings import Settings
from spotlint.engine.run import lint
from spotlint.sparkconf.facts import REMOTE_SHUFFLE_MANAGERS

APP = """apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: app
spec:
  type: Scala
  sparkVersion: "{version}"
  sparkConf:
    spark.executor.instances: "4"
{extra}"""


def sl207(tmp_path: Path, version: str, extra: str = "") -> list[str]:
    path = tmp_path / "app.yaml"
    path.write_text(APP.format(version=version, extra=extra))
    result = lint([str(path)], Settings(root=str(tmp_path), select=["SL207"]))
    return [f.message for f in result.active]


def test_before_3_1_recommends_the_upgrade(tmp_path: Path) -> None:
    [message] = sl207(tmp_path, "3.0.1")
    assert "upgrade to Spark 3.1" in message
    assert "OnDemand PVCs" not in message and "enable shuffle-block" not in message


def test_spark_3_1_has_no_pvc_reuse_yet(tmp_path: Path) -> None:
    # shuffle-block migration explicitly off, so SL201's remedy does not cover SL207
    extra = ('    spark.decommission.enabled: "true"\n'
             '    spark.storage.decommission.enabled: "true"\n'
             '    spark.storage.decommission.shuffleBlocks.enabled: "false"\n')
    [message] = sl207(tmp_path, "3.1.2", extra)
    assert "enable shuffle-block decommissioning or use a remote shuffle service" in message
    assert "PVC" not in message


def test_newer_spark_lists_every_mechanism(tmp_path: Path) -> None:
    extra = '    spark.storage.decommission.shuffleBlocks.enabled: "false"\n'
    [message] = sl207(tmp_path, "3.5.0", extra)
    assert "OnDemand PVCs" in message


def test_bytedance_cloud_shuffle_service_protects_shuffle(tmp_path: Path) -> None:
    extra = ('    spark.storage.decommission.shuffleBlocks.enabled: "false"\n'
             "    spark.shuffle.manager: org.apache.spark.shuffle.css.CssShuffleManager\n")
    assert sl207(tmp_path, "3.5.0", extra) == []


def test_the_page_lists_every_remote_shuffle_manager() -> None:
    doc = no_shuffle_protection.doc
    listed = set(re.findall(r"`((?:org|com)\.[\w.]+ShuffleManager)`", doc))
    assert listed == REMOTE_SHUFFLE_MANAGERS
