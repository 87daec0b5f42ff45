"""Issue 15, item 1: the Kubeflow operator emits ``spec.dynamicAllocation`` only when enabled.

The operator's ``dynamicAllocationOption`` returns no spark-submit option when
``spec.dynamicAllocation`` is nil or its ``enabled`` is false, so such a block
must add no conf: ``sparkConf`` alone decides.
"""

from __future__ import annotations

from pathlib import Path

from spotlint.config.settings import Settings
from spotlint.engine.run import lint

HEAD = """apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: dra
spec:
  type: Scala
  sparkVersion: "3.3.2"
  sparkConf:
    spark.dynamicAllocation.enabled: "true"
"""


def codes(tmp_path: Path, text: str, select: list[str]) -> list[tuple[str, int]]:
    path = tmp_path / "app.yaml"
    path.write_text(text)
    result = lint([str(path)], Settings(root=str(tmp_path), select=select))
    return sorted((f.code, f.location.line) for f in result.active)


def test_disabled_block_does_not_turn_tracking_on(tmp_path: Path) -> None:
    text = HEAD + "  dynamicAllocation:\n    enabled: false\n    maxExecutors: 10\n"
    # sparkConf turns dynamic allocation on; the block is ignored, so no
    # tracking and no maxExecutors reach Spark.
    assert codes(tmp_path, text, ["SL301", "SL302"]) == [("SL301", 9), ("SL302", 9)]


def test_block_without_enabled_is_ignored(tmp_path: Path) -> None:
    text = HEAD + "  dynamicAllocation:\n    maxExecutors: 10\n    shuffleTrackingEnabled: true\n"
    assert codes(tmp_path, text, ["SL301", "SL302"]) == [("SL301", 9), ("SL302", 9)]


def test_enabled_block_still_applies(tmp_path: Path) -> None:
    text = HEAD + "  dynamicAllocation:\n    enabled: true\n    maxExecutors: 10\n"
    assert codes(tmp_path, text, ["SL301", "SL302"]) == []


def test_templated_enabled_may_be_true(tmp_path: Path) -> None:
    text = HEAD + "  dynamicAllocation:\n    enabled: ${DRA}\n    maxExecutors: 10\n"
    assert codes(tmp_path, text, ["SL302"]) == []


def test_disabled_block_alone_is_not_dynamic_allocation(tmp_path: Path) -> None:
    text = HEAD.replace('    spark.dynamicAllocation.enabled: "true"\n', "    spark.x: y\n")
    text += "  dynamicAllocation:\n    enabled: false\n"
    assert codes(tmp_path, text, ["SL301", "SL302", "SL303"]) == []
