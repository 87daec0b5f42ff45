"""The byte scan of Terraform modules: comment lines left out, node classes by kind and group.

The scan (``spotlint.index.roles``) reads a Terraform module's text without the
lines that hold only a comment (modules mention ``karpenter`` or ``file(`` in
comments far more often than in code: each made a module a candidate to parse
on a first run). Dropping a line is exact only if the HCL reader sees nothing
else there: blanking those lines (spaces, so offsets stay) must leave every
syntax tree as it was, on every Terraform file of the examples, rule examples,
test fixtures and (when present) ``../shared/corpus``, on snippets built to
trip it (heredocs holding ``#`` lines, markers spelt in comments and strings,
block comments ended on a ``#`` line), and on damaged copies of all of them.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
from support.shapes import shape

from spotlint.index.roles import (
    HANDLERS,
    NODE_CLASSES,
    PARTIAL,
    POOLS,
    comment_lines,
    module_text,
    scan,
    terraform_code,
)
from spotlint.load import hcl
from spotlint.load.base import Limits

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
LIMIT = 10 * 1024 * 1024

SNIPPETS = [
    '# karpenter\nresource "a" "b" {\n  // termination\n  x = 1 # end of line\n}\n',
    'a = <<EOT\n# a YAML comment, text here\n  // text\nEOT\n# gone\n',
    'a = <<-EOT\n  key: |\n    # block scalar text\n  EOT\n',
    'a = <<EOT\nb = <<INNER\nEOT\n# text of INNER? no: a comment after EOT\nINNER\n# c\n',
    '# <<EOT a marker in a comment\nb = 1\n# c\nEOT\n# d\n',
    'a = "<<EOT"\n# c\nb = <<EOT\n# text\nEOT\n',
    '/*\n# inside */ resource "helm_release" "k" { chart = "karpenter" }\n',
    '/*\n# all comment\n*/\na = 1\n',
    'a = [for x in y :\n  # it\'s "quoted\n  x]\n',
    'a = "${\n  # comment in an interpolation\n  b}"\n',
    'a = 1\r# after a lone CR\rb = 2\r\n# c\r\n',
    'a = <<EOT\r\n# text\r\nEOT\r\n# c\r\n',
    '\t# tab first\n  // slashes\nx = 1 // end\n',
    'a = <<EOT\n  EOT is not the end with text after EOT x\n# text\n  EOT\n',
    'a = <<eot\n# text\nEOT\n# still text: the marker is case-sensitive\neot\n',
    # a marker in a comment whose end falls inside a real heredoc opened meanwhile
    '# see <<FOO\nx = <<EOT\nFOO\n# real heredoc text\nEOT\n# c\n',
]


def _terraform_files() -> list[Path]:
    roots = [REPO / "examples", REPO / "rules" / "examples", REPO / "tests", SHARED / "corpus"]
    return [p for root in roots if root.is_dir() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name.lower().endswith((".tf", ".tfvars"))]


def _tree(text: str) -> Any:
    try:
        return shape(hcl.parse(text, Limits()))
    except (hcl.HclError, RecursionError):
        return None  # a file that does not parse gives nothing, whatever the scan says


def _blanked(data: bytes) -> str:
    """The text with its comment lines as spaces, one a character (offsets kept)."""
    parts: list[str] = []
    at = 0
    for begin, end in comment_lines(data):
        parts.append(data[at:begin].decode("utf-8", "replace"))
        parts.append(" " * len(data[begin:end].decode("utf-8", "replace")))
        at = end
    parts.append(data[at:].decode("utf-8", "replace"))
    return "".join(parts)


def _variants(data: bytes, seed: int) -> list[bytes]:
    """The text, and damaged copies (cut, a line dropped, a marker or quote put in)."""
    rng = random.Random(seed)
    found = [data]
    lines = data.split(b"\n")
    for _ in range(3):
        if len(data) > 2:
            found.append(data[:rng.randrange(1, len(data))])
        if len(lines) > 2:
            at = rng.randrange(len(lines))
            found.append(b"\n".join(lines[:at] + lines[at + 1:]))
            token = rng.choice([b"<<EOT\n", b'"', b"EOT\n", b"/*", b"*/", b"# ", b"${"])
            found.append(b"\n".join([*lines[:at], token + lines[at], *lines[at + 1:]]))
    return found


def _check(data: bytes) -> int:
    """Blanking the comment lines of ``data`` keeps its tree; returns the lines blanked."""
    text = data.decode("utf-8", "replace")
    blanked = _blanked(data)
    before = _tree(text)
    if before is not None:
        assert _tree(blanked) == before, data[:300]
    return len(comment_lines(data))


def test_blanking_comment_lines_keeps_every_snippet_tree() -> None:
    dropped = 0
    for index, snippet in enumerate(SNIPPETS):
        for variant in _variants(snippet.encode(), index):
            dropped += _check(variant)
    assert dropped > 20


def test_blanking_comment_lines_keeps_every_file_tree() -> None:
    files = _terraform_files()
    assert len(files) >= 20, "the examples and fixtures hold Terraform files"
    dropped = 0
    for index, path in enumerate(files):
        for variant in _variants(path.read_bytes(), index):
            dropped += _check(variant)
    assert dropped > 50


def test_what_stays_and_what_goes() -> None:
    text = (b'# karpenter\nx = 1 # karpenter\ny = <<EOT\n# karpenter\nEOT\n'
            b'/*\n# c */ z = 2\n')
    kept = terraform_code(text)
    assert kept.count(b"karpenter") == 2  # the end-of-line comment and the heredoc's line
    assert b"z = 2" in kept
    assert terraform_code(b"a = 1\n") == b"a = 1\n"


def _roles(text: str, name: str = "m/main.tf") -> int:
    """The roles of a Terraform file that is its module's only file."""
    found = scan(name, text.encode(), LIMIT)
    return int(found.get(PARTIAL, 0))


