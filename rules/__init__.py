"""spotlint's built-in rules, one module per rule, grouped by concern.

``all_rules`` imports each concern package (each exports ``RULES``) only when the
rules are asked for, so ``spotlint --version`` never imports a rule.
"""

from __future__ import annotations

import importlib

from spotlint.rule import Rule

CONCERNS = (
    "spotlint.rules.input",
    "spotlint.rules.placement",
    "spotlint.rules.interruption",
    "spotlint.rules.dynamic_allocation",
    "spotlint.rules.pools",
)


def all_rules() -> list[Rule]:
    rules: list[Rule] = []
    for name in CONCERNS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # TEMPORARY while concern packages land
            if exc.name != name:
                raise
            continue
        rules.extend(module.RULES)
    return rules
