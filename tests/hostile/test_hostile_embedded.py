"""Hostile embedded documents: guides of fences, endless heredocs, nested substitutions.

Each case runs the CLI in a child process capped at 1 GiB of address space and
60 s, beside a known-bad canary file whose finding must still be reported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_support import add_canary, assert_canary, assert_clean_exit, check_json

POD = "kind: Pod\nspec: {containers: [{name: x}]}\n"

CASES: dict[str, Callable[[Path], None]] = {
    # a guide made of nothing but fences (500,000 empty blocks)
    "fences.md": lambda d: (d / "fences.md").write_text("spark.x\n" + "```\n" * 1_000_000),
    # more readable blocks than max-documents
    "blocks.md": lambda d: (d / "blocks.md").write_text(("```yaml\n" + POD + "```\n") * 20_000),
    # an unclosed fence whose body is one huge console transcript
    "console.md": lambda d: (d / "console.md").write_text(
        "```console\n$ spark-submit --conf spark.a=b x.py\n" + "output line\n" * 500_000),
    # a heredoc that never ends, read by kubectl
    "endless.sh": lambda d: (d / "endless.sh").write_text(
        "kubectl apply -f - <<EOF\n" + "apiVersion: v1\n" * 200_000),
    # backquotes within backquotes, far past the nesting the reader follows
    "nested.sh": lambda d: (d / "nested.sh").write_text(
        "X=$(" * 2_000 + "spark-submit --conf spark.a=b" + ")" * 2_000 + "\n"),
    # a ConfigMap value folded over 200,000 words (mapped word by word)
    "folded.yaml": lambda d: (d / "folded.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  spark.conf: >-\n"
        + "    spark.a b\n" * 200_000),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_embedded_documents_stay_bounded(name: str, tmp_path: Path) -> None:
    CASES[name](tmp_path)
    add_canary(tmp_path)
    run = check_json(tmp_path)
    assert_clean_exit(run)
    assert_canary(run)
    if name == "blocks.md":
        (error,) = [f for f in run.findings(name) if f["code"] == "SL001"]
        assert "max-documents=1000 embedded documents" in error["message"]
