"""Here-documents holding YAML or JSON become documents of the script, positioned in it."""

from __future__ import annotations

from pathlib import Path

from spotlint.config.settings import Settings
from spotlint.engine.run import lint
from spotlint.load.shell import read_commands
from spotlint.recognize.heredocs import heredoc_format
from spotlint.result import RunResult

NODEPOOL = """apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: {name}
spec:
  template:
    spec:
      requirements:
        - key: karpenter.sh/capacity-type
          operator: In
          values: ["SPOT"]
      nodeClassRef:
        group: karpenter.k8s.aws
        kind: EC2NodeClass
        name: ${{CLUSTER}}
"""


def run(tmp_path: Path, script: str, *codes: str) -> RunResult:
    path = tmp_path / "setup.sh"
    path.write_text(script)
    return lint([str(path)], Settings(root=str(tmp_path), select=list(codes) or ["ALL"]))


def lines(result: RunResult, code: str) -> list[int]:
    return [f.location.line for f in result.active if f.code == code]


def formats(script: str) -> list[tuple[str | None, bool]]:
    out = []
    for command in read_commands(script):
        for body in command.heredocs:
            fmt, _, known, _ = heredoc_format(command, body)
            out.append((fmt, known))
    return out


def test_the_consumer_says_the_format() -> None:
    assert formats("kubectl apply -f - <<EOF\na: 1\nEOF\n") == [("yaml", True)]
    assert formats("kubectl -n x create --filename=- <<EOF\na: 1\nEOF\n") == [("yaml", True)]
    assert formats("eksctl create cluster -f /dev/stdin <<EOF\na: 1\nEOF\n") == [("yaml", True)]
    assert formats("cat <<EOF | kubectl replace -f -\na: 1\nEOF\n") == [("yaml", True)]
    assert formats("cat > req.json <<EOF\n{}\nEOF\n") == [("json", True)]
    assert formats("cat <<'EOF' > conf/spark-defaults.conf\nspark.a b\nEOF\n") == [
        ("properties", True)]
    assert formats("tee pool.yml <<EOF\nx\nEOF\n") == [("yaml", True)]
    assert formats("kubectl get pods -f - <<EOF\napiVersion: v1\nEOF\n") == [("yaml", False)]
    assert formats("python - <<EOF\nprint('spark.x')\nEOF\n") == [(None, False)]


def test_kubectl_heredoc_pool_is_linted_in_the_script(tmp_path: Path) -> None:
    script = "#!/bin/bash\nkubectl apply -f - <<EOF\n" + NODEPOOL.format(name="a") + "EOF\n"
    result = run(tmp_path, script, "SL105")
    assert lines(result, "SL105") == [13]  # the wrong value, line 11 of the body
    finding = result.active[0]
    assert finding.location.path.endswith("setup.sh") and finding.location.col == 20
    assert finding.fix is None  # scripts are never edited


def test_placeholders_in_the_body_are_unknown(tmp_path: Path) -> None:
    body = NODEPOOL.format(name="a").replace('["SPOT"]', '["$CAPACITY"]')
    result = run(tmp_path, "kubectl apply -f - <<EOF\n" + body + "EOF\n", "SL105", "SL001")
    assert result.active == []


def test_a_request_read_by_start_job_run_is_not_linted_twice(tmp_path: Path) -> None:
    script = (
        "cat > req.json <<EOF\n"
        '{"name": "x", "releaseLabel": "emr-6.9.0-latest", "jobDriver": {"sparkSubmitJobDriver":'
        ' {"entryPoint": "s3://b/a.py", "sparkSubmitParameters":'
        ' "--conf spark.dynamicAllocation.enabled=true"}}}\n'
        "EOF\n"
        "aws emr-containers start-job-run --cli-input-json file://req.json\n"
    )
    result = run(tmp_path, script, "SL302")
    assert lines(result, "SL302") == [2]
    # Not read by any call: the request is linted on its own, once.
    alone = run(tmp_path, script.rsplit("aws", 1)[0], "SL302")
    assert lines(alone, "SL302") == [2]


def test_heredocs_in_substitutions_are_arguments(tmp_path: Path) -> None:
    script = "X=$(cat <<EOF\n" + NODEPOOL.format(name="a") + "EOF\n)\n"
    assert run(tmp_path, script, "SL105").active == []


def test_a_broken_body_is_reported_only_when_its_reader_is_known(tmp_path: Path) -> None:
    broken = "apiVersion: v1\nkind: Pod\nspec: [unclosed\n"
    known = run(tmp_path, "kubectl apply -f - <<'EOF'\n" + broken + "EOF\n", "SL001")
    assert lines(known, "SL001") == [4]
    assert run(tmp_path, "cat <<'EOF'\n" + broken + "EOF\n", "SL001").active == []
    expanded = broken.replace("unclosed", "$LIST")
    assert run(tmp_path, "kubectl apply -f - <<EOF\n" + expanded + "EOF\n", "SL001").active == []


def test_suppression_comments_inside_the_body(tmp_path: Path) -> None:
    body = NODEPOOL.format(name="a").replace(
        '          values: ["SPOT"]',
        '          # spotlint: ignore SL105 -- reviewed\n          values: ["SPOT"]')
    second = NODEPOOL.format(name="b").replace("kind: NodePool", "kind: NodePool\n"
                                               "# spotlint: ignore-document SL105")
    script = ("kubectl apply -f - <<EOF\n" + body + "EOF\n"
              "kubectl apply -f - <<EOF\n" + second + "EOF\n"
              "kubectl apply -f - <<EOF\n" + NODEPOOL.format(name="c") + "EOF\n")
    result = run(tmp_path, script, "SL105")
    assert len(lines(result, "SL105")) == 1
    assert sum(1 for f in result.findings if f.suppression is not None) == 2


def test_a_heredoc_in_a_guide_block_is_positioned_in_the_guide(tmp_path: Path) -> None:
    indented = "".join("  " + line + "\n" for line in NODEPOOL.format(name="a").splitlines())
    text = ("# Setup\n\n- Create the pool:\n\n  ```bash\n  kubectl apply -f - <<EOF\n"
            + indented + "  EOF\n  ```\n")
    path = tmp_path / "guide.md"
    path.write_text(text)
    result = lint([str(path)], Settings(root=str(tmp_path), select=["SL105"]))
    # SL105 points at the misspelt value (issue 15), in the guide's own lines
    value_line = next(n for n, line in enumerate(text.splitlines(), 1) if "values:" in line)
    assert [(f.location.line, f.location.col) for f in result.active] == [(value_line, 22)]
