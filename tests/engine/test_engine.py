"""The pipeline across documents: template links, roles, precedence, positions."""

from __future__ import annotations

from pathlib import Path

from spotlint.config.settings import Settings
from spotlint.engine import lint


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def codes(result: object) -> list[tuple[str, str, int]]:
    return sorted((Path(f.location.path).name, f.code, f.location.line) for f in result.active)  # type: ignore[attr-defined]


def test_template_role_comes_from_the_referencing_conf(tmp_path: Path) -> None:
    # No spark-role label, no container name, a neutral file name: only the
    # conf key that references it says this is the driver.
    write(
        tmp_path,
        "templates/a.yaml",
        "apiVersion: v1\nkind: Pod\nspec:\n  nodeSelector:\n    karpenter.sh/capacity-type: spot\n",
    )
    write(
        tmp_path,
        "job.conf",
        "spark.master k8s://https://k8s\n"
        "spark.kubernetes.driver.podTemplateFile templates/a.yaml\n",
    )
    result = lint([str(tmp_path)], Settings(root=str(tmp_path), select=["SL101"]))
    assert codes(result) == [("a.yaml", "SL101", 5)]


def test_selector_confs_add_to_the_template(tmp_path: Path) -> None:
    write(
        tmp_path,
        "driver.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n"
        "    spark-role: driver\nspec:\n  nodeSelector:\n    team: data\n",
    )
    write(
        tmp_path,
        "spark-defaults.conf",
        "spark.kubernetes.driver.podTemplateFile driver.yaml\n"
        "spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type spot\n",
    )
    result = lint([str(tmp_path)], Settings(root=str(tmp_path), select=["SL101"]))
    assert codes(result) == [("spark-defaults.conf", "SL101", 2)]


def test_remote_template_makes_placement_unknown(tmp_path: Path) -> None:
    write(
        tmp_path,
        "spark-defaults.conf",
        "spark.kubernetes.driver.podTemplateFile s3://bucket/driver.yaml\n",
    )
    result = lint([str(tmp_path)], Settings(root=str(tmp_path), select=["SL1", "SL003"]))
    assert codes(result) == []


def test_template_outside_root_is_never_opened(tmp_path: Path) -> None:
    outside = write(
        tmp_path,
        "outside/driver.yaml",
        "apiVersion: v1\nkind: Pod\nspec:\n  nodeSelector: [broken\n",
    )
    root = tmp_path / "repo"
    write(root, "spark-defaults.conf", f"spark.kubernetes.driver.podTemplateFile {outside}\n")
    result = lint([str(root)], Settings(root=str(root)))
    (sl003,) = [f for f in result.findings if f.code.startswith("SL00")]
    assert sl003.code == "SL003" and "outside the scanned root" in sl003.message
    assert str(outside) not in result.files


def test_submit_parameters_win_over_spark_defaults_classification(tmp_path: Path) -> None:
    write(
        tmp_path,
        "run.json",
        """{
  "releaseLabel": "emr-7.1.0-latest",
  "jobDriver": {"sparkSubmitJobDriver": {
    "sparkSubmitParameters": "--conf spark.dynamicAllocation.enabled=maybe"}},
  "configurationOverrides": {"applicationConfiguration": [
    {"classification": "spark-defaults",
     "properties": {"spark.dynamicAllocation.enabled": "true"}}]}
}
""",
    )
    result = lint([str(tmp_path)], Settings(root=str(tmp_path), select=["SL210"]))
    (finding,) = result.active
    # Points at the value inside the string: the --conf item wins over the classification.
    assert (finding.location.line, finding.location.col) == (4, 70)
    assert "maybe" in finding.message


def test_operator_dynamic_allocation_block_implies_shuffle_tracking(tmp_path: Path) -> None:
    write(
        tmp_path,
        "app.yaml",
        """apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: a
spec:
  sparkVersion: "3.1.1"
  dynamicAllocation:
    enabled: true
    maxExecutors: 10
""",
    )
    result = lint([str(tmp_path)], Settings(root=str(tmp_path), select=["SL301", "SL303"]))
    # The operator turns shuffle tracking on (no SL301), but sets no timeout.
    assert codes(result) == [("app.yaml", "SL303", 8)]


def test_findings_are_deduplicated_and_sorted(tmp_path: Path) -> None:
    write(tmp_path, "b.conf", "spark.master k8s://x\nspark.shuffle.service.enabled true\n")
    write(tmp_path, "a.conf", "spark.master k8s://x\nspark.shuffle.service.enabled true\n")
    result = lint(
        [str(tmp_path / "b.conf"), str(tmp_path), str(tmp_path / "a.conf")],
        Settings(root=str(tmp_path), select=["SL304"]),
    )
    assert codes(result) == [("a.conf", "SL304", 2), ("b.conf", "SL304", 2)]


def test_empty_optional_fields_are_not_type_errors(tmp_path: Path) -> None:
    write(tmp_path, "app.yaml", """apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: a
spec:
  sparkVersion: "3.5.1"
  driver:
    nodeSelector:
  executor:
    nodeSelector: []
""")
    result = lint([str(tmp_path)], Settings(root=str(tmp_path), select=["SL002"]))
    # null is how Kubernetes spells "not set"; a list is still the wrong shape.
    assert codes(result) == [("app.yaml", "SL002", 10)]
