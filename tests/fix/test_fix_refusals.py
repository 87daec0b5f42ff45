"""Where spotlint offers no fix, or keeps a file's encoding and line endings while fixing."""

from __future__ import annotations

import codecs
from pathlib import Path

from spotlint.cli.fixing import fix_paths
from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.finding import Finding
from spotlint.fix.place import place_fixes


def _findings(tmp_path: Path, name: str, text: str, code: str) -> list[Finding]:
    (tmp_path / name).write_text(text)
    result = place_fixes(lint([str(tmp_path / name)], Settings(root=str(tmp_path), select=[code])))
    found = [f for f in result.active if f.code == code]
    assert found, f"{code} should fire on the example"
    return found


SPARK_APP = """apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: x
spec:
  sparkVersion: "{version}"
  sparkConf:
{conf}
"""


def test_shell_scripts_are_not_fixed(tmp_path: Path) -> None:
    script = ("#!/bin/sh\nspark-submit --master k8s://https://k8s:443 "
              "--conf spark.decommission.enabled=false app.py\n")
    assert all(f.fix is None for f in _findings(tmp_path, "run.sh", script, "SL201"))


def test_no_decommission_fix_before_spark_3_1(tmp_path: Path) -> None:
    text = SPARK_APP.format(version="3.0.3", conf='    spark.executor.instances: "2"')
    assert all(f.fix is None for f in _findings(tmp_path, "app.yaml", text, "SL201"))


def test_anchored_yaml_is_left_alone(tmp_path: Path) -> None:
    conf = '    spark.executor.instances: &n "2"\n    spark.executor.cores: *n'
    text = SPARK_APP.format(version="3.5.1", conf=conf)
    assert all(f.fix is None for f in _findings(tmp_path, "app.yaml", text, "SL201"))


def test_driver_selector_shared_with_executors_is_not_rewritten(tmp_path: Path) -> None:
    conf = '    spark.kubernetes.node.selector.karpenter.sh/capacity-type: "spot"'
    text = SPARK_APP.format(version="3.5.1", conf=conf)
    assert all(f.fix is None for f in _findings(tmp_path, "app.yaml", text, "SL101"))


def test_no_rename_onto_a_key_already_set(tmp_path: Path) -> None:
    conf = ('    spark.storage.decommission.enabled: "true"\n'
            '    spark.storage.decomission.enabled: "true"')
    text = SPARK_APP.format(version="3.5.1", conf=conf)
    assert all(f.fix is None for f in _findings(tmp_path, "app.yaml", text, "SL209"))


def test_ambiguous_booleans_get_no_fix(tmp_path: Path) -> None:
    text = "spark.master k8s://https://k8s\nspark.decommission.enabled 1\n"
    assert all(f.fix is None for f in _findings(tmp_path, "spark-defaults.conf", text, "SL210"))


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "spark-defaults.conf"
    body = "spark.master k8s://https://k8s\r\nspark.executor.instances 4\r\n"
    target.write_bytes(codecs.BOM_UTF8 + body.encode())
    outcome = fix_paths([str(target)], Settings(root=str(tmp_path), select=["SL201"]), None,
                       unsafe=False)
    fixed = outcome.fixed[str(target)]
    assert fixed.startswith(codecs.BOM_UTF8)
    assert fixed.decode("utf-8-sig") == body + (
        "spark.decommission.enabled true\r\nspark.storage.decommission.enabled true\r\n")
