"""What one run produced, as reporters see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spotlint.finding import Finding
from spotlint.rule import Rule

if TYPE_CHECKING:
    from spotlint.capacity import CapacityLabels
    from spotlint.config.settings import Settings
    from spotlint.model import Project


@dataclass(frozen=True)
class Source:
    """The text of a linted file and its format, as the loader read it.

    ``plain_parse``: libyaml read all of ``text`` without an error, anchor, alias
    or merge key (see :attr:`spotlint.load.base.LoadedFile.plain_parse`).
    """

    text: str
    fmt: str
    plain_parse: bool = False


@dataclass(frozen=True)
class Note:
    """Something about the whole run a reader should know once, not on every finding.

    ``kind`` is a stable identifier (``placement-unknown``); ``count`` how many
    things it is about (jobs, files).
    """

    kind: str
    message: str
    count: int = 0


@dataclass(frozen=True)
class ProjectModel:
    """The model a run built and judged, kept only when a caller asks (``spotlint map``).

    ``judges`` holds, per configuration scope, the settings and the capacity label
    table the rules were run with, so a caller reading placement asks the same
    :func:`~spotlint.placement.view.index_for` the rules asked, with the same
    arguments, and cannot get a different answer.
    """

    project: Project
    judges: tuple[tuple[Settings, CapacityLabels], ...]

    def judge(self, path: str) -> tuple[Settings, CapacityLabels]:
        """The settings and capacity table that judged ``path`` (the first scope's otherwise)."""
        scope = self.judges[0][0].for_path(path)
        for settings, capacity in self.judges:
            if settings is scope:
                return settings, capacity
        return self.judges[0]


@dataclass
class RunResult:
    """Findings (suppressed ones included, marked) plus what reporters need to render them.

    ``root`` is the directory paths in findings are relative to. ``sources``
    holds the text of each file that has a finding: fixes are placed as text
    edits from it later (:func:`spotlint.fix.place.place_fixes`), only when
    someone wants the edits, and the text output shows the offending line.
    """

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    root: str = "."
    tool_version: str = ""
    sources: dict[str, Source] = field(default_factory=dict)
    #: run-level notes (see :class:`Note`), each said once by the reporters
    notes: list[Note] = field(default_factory=list)
    #: the project and how it was judged, when ``lint(..., keep_model=True)`` asked
    model: ProjectModel | None = None

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.suppression is None]

    @property
    def suppressed(self) -> list[Finding]:
        return [f for f in self.findings if f.suppression is not None]
