"""The byte scan of a file never denies a role its record shows (spotlint.index.roles).

A lazy first run records only the files whose scan says they may matter: a scan
that says "cannot" where the record says "holds" would change findings. Held
here to the record of every file of the examples, the rule examples and (when
``../shared`` is present) the corpus: every pool, node class, handler,
ConfigMap template and link (pod-template reference, Terraform ``file()``,
``file://`` request) the record holds must be one the scan allows. Then the
spellings the scan must see through, one by one.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest

from spotlint.config.settings import Settings
from spotlint.index.names import may_name
from spotlint.index.records import build
from spotlint.index.roles import (
    ALL,
    ANY_LINKS,
    CONFIG_MAPS,
    HANDLERS,
    LINKS_ANY,
    NODE_CLASSES,
    PARTIAL,
    POOLS,
    may_link,
    module_text,
    request_links,
    scan,
)
from spotlint.load.discover import discover
from spotlint.plugins.manager import default_registry

REPO = Path(__file__).resolve().parents[2]
LIMIT = 10 * 1024 * 1024


def roles_of(record: dict[str, Any]) -> int:
    found = 0
    for key, role in (("pools", POOLS), ("node_classes", NODE_CLASSES),
                      ("handlers", HANDLERS), ("config_maps", CONFIG_MAPS)):
        if record.get(key):
            found |= role
    return found


def summary_of(
    root: Path, rel: str, texts: dict[str, bytes], handlers: bool = True
) -> dict[str, Any]:
    path = root / rel
    text = None
    if rel.endswith((".tf", ".tf.json", ".tfvars")):
        text = module_text(str(path.parent), texts)
    return scan(str(path), path.read_bytes(), LIMIT, text, handlers)


def without_handlers(summary: dict[str, Any]) -> dict[str, Any]:
    """What a scan without the handler needles says of a file: the same but the handler
    role (every role when the bytes cannot be read)."""
    if summary.get(PARTIAL) == ALL:
        return summary
    roles = summary.get(PARTIAL, 0) & ~HANDLERS
    if not roles and not summary.get("names") and "pieces" not in summary:
        return {}  # nothing else
    return {**summary, PARTIAL: roles}


def check_tree(root: Path) -> int:
    """Build and scan every candidate file under ``root``; return how many hold something."""
    settings = Settings(root=str(root))
    kinds = default_registry().kinds
    real_root = os.path.realpath(root)
    texts: dict[str, bytes] = {}
    holding = 0
    rels = [os.path.relpath(c.path, root).replace(os.sep, "/")
            for c in discover([str(root)], str(root))]
    # never in the index (read whole, as context or given)
    rels = [rel for rel in rels if not rel.endswith((".md", ".markdown"))]
    summaries = {rel: summary_of(root, rel, texts) for rel in rels}

    def content(path: str) -> dict[str, Any] | None:
        """As the index answers for a request file (spotlint.index.context)."""
        found = summaries.get(path)
        if found is not None and PARTIAL in found:
            return found
        return ANY_LINKS if found is not None or (root / path).exists() else None

    for rel in rels:
        record = build(str(root / rel), rel, real_root, settings, kinds)
        summary = summaries[rel]
        assert summary_of(root, rel, texts, handlers=False) == without_handlers(summary), rel
        if PARTIAL not in summary:  # may give others nothing: as its record must say
            assert summary == {} and not roles_of(record), rel
            assert not (record.get("refs") or record.get("reads") or record.get("sources"))
            continue
        roles = summary[PARTIAL]
        assert roles_of(record) & ~roles == 0, (rel, record, roles)
        for target in (*record.get("refs", ()), *record.get("reads", ()),
                       *record.get("sources", ())):
            assert may_link(summary, rel, target) or request_links(
                summary, rel, target, content), (rel, target, summary)
        for name, *_ in record.get("node_classes", ()):
            assert may_name(summary.get("words"), name,
                            [tuple(p) for p in summary.get("pieces", [])]), (rel, name)
        holding += bool(roles_of(record) or record.get("refs") or record.get("reads"))
    return holding


@pytest.mark.parametrize("tree", ["examples", "rules/examples", "tests"])
def test_scan_allows_every_role_the_records_hold(tree: str) -> None:
    assert check_tree(REPO / tree) >= 3


def test_scan_allows_every_role_of_the_corpus(corpus: Path) -> None:
    assert check_tree(corpus) > 100


def summary(text: str, name: str = "x.yaml", module: str | None = None) -> dict[str, Any]:
    data = (module if module is not None else text).encode()
    found = scan(name, data, LIMIT, module.encode() if module is not None else None)
    # {}: may give others nothing (stored as an empty record)
    return found or {PARTIAL: 0, "names": []}


NODE_POOL = "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: a}\n"
JOB = ("apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nspec:\n"
       "  sparkConf:\n    spark.kubernetes.driver.podTemplateFile: {target}\n")


def test_roles_from_what_kinds_match() -> None:
    assert summary(NODE_POOL)[PARTIAL] & POOLS
    # a label key mentioning Karpenter is no pool, node class or handler
    job = JOB.format(target="t.yaml") + (
        "    spark.kubernetes.node.selector.karpenter.sh/nodepool: a\n")
    assert summary(job)[PARTIAL] & (POOLS | NODE_CLASSES | HANDLERS) == 0
    # the karpenter-resources chart's values: a nodePool key
    assert summary("name: spark\nnodePool:\n  requirements: []\n")[PARTIAL] & POOLS
    assert summary("apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\n")[PARTIAL] & (
        NODE_CLASSES)
    # the Karpenter chart: as a release's chart, not as a namespace
    release = ("apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nspec:\n  chart:\n"
               "    spec: {{chart: {chart}}}\n  values: {{settings: {{}}}}\n# spark.\n")
    assert summary(release.format(chart="oci://public.ecr.aws/karpenter/karpenter"))[
        PARTIAL] & HANDLERS
    assert summary(release.format(chart="karpenter"))[PARTIAL] & HANDLERS
    namespaced = "metadata: {namespace: karpenter}\nspec: {sparkConf: {spark.x: y}}\n"
    assert not summary(namespaced)[PARTIAL] & HANDLERS
    assert summary("enableSpotInterruptionDraining: true\n# spark.\n")[PARTIAL] & HANDLERS
    assert summary("settings:\n  clusterName: c\n# spark.\n")[PARTIAL] & HANDLERS
    assert summary(JOB.format(target="t.yaml") + "# kind: ConfigMap\n")[PARTIAL] & CONFIG_MAPS


def test_escapes_and_continuations_hide_nothing() -> None:
    # an escape may spell any character: every role
    assert summary('{"apiVersion": "karpenter\\u002esh/v1", "spark.x": 1}', "x.json")[
        PARTIAL] == ALL
    # "\/" and a line continuation inside a double-quoted scalar
    assert summary('{"apiVersion": "karpenter.sh\\/v1", "spark.x": 1}', "x.json")[
        PARTIAL] & POOLS
    assert summary('apiVersion: "karpenter.\\\n  sh/v1"\nkind: NodePool\n# spark.\n')[
        PARTIAL] & POOLS
    wide = ("\ufeff" + NODE_POOL).encode("utf-16-le")  # UTF-16: bytes checks cannot read it
    assert scan("x.yaml", wide, LIMIT)[PARTIAL] == ALL


def test_links_by_name_as_the_linker_resolves_them() -> None:
    job = summary(JOB.format(target="../templates/driver.yaml"), "jobs/a.yaml")
    assert may_link(job, "jobs/a.yaml", "templates/driver.yaml")
    assert not may_link(job, "jobs/a.yaml", "jobs/templates/driver.yaml")
    assert not may_link(job, "jobs/a.yaml", "templates/executor.yaml")
    # from the root, too
    root_relative = summary(JOB.format(target="templates/driver.yaml"), "jobs/a.yaml")
    assert may_link(root_relative, "jobs/a.yaml", "templates/driver.yaml")
    assert may_link(root_relative, "jobs/a.yaml", "jobs/templates/driver.yaml")
    # a shell word in quoted pieces; an absolute path may lead anywhere
    script = summary("spark-submit --conf spark.kubernetes.driver.podTemplateFile="
                     "'templ'\"ates\"/dri'ver.yaml'\n", "run.sh")
    assert may_link(script, "run.sh", "templates/driver.yaml")
    absolute = summary(JOB.format(target="/opt/t/driver.yaml"), "jobs/a.yaml")
    assert may_link(absolute, "jobs/a.yaml", "elsewhere/driver.yaml")
    # a URL is remote
    remote = summary(JOB.format(target="s3://bucket/t/driver.yaml"), "jobs/a.yaml")
    assert not may_link(remote, "jobs/a.yaml", "t/driver.yaml")
    # a file:// request names itself, and what the request file's text names (from either
    # file's directory, or the root); an unknown request file may name anything
    request = summary("aws emr-containers start-job-run --cli-input-json file://r.json\n",
                      "jobs/run.sh")
    assert not request[PARTIAL] & LINKS_ANY and request["requests"] == ["r.json"]
    assert may_link(request, "jobs/run.sh", "jobs/r.json")
    assert not may_link(request, "jobs/run.sh", "any/where.json")
    named = summary(JOB.format(target="../t/driver.yaml"), "jobs/r.json")
    files = {"jobs/r.json": named}
    assert request_links(request, "jobs/run.sh", "t/driver.yaml", files.get)
    assert not request_links(request, "jobs/run.sh", "t/executor.yaml", files.get)
    assert not request_links(request, "jobs/run.sh", "t/executor.yaml", lambda path: None)
    assert request_links(request, "jobs/run.sh", "t/executor.yaml", lambda path: ANY_LINKS)
    # a name computed, absolute, globbed, empty or in quoted pieces may be any file
    for word in ("file://$REQ", "file:///opt/r.json", 'file://r".json"', "file://r*.json",
                 "file://", "file://r.json\\\n", "file://r\x00.json", "file://r\x01.json"):
        found = summary(f"aws emr-containers start-job-run --cli-input-json {word}\n", "run.sh")
        assert found[PARTIAL] & LINKS_ANY, word
    # a whole quoted word (a container's arguments)
    assert summary('args: ["--cli-input-json", "file://r.json"]\n# spark.\n', "j.yaml")[
        "requests"] == ["r.json"]
    # no podTemplateFile key and no file://: links to nothing
    assert not may_link(summary("spark-submit --conf spark.x=driver.yaml\n", "run.sh"),
                        "run.sh", "driver.yaml")
    # a name the scan does not collect is assumed referenced
    assert may_link(job, "jobs/a.yaml", "templates/Dockerfile")


def test_the_template_key_in_quoted_pieces_is_found_as_without_its_quotes() -> None:
    """A job names a template under ``podTemplateFile``, perhaps spelt in quoted pieces
    of a shell word: the key counts when the text without quotes holds it."""
    rng = random.Random(7)
    key = "podTemplateFile"
    for _ in range(3000):
        pieces = []
        for char in key:
            if rng.random() < 0.15:
                pieces.append(rng.choice(["'", '"', "''", "x", " ", "\n"]))
            pieces.append(char if rng.random() > 0.03 else char.swapcase())
        text = "spark-submit --conf spark.kubernetes.driver." + "".join(pieces) + "=t.yaml\n"
        names = key in text.replace("'", "").replace('"', "")
        assert bool(summary(text, "run.sh")["names"]) == names, text


def test_words_are_split_and_lowercased_in_one_pass() -> None:
    """The words' table blanks every separator and lowercases as bytes.lower does."""
    from spotlint.index.roles import _SEPARATING

    separators = b"/\\\"'`=:,;(){}[]<>|&*?$"
    for value in range(256):
        byte = bytes([value])
        expected = b" " if byte in separators else byte.lower()
        assert byte.translate(_SEPARATING) == expected, byte


