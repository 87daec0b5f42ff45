"""Text inside other text: offset maps, string values and embedded documents keep positions."""

from __future__ import annotations

from array import array

from spotlint.load.base import Limits
from spotlint.load.embedded import EmbeddedFile, embedded_documents, load_embedded
from spotlint.load.files import load_text
from spotlint.load.textpos import ArrayMap, SegmentMap, SourceText, string_offsets
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Node


def position(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def value_at(text: str, *path: str) -> tuple[Node, SourceText]:
    loaded = load_yaml_text("f.yaml", text, Limits())
    node = loaded.documents[0].path(*path)
    assert node is not None
    return node, SourceText("f.yaml", text)


def test_segment_map_runs() -> None:
    mapping = SegmentMap()
    mapping.add(0, 100)
    mapping.add(5, 200)
    assert [mapping.outer(i) for i in (0, 4, 5, 9)] == [100, 104, 200, 204]
    assert SegmentMap.shifted(7).outer(3) == 10


def test_array_map_clamps() -> None:
    mapping = ArrayMap(array("q", [4, 5, 9]), fallback=1)
    assert [mapping.outer(i) for i in (-1, 0, 2, 10)] == [4, 4, 9, 9]
    assert ArrayMap(array("q"), fallback=3).outer(0) == 3


def test_plain_and_quoted_strings_map_verbatim() -> None:
    text = 'a: sh -c run\nb: "spark-submit --conf x=1"\n'
    node, source = value_at(text, "a")
    assert string_offsets(node, source).outer(6) == text.index("run")
    node, source = value_at(text, "b")
    assert string_offsets(node, source).outer(0) == text.index("spark-submit")


def test_literal_block_maps_line_by_line() -> None:
    text = (
        "data:\n"
        "  spark-defaults.conf: |-\n"
        "    spark.master k8s://x\n"
        "\n"
        "      spark.decommission.enabled yes\n"
        "other: 1\n"
    )
    node, source = value_at(text, "data", "spark-defaults.conf")
    value = node.text() or ""
    mapping = string_offsets(node, source)
    inner = value.index("yes")
    assert mapping.outer(inner) == text.index("yes")
    assert mapping.outer(value.index("spark.master")) == text.index("spark.master")


def test_folded_string_maps_word_by_word() -> None:
    text = "args: >-\n  spark-submit\n  --conf spark.a=b\n"
    node, source = value_at(text, "args")
    value = node.text() or ""
    assert value == "spark-submit --conf spark.a=b"
    mapping = string_offsets(node, source)
    assert mapping.outer(value.index("spark.a")) == text.index("spark.a")


def test_embedded_yaml_positions_and_errors_are_in_the_outer_file() -> None:
    outer = "prefix line\n    key: value\n    other: [1, 2]\n"
    source = SourceText("outer.txt", outer)
    start = outer.index("    key")
    inner = outer[start:]
    piece = load_embedded(source, inner, SegmentMap.shifted(start), "yaml", Limits(), "test",
                          load_text)
    assert isinstance(piece, EmbeddedFile) and piece.path == "outer.txt"
    doc = piece.documents[0]
    other = doc.get("other")
    assert other is not None and other.key is not None
    assert (other.key.loc.line, other.key.loc.col) == position(outer, "other")
    assert (other.loc.line, other.loc.col) == position(outer, "[1, 2]")
    broken = "x\n  key: [unclosed\n"
    piece = load_embedded(SourceText("o", broken), broken[2:], SegmentMap.shifted(2), "yaml",
                          Limits(), "test", load_text)
    assert piece.errors and piece.errors[0].line >= 2


def test_embedded_shell_is_one_scalar_document_spanning_its_text() -> None:
    outer = "```sh\nspark-submit --conf a=b\n```\n"
    start = outer.index("spark-submit")
    inner = "spark-submit --conf a=b\n"
    piece = load_embedded(SourceText("g.md", outer), inner, SegmentMap.shifted(start), "shell",
                          Limits(), "test", load_text)
    assert piece.documents[0].value == inner
    assert piece.documents[0].loc.line == 2


def test_embedded_documents_walks_nested_pieces() -> None:
    outer = load_yaml_text("f.yaml", "a: 1\n", Limits())
    inner = load_yaml_text("f.yaml", "b: 2\n", Limits())
    outer.embedded.append(inner)
    assert [d.plain() for d in embedded_documents(outer)] == [{"a": 1}, {"b": 2}]
