"""Issue 15, item 10: findings point at the wrong thing itself.

SL105 at the misspelt value (not its expression's key), SL410 at the tiny type a
Karpenter requirement names (not ``requirements:``), and a ``.conf`` value
continued with a backslash spans its continuation lines.
"""

from __future__ import annotations

from pathlib import Path

from spotlint.config.settings import Settings
from spotlint.engine.run import lint
from spotlint.location import Location

POD = """apiVersion: v1
kind: Pod
metadata: {name: p, labels: {spark-role: executor}}
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: eks.amazonaws.com/capacityType
            operator: In
            values: [SPOT, spot]
"""
NODEPOOL = """apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: np}
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: d}
      requirements:
      - key: karpenter.sh/capacity-type
        operator: In
        values: ["{capacity}"]
      - key: node.kubernetes.io/instance-type
        operator: In
        values: ["m5.xlarge", "t3.small", "m5.2xlarge"]
"""


def located(tmp_path: Path, name: str, text: str, code: str) -> list[tuple[Location, str]]:
    path = tmp_path / name
    path.write_text(text)
    settings = Settings(root=str(tmp_path), select=[code])
    return [(f.location, f.message) for f in lint([str(path)], settings).active]


def spelled(text: str, loc: Location) -> str:
    lines = text.splitlines()
    if loc.end_line == loc.line:
        return lines[loc.line - 1][loc.col - 1:loc.end_col]
    return "\n".join([lines[loc.line - 1][loc.col - 1:], *lines[loc.line:loc.end_line - 1],
                      lines[loc.end_line - 1][:loc.end_col]])


def test_sl105_points_at_the_wrong_value_of_an_expression(tmp_path: Path) -> None:
    [(loc, _)] = located(tmp_path, "pod.yaml", POD, "SL105")
    assert (loc.line, spelled(POD, loc)) == (12, "spot")


def test_sl105_points_at_the_wrong_value_of_a_karpenter_requirement(tmp_path: Path) -> None:
    text = NODEPOOL.replace("{capacity}", "Spot")
    [(loc, _)] = located(tmp_path, "np.yaml", text, "SL105")
    assert (loc.line, spelled(text, loc)) == (11, '"Spot"')


def test_sl410_points_at_the_tiny_type_a_requirement_names(tmp_path: Path) -> None:
    text = NODEPOOL.replace("{capacity}", "spot")
    [(loc, message)] = located(tmp_path, "np.yaml", text, "SL410")
    assert (loc.line, spelled(text, loc)) == (14, '"t3.small"')
    assert "remove them from its instance-type requirement" in message


def test_continued_conf_value_spans_its_lines(tmp_path: Path) -> None:
    text = ("spark.master k8s://https://example:443\n"
            "spark.kubernetes.node.selector.karpenter.sh/capacity-type ON_\\\n"
            "    DEMAND\n")
    [(loc, _)] = located(tmp_path, "spark-defaults.conf", text, "SL105")
    assert (loc.line, loc.col, loc.end_line, loc.end_col) == (2, 59, 3, 10)


def test_value_after_a_continued_key_line_starts_on_its_own_line(tmp_path: Path) -> None:
    text = ("spark.master k8s://https://example:443\n"
            "spark.kubernetes.node.selector.karpenter.sh/capacity-type \\\n"
            "    ON_DEMAND\n")
    [(loc, _)] = located(tmp_path, "spark-defaults.conf", text, "SL105")
    assert spelled(text, loc) == "ON_DEMAND" and loc.line == 3
