"""Spark jobs read from shell scripts: start-job-run calls and spark-submit command lines."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from spotlint.load.base import LoadedFile
from spotlint.load.shell import read_commands, start_job_run_args
from spotlint.location import Location, Node
from spotlint.model import Job, JobKind, Project
from spotlint.recognize.kinds import NormalizeContext
from spotlint.recognize.shell_kind import ShellScriptKind


def context(text: str, path: str = "run.sh", root: str = ".") -> NormalizeContext:
    doc = Node(text, Location(path, 1, 1, 1, 1))
    loaded = LoadedFile(path=path, text=text, fmt="shell", documents=[doc])
    return NormalizeContext(file=loaded, project=Project(), root=root)


def jobs_of(text: str, path: str = "run.sh", root: str = ".") -> tuple[list[Job], NormalizeContext]:
    ctx = context(text, path, root)
    kind = ShellScriptKind()
    assert kind.matches(ctx.file.documents[0], ctx.file)
    kind.normalize(ctx.file.documents[0], ctx)
    return ctx.project.jobs, ctx


def position(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, col) of the nth occurrence of ``needle`` in ``text``."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def at(node: Node) -> tuple[int, int]:
    return node.loc.line, node.loc.col


SINGLE_QUOTED = """#!/bin/bash
JOB=demo
aws emr-containers start-job-run \\
  --virtual-cluster-id $VC \\
  --name $JOB \\
  --release-label emr-6.9.0-latest \\
  --job-driver '{
    "sparkSubmitJobDriver": {
      "entryPoint": "s3://b/app.py",
      "sparkSubmitParameters":
        "--conf spark.executor.instances=2 --conf spark.dynamicAllocation.enabled=true"
    }
  }' \\
  --configuration-overrides '{
    "applicationConfiguration": [{
      "classification": "spark-defaults",
      "properties": {
        "spark.decommission.enabled": "true",
        "spark.kubernetes.executor.podNamePrefix": "'"$JOB"'"
      }
    }]
  }'
"""


def test_single_quoted_json_keys_point_into_the_script() -> None:
    jobs, ctx = jobs_of(SINGLE_QUOTED)
    assert len(jobs) == 1
    job = jobs[0]
    assert job.kind is JobKind.SHELL_START_JOB_RUN
    assert ctx.invalid == []
    decommission = job.conf.get("spark.decommission.enabled")
    assert decommission is not None and decommission.text == "true"
    assert at(decommission.key_node) == position(SINGLE_QUOTED, '"spark.decommission.enabled"')
    assert at(decommission.node) == position(SINGLE_QUOTED, '"true"')
    submitted = job.conf.get("spark.dynamicAllocation.enabled")
    assert submitted is not None
    assert at(submitted.key_node) == position(SINGLE_QUOTED, "spark.dynamicAllocation.enabled")


def test_release_label_and_name_are_read() -> None:
    jobs, _ = jobs_of(SINGLE_QUOTED)
    job = jobs[0]
    assert job.release_label is not None
    assert job.release_label.value == "emr-6.9.0-latest"
    assert at(job.release_label) == position(SINGLE_QUOTED, "emr-6.9.0-latest")
    assert job.version is not None and (job.version.major, job.version.minor) == (3, 3)
    assert job.name == "$JOB"
    # the job's anchor is the command itself
    assert at(job.doc) == position(SINGLE_QUOTED, "aws emr-containers")


def test_variable_spliced_into_a_json_string_is_unknown() -> None:
    jobs, _ = jobs_of(SINGLE_QUOTED)
    prefix = jobs[0].conf.get("spark.kubernetes.executor.podNamePrefix")
    assert prefix is not None
    assert prefix.unknown
    assert "$JOB" in prefix.text


def test_double_quoted_json_with_escapes_maps_through_the_offset_table() -> None:
    script = (
        'aws emr-containers start-job-run --release-label emr-7.1.0-latest \\\n'
        '  --configuration-overrides "{\\"applicationConfiguration\\": [{\\"classification\\": '
        '\\"spark-defaults\\", \\"properties\\": {\\"spark.dynamicAllocation.enabled\\": '
        '\\"$DA\\", \\"spark.shuffle.service.enabled\\": \\"false\\"}}]}"\n'
    )
    jobs, ctx = jobs_of(script)
    assert len(jobs) == 1 and ctx.invalid == []
    shuffle = jobs[0].conf.get("spark.shuffle.service.enabled")
    assert shuffle is not None and shuffle.text == "false"
    # the key's opening quote is the '"' of '\"spark.shuffle...', one column after the backslash
    line, col = position(script, '\\"spark.shuffle.service.enabled')
    assert at(shuffle.key_node) == (line, col + 1)
    # and it ends on the closing quote (again after a backslash), not by naive shifting
    end_line, end_col = position(script, '\\": \\"false')
    assert (shuffle.key_node.loc.end_line, shuffle.key_node.loc.end_col) == (end_line, end_col + 1)
    value_line, value_col = position(script, '\\"false')
    assert at(shuffle.node) == (value_line, value_col + 1)
    enabled = jobs[0].conf.get("spark.dynamicAllocation.enabled")
    assert enabled is not None and enabled.unknown  # "$DA" inside double quotes


HEREDOC = """set -e
OVERRIDES=$(cat <<EOF
{
  "applicationConfiguration": [
    {"classification": "spark-defaults",
     "properties": {"spark.executor.decommission.killInterval": "60s",
                    "spark.kubernetes.driver.podTemplateFile": "${TEMPLATES}/driver.yaml"}}
  ]
}
EOF
)
aws emr-containers start-job-run --name nightly --release-label emr-6.15.0-latest \\
  --job-driver "$(cat <<'JSON'
{"sparkSubmitJobDriver": {"entryPoint": "s3://b/x.py",
  "sparkSubmitParameters": "--conf spark.executor.memory=$MEM --conf spark.executor.cores=4"}}