def test_a_module_is_read_without_its_comment_lines(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text("# karpenter\nlocals {}\n")
    (tmp_path / "vars.tfvars").write_text("// termination\na = 1\n")
    (tmp_path / "x.tf.json").write_text('{"locals": {}}\n')
    text = module_text(str(tmp_path), {})
    assert b"karpenter" not in text and b"termination" not in text and b"locals" in text
    assert int(scan(str(tmp_path / "main.tf"), b"", LIMIT, text).get(PARTIAL, 0)) == 0
    (tmp_path / "x.tf.json").write_text('{"locals": {"a": "# karpenter"}}\n')
    assert b"karpenter" in module_text(str(tmp_path), {})  # JSON: no comments


def test_a_mention_in_a_comment_is_no_role() -> None:
    release = 'resource "helm_release" "k" {\n  chart = "karpenter"\n}\n'
    assert _roles(release) & HANDLERS and _roles(release) & POOLS
    commented = "".join(f"# {line}\n" for line in release.splitlines())
    assert _roles(commented) == 0
    assert _roles("// karpenter controller, port 8443\nlocals {}\n") == 0
    # in a heredoc, a line starting with '#' is text (it may be YAML's or a script's)
    heredoc = 'locals {\n  v = <<EOT\n# karpenter\nEOT\n}\n'
    assert _roles(heredoc) & HANDLERS
    # JSON syntax has no comments: its text is scanned whole
    json_text = '{"locals": {"a": "# karpenter"}}\n'
    assert _roles(json_text, "m/main.tf.json") & HANDLERS


NODE_POOL = (
    'resource "kubectl_manifest" "p" {\n  yaml_body = <<-YAML\n    apiVersion: karpenter.sh/v1\n'
    '    kind: NodePool\n    spec:\n      template:\n        spec:\n          nodeClassRef:\n'
    '            group: karpenter.k8s.aws\n            kind: EC2NodeClass\n'
    '            name: default\n          requirements:\n'
    '            - key: karpenter.k8s.aws/instance-family\n  YAML\n}\n'
)
RESOURCES_CHART = (
    'module "addons" {\n  karpenter_resources_helm_config = {\n    a = {\n      values = [<<-EOT\n'
    '        name: a\n        ec2NodeClass:\n          amiFamily: AL2023\n        nodePool:\n'
    '          requirements:\n            - key: "karpenter.k8s.aws/instance-category"\n'
    '      EOT\n      ]\n    }\n  }\n}\n'
)


def test_node_classes_by_kind_and_group() -> None:
    # a v1 NodePool names its class's group and kind: it may be one (conservative)
    assert _roles(NODE_POOL) & NODE_CLASSES
    # the karpenter-resources chart's ec2NodeClass values and requirement keys are not
    assert not _roles(RESOURCES_CHART) & NODE_CLASSES
    assert _roles(RESOURCES_CHART) & POOLS
    # a class whose apiVersion is spelt whole, or joined from its group and version
    whole = ('resource "kubernetes_manifest" "c" {\n  manifest = {\n    apiVersion = '
             '"karpenter.k8s.aws/v1"\n    kind = "EC2NodeClass"\n  }\n}\n')
    assert _roles(whole) & NODE_CLASSES
    joined = whole.replace('"karpenter.k8s.aws/v1"', '"${local.group}/v1"') + (
        'locals {\n  group = "karpenter.k8s.aws"\n}\n')
    assert _roles(joined) & NODE_CLASSES
    versioned = whole.replace("/v1", "/${var.version}")
    assert _roles(versioned) & NODE_CLASSES
    old = whole.replace("EC2NodeClass", "AWSNodeTemplate").replace("/v1", "/v1alpha1")
    assert _roles(old) & NODE_CLASSES
    # the kind without the group, or the group only in label keys: no node class
    assert not _roles(whole.replace("karpenter.k8s.aws/v1", "example.com/v1")) & NODE_CLASSES
    labels = whole.replace('"karpenter.k8s.aws/v1"', '"karpenter.k8s.aws/instance-family"')
    assert not _roles(labels) & NODE_CLASSES


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_terraform_code_drops_exactly_the_comment_lines(snippet: str) -> None:
    data = snippet.encode()
    kept = terraform_code(data)
    removed = sum(end - begin for begin, end in comment_lines(data))
    assert len(kept) == len(data) - removed


def test_comment_lines_are_found_as_a_line_anchored_search_finds_them() -> None:
    """The comment lines are searched for after each line break (and at the start), not
    by a pattern anchored at every line's start: the same spans, in order, on texts made
    of the pieces that decide it (breaks of every kind, blanks, ``#``, ``/``)."""
    from spotlint.index.roles import _comment_line_spans

    anchored = re.compile(rb"(?m)^[ \t]*(?:#|//)[^\r\n]*")
    rng = random.Random(11)
    pieces = [b"\n", b"\r\n", b"\r", b" ", b"\t", b"#", b"/", b"//", b"x", b"a = 1", b"*/"]
    texts = [snippet.encode() for snippet in SNIPPETS]
    texts += [b"".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40)))
              for _ in range(3000)]
    for text in texts:
        assert _comment_line_spans(text) == [m.span() for m in anchored.finditer(text)], text


