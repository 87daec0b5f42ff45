"""Project files cite public sources, never the product notes that are not part of the repository.

Readers of the code, the docs and the README cannot open the design notes the
project was planned with; a citation must be a public page (AWS, Spark,
Karpenter, GitHub docs) or a plain sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: The notes' file names, spelled so this file does not match itself.
PRIVATE = re.compile(r"\b(?:" + "|".join(("RULES", "REFERENCE", "ANCHORS", "DESIGN")) + r")\.md\b")
SCANNED = ("spotlint", "rules", "docs", "scripts", "bench", "schemas", "README.md", "action.yml")


def _files() -> list[Path]:
    found: list[Path] = []
    for name in SCANNED:
        top = REPO / name
        found.extend([top] if top.is_file() else [p for p in top.rglob("*") if p.is_file()])
    return [p for p in found if "__pycache__" not in p.parts and p.suffix != ".pyc"]


def test_no_file_cites_the_private_notes() -> None:
    cited = []
    for path in _files():
        try:
            text = path.read_text("utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        cited += [f"{path.relative_to(REPO)}: {m.group(0)}" for m in PRIVATE.finditer(text)]
    assert cited == []


def test_the_pattern_finds_a_citation() -> None:
    assert PRIVATE.search("see " + "REFERENCE" + ".md §3") is not None
    assert PRIVATE.search("see docs/rules.md") is None