JSON
)" \\
  --configuration-overrides "$(cat <<-EOF
\t{"applicationConfiguration": [{"classification": "spark-defaults",
\t  "properties": {"spark.storage.decommission.enabled": "true", "spark.x.y": "$USER"}}]}
\tEOF
)"
"""


def test_heredoc_json_arguments() -> None:
    jobs, ctx = jobs_of(HEREDOC)
    assert len(jobs) == 1 and ctx.invalid == []
    job = jobs[0]
    assert job.name == "nightly"
    storage = job.conf.get("spark.storage.decommission.enabled")
    assert storage is not None
    assert at(storage.key_node) == position(HEREDOC, '"spark.storage.decommission.enabled"')
    assert at(storage.node) == position(HEREDOC, '"true"', nth=0)
    user = job.conf.get("spark.x.y")
    assert user is not None and user.unknown
    cores = job.conf.get("spark.executor.cores")
    assert cores is not None and cores.text == "4"
    assert at(cores.key_node) == position(HEREDOC, "spark.executor.cores")
    memory = job.conf.get("spark.executor.memory")
    assert memory is not None and memory.unknown  # quoted delimiter: $MEM kept literally


def test_heredoc_substitution_inside_a_variable_is_not_a_job_argument() -> None:
    # The first heredoc only sets OVERRIDES; a bare "$OVERRIDES" argument would be unknown.
    jobs, _ = jobs_of(HEREDOC)
    assert jobs[0].conf.get("spark.executor.decommission.killInterval") is None


def test_bare_variable_as_json_value_becomes_an_unknown_string() -> None:
    script = """aws emr-containers start-job-run --release-label $LABEL \\
  --job-driver '{"sparkSubmitJobDriver": {"entryPoint": "x.py"}}' \\
  --configuration-overrides '{"applicationConfiguration": [{"classification": "spark-defaults",
     "properties": {"spark.dynamicAllocation.maxExecutors": '$MAX', "spark.a": '${B}'}}]}'
"""
    jobs, ctx = jobs_of(script)
    assert len(jobs) == 1 and ctx.invalid == []
    job = jobs[0]
    assert job.release_label is not None and job.release_label.unknown
    assert job.version is None
    maximum = job.conf.get("spark.dynamicAllocation.maxExecutors")
    assert maximum is not None and maximum.unknown and maximum.text == "$MAX"
    assert at(maximum.node) == position(script, "$MAX")
    b = job.conf.get("spark.a")
    assert b is not None and b.unknown


def test_continuations_equals_form_and_several_calls() -> None:
    script = """#!/bin/sh
# aws emr-containers start-job-run --release-label emr-5.0.0 (a comment, not a call)
echo "aws emr-containers start-job-run is next"
for i in 1 2; do
aws --region us-west-2 emr-containers start-job-run \\
    --name=first \\
    --release-label=emr-6.6.0-latest \\
    --configuration-overrides='{"applicationConfiguration":[{"classification":"spark-defaults","properties":{"spark.a":"1"}}]}'
done
ID=$(aws emr-containers start-job-run --name second --release-label emr-7.0.0-latest \\
  --job-driver '{"sparkSubmitJobDriver":{"entryPoint":"e",
                 "sparkSubmitParameters":"--conf spark.b=2"}}' \\
  --query id --output text)
"""
    jobs, _ = jobs_of(script)
    assert [j.name for j in jobs] == ["first", "second"]
    first, second = jobs
    a = first.conf.get("spark.a")
    assert a is not None and at(a.key_node) == position(script, '"spark.a"')
    assert first.release_label is not None and first.release_label.value == "emr-6.6.0-latest"
    assert at(first.release_label) == position(script, "emr-6.6.0-latest")
    b = second.conf.get("spark.b")
    assert b is not None and at(b.key_node) == position(script, "spark.b")
    assert second.doc.loc.line == position(script, "ID=$(aws")[0]


def test_spark_submit_confs_flags_and_placement() -> None:
    script = """export SPARK_HOME=/opt/spark