def _without_spans(data: bytes) -> bytes:
    """The text without the spans :func:`comment_lines` finds, cut out one by one (what
    :func:`terraform_code` did before it dropped them by substitution)."""
    kept: list[bytes] = []
    at = 0
    for begin, end in comment_lines(data):
        kept.append(data[at:begin])
        at = end
    kept.append(data[at:])
    return b"".join(kept)


#: What the scan's Terraform helpers were, before they took their shortcuts: references.
_OLD_LINK_AT = re.compile(rb"file\(\s*|podtemplatefile[\"']?\s*[=:]\s*")
_OLD_LITERAL = re.compile(rb'"(?:[^"\\$%]|\\.|\$(?!\{)|%(?!\{)|\$\{[^}"]*\})*"')


def _old_heredoc_end(data: bytes, opening: re.Match[bytes]) -> int:
    marker = re.escape(opening.group(1))
    closing = re.compile(rb"(?m)^[ \t]*" + marker + rb"[ \t]*\r?$").search(data, opening.end())
    return closing.end() if closing is not None else len(data)


def _old_literal_links(text: bytes) -> bool:
    for found in _OLD_LINK_AT.finditer(text):
        literal = _OLD_LITERAL.match(text, found.end())
        if literal is None:
            return False
        for inner in re.findall(rb"\$\{([^}\"]*)\}", literal.group()):
            if inner.strip() not in (b"path.module", b"path.root", b"path.cwd"):
                return False
    return True


