"""spotlint's built-in rules: one module per rule, grouped in concern packages.

Each concern package exports ``RULES`` (its rules, in code order) and, when its
rules only ever look at jobs or pools, ``NEEDS``: the
:class:`~spotlint.model.Project` attributes of which one must be non-empty for
them to find anything.

The bundle's registry is :mod:`.index`, generated from the packages by
``scripts/gen_docs.py`` (and held to them by ``tests/rules/test_docs.py``, as the
docs are). :func:`all_rules` imports the concerns without ``NEEDS`` when the
rules are asked for; a concern with ``NEEDS`` stays unimported, its rules known
by their index entries as :class:`~spotlint.rule.LazyRule` objects. A
pre-commit run on one pod template has neither jobs nor pools, and importing
those concerns would cost about 10 ms of it.
"""

from __future__ import annotations

import importlib

from spotlint.rule import LazyRule, Rule


def all_rules() -> list[Rule]:
    """Every built-in rule, as :mod:`.index` lists them (read here, so that
    ``scripts/gen_docs.py`` can import the concern packages to write it)."""
    from .index import CONCERNS, LAZY

    rules: list[Rule] = []
    for concern in CONCERNS:
        if concern in LAZY:
            needs, entries = LAZY[concern]
            rules.extend(
                LazyRule(code, name, severity, target, concern, needs)
                for code, name, severity, target in entries
            )
        else:
            rules.extend(importlib.import_module(concern).RULES)
    return rules