$SPARK_HOME/bin/spark-submit \\
  --master k8s://https://kube:443 --deploy-mode cluster \\
  --name etl \\
  --conf spark.kubernetes.executor.node.selector.karpenter.sh/capacity-type=spot \\
  --conf "spark.executor.instances=10" \\
  --conf spark.kubernetes.container.image=apache/spark:3.5.1 \\
  --num-executors 4 \\
  local:///opt/app.jar --conf not.a.spark.conf=1
/opt/spark/bin/spark-submit --class X app.jar
"""
    jobs, _ = jobs_of(script)
    assert len(jobs) == 1  # the second call has no conf and no k8s master
    job = jobs[0]
    assert job.kind is JobKind.SPARK_SUBMIT
    assert job.name == "etl"
    assert at(job.doc) == position(script, "$SPARK_HOME/bin/spark-submit")
    selector = job.conf.get("spark.kubernetes.executor.node.selector.karpenter.sh/capacity-type")
    assert selector is not None and selector.origin == "--conf"
    assert at(selector.key_node) == position(script, "spark.kubernetes.executor.node.selector")
    assert at(selector.node) == position(script, "spot")
    instances = job.conf.settings("spark.executor.instances")
    assert [s.text for s in instances] == ["10", "4"]  # the dedicated flag wins
    assert at(instances[0].key_node) == position(script, "spark.executor.instances")
    assert job.conf.get("spark.master") is not None
    assert "not.a.spark.conf" not in job.conf  # an argument of the application
    assert job.executor is not None
    assert job.executor.node_selector["karpenter.sh/capacity-type"].value == "spot"
    assert job.version is not None and (job.version.major, job.version.minor) == (3, 5)


def test_cli_input_json_inside_root_is_read_with_its_own_positions(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    scripts = root / "scripts"
    scripts.mkdir(parents=True)
    request = (
        '{\n  "name": "from-file",\n  "releaseLabel": "emr-6.10.0-latest",\n'
        '  "jobDriver": {"sparkSubmitJobDriver": {"entryPoint": "e",\n'
        '    "sparkSubmitParameters": "--conf spark.executor.cores=2"}},\n'
        '  "configurationOverrides": {"applicationConfiguration": [{"classification":\n'
        '    "spark-defaults", "properties": {"spark.decommission.enabled": "false"}}]}\n}\n'
    )
    (scripts / "req.json").write_text(request)
    outside = tmp_path / "secret.json"
    outside.write_text(request.replace("from-file", "outside"))
    script_path = str(scripts / "run.sh")
    # --release-label overrides the file, so the command is a job of its own (a
    # request file alone is its own file's job: test_cli_input_json_once.py)
    script = (
        "aws emr-containers start-job-run --cli-input-json file://req.json"
        " --release-label emr-6.10.0-latest\n"
        "aws emr-containers start-job-run --cli-input-json file://../../secret.json\n"
        f"aws emr-containers start-job-run --cli-input-json file://{outside}\n"
        "aws emr-containers start-job-run --cli-input-json file://missing.json\n"
        "aws emr-containers start-job-run --cli-input-json https://example.com/req.json\n"
    )
    jobs, _ = jobs_of(script, script_path, str(root))
    built = [j for j in jobs if j.conf]
    assert [j.name for j in built] == ["from-file"]
    job = built[0]
    decommission = job.conf.get("spark.decommission.enabled")
    assert decommission is not None
    assert decommission.key_node.loc.path.endswith("req.json")
    assert at(decommission.key_node) == position(request, '"spark.decommission.enabled"')
    cores = job.conf.get("spark.executor.cores")
    assert cores is not None and at(cores.key_node) == position(request, "spark.executor.cores")
    assert job.version is not None and (job.version.major, job.version.minor) == (3, 3)
    assert all(j.name != "outside" for j in jobs)


def test_cli_input_json_written_by_the_script_itself() -> None:
    script = """cat > request.json <<EOF
{"name": "written", "releaseLabel": "emr-6.3.0-latest",
 "virtualClusterId": "${VC}",
 "configurationOverrides": {"applicationConfiguration": [
   {"classification": "spark-defaults",
    "properties": {"spark.dynamicAllocation.enabled": "true"}}]}}
