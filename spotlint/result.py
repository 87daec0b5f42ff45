"""What one run produced, as reporters see it."""

from __future__ import annotations

from spotlint.finding import Finding
from spotlint.rule import Rule
from spotlint.value import FrozenValue, Value, frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from spotlint.capacity import CapacityLabels
    from spotlint.config.settings import Settings
    from spotlint.load.base import LoadedFile
    from spotlint.location import Node
    from spotlint.model import Project


_set = object.__setattr__


@frozen
class Source(FrozenValue):
    """The text of a linted file and its format, as the loader read it.

    ``plain_parse``: libyaml read all of ``text`` without an error, anchor, alias
    or merge key (see :attr:`spotlint.load.base.LoadedFile.plain_parse`).
    ``utf8``: ``text`` is the file's bytes as read from disk, decoded as UTF-8
    (:attr:`spotlint.load.base.LoadedFile.utf8`): what reading the file again gives.
    ``properties``: a ``.conf`` file as the loader read it, without an error (the
    reader a fix placed in it reads the same text with: it is not read again).
    ``documents``: a YAML file's documents as the loader read them, when it read
    them plainly and a finding in it has a fix to place (a key inserted under a
    mapping is placed from them, :mod:`spotlint.fix.nodes`, without composing the
    file again).
    """

    text: str
    fmt: str
    plain_parse: bool
    utf8: bool
    properties: LoadedFile | None
    documents: list[Node] | None

    def __init__(
        self,
        text: str,
        fmt: str,
        plain_parse: bool = False,
        utf8: bool = False,
        properties: LoadedFile | None = None,
        documents: list[Node] | None = None,
    ) -> None:
        _set(self, "text", text)
        _set(self, "fmt", fmt)
        _set(self, "plain_parse", plain_parse)
        _set(self, "utf8", utf8)
        _set(self, "properties", properties)
        _set(self, "documents", documents)


@frozen
class Note(FrozenValue):
    """Something about the whole run a reader should know once, not on every finding.

    ``kind`` is a stable identifier (``placement-unknown``); ``count`` how many
    things it is about (jobs, files).
    """

    kind: str
    message: str
    count: int

    def __init__(
        self,
        kind: str,
        message: str,
        count: int = 0,
    ) -> None:
        _set(self, "kind", kind)
        _set(self, "message", message)
        _set(self, "count", count)


@frozen
class ProjectModel(FrozenValue):
    """The model a run built and judged, kept only when a caller asks (``spotlint map``).

    ``judges`` holds, per configuration scope, the settings and the capacity label
    table the rules were run with, so a caller reading placement asks the same
    :func:`~spotlint.placement.view.index_for` the rules asked, with the same
    arguments, and cannot get a different answer.
    """

    project: Project
    judges: tuple[tuple[Settings, CapacityLabels], ...]

    def __init__(
        self,
        project: Project,
        judges: tuple[tuple[Settings, CapacityLabels], ...],
    ) -> None:
        _set(self, "project", project)
        _set(self, "judges", judges)

    def judge(self, path: str) -> tuple[Settings, CapacityLabels]:
        """The settings and capacity table that judged ``path`` (the first scope's otherwise)."""
        scope = self.judges[0][0].for_path(path)
        for settings, capacity in self.judges:
            if settings is scope:
                return settings, capacity
        return self.judges[0]


class RunResult(Value):
    """Findings (suppressed ones included, marked) plus what reporters need to render them.

    ``root`` is the directory paths in findings are relative to. ``sources``
    holds the text of each file that has a finding: fixes are placed as text
    edits from it later (:func:`spotlint.fix.place.place_fixes`), only when
    someone wants the edits, and the text output shows the offending line.
    """

    findings: list[Finding]
    files: list[str]
    rules: list[Rule]
    root: str
    tool_version: str
    sources: dict[str, Source]
    #: run-level notes (see :class:`Note`), each said once by the reporters
    notes: list[Note]
    #: the project and how it was judged, when ``lint(..., keep_model=True)`` asked
    model: ProjectModel | None

    def __init__(
        self,
        findings: list[Finding] | None = None,
        files: list[str] | None = None,
        rules: list[Rule] | None = None,
        root: str = ".",
        tool_version: str = "",
        sources: dict[str, Source] | None = None,
        notes: list[Note] | None = None,
        model: ProjectModel | None = None,
    ) -> None:
        self.findings = [] if findings is None else findings
        self.files = [] if files is None else files
        self.rules = [] if rules is None else rules
        self.root = root
        self.tool_version = tool_version
        self.sources = {} if sources is None else sources
        self.notes = [] if notes is None else notes
        self.model = model

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.suppression is None]

    @property
    def suppressed(self) -> list[Finding]:
        return [f for f in self.findings if f.suppression is not None]
