"""``spark-defaults.conf`` read as ``java.util.Properties.load`` plus Spark's value trim.

Each expectation follows the JDK's documented algorithm (logical lines,
continuations, escapes, separators) and Spark's ``trimExceptCRLF``; positions
are checked where an entry spans escapes or several lines.
"""

from __future__ import annotations

import pytest

from spotlint.load.properties import load_properties_text

CASES = [
    ("sp\\u0061rk.x 1\n", {"spark.x": "1"}),
    ("\\u0041=1\n", {"A": "1"}),
    ("a\\:b=c\n", {"a:b": "c"}),
    ("a\\=b : c\n", {"a=b": "c"}),
    ("a\\ b c\\\\\n", {"a b": "c\\"}),
    ("\fspark.x 1\n", {"spark.x": "1"}),
    ("\f \t a \f b\n", {"a": "b"}),
    ("a = = b\n", {"a": "= b"}),
    ("a:b:c\n", {"a": "b:c"}),
    ("a\t\tb\n", {"a": "b"}),
    ("a  :  b  \n", {"a": "b"}),  # Java keeps "b  "; Spark trims it
    ("a:\\tb\n", {"a": "b"}),  # the escaped tab is trimmed by Spark too
    ("a=\\n\n", {"a": "\n"}),  # ... but an escaped newline is kept
    ("a\n", {"a": ""}),
    ("=novalue\n", {"": "novalue"}),
    ("a 1\na 2\n", {"a": "2"}),
    ("! bang\n# hash\n  \t\f\n", {}),
    ("a b \\\n\n c\n", {"a": "b", "c": ""}),  # continued onto a blank line: it ends
    ("\\\n#c\nx y\n", {"x": "y"}),  # an empty logical line, then a real comment
    ("a=b\\\n  # not a comment\n", {"a": "b# not a comment"}),
    ("a=b\\\n\f\fc\n", {"a": "bc"}),
    ("a\\\n  b=c\n", {"ab": "c"}),
    ("key\\\\\\\nmore val\n", {"key\\more": "val"}),
    ("x\ry\r\nz:1", {"x": "", "y": "", "z": "1"}),
    ("a=b\\", {"a": "b"}),  # a backslash at the very end is dropped
    ("a \\uD800x\n", {"a": "\ud800x"}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_entries_as_java_and_spark_read_them(text: str, expected: dict[str, str]) -> None:
    loaded = load_properties_text("spark-defaults.conf", text)
    assert not loaded.errors
    assert loaded.documents[0].plain() == expected


@pytest.mark.parametrize("text", ["a \\u12\n", "a=\\uXYZW\n", "\\u00g1=1\n", "a=\\u"])
def test_a_malformed_unicode_escape_rejects_the_file(text: str) -> None:
    loaded = load_properties_text("spark-defaults.conf", text)
    assert not loaded.documents
    (error,) = loaded.errors
    assert "malformed \\uxxxx escape" in error.message and error.line == 1


def _span(text: str, key: str) -> tuple[tuple[int, int, int, int], tuple[int, int, int, int]]:
    node = load_properties_text("x.conf", text).documents[0].get(key)
    assert node is not None and node.key is not None
    k, v = node.key.loc, node.loc
    return (k.line, k.col, k.end_line, k.end_col), (v.line, v.col, v.end_line, v.end_col)


def test_positions_cover_the_raw_text() -> None:
    # The key spans its escapes; the value its raw characters (ends inclusive).
    assert _span("sp\\u0061rk.x  true\n", "spark.x") == ((1, 1, 1, 12), (1, 15, 1, 18))
    # Across a continuation, the value ends on the next line.
    assert _span("# c\nspark.c : x \\\n   y\n", "spark.c") == ((2, 1, 2, 7), (2, 11, 3, 4))
    # A leading form feed is whitespace, not part of the key.
    assert _span("\fspark.x 1\n", "spark.x") == ((1, 2, 1, 8), (1, 10, 1, 10))
    # CR alone ends a line.
    assert _span("a=1\rspark.y=2\r", "spark.y") == ((2, 1, 2, 7), (2, 9, 2, 9))