EOF
aws emr-containers start-job-run --cli-input-json file://request.json --no-cli-pager
"""
    jobs, _ = jobs_of(script)
    assert [j.name for j in jobs] == ["written"]
    enabled = jobs[0].conf.get("spark.dynamicAllocation.enabled")
    assert enabled is not None
    assert at(enabled.key_node) == position(script, '"spark.dynamicAllocation.enabled"')


def test_broken_json_literal_is_reported_at_the_argument() -> None:
    script = (
        "aws emr-containers start-job-run --release-label emr-6.9.0-latest \\\n"
        "  --configuration-overrides '{\"applicationConfiguration\": [}'\n"
    )
    jobs, ctx = jobs_of(script)
    assert len(jobs) == 1  # the job still exists, with what could be read
    assert len(ctx.invalid) == 1
    problem = ctx.invalid[0]
    assert "--configuration-overrides" in problem.message
    assert at(problem.node) == position(script, "{")


@pytest.mark.parametrize("items", ["'$ITEMS'", "${ITEMS}", "{{ .Values.items }}"])
def test_broken_json_with_a_placeholder_is_given_up_silently(items: str) -> None:
    script = (
        "aws emr-containers start-job-run --release-label emr-6.9.0-latest \\\n"
        f"  --configuration-overrides '{{\"applicationConfiguration\": [{items}}}'\n"
    )
    jobs, ctx = jobs_of(script)
    assert len(jobs) == 1 and ctx.invalid == []


def test_not_a_shell_file_is_not_claimed() -> None:
    doc = Node("x", Location("a.yaml", 1, 1, 1, 1))
    loaded = LoadedFile(path="a.yaml", text="x", fmt="yaml", documents=[doc])
    assert not ShellScriptKind().matches(doc, loaded)


def _corpus_scripts(corpus: Path) -> list[Path]:
    return sorted(corpus.rglob("*.sh"))


def test_every_corpus_script_is_read(corpus: Path) -> None:
    scripts = _corpus_scripts(corpus)
    calls = 0
    jobs_found = 0
    with_conf = 0
    for path in scripts:
        text = path.read_text(encoding="utf-8", errors="replace")
        calls += text.count("start-job-run")
        jobs, _ = jobs_of(text, str(path), str(corpus))
        jobs_found += len(jobs)
        with_conf += sum(1 for j in jobs if len(j.conf) > 0)
    # 53 scripts, each with one start-job-run call (grep -c), all of which set confs
    assert len(scripts) >= 50
    assert calls >= 53
    assert jobs_found >= 53
    assert with_conf >= 53


def test_truncated_and_mangled_scripts_never_raise(corpus: Path) -> None:
    rng = random.Random(7)
    scripts = _corpus_scripts(corpus)
    assert scripts, "no shell scripts in the corpus: this test would check nothing"
    for path in scripts:
        text = path.read_text(encoding="utf-8", errors="replace")
        for _ in range(5):
            cut = rng.randrange(len(text) + 1)
            mangled = text[:cut]
            if rng.random() < 0.5:
                noise = rng.choice(["'", '"', "$(", "<<EOF\n", "\\", "`", "${", ")"])
                mangled = mangled + noise + text[cut:]
            jobs_of(mangled, str(path), str(corpus))


def test_reader_finds_nested_and_prefixed_commands() -> None:
    text = "if true; then JOB=$(aws emr-containers start-job-run --name x); fi\n"
    found = [c for c in read_commands(text) if start_job_run_args(c) is not None]
    assert len(found) == 1
    args = start_job_run_args(found[0])
    assert args is not None and [w.text for w in args] == ["--name", "x"]


def test_ansi_c_quoting_and_stdin_heredoc() -> None:
    script = """aws emr-containers start-job-run --name $'nightly\\tjob' \\
  --cli-input-json file:///dev/stdin <<'EOF'
{"releaseLabel": "emr-6.12.0-latest",
 "configurationOverrides": {"applicationConfiguration": [
   {"classification": "spark-defaults", "properties": {"spark.shuffle.service.enabled": "true"}}]}}
EOF
"""
    jobs, _ = jobs_of(script)
    assert len(jobs) == 1
    job = jobs[0]
    assert job.name == "nightly\tjob"
    shuffle = job.conf.get("spark.shuffle.service.enabled")
    assert shuffle is not None
    assert at(shuffle.key_node) == position(script, '"spark.shuffle.service.enabled"')


def test_spark_submit_conf_equals_form_and_pairs_without_value() -> None:
    script = (
        "spark-submit --conf=spark.decommission.enabled=true --conf broken "
        "--conf spark.kubernetes.driver.node.selector.pool=od --verbose app.py\n"
    )
    jobs, _ = jobs_of(script)
    assert len(jobs) == 1
    job = jobs[0]
    decommission = job.conf.get("spark.decommission.enabled")
    assert decommission is not None and decommission.text == "true"
    assert at(decommission.key_node) == position(script, "spark.decommission.enabled")
    assert "broken" not in job.conf
    assert job.driver is not None and job.driver.node_selector["pool"].value == "od"
    assert job.executor is None
