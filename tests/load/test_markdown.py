"""Markdown guides: fenced blocks found, read as their format, positioned in the ``.md`` file."""

from __future__ import annotations

from spotlint.load.base import Limits
from spotlint.load.files import format_of, load_text
from spotlint.load.markdown import blocks, comments, has_fence, split_body

NODEPOOL = """\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: p
spec:
  template:
    spec:
      requirements:
        - key: karpenter.sh/capacity-type
          operator: In
          values: ["spot"]
"""


def load(text: str) -> list[tuple[str, str]]:
    loaded = load_text("guide.md", text, Limits(), "markdown")
    assert loaded.fmt == "markdown" and loaded.documents == []
    return [(p.fmt, getattr(p, "inner", "")) for p in loaded.embedded]


def test_markdown_files_are_markdown() -> None:
    assert format_of("docs/Guide.MD") == "markdown" and format_of("x.markdown") == "markdown"
    assert has_fence(b"a\n```yaml\n") and has_fence(b"~~~\n") and not has_fence(b"# title\n")


def test_fences_tags_and_bodies() -> None:
    text = (
        "# t\n\n```YAML title=pool.yaml\na: 1\n```\n\n~~~~ {.json}\n{}\n~~~ \n~~~~\n\n"
        "``` js `not a fence`\n```\n"
    )
    found = blocks(text)
    assert [(b.tag, b.first, b.last) for b in found] == [
        ("yaml", 3, 5), ("json", 7, 10), ("", 13, 13)]
    assert [text[a:b] for a, b in found[1].lines(text)] == ["{}", "~~~ "]


def test_an_unclosed_fence_runs_to_the_end() -> None:
    found = blocks("```yaml\na: 1\nb: 2\n")
    assert len(found) == 1 and found[0].last == 3 and found[0].body_end == 18


def test_readable_blocks_become_documents_in_the_guide() -> None:
    text = "# Pool\n\n```yaml\n" + NODEPOOL + "```\n\n```python\nprint('spark.x')\n```\n"
    loaded = load_text("guide.md", text, Limits(), "markdown")
    assert loaded.self_contained
    (piece,) = loaded.embedded
    assert piece.fmt == "yaml" and piece.path == "guide.md"
    doc = piece.documents[0]
    assert doc.loc.line == 4
    key = doc.path("spec", "template", "spec", "requirements")
    assert key is not None and key.loc.line == 12


def test_list_item_indentation_is_removed_and_columns_kept() -> None:
    indented = "".join("   " + line + "\n" for line in NODEPOOL.splitlines())
    text = "1. Apply:\n\n   ```yaml\n" + indented + "   ```\n"
    loaded = load_text("guide.md", text, Limits(), "markdown")
    (piece,) = loaded.embedded
    name = piece.documents[0].path("metadata", "name")
    assert name is not None and (name.loc.line, name.loc.col) == (7, 12)  # the guide's columns
    assert getattr(piece, "inner", "").startswith("apiVersion:")  # the list's indent removed


def test_irrelevant_and_empty_blocks_are_skipped() -> None:
    text = "```yaml\napiVersion: v1\nkind: Service\n```\n```yaml\n```\n```json\n{\"a\": 1}\n```\n"
    assert load(text) == []


def test_console_keeps_commands_without_prompts_and_drops_output() -> None:
    text = (
        "```console\n"
        "$ spark-submit \\\n"
        ">   --conf spark.a=b \\\n"
        "    --conf spark.c=d app.py\n"
        "Pi is roughly 3.14\n"
        "$ cat <<EOF > spark-defaults.conf\n"
        "> spark.x true\n"
        "> EOF\n"
        "done\n"
        "```\n"
    )
    ((fmt, inner),) = load(text)
    assert fmt == "shell"
    assert inner == (
        "spark-submit \\\n  --conf spark.a=b \\\n    --conf spark.c=d app.py\n"
        "cat <<EOF > spark-defaults.conf\nspark.x true\nEOF\n"
    )


def test_shell_blocks_with_prompts_are_read_as_console() -> None:
    text = "```bash\n# submit it\n$ spark-submit --conf spark.a=b x.py\noutput\n```\n"
    ((fmt, inner),) = load(text)
    assert (fmt, inner) == ("shell", "spark-submit --conf spark.a=b x.py\n")


def test_a_broken_relevant_block_keeps_its_error_in_the_guide() -> None:
    text = "intro\n\n```yaml\nkind: Pod\nspec: [unclosed\n```\n"
    loaded = load_text("guide.md", text, Limits(), "markdown")
    (piece,) = loaded.embedded
    assert piece.errors and piece.errors[0].line == 6 and loaded.errors == []


def test_suppression_comments_cover_the_next_block() -> None:
    text = (
        "<!-- spotlint: ignore SL105, invalid-capacity-value the guide shows the mistake -->\n"
        "\n"
        "```yaml\na: 1\n```\n"
        "<!-- spotlint: ignore SL201 -->\n"
        "Some prose.\n"
        "```yaml\nb: 1\n```\n"
        "<!-- spotlint: ignore-file until=2030-01-01 -- examples only -->\n"
        "```yaml\n<!-- spotlint: ignore SL999 -->\n```\n"
    )
    found = comments(text)
    assert [(c.line, c.scope, c.selectors, c.first, c.last) for c in found] == [
        (1, "block", ("SL105", "invalid-capacity-value"), 3, 5),
        (6, "block", ("SL201",), 7, 7),
        (11, "file", (), 1, 14),
    ]
    assert found[0].reason == "the guide shows the mistake"
    assert (found[2].until, found[2].reason) == ("2030-01-01", "examples only")


def test_split_body_reads_codes_then_reason() -> None:
    assert split_body(" SL101 driver-on-spot  demo only ") == (
        ("SL101", "driver-on-spot"), "", "demo only")
    assert split_body("") == ((), "", "")
