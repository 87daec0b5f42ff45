"""Reports written while their findings are made give the text of the whole document.

The JSON and SARIF reporters hand the writer their findings as a
:class:`~spotlint.report.json_indent.Stream` (each finding's dictionary made,
written and dropped in turn) and the writer joins its output in chunks; the
text must be exactly ``json.dumps`` of the plain document, on the fast path
and on the standard encoder's fallback alike.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.fix.place import place_fixes
from spotlint.report.escape import json_chunks, json_text
from spotlint.report.json import JsonReporter
from spotlint.report.json_indent import Stream, dumps_indented
from spotlint.report.sarif import SarifReporter

ROOT = Path(__file__).resolve().parents[2]


def _reference(value: Any, indent: int | None = 2) -> str:
    return json.dumps(value, indent=indent, ensure_ascii=False)


def _items(rng: random.Random, count: int) -> list[Any]:
    names = ["ruleId", "message", "é", ""]
    return [{rng.choice(names) + str(i): [i, "x" * rng.randint(0, 3), None, {"k": 1.5}]}
            for i in range(count)]


@pytest.mark.parametrize("count", [0, 1, 2, 5000])
def test_a_stream_is_written_as_its_list(count: int) -> None:
    items = _items(random.Random(count), count)
    document = {"a": 1, "findings": Stream(lambda: iter(items)), "z": [Stream(lambda: [])]}
    plain = {"a": 1, "findings": items, "z": [[]]}
    for indent in (0, 2):
        assert dumps_indented(document, indent) == _reference(plain, indent)
    assert json_text(document, None) == _reference(plain, None)


def test_the_fallback_encoder_writes_a_stream_too() -> None:
    """A value the fast writer leaves to ``json.dumps`` (a non-string key): same text."""
    document = {1: "int key", "items": Stream(lambda: ({"n": n} for n in range(3)))}
    assert dumps_indented(document, 2) == _reference({1: "int key", "items": [
        {"n": 0}, {"n": 1}, {"n": 2}]})


def test_items_are_made_while_the_text_is_written() -> None:
    """Each item is made only when the writer reaches it (none is held beforehand)."""
    made: list[int] = []

    def make() -> Any:
        for n in range(3):
            made.append(n)
            yield {"n": n, "made_before": len(made)}

    text = dumps_indented({"items": Stream(make)}, 2)
    assert [item["made_before"] for item in json.loads(text)["items"]] == [1, 2, 3]


def _result(top: Path) -> Any:
    return place_fixes(lint([str(top)], Settings(root=str(top), select=["ALL"])))


@pytest.mark.parametrize("reporter", [JsonReporter(), SarifReporter(), JsonReporter(indent=None),
                                      SarifReporter(indent=None)])
def test_reports_equal_the_plain_document(reporter: Any) -> None:
    result = _result(ROOT / "examples")
    assert result.findings
    rendered = reporter.render(result)
    assert rendered == _reference(reporter.document(result), reporter.indent) + "\n"
    assert isinstance(reporter.document(result)["findings" if isinstance(
        reporter, JsonReporter) else "runs"], list)


def test_chunks_join_to_the_text_and_escape_surrogates() -> None:
    items = [{"path": f"f{n}\udcff.yaml", "n": n} for n in range(3000)]
    chunks = json_chunks({"items": Stream(lambda: iter(items))}, 2)
    assert len(chunks) > 1  # joined as it goes, not held as one list of pieces
    text = "".join(chunks)
    assert "\udcff" not in text
    assert text == json_text({"items": items}, 2)
    assert json.loads(text)["items"][0]["path"] == "f0\udcff.yaml"


@pytest.mark.parametrize("reporter", [JsonReporter(), SarifReporter()])
def test_render_is_its_chunks_joined(reporter: Any) -> None:
    result = _result(ROOT / "examples")
    assert "".join(reporter.render_chunks(result)) == reporter.render(result)


def test_the_text_before_written_findings_is_a_chunk_of_its_own() -> None:
    """A SARIF log's rule texts hold its characters beyond ASCII; chunks beyond ASCII
    are encoded once more to be checked, so they end where the findings begin."""
    result = _result(ROOT / "examples")
    chunks = SarifReporter().render_chunks(result)
    # (the rules are written as a stream too: the text before them is a chunk of its own)
    at = next(n for n, chunk in enumerate(chunks) if chunk.endswith('"results": '))
    assert not all(chunk.isascii() for chunk in chunks[:at + 1])  # a rule text's ellipsis
    assert all(chunk.isascii() for chunk in chunks[at + 1:])  # (the results')


def test_written_items_are_joined_in_chunks_of_at_most_a_piece() -> None:
    """A stream's written items (a report's findings, ~1 KB each) are joined into chunks
    no longer than :data:`~spotlint.report.json_indent._CHUNK_CHARS` (one item alone
    excepted): a large report is never held as one string beside its items, and each
    chunk is written as it is."""
    from spotlint.report.json_indent import _CHUNK_CHARS, dumps_indented_chunks

    sizes = [900, 1500, 10, 700] * 60 + [40_000] + [800] * 30
    items = ["x" * size for size in sizes]
    document = {"head": "h", "items": Stream(lambda: iter(items), sizes,
                                             lambda size, newline, step: '"' + "x" * size + '"')}
    chunks = dumps_indented_chunks(document, 2)
    assert "".join(chunks) == json.dumps({"head": "h", "items": items}, indent=2)
    written = chunks[1:]  # (the text before the stream is a chunk of its own)
    assert len(written) > 4
    assert all(len(chunk) <= _CHUNK_CHARS or '"' + "x" * 40_000 + '"' in chunk
               for chunk in written)
    assert max(len(chunk) for chunk in written if "x" * 40_000 not in chunk) > _CHUNK_CHARS / 2
