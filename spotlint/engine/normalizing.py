"""Recognizing and normalizing: each document of a file to the model, through its kind.

The first registered kind that matches a document normalizes it into the
project. A kind with a schema has the fields spotlint reads validated first
(SL002); a normalizer's own complaints (``ctx.invalid``) become findings too.
A bug in a kind, or a file that uses up ``max-seconds-per-file``, becomes SL001
on that file (:mod:`.isolation`): whatever the file had added to the project is
taken out again, so no rule judges half-built jobs or pools.

Documents embedded in a file (Markdown fences found by the loader; heredocs,
ConfigMap values and container scripts found by kinds through ``ctx.embed``)
go through the same kinds, each as a file of its own format whose positions
are already in the outer file (:mod:`spotlint.load.embedded`). Embedding is
bounded: at most :data:`MAX_NESTING` levels deep and ``max-documents`` pieces
per file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spotlint.engine.budget import Budget, OverBudget, charged
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
from spotlint.recognize.kinds import NormalizeContext, kind_table

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: How deep documents may nest inside documents (a Markdown fence holding a script
#: whose heredoc holds a ConfigMap whose value holds a spark-defaults.conf is 4).
MAX_NESTING = 4


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
    if not loaded.documents and not loaded.embedded:
        return []
    if loaded.self_contained:
        project.self_contained.add(loaded.path)
    before = len(project.templates)
    reported = len(findings)
    pieces = len(loaded.embedded)
    undo = rolled_back(project)
    budget = budget or Budget(limits.max_seconds_per_file)
    state = _State(kinds, findings)
    try:
        ctx = NormalizeContext(
            file=loaded, project=project, root=root, limits=limits, read_file=read_file)
        charged(budget, loaded.path, state.normalize, ctx, 0)
    except OverBudget:
        undo()
        del findings[reported:]
        del loaded.embedded[pieces:]
        findings.append(budget_finding(loaded.path, limits))
        return []
    except Exception as exc:
        internal(loaded.path, exc, debug)
        undo()
        del findings[reported:]
        del loaded.embedded[pieces:]
        where = f"recognizing this file (document kind {state.kind_name()})"
        findings.append(internal_error_finding(where, exc, _first_position(loaded)))
        return []
    return project.templates[before:]


class _State:
    """One file's recognition: its documents, then those embedded in it, depth first."""

    def __init__(self, kinds: Sequence[Any], findings: list[RawFinding]) -> None:
        self.kinds = kinds
        self.findings = findings
        #: the kind being asked or working (named in an internal error)
        self.kind: Any = None
        self.pieces = 0
        self.refused = False

    def kind_name(self) -> str:
        if self.kind is None:
            return "?"
        return str(getattr(self.kind, "name", type(self.kind).__name__))

    def normalize(self, ctx: NormalizeContext, depth: int) -> None:
        loaded = ctx.file
        asked = kind_table(self.kinds).asked
        for doc in loaded.documents:
            kind = None
            for candidate in asked(doc):
                self.kind = candidate
                if candidate.matches(doc, loaded):
                    kind = candidate
                    break
            if kind is None:
                continue
            if kind.schema:
                from spotlint.recognize.schema_check import invalid_fields

                for node, message in invalid_fields(kind.schema, doc):
                    self.findings.append(RawFinding("SL002", message, node.loc))
            kind.normalize(doc, ctx)
        for problem in ctx.invalid:
            self.findings.append(RawFinding(problem.code, problem.message, problem.node.loc))
        for piece in loaded.embedded:
            self.embedded(ctx, piece, depth + 1)

    def embedded(self, outer: NormalizeContext, piece: LoadedFile, depth: int) -> None:
        """Recognize a document held inside ``outer``'s file (SL001 past the limits)."""
        limits = outer.limits
        self.pieces += 1
        anchor = piece.documents[0].loc if piece.documents else Location.point(piece.path, 1, 1)
        if depth > MAX_NESTING or self.pieces > limits.max_documents:
            if not self.refused:  # once per file, where the first refused piece is
                self.refused = True
                what = (f"documents nested more than {MAX_NESTING} deep" if depth > MAX_NESTING
                        else f"more than max-documents={limits.max_documents} embedded documents")
                where = Location.point(anchor.path, anchor.line, anchor.col)
                self.findings.append(RawFinding("SL001", f"{what}; those are not read", where))
            return
        for error in piece.errors:
            self.findings.append(RawFinding(
                "SL001", error.message, Location.point(piece.path, error.line, error.col)))
        ctx = NormalizeContext(file=piece, project=outer.project, root=outer.root,
                               limits=limits, read_file=outer.read_file, _source=outer.source)
        self.normalize(ctx, depth)


def _first_position(loaded: LoadedFile) -> Location:
    if not loaded.documents:
        return Location.point(loaded.path, 1, 1)
    document: Node = loaded.documents[0]
    return Location.point(loaded.path, document.loc.line, document.loc.col)
