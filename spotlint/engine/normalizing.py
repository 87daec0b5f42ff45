"""Recognizing and normalizing: each document of a file to the model, through its kind.

The first registered kind that matches a document normalizes it into the
project. A kind with a schema has the fields spotlint reads validated first
(SL002); a normalizer's own complaints (``ctx.invalid``) become findings too.
A bug in a kind, or a file that uses up ``max-seconds-per-file``, becomes SL001
on that file (:mod:`.isolation`): whatever the file had added to the project is
taken out again, so no rule judges half-built jobs or pools.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from spotlint.engine.budget import Budget, OverBudget
from spotlint.engine.isolation import (
    budget_finding,
    internal,
    internal_error_finding,
    rolled_back,
)
from spotlint.engine.raw import RawFinding
from spotlint.load.base import Limits, LoadedFile
from spotlint.location import Location, Node
from spotlint.model import PodTemplate, Project
from spotlint.recognize.kinds import NormalizeContext


def normalize_file(
    loaded: LoadedFile,
    kinds: Sequence[Any],
    project: Project,
    root: str,
    limits: Limits,
    findings: list[RawFinding],
    budget: Budget | None = None,
    debug: bool = False,
    read_file: Callable[[str], None] | None = None,
) -> list[PodTemplate]:
    """Add ``loaded``'s documents to ``project``; returns the pod templates it added.

    ``read_file`` is handed to the kinds (see ``NormalizeContext.read_file``).
    """
    if not loaded.documents:
        return []
    before = len(project.templates)
    reported = len(findings)
    undo = rolled_back(project)
    budget = budget or Budget(limits.max_seconds_per_file)
    kind_name = "?"
    try:
        with budget.charging(loaded.path):
            ctx = NormalizeContext(
                file=loaded, project=project, root=root, limits=limits, read_file=read_file)
            for doc in loaded.documents:
                kind = None
                for candidate in kinds:
                    kind_name = str(getattr(candidate, "name", type(candidate).__name__))
                    if candidate.matches(doc, loaded):
                        kind = candidate
                        break
                if kind is None:
                    continue
                if kind.schema:
                    from spotlint.recognize.schema_check import invalid_fields

                    for node, message in invalid_fields(kind.schema, doc):
                        findings.append(RawFinding("SL002", message, node.loc))
                kind.normalize(doc, ctx)
            for problem in ctx.invalid:
                findings.append(RawFinding(problem.code, problem.message, problem.node.loc))
    except OverBudget:
        undo()
        del findings[reported:]
        findings.append(budget_finding(loaded.path, limits))
        return []
    except Exception as exc:
        internal(loaded.path, exc, debug)
        undo()
        del findings[reported:]
        where = f"recognizing this file (document kind {kind_name})"
        findings.append(internal_error_finding(where, exc, _first_position(loaded)))
        return []
    return project.templates[before:]


def _first_position(loaded: LoadedFile) -> Location:
    document: Node = loaded.documents[0]
    return Location.point(loaded.path, document.loc.line, document.loc.col)
