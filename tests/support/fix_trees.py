"""Shared helper of the fix-placement tree tests (test_tree_targets, test_tree_depth)."""

from __future__ import annotations

from spotlint.fix.tree import Tree, TreeError, compose
from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text


def whole_tree(text: str) -> Tree | None:
    """The whole fix-placement tree of ``text``, or None where placing would not use
    it: the loader did not read the file plainly, or the composer refuses it."""
    if not load_yaml_text("t.yaml", text, Limits()).plain_parse:
        return None
    try:
        return compose("t.yaml", text)
    except TreeError:
        return None
