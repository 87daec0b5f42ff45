"""Templated YAML and JSON: placeholders neutralized, values unknown, Helm blocks open."""

from __future__ import annotations

from pathlib import Path

import pytest

from spotlint.load.base import Limits
from spotlint.load.files import load_text
from spotlint.load.templated import in_chart_templates, neutralize, neutralize_json, templated
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Node


def doc_of(text: str, path: str = "f.yaml") -> Node:
    loaded = load_yaml_text(path, text, Limits())
    assert loaded.errors == [], loaded.errors
    return loaded.documents[0]


def test_neutralizing_keeps_every_position() -> None:
    text = "a: {X}-b\nc: <<bucket>>\nd: ${Y}\n  {{- range .Values.x }}\ne: {{ .Values.e }}\n"
    neutral, directives = neutralize(text)
    assert len(neutral) == len(text)
    assert [i for i, (a, b) in enumerate(zip(text, neutral, strict=True)) if a == "\n"] == [
        i for i, ch in enumerate(neutral) if ch == "\n"]
    assert [(d.line, d.indent, d.adds_content) for d in directives] == [(4, 2, True)]
    assert templated(text) and not templated("a: b\n")


def test_sed_placeholders_are_unknown_values_with_their_written_text() -> None:
    doc = doc_of("region: {REGION}\nname: {CLUSTER}-spot\nlabels: {team: a}\nb: s3://<<bucket>>\n")
    region, name, labels, bucket = (doc.get(k) for k in ("region", "name", "labels", "b"))
    assert region is not None and (region.value, region.unknown) == ("{REGION}", True)
    assert name is not None and (name.value, name.unknown) == ("{CLUSTER}-spot", True)
    assert labels is not None and labels.plain() == {"team": "a"} and not labels.unknown
    assert bucket is not None and (bucket.value, bucket.unknown) == ("s3://<<bucket>>", True)


def test_a_lone_sed_placeholder_is_a_value_even_when_the_file_parses() -> None:
    doc = doc_of("zone: {ZONE}\nlabels: {a: b}\n")
    zone = doc.get("zone")
    assert zone is not None and zone.is_scalar and zone.unknown and zone.value == "{ZONE}"


def test_a_placeholder_key_makes_its_mapping_open() -> None:
    doc = doc_of("sparkConf:\n  ${KEY}: v\n  spark.a: b\n")
    conf = doc.get("sparkConf")
    assert conf is not None and conf.unknown and conf.get("spark.a") is not None


def test_template_actions_that_add_keys_open_their_mapping() -> None:
    doc = doc_of(
        "spec:\n"
        "  sparkConf:\n"
        "    spark.a: \"1\"\n"
        "    {{- range $k, $v := .Values.sparkConf }}\n"
        "    {{ $k }}: {{ $v | quote }}\n"
        "    {{- end }}\n"
        "  driver:\n"
        "    {{- toYaml .Values.driver | nindent 4 }}\n"
        "  executor:\n"
        "    {{- if .Values.big }}\n"
        "    cores: 4\n"
        "    {{- end }}\n"
    )
    spec = doc.get("spec")
    assert spec is not None and not spec.unknown
    conf, driver, executor = (spec.get(k) for k in ("sparkConf", "driver", "executor"))
    assert conf is not None and conf.unknown
    assert driver is not None and driver.is_map and driver.unknown
    assert executor is not None and not executor.unknown  # if/end adds nothing unseen


def test_entries_are_at_their_keys_and_dashes() -> None:
    """What directives are judged against: each mapping entry at its key's line and
    indentation, each item at its dash's; plain keys are read without their nodes."""
    from spotlint.load.templated import _entries

    text = "a:\n  b: 1\n  'c':\n    - d\n    - e: f\n      g: [h]\n"
    docs = load_yaml_text("t.yaml", text, Limits()).documents
    found = sorted((line, indent, name) for line, indent, _, name, _ in _entries(docs))
    assert found == [(1, 0, "a"), (2, 2, "b"), (3, 2, "c"), (4, 4, None), (5, 4, None),
                     (5, 6, "e"), (6, 6, "g"), (6, 8, None)]
    b = docs[0].path("a", "b")
    assert b is not None and b._key is None  # its key node was not made


def test_templated_json() -> None:
    text = '{"releaseLabel": "emr-6.9.0", "n": {N}, "b": <<bucket>>, "s": "{X}"}'
    neutral = '{"releaseLabel": "emr-6.9.0", "n": "X", "b": "$XXXXXXX", "s": "{X}"}'
    assert neutralize_json(text) == neutral
    loaded = load_text("r.json", text, Limits(), "json")
    assert loaded.errors == [] and loaded.templated
    values = {k: (v.value, v.unknown) for k, v in loaded.documents[0].items()}
    assert values == {"releaseLabel": ("emr-6.9.0", False), "n": ("{N}", True),
                      "b": ("<<bucket>>", True), "s": ("{X}", True)}


def test_broken_json_without_placeholders_is_still_an_error() -> None:
    loaded = load_text("r.json", '{"a": 1,}', Limits(), "json")
    assert loaded.errors and not loaded.documents


HELM_BROKEN = (
    "apiVersion: sparkoperator.k8s.io/v1beta2\n"
    "kind: SparkApplication\n"
    "{{ if .Values.x }}metadata: {name: a}{{ else }}metadata:\n"
    "  name: b\n{{ end }}\n"
    "spec: {{ .Values.spec | toJson }} {\n"
)


def test_chart_templates_never_give_a_parse_error(tmp_path: Path) -> None:
    chart = tmp_path / "chart"
    (chart / "templates" / "sub").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: c\nversion: 1.0.0\n")
    inside = chart / "templates" / "sub" / "app.yaml"
    assert in_chart_templates(str(inside)) and not in_chart_templates(str(tmp_path / "app.yaml"))
    loaded = load_yaml_text(str(inside), HELM_BROKEN, Limits())
    assert loaded.errors == [] and loaded.templated
    outside = load_yaml_text(str(tmp_path / "app.yaml"), HELM_BROKEN, Limits())
    assert outside.errors  # not a chart: a broken template is reported


@pytest.mark.parametrize("line", ["{{ $x := 1 }}", "{{/* a comment */}}", "{{- else }}"])
def test_quiet_actions_add_nothing(line: str) -> None:
    _, directives = neutralize("a:\n  " + line + "\n  b: 1\n")
    assert [d.adds_content for d in directives] == [False]
