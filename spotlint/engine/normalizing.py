"""Recognizing and normalizing: each document of a file to the model, through its kind.

The first registered kind that matches a document normalizes it into the
project. A kind with a schema has the fields spotlint reads validated first
(SL002); a normalizer's own complaints (``ctx.invalid``) become findings too.
A bug in a kind becomes an :class:`~spotlint.errors.InternalError` naming the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spotlint.engine.raw import RawFinding
from spotlint.errors import InternalError
from spotlint.load.base import Limits, LoadedFile
from spotlint.location import Node
from spotlint.model import PodTemplate, Project
from spotlint.recognize.kinds import NormalizeContext


def normalize_file(
    loaded: LoadedFile,
    kinds: Sequence[Any],
    project: Project,
    root: str,
    limits: Limits,
    findings: list[RawFinding],
) -> list[PodTemplate]:
    """Add ``loaded``'s documents to ``project``; returns the pod templates it added."""
    if not loaded.documents:
        return []
    ctx = NormalizeContext(file=loaded, project=project, root=root, limits=limits)
    before = len(project.templates)
    for doc in loaded.documents:
        kind = next((k for k in kinds if _matches(k, doc, loaded)), None)
        if kind is None:
            continue
        if kind.schema:
            from spotlint.recognize.schema_check import invalid_fields

            for node, message in invalid_fields(kind.schema, doc):
                findings.append(RawFinding("SL002", message, node.loc))
        try:
            kind.normalize(doc, ctx)
        except Exception as exc:
            raise InternalError(loaded.path, exc) from exc
    for problem in ctx.invalid:
        findings.append(RawFinding(problem.code, problem.message, problem.node.loc))
    return project.templates[before:]


def _matches(kind: Any, doc: Node, loaded: LoadedFile) -> bool:
    try:
        return bool(kind.matches(doc, loaded))
    except Exception as exc:
        raise InternalError(loaded.path, exc) from exc
