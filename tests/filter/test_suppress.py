"""Inline suppressions: comments, annotations, expiry, unused reports, SARIF and counts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from support.cli import CONF

from spotlint.cli.commands import cli
from spotlint.filter.suppress import parse_body

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: etl-driver
  labels:
    spark-role: driver
spec:
  nodeSelector:
    karpenter.sh/capacity-type: spot{comment}
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--isolated", *args])
    return result.exit_code, result.output


def by_code(path: Path, *args: str) -> dict[str, Any]:
    code, out = run("--format", "json", str(path), *args)
    assert code in (0, 1), out
    return {f["code"]: f["suppressed"] for f in json.loads(out)["findings"]}


@pytest.fixture
def pod(tmp_path: Path) -> Path:
    return tmp_path / "driver.yaml"


@pytest.mark.parametrize(
    "comment",
    [
        "  # spotlint: ignore SL101 -- driver is tiny and retried",
        "  # spotlint: ignore driver-on-spot -- driver is tiny and retried",
        "  # spotlint: ignore SL102, SL101 -- driver is tiny and retried",
        "  # spotlint: ignore[SL101] -- driver is tiny and retried",
        "  # spotlint: ignore SL1 until=2999-01-01 -- driver is tiny and retried",
    ],
)
def test_trailing_comment_suppresses_with_reason(pod: Path, comment: str) -> None:
    pod.write_text(POD.format(comment=comment))
    code, out = run(str(pod))
    assert code == 0, out
    assert "1 suppressed" in out and "SL101" not in out
    found = by_code(pod)
    assert found["SL101"] == {"kind": "comment", "justification": "driver is tiny and retried"}


def test_comment_for_another_rule_does_not_suppress(pod: Path) -> None:
    pod.write_text(POD.format(comment="  # spotlint: ignore SL201"))
    assert run(str(pod))[0] == 1
    assert by_code(pod)["SL101"] is None


def test_comment_on_the_lines_above(pod: Path) -> None:
    text = POD.format(comment="").replace(
        "    karpenter.sh",
        "    # spotlint: ignore SL101 -- first\n    # an unrelated comment\n    karpenter.sh",
    )
    pod.write_text(text)
    assert by_code(pod)["SL101"] == {"kind": "comment", "justification": "first"}


def test_comment_two_lines_away_past_content_does_not_apply(pod: Path) -> None:
    text = POD.format(comment="").replace(
        "  nodeSelector:", "  # spotlint: ignore SL101\n  nodeSelector:"
    )
    pod.write_text(text)
    assert by_code(pod)["SL101"] is None


def test_ignore_file_anywhere_and_without_codes(tmp_path: Path) -> None:
    conf = tmp_path / "spark-defaults.conf"
    conf.write_text(CONF + "# spotlint: ignore-file -- legacy job, retired next quarter\n")
    found = by_code(conf)
    assert found and all(s == {"kind": "comment", "justification":
                               "legacy job, retired next quarter"} for s in found.values())
    assert run(str(conf))[0] == 0


def test_ignore_document_covers_only_its_document(tmp_path: Path) -> None:
    two = tmp_path / "pods.yaml"
    first = POD.format(comment="")
    second = POD.format(comment="").replace("etl-driver", "other-driver")
    two.write_text("# spotlint: ignore-document SL101 -- vendored\n" + first + "---\n" + second)
    code, out = run("--format", "json", str(two))
    findings = json.loads(out)["findings"]
    states = sorted((f["line"], f["suppressed"] is not None) for f in findings)
    assert states == [(10, True), (20, False)]
    assert code == 1


def test_ignore_document_after_the_separator(tmp_path: Path) -> None:
    two = tmp_path / "pods.yaml"
    body = POD.format(comment="")
    two.write_text(body + "---\n# spotlint: ignore-document\n" + body)
    findings = json.loads(run("--format", "json", str(two))[1])["findings"]
    assert sorted((f["line"], f["suppressed"] is not None) for f in findings) == [
        (9, False),
        (20, True),
    ]


def test_annotation_in_json_covers_the_object(tmp_path: Path) -> None:
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": "etl-driver",
            "labels": {"spark-role": "driver"},
            "annotations": {"spotlint.dev/ignore": "SL101,SL102 -- third-party chart"},
        },
        "spec": {"nodeSelector": {"karpenter.sh/capacity-type": "spot"}},
    }
    path = tmp_path / "driver.json"
    path.write_text(json.dumps(pod, indent=2))
    assert by_code(path)["SL101"] == {"kind": "annotation", "justification": "third-party chart"}
    assert run(str(path))[0] == 0


@pytest.mark.parametrize("spelled", [
    '"spotlint.dev\\/ignore"',  # JSON's escaped slash
    '"spotlint\\u002edev/ignore"',  # a JSON unicode escape
])
def test_annotation_key_spelled_with_an_escape_still_counts(tmp_path: Path, spelled: str) -> None:
    # (the annotation is looked for only in a file spelling it out or holding a backslash)
    text = json.dumps({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "etl-driver", "labels": {"spark-role": "driver"},
                     "annotations": {"KEY": "SL101 -- third-party chart"}},
        "spec": {"nodeSelector": {"karpenter.sh/capacity-type": "spot"}},
    }, indent=2).replace('"KEY"', spelled)
    assert "spotlint.dev/ignore" not in text
    path = tmp_path / "driver.json"
    path.write_text(text)
    assert by_code(path)["SL101"] == {"kind": "annotation", "justification": "third-party chart"}


def test_expired_suppression_stops_and_says_so(pod: Path) -> None:
    pod.write_text(POD.format(comment="  # spotlint: ignore SL101 until=2020-03-31 -- temporary"))
    code, out = run(str(pod))
    assert code == 1
    assert "SL101 [error]" in out
    assert "SL004 [warning]" in out and "expired on 2020-03-31" in out


def test_invalid_expiry_never_suppresses(pod: Path) -> None:
    pod.write_text(POD.format(comment="  # spotlint: ignore SL101 until=soon"))
    code, out = run(str(pod))
    assert code == 1 and "SL101 [error]" in out and "invalid expiry date 'soon'" in out


def test_unused_suppressions_are_opt_in(tmp_path: Path) -> None:
    conf = tmp_path / "spark-defaults.conf"
    conf.write_text("# spotlint: ignore SL101 -- no driver here\n" + CONF)
    _, out = run(str(conf))
    assert "SL005" not in out
    _, out = run(str(conf), "--report-unused-suppressions", "--show", "info")
    assert "spark-defaults.conf:1:1: SL005 [info]" in out and "matched no finding" in out
    _, out = run(str(conf), "--report-unused-suppressions", "--select", "SL2", "--select", "SL005")
    assert "SL005" not in out  # SL101 did not run, so nothing proves the comment useless


def test_used_suppression_is_not_reported_unused(pod: Path) -> None:
    pod.write_text(POD.format(comment="  # spotlint: ignore SL101"))
    _, out = run(str(pod), "--report-unused-suppressions")
    assert "SL005" not in out


def test_suppressed_findings_are_sarif_suppressions(pod: Path, tmp_path: Path) -> None:
    pod.write_text(POD.format(comment="  # spotlint: ignore SL101 -- tiny driver"))
    sarif = tmp_path / "out.sarif"
    code, _ = run(str(pod), "--format", "sarif", "--output", str(sarif))
    assert code == 0
    results = json.loads(sarif.read_text())["runs"][0]["results"]
    sl101 = next(r for r in results if r["ruleId"] == "SL101")
    assert sl101["suppressions"][0]["kind"] == "inSource"
    assert sl101["suppressions"][0]["justification"] == "tiny driver"


def test_text_and_statistics_leave_suppressed_findings_out(pod: Path) -> None:
    pod.write_text(POD.format(comment="  # spotlint: ignore SL101"))
    _, out = run(str(pod), "--statistics")
    assert "SL101" not in out


def test_parse_body() -> None:
    assert parse_body(" SL101, driver-on-spot until=2027-03-31 -- a -- b") == (
        ("SL101", "driver-on-spot"),
        "2027-03-31",
        "a -- b",
    )
    assert parse_body("") == ((), "", "")
    assert parse_body(" -- only a reason") == ((), "", "only a reason")


def test_a_form_feed_does_not_move_a_suppression(tmp_path: Path) -> None:
    # Java properties read a form feed as blank space, and so does spotlint;
    # str.splitlines() would count it as a line break and apply the comment
    # below it to the wrong line.
    conf = tmp_path / "spark-defaults.conf"
    conf.write_text(
        "spark.master k8s://https://k8s\n"
        "\x0c\n"
        "# spotlint: ignore SL304 -- legacy cluster\n"
        "spark.shuffle.service.enabled true\n"
    )
    from spotlint.config.settings import Settings
    from spotlint.engine import lint

    result = lint([str(conf)], Settings(root=str(tmp_path), select=["SL304"]))
    assert [(f.code, f.location.line) for f in result.findings] == [("SL304", 4)]
    assert result.findings[0].suppression is not None
