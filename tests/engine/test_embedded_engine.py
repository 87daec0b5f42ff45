"""The engine and embedded documents: suppressions, fixes, configuration, context, limits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from spotlint.config.settings import Settings
from spotlint.engine.run import lint
from spotlint.load.base import Limits

POOL_BLOCK = """```yaml
apiVersion: karpenter.sh/v1
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
        name: default
```
"""


def guide(tmp_path: Path, text: str, name: str = "guide.md") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_html_comments_suppress_the_block_below(tmp_path: Path) -> None:
    text = ("# Guide\n\n<!-- spotlint: ignore SL105 shown on purpose -->\n"
            + POOL_BLOCK.format(name="a") + "\n" + POOL_BLOCK.format(name="b"))
    result = lint([str(guide(tmp_path, text))], Settings(root=str(tmp_path), select=["SL105"]))
    suppressed = [f for f in result.findings if f.suppression is not None]
    keys = [n + 1 for n, line in enumerate(text.splitlines()) if 'values: ["SPOT"]' in line]
    assert [f.location.line for f in suppressed] == keys[:1]
    assert [f.location.line for f in result.active] == keys[1:]
    assert suppressed[0].suppression is not None
    assert suppressed[0].suppression.justification == "shown on purpose"


def test_an_unused_markdown_suppression_is_reported_when_asked(tmp_path: Path) -> None:
    text = "<!-- spotlint: ignore SL105 -->\n```yaml\na: 1\n```\n" + POOL_BLOCK.format(name="a")
    settings = Settings(root=str(tmp_path), select=["SL105", "SL005"],
                        report_unused_suppressions=True)
    result = lint([str(guide(tmp_path, text))], settings)
    assert sorted(f.code for f in result.active) == ["SL005", "SL105"]


def test_no_fix_is_offered_in_guides_scripts_templates_or_strings(tmp_path: Path) -> None:
    guide(tmp_path, POOL_BLOCK.format(name="a"))
    configmap = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\ndata:\n  pod.yaml: |\n"
                 "    apiVersion: v1\n    kind: Pod\n    spec:\n      nodeSelector:\n"
                 "        karpenter.sh/capacity-type: SPOT\n")
    (tmp_path / "cm.yaml").write_text(configmap)
    templated = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {NAME}-x\nspec:\n"
                 "  nodeSelector:\n    karpenter.sh/capacity-type: SPOT\n")
    (tmp_path / "templated.yaml").write_text(templated)
    plain = ("apiVersion: v1\nkind: Pod\nspec:\n  nodeSelector:\n"
             "    karpenter.sh/capacity-type: SPOT\n")
    (tmp_path / "plain.yaml").write_text(plain)
    result = lint([str(tmp_path)], Settings(root=str(tmp_path), select=["SL105"]))
    fixable = {os.path.basename(f.location.path): f.fix is not None for f in result.active}
    assert fixable == {"guide.md": False, "cm.yaml": False, "templated.yaml": False,
                       "plain.yaml": True}


def test_markdown_can_be_turned_off(tmp_path: Path) -> None:
    path = guide(tmp_path, POOL_BLOCK.format(name="a"))
    on = lint([str(tmp_path)], Settings(root=str(tmp_path), select=["SL105"]))
    assert len(on.active) == 1 and on.files == [str(path)]
    for paths in ([str(tmp_path)], [str(path)]):
        off = lint(paths, Settings(root=str(tmp_path), select=["SL105"], markdown=False))
        assert off.active == [] and off.files == []


def test_configuration_key_and_schema(tmp_path: Path) -> None:
    from spotlint.config.files import apply, load_file

    config = tmp_path / ".spotlint.yaml"
    config.write_text("markdown: false\n")
    settings = Settings()
    apply(load_file(str(config)), settings, [])
    assert settings.markdown is False


def test_guides_are_never_read_as_context(tmp_path: Path) -> None:
    guide(tmp_path, POOL_BLOCK.format(name="a"))
    job = tmp_path / "job.yaml"
    job.write_text("apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n"
                   "metadata:\n  name: j\nspec:\n  type: Python\n")
    result = lint([str(job)], Settings(root=str(tmp_path)), context=[str(tmp_path)])
    assert all(not p.endswith(".md") for p in result.files)


def test_a_walk_skips_guides_without_fences_or_relevant_text(tmp_path: Path) -> None:
    guide(tmp_path, "# Spark\n\nspark.decommission.enabled is a conf.\n", "prose.md")
    guide(tmp_path, "```yaml\napiVersion: v1\nkind: Service\n```\n", "service.md")
    result = lint([str(tmp_path)], Settings(root=str(tmp_path)))
    assert result.files == [] and result.findings == []


def test_too_many_embedded_documents_is_one_parse_error(tmp_path: Path) -> None:
    text = "".join(POOL_BLOCK.format(name=f"p{i}") for i in range(4))
    settings = Settings(root=str(tmp_path), select=["SL001", "SL105"],
                        limits=Limits(max_documents=2))
    result = lint([str(guide(tmp_path, text))], settings)
    assert sorted(f.code for f in result.active) == ["SL001", "SL105", "SL105"]
    (error,) = [f for f in result.active if f.code == "SL001"]
    assert "max-documents=2 embedded documents" in error.message and error.location.line == 35


def test_documents_nest_at_most_four_deep(tmp_path: Path) -> None:
    text = ("apiVersion: v1\nkind: Pod\nspec:\n  nodeSelector:\n"
            "    karpenter.sh/capacity-type: SPOT\n")
    for _ in range(5):  # each level: a ConfigMap whose data value is the level below
        body = "".join("    " + line + "\n" for line in text.splitlines())
        text = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n"
                "  nested.yaml: |\n" + body)
    result = lint([str(guide(tmp_path, text, "deep.yaml"))],
                  Settings(root=str(tmp_path), select=["SL001", "SL105"]))
    assert [f.code for f in result.active] == ["SL001"]
    assert "nested more than 4 deep" in result.active[0].message


def test_checking_a_plain_yaml_file_imports_no_embedded_reader(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    pool = tmp_path / "pool.yaml"
    pool.write_text(POOL_BLOCK.format(name="a").removeprefix("```yaml\n").removesuffix("```\n"))
    script = (
        "import sys\n"
        "from spotlint.cli.main import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "finally:\n"
        "    sys.stderr.write('imported: %s\\n' % sorted(m for m in sys.modules if m in (\n"
        "        'spotlint.load.markdown', 'spotlint.load.embedded', 'spotlint.load.templated',\n"
        "        'spotlint.load.shell', 'spotlint.recognize.workloads',\n"
        "        'spotlint.recognize.heredocs', 'spotlint.recognize.embedding')))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, "check", "--force-exclude", str(pool)],
        capture_output=True, text=True, cwd=tmp_path, env=dict(os.environ), check=False,
    )
    assert "SL105" in run.stdout
    assert "imported: []" in run.stderr


def test_comment_suppressions_inside_blocks_and_strings(tmp_path: Path) -> None:
    block = POOL_BLOCK.format(name="a").replace(
        '          values: ["SPOT"]',
        '          # spotlint: ignore SL105 -- example\n          values: ["SPOT"]')
    guide(tmp_path, block)
    configmap = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\ndata:\n  pod.yaml: |\n"
                 "    apiVersion: v1\n    kind: Pod\n    spec:\n      nodeSelector:\n"
                 "        # spotlint: ignore SL105 -- legacy label\n"
                 "        karpenter.sh/capacity-type: SPOT\n")
    (tmp_path / "cm.yaml").write_text(configmap)
    result = lint([str(tmp_path)], Settings(root=str(tmp_path), select=["SL105"]))
    assert result.active == []
    assert sorted(os.path.basename(f.location.path) for f in result.findings) == [
        "cm.yaml", "guide.md"]


CHART_TEMPLATE = """apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: {{{{ .Release.Name }}}}
spec:
  type: Python
  sparkConf:
    spark.master: k8s://https://kubernetes.default.svc
    spark.dynamicAllocation.enabled: "true"
{extra}"""


def test_an_open_conf_silences_the_rules_about_unset_keys(tmp_path: Path) -> None:
    chart = tmp_path / "chart"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: c\nversion: 1.0.0\n")
    template = chart / "templates" / "app.yaml"
    codes = ["SL201", "SL207", "SL301", "SL302", "SL303"]
    template.write_text(CHART_TEMPLATE.format(extra=""))
    closed = lint([str(template)], Settings(root=str(tmp_path), select=codes))
    assert {f.code for f in closed.active} >= {"SL201", "SL302"}
    template.write_text(CHART_TEMPLATE.format(
        extra="    {{- range $k, $v := .Values.sparkConf }}\n    {{ $k }}: {{ $v | quote }}\n"
              "    {{- end }}\n"))
    opened = lint([str(template)], Settings(root=str(tmp_path), select=[*codes, "SL001"]))
    assert opened.active == []
