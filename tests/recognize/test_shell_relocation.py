"""A JSON argument's nodes are moved to where their text is in the script, exactly as
the decoded text's line table, the word's offsets and the script's positions say.

The mover reads those tables itself (one function per argument, storing the position in
each node it moves); this holds it to the
three public steps (``SourceText.index``, ``Word.source_index``, the script's
``position``) for every position a node could have, in and past the text, for every
JSON argument of the test scripts (also as a Markdown guide's indented block, whose
indices map to the guide's) and of the shared corpus: single-quoted, double-quoted with
escapes, here-documents, an empty word.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_shell_jobs import HEREDOC, SINGLE_QUOTED, jobs_of

from spotlint.load.base import Limits
from spotlint.load.embedded import EmbeddedFile
from spotlint.load.files import load_text
from spotlint.load.textpos import SourceText
from spotlint.location import Node
from spotlint.model import Project
from spotlint.recognize import shell
from spotlint.recognize.kinds import NormalizeContext
from spotlint.recognize.shell_kind import ShellScriptKind

ESCAPED = (
    'aws emr-containers start-job-run --release-label emr-7.1.0-latest \\\n'
    '  --configuration-overrides "{\\"applicationConfiguration\\": [{\\"classification\\": '
    '\\"spark-defaults\\", \\"properties\\": {\\"spark.x\\": \\"1\\"}}]}" \\\n'
    "  --job-driver '{}' --name ''\n"
)


def _reference(word: Any, script: Any) -> Any:
    decoded = SourceText(script.source.path, word.text)
    position = script.source.position if script.offsets is None else script.position

    def place(line: int, col: int, end_line: int, end_col: int) -> tuple[int, ...]:
        first = word.source_index(decoded.index(line, col))
        last = word.source_index(decoded.index(end_line, end_col))
        return (*position(first), *position(max(first, last)))

    return place


def _embedded(text: str) -> None:
    """Normalize ``text`` as the script of a Markdown guide's fenced block, indented
    under a list item: its indices map to the guide's through an offset map."""
    body = "".join("   " + line if line.strip() else line
                   for line in text.splitlines(keepends=True))
    guide = "# Guide\n\n1. Run:\n\n   ```bash\n" + body + "   ```\n"
    loaded = load_text("guide.md", guide, Limits(), "markdown")
    (piece,) = loaded.embedded
    assert isinstance(piece, EmbeddedFile) and piece.offsets is not None
    ctx = NormalizeContext(file=piece, project=Project(), root=".")
    ShellScriptKind().normalize(piece.documents[0], ctx)


def _checked(texts: list[str], monkeypatch: pytest.MonkeyPatch, embedded: bool = False) -> int:
    moved: list[tuple[Any, Any, Any]] = []
    placer = shell._placer

    def recording_placer(word: Any, script: Any) -> Any:
        place = placer(word, script)
        moved.append((word, script, place))
        return place

    monkeypatch.setattr(shell, "_placer", recording_placer)
    for text in texts:
        if embedded:
            _embedded(text)
        else:
            jobs_of(text)
    for word, script, place in moved:
        assert place is not None
        reference = _reference(word, script)
        lines = word.text.count("\n") + 1
        width = max((len(line) for line in word.text.split("\n")), default=0)
        for line in range(1, lines + 3):
            for col in range(1, width + 3):
                for end in ((line, col), (line + 1, 1), (lines, width + 1)):
                    node = object.__new__(Node)
                    place(node, line, col, *end)
                    assert node.span() == list(reference(line, col, *end))
    return len(moved)


def test_test_scripts(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _checked([SINGLE_QUOTED, HEREDOC, ESCAPED], monkeypatch) >= 5


def test_scripts_embedded_in_a_guide(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _checked([SINGLE_QUOTED, HEREDOC, ESCAPED], monkeypatch, embedded=True) >= 5


def test_corpus_scripts(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted(corpus.rglob("*.sh"))[:12]]
    assert _checked(texts, monkeypatch) >= 12
