"""An evaluated value's location (spotlint.load.hcl_eval.Evaluator.loc) is where
``SourceText.position`` puts its first and last character, for every span of a text;
``Evaluator.node`` makes the node ``Node(value, loc)`` would."""

from __future__ import annotations

from spotlint.load.hcl_eval import Evaluator
from spotlint.load.textpos import SourceText
from spotlint.location import Node

TEXTS = ["", "a", "\n", "a = 1\nb = [\n  2,\n]\n", "x\r\ny\rz\n\nw", "\n\n\nlast line no end"]


def test_every_span_is_located_as_by_its_ends_positions() -> None:
    for text in TEXTS:
        source = SourceText("f.tf", text)
        evaluator = Evaluator(source)
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 2):
                loc = evaluator.loc(start, end)
                line, col = source.position(start)
                end_line, end_col = source.position(end - 1 if end > start else start)
                assert (loc.path, loc.line, loc.col, loc.end_line, loc.end_col) == (
                    "f.tf", line, col, end_line, end_col), (text, start, end)


def test_a_node_is_the_node_of_its_location() -> None:
    for text in TEXTS:
        evaluator = Evaluator(SourceText("f.tf", text))
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 2):
                for tag, unknown in (("", False), ("hcl", True)):
                    made = evaluator.node([start], start, end, tag, unknown)
                    wanted = Node([start], evaluator.loc(start, end), None, tag, unknown)
                    assert (made.value, made.loc, made.key, made.tag, made.unknown) == (
                        wanted.value, wanted.loc, wanted.key, wanted.tag, wanted.unknown)
