"""Recognizers and normalizers: located documents to model objects (format knowledge, part two)."""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Modules that export ``KINDS``; order matters only for documents two kinds could claim.
BUILTIN_KIND_MODULES = (
    "spotlint.recognize.spark_app",
    "spotlint.recognize.emr",
    "spotlint.recognize.pod",
    "spotlint.recognize.karpenter",
    "spotlint.recognize.eksctl",
    "spotlint.recognize.shell_kind",
    "spotlint.recognize.terraform",
    "spotlint.recognize.cloudformation",
    # Before the workload and Helm kinds: it claims only the handlers' own images and values.
    "spotlint.recognize.interruption",
    "spotlint.recognize.workload_kind",
    "spotlint.recognize.helm",
)


def builtin_kinds() -> list[Any]:
    kinds: list[Any] = []
    for module_name in BUILTIN_KIND_MODULES:
        kinds.extend(importlib.import_module(module_name).KINDS)
    return kinds
