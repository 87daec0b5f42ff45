"""Shared helpers of the fix-placement tests (tree targets, depth, events, node facts)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from spotlint.fix.resolve import FileView, Unresolvable
from spotlint.fix.tree import Tree, TreeError, compose
from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.rule import Change


def whole_tree(text: str) -> Tree | None:
    """The whole fix-placement tree of ``text``, or None where placing would not use
    it: the loader did not read the file plainly, or the composer refuses it."""
    if not load_yaml_text("t.yaml", text, Limits()).plain_parse:
        return None
    try:
        return compose("t.yaml", text)
    except TreeError:
        return None


def placed_or_refused(view: FileView, changes: tuple[Change, ...]) -> object:
    """The splices ``view`` places for ``changes``, or its refusal as text: what two
    ways of placing the same changes must agree on, refusals included."""
    try:
        return view.resolve(changes).splices
    except Unresolvable as exc:
        return f"unresolvable: {exc}"


def readable_texts(files: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Each file with its UTF-8 text (byte-order mark dropped, as the loader drops it);
    files that cannot be read as UTF-8 are skipped: no fix is placed in them."""
    for path in files:
        try:
            yield path, path.read_text("utf-8").removeprefix("\ufeff")
        except (UnicodeDecodeError, OSError):
            continue


def files_ending(top: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Every file below ``top`` whose name ends with one of ``suffixes``, sorted."""
    return sorted(p for p in top.rglob("*") if p.is_file() and p.name.endswith(suffixes))


def summed_counts(
    files: Iterable[Path], counts: Callable[[str], tuple[int, int]],
) -> tuple[int, int]:
    """``counts`` of every readable file's text, summed pairwise (for the tests that
    compare answers on every file and count what they answered and asked)."""
    first = second = 0
    for _, text in readable_texts(files):
        one, two = counts(text)
        first, second = first + one, second + two
    return first, second
