"""``spark-defaults.conf`` tricks that once misled spotlint (read now as Spark reads them)."""

from __future__ import annotations

from pathlib import Path

from hostile_support import add_canary, assert_canary, assert_clean_exit, check_json, run_cli

SPOT_EXECUTORS = "spark.kubernetes.executor.node.selector.karpenter.sh/capacity-type spot\n"


def test_an_escaped_key_is_the_key_spark_sees(tmp_path: Path) -> None:
    """``sp\\u0061rk.decommission.enabled`` is spark.decommission.enabled: no false
    SL209 (unknown key), no SL201 (missing), and no fix adding it a second time."""
    (tmp_path / "spark-defaults.conf").write_text(
        "sp\\u0061rk.decommission.enabled true\n"
        "spark.storage.decommission.enabl\\u0065d true\n" + SPOT_EXECUTORS
    )
    run = check_json(tmp_path)
    codes = {f["code"] for f in run.findings("spark-defaults.conf")}
    assert not codes & {"SL201", "SL202", "SL209"}, codes
    fixed = run_cli(["check", "--isolated", "--fix", "--unsafe-fixes", "."], tmp_path)
    assert "internal error" not in fixed.stderr
    text = (tmp_path / "spark-defaults.conf").read_text()
    assert "spark.decommission.enabled" not in text  # not added again


def test_an_escaped_separator_stays_in_the_key(tmp_path: Path) -> None:
    """``a\\:b`` is one key, ``a:b`` (the old reader split it into key ``a\\``)."""
    (tmp_path / "spark-defaults.conf").write_text(
        "spark.kubernetes.driver.label.team\\:name=data\n" + SPOT_EXECUTORS
    )
    run = check_json(tmp_path)
    messages = " ".join(f["message"] for f in run.findings("spark-defaults.conf"))
    assert "team\\" not in messages


def test_a_leading_form_feed_is_whitespace(tmp_path: Path) -> None:
    """A form feed before the first key once made the walk skip the file ("0 files")."""
    (tmp_path / "spark-defaults.conf").write_text(
        "\f" + SPOT_EXECUTORS.replace("executor", "driver")
    )
    run = check_json(tmp_path)
    assert_clean_exit(run)
    assert run.report()["summary"]["files"] == 1
    assert "SL101" in {f["code"] for f in run.findings("spark-defaults.conf")}


def test_a_malformed_escape_is_sl001_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "spark-defaults.conf").write_text("spark.executor.instances \\u12zz\n")
    add_canary(tmp_path)
    run = check_json(tmp_path)
    assert_clean_exit(run)
    assert_canary(run)
    [sl001] = run.findings("spark-defaults.conf")
    assert sl001["code"] == "SL001" and "\\uxxxx" in sl001["message"]
    assert (sl001["line"], sl001["column"]) == (1, 26)


def test_a_template_reference_to_a_linted_file_is_not_read_twice(tmp_path: Path) -> None:
    """Naming a file that is not a pod template gave its findings twice, once under
    its absolute path."""
    (tmp_path / "app.yaml").write_text(
        "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n"
        "metadata: {name: a}\nspec:\n  sparkConf:\n"
        "    spark.kubernetes.driver.podTemplateFile: other.yaml\n"
    )
    (tmp_path / "other.yaml").write_text(
        "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n"
        "metadata: {name: b}\nspec:\n  sparkConf:\n"
        "    spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type: spot\n"
    )
    run = check_json(tmp_path)
    paths = [f["path"] for f in run.report()["findings"]]
    assert set(paths) == {"app.yaml", "other.yaml"}, paths
    keys = [(f["path"], f["line"], f["column"], f["code"]) for f in run.report()["findings"]]
    assert len(keys) == len(set(keys))