def test_terraform_names_whole_or_in_pieces() -> None:
    literal = ('resource "helm_release" "spark" {\n  values = [file("${path.module}/v.yaml")]'
               '\n  name = "${local.name}-spark" # spark.\n}\n')
    found = summary("", "m/main.tf", literal)
    assert may_link(found, "m/main.tf", "m/v.yaml")
    assert not may_link(found, "m/main.tf", "m/other.yaml")  # "-spark" ends no such name
    composed = literal.replace("/v.yaml", "/${var.kind}-values.yaml")
    found = summary("", "m/main.tf", composed)
    assert may_link(found, "m/main.tf", "m/driver-values.yaml")
    assert not may_link(found, "m/main.tf", "m/driver.yaml")
    through_a_local = literal.replace('file("${path.module}/v.yaml")', "file(local.values)")
    through_a_local += 'locals {\n  values = "${path.module}/sub/${local.n}"\n  n = "x.yaml"\n}\n'
    found = summary("", "m/main.tf", through_a_local)
    assert may_link(found, "m/main.tf", "m/sub/x.yaml")
    assert not may_link(found, "m/main.tf", "m/sub/y.yaml")
    # node classes: a name spelt whole, or built around an interpolation
    classes = ('resource "kubectl_manifest" "c" {\n  yaml_body = yamlencode({apiVersion = '
               '"karpenter.k8s.aws/v1", kind = "EC2NodeClass", metadata = {name = '
               '"${local.name}-nodes"}})\n}\n# spark.\n')
    found = summary("", "m/main.tf", classes)
    assert found[PARTIAL] & NODE_CLASSES
    pieces = [tuple(p) for p in found["pieces"]]
    assert may_name(found["words"], "team-a-nodes", pieces)
    assert not may_name(found["words"], "default", pieces)


def test_node_class_names_are_words_of_the_file() -> None:
    found = summary("apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\n"
                    "metadata:\n  name: spark-nvme\n")
    assert may_name(found["words"], "spark-nvme")
    assert not may_name(found["words"], "default")
    assert may_name(found["words"], "<unnamed>")  # no name: not spelt in the file


def test_each_spelling_of_a_text_is_searched_once() -> None:
    """The text and its copies with continuations joined and ``\\/`` unescaped are
    searched; a copy equal to one already there is not searched again, and no
    different copy is left out."""
    from spotlint.index.roles import _CONTINUATION, _CONTINUATION_INDENT, _variants

    rng = random.Random(5)
    pieces = [b"\\", b"\\\n", b"\\\r\n", b"\\/", b"\n", b"  ", b"/", b"a", b"karpenter.sh"]
    for _ in range(3000):
        text = b"".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        expected = {text}
        if b"\\" in text:
            expected |= {_CONTINUATION.sub(b"", text).replace(b"\\/", b"/"),
                         _CONTINUATION_INDENT.sub(b"", text)}
        found = _variants(text)
        assert found is not None and found[0] == text, text
        assert len(found) == len(set(found)) and set(found) == expected, text