def _old_pieces(text: bytes) -> set[tuple[str | None, str | None]]:
    found: set[tuple[str | None, str | None]] = set()
    at = text.find(b"${")
    while at >= 0:
        depth, end = 0, at + 2
        while True:
            brace = re.compile(rb"[{}]").search(text, end)
            if brace is None:
                end = len(text)
                break
            end = brace.start()
            if text[end] == ord("}"):
                if depth == 0:
                    break
                depth -= 1
            else:
                depth += 1
            end += 1
        head = re.compile(rb"[^\"/\s}$]*").match(text[max(0, at - 300):at][::-1])
        tail = re.compile(rb"[^\"/\s$]*").match(text, end + 1)
        before = head.group()[::-1] if head else b""
        after = tail.group() if tail else b""
        opened = at - len(before) - 1
        closed = end + 1 + len(after)
        starts = opened < 0 or text[opened] in b"\"/ \t\r\n"
        ends = closed >= len(text) or text[closed] in b"\"/ \t\r\n"
        if not (starts and ends and not before and not after):
            found.add((before.decode("ascii", "replace") if starts else None,
                       after.decode("ascii", "replace") if ends else None))
        at = text.find(b"${", end)
    return found


def test_the_scans_shortcuts_find_what_the_plain_searches_found() -> None:
    """Comment lines dropped by substitution, heredoc ends searched after a line break,
    interpolations' braces and neighbours found without a search when plain, the links'
    two words searched apart: the same as before on every Terraform file and snippet,
    their damaged copies, and texts made of the pieces that decide them."""
    from spotlint.index.roles import _TF_HEREDOC, _TF_LITERAL, _heredoc_end, _literal_links, _pieces

    texts = [variant for index, path in enumerate(_terraform_files())
             for variant in _variants(path.read_bytes(), index)]
    texts += [variant for index, snippet in enumerate(SNIPPETS)
              for variant in _variants(snippet.encode(), index)]
    texts += [text.lower() for text in texts]
    rng = random.Random(23)
    pieces = [b"\n", b"\r\n", b"\r", b" ", b"\t", b"#", b"/", b"//", b"*", b"*/", b"/*", b"x",
              b"a = 1", b"<<EOT\n", b"<<-EOT\r\n", b"<<EOT\r", b"EOT", b"EOT\n", b"  EOT\n",
              b"${", b"}", b"{", b'"', b"-", b"x.yaml", b"file(", b"podtemplatefile", b"=",
              b":", b"'", b"path.module", b"$", b"%", b"%{", b"\\", b'\\"', b"}$"]
    texts += [b"".join(rng.choice(pieces) for _ in range(rng.randrange(1, 50)))
              for _ in range(6000)]
    dropped = 0
    for text in texts:
        kept = terraform_code(text)
        assert kept == _without_spans(text), text
        dropped += len(text) - len(kept)
        for opening in _TF_HEREDOC.finditer(text):
            assert _heredoc_end(text, opening) == _old_heredoc_end(text, opening), text
        assert _pieces([text]) == _old_pieces(text), text
        assert _literal_links(text) == _old_literal_links(text), text
        for at in range(len(text)):
            if text[at] == ord('"'):
                old, new = _OLD_LITERAL.match(text, at), _TF_LITERAL.match(text, at)
                assert (old and old.span()) == (new and new.span()), text
    assert dropped > 10_000
