"""spotlint's built-in rules, one module per rule, grouped by concern.

``all_rules`` imports each concern package (each exports ``RULES``) only when the
rules are asked for, so ``spotlint --version`` never imports a rule.

Concerns whose rules check jobs or pools are not imported even then: a
pre-commit run on one pod template has neither, and importing them costs about
10 ms. ``DEFERRED`` lists what selection, suppressions and stamping need of
their rules (code, name, severity, target), and :class:`~spotlint.rule.DeferredRule` imports
the concern the first time anything else of a rule is read (its check, doc,
summary...). The engine reads nothing else of a deferred rule when the project
has none of what its concern checks (``needs``: ``Project`` attributes).
``tests/test_rules_index.py`` holds ``DEFERRED`` to the real rules.
"""

from __future__ import annotations

import importlib

from spotlint.rule import DeferredRule, Rule, Severity

CONCERNS = (
    "spotlint.rules.input",
    "spotlint.rules.placement",
    "spotlint.rules.interruption",
    "spotlint.rules.dynamic_allocation",
    "spotlint.rules.pools",
)

_W, _E, _I = Severity.WARNING, Severity.ERROR, Severity.INFO

#: concern -> (the Project attributes it needs one of, its rules' code, name, severity, target)
DEFERRED: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str, Severity, str], ...]]] = {
    "spotlint.rules.interruption": (("jobs",), (
        ("SL201", "decommission-disabled", _W, "job"),
        ("SL202", "storage-decommission-disabled", _W, "job"),
        ("SL203", "fallback-storage-missing", _I, "job"),
        ("SL204", "pvc-reuse-disabled", _W, "job"),
        ("SL205", "pvc-reuse-no-wait", _I, "job"),
        ("SL206", "pvc-reuse-without-ownership", _E, "job"),
        ("SL207", "no-shuffle-protection", _I, "job"),
        ("SL208", "feature-needs-newer-release", _W, "job"),
        ("SL209", "unknown-conf-key", _W, "job"),
        ("SL210", "invalid-conf-value", _E, "job"),
        ("SL211", "incomplete-on-demand-pvc", _E, "job"),
    )),
    "spotlint.rules.dynamic_allocation": (("jobs",), (
        ("SL301", "dynamic-allocation-without-shuffle-tracking", _E, "job"),
        ("SL302", "dynamic-allocation-unbounded", _W, "job"),
        ("SL303", "shuffle-tracking-without-timeout", _I, "job"),
        ("SL304", "external-shuffle-service-on-kubernetes", _W, "job"),
    )),
    # SL409 checks the project, but only its pools and Karpenter node classes.
    "spotlint.rules.pools": (("pools", "node_classes"), (
        ("SL401", "mixed-vcpu-memory-ratio", _E, "pool"),
        ("SL402", "low-instance-diversity", _W, "pool"),
        ("SL403", "pool-spans-zones", _W, "pool"),
        ("SL404", "spot-allocation-strategy", _W, "pool"),
        ("SL405", "self-managed-spot-group", _I, "pool"),
        ("SL406", "unknown-instance-type", _W, "pool"),
        ("SL407", "pool-without-limits", _W, "pool"),
        ("SL408", "pool-never-scales-in", _W, "pool"),
        ("SL409", "deprecated-karpenter-api", _I, "project"),
        ("SL410", "tiny-instance-sizes", _I, "pool"),
        ("SL411", "mixed-instance-sizes", _W, "pool"),
    )),
}


def all_rules() -> list[Rule]:
    rules: list[Rule] = []
    for name in CONCERNS:
        if name in DEFERRED:
            needs, entries = DEFERRED[name]
            rules.extend(DeferredRule.make(name, needs, *entry) for entry in entries)
            continue
        rules.extend(importlib.import_module(name).RULES)
    return rules
