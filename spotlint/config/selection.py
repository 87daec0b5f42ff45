"""Rule selectors: codes, names, code prefixes and ``ALL``, resolved in one place.

Used by the CLI, the config file and suppressions alike. As in ruff and flake8,
the most specific selector wins: ``--select SL2 --ignore SL203`` keeps SL201 but
drops SL203, while ``--ignore SL2 --select SL203`` keeps only SL203 of SL2xx.
Between a ``select`` and an ``ignore`` equally specific, ``ignore`` wins (so
``--ignore ALL`` turns off the default ``select: [ALL]``); ``extend-select``
exists to add rules back, so it wins such a tie.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spotlint.errors import UnknownSelector
from spotlint.rule import Rule


def matches(selector: str, rule: Rule) -> int:
    """Specificity of ``selector`` for ``rule``: 0 no match, higher is more specific."""
    sel = selector.strip()
    if sel.upper() == "ALL":
        return 1
    if sel.lower() == rule.name:
        return 100
    if rule.code.startswith(sel.upper()):
        return 1 + len(sel)
    return 0


def validate(selectors: Iterable[str], rules: Sequence[Rule]) -> None:
    for sel in selectors:
        if not any(matches(sel, r) for r in rules):
            raise UnknownSelector(f"unknown rule selector {sel!r}")


def resolve(
    rules: Sequence[Rule],
    select: Sequence[str],
    ignore: Sequence[str],
    extend_select: Sequence[str] = (),
) -> list[Rule]:
    """The rules that are enabled, most specific selector deciding each rule."""
    chosen: list[Rule] = []
    for rule in rules:
        best_select = max((matches(s, rule) for s in select), default=0)
        best_extend = max((matches(s, rule) for s in extend_select), default=0)
        best_ignore = max((matches(s, rule) for s in ignore), default=0)
        if best_select > best_ignore or (best_extend and best_extend >= best_ignore):
            chosen.append(rule)
    return chosen


def find(rules: Sequence[Rule], code_or_name: str) -> Rule | None:
    wanted = code_or_name.strip()
    for rule in rules:
        if rule.code == wanted.upper() or rule.name == wanted.lower():
            return rule
    return None
