"""The orchestrator: paths to a :class:`~spotlint.result.RunResult`, stage by stage.

Data flows one way::

    read (reading)  ->  recognize and normalize (normalizing)  ->  link templates (templates)
      ->  run rules (checking)  ->  stamp (stamping)  ->  suppressions (spotlint.filter)

Each stage is a module with explicit inputs; this one only holds the run's
state and calls them in order. Problems with one file (unreadable, unparsable,
wrong shape, over ``max-seconds-per-file``) become findings on that file and
never stop the others; so does a bug in spotlint or a plugin while reading,
recognizing or checking it (:mod:`.isolation`), unless ``settings.debug`` asks
for the :class:`~spotlint.errors.InternalError` and its traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from spotlint import __version__
from spotlint.capacity import CapacityLabels
from spotlint.config.selection import resolve
from spotlint.config.settings import Settings
from spotlint.engine import collector
from spotlint.engine.checking import check_rules, runnable
from spotlint.engine.normalizing import normalize_file
from spotlint.engine.paths import display_name
from spotlint.engine.progress import Progress
from spotlint.engine.raw import RawFinding
from spotlint.engine.reading import FileSet, Listing, candidates, exclusion
from spotlint.engine.stamping import Stamper
from spotlint.engine.templates import link_templates
from spotlint.finding import SORT_KEY, Finding, Fingerprinter
from spotlint.load.base import LoadedFile
from spotlint.load.discover import Candidate
from spotlint.model import PodTemplate, Project
from spotlint.plugins.manager import Registry, default_registry
from spotlint.recognize.kinds import link_kinds
from spotlint.result import Note, ProjectModel, RunResult, Source
from spotlint.value import Value, replace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from spotlint.engine.parallel import Ahead, Joins


class Run(Value):
    """State of one run: the files read, the project built, the findings so far."""

    settings: Settings
    registry: Registry
    files: FileSet
    raw: list[RawFinding]
    project: Project
    templates_by_path: dict[str, list[PodTemplate]]
    #: files already recognized (a referenced file may be reached twice)
    normalized: set[str]
    #: keep the project and how each scope judged it on the result (``lint(keep_model=)``)
    keep_model: bool
    #: context files whose contribution is known (built from the index): not parsed
    known: Mapping[str, Callable[[Project], None]]

    def __init__(
        self,
        settings: Settings,
        registry: Registry,
        files: FileSet,
        raw: list[RawFinding],
        project: Project | None = None,
        templates_by_path: dict[str, list[PodTemplate]] | None = None,
        normalized: set[str] | None = None,
        keep_model: bool = False,
        known: Mapping[str, Callable[[Project], None]] | None = None,
    ) -> None:
        self.settings = settings
        self.registry = registry
        self.files = files
        self.raw = raw
        self.project = Project() if project is None else project
        self.templates_by_path = {} if templates_by_path is None else templates_by_path
        self.normalized = set() if normalized is None else normalized
        self.keep_model = keep_model
        self.known = {} if known is None else known

    def normalize(self, loaded: LoadedFile) -> None:
        if loaded.path in self.normalized:
            return
        self.normalized.add(loaded.path)
        known = self.known.get(loaded.path)
        if known is not None:
            known(self.project)
            return
        referenced: list[str] = []
        new = normalize_file(
            loaded, self.registry.kinds, self.project, self.settings.root,
            self.settings.for_path(loaded.path).limits, self.raw, self.files.budget,
            self.settings.debug, read_file=referenced.append,
        )
        if new:
            self.templates_by_path.setdefault(self.files.real_of(loaded.path), []).extend(new)
        for real_path in referenced:
            self.read_referenced(real_path)

    def read_referenced(self, real_path: str) -> None:
        """Read and recognize a file another one loads (Terraform ``file()``), unless read."""
        if real_path in self.files.real_paths():
            return
        loaded = self.files.read(display_name(real_path), explicit=True)
        if loaded is not None and loaded.path in self.files.files:
            self.normalize(loaded)

    def templates_at(self, real_path: str) -> list[PodTemplate]:
        """The pod templates of a referenced file, reading it now if no path covered it.

        A file the run already read under the name it was found by is not read
        again under its real path (that reported every finding in it twice).
        """
        if real_path not in self.templates_by_path and real_path not in self.files.real_paths():
            loaded = self.files.read(display_name(real_path), explicit=True)
            if loaded is not None and loaded.path in self.files.files:
                self.normalize(loaded)
        self.templates_by_path.setdefault(real_path, [])
        return self.templates_by_path[real_path]


def lint(
    paths: Sequence[str],
    settings: Settings | None = None,
    registry: Registry | None = None,
    stdin: bytes | None = None,
    context: Sequence[str] = (),
    overlay: Mapping[str, bytes] | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    context_known: Mapping[str, Callable[[Project], None]] | None = None,
    keep_model: bool = False,
    joins: Joins | None = None,
    finish: Callable[[RunResult], RunResult] | None = None,
    keep_sources: bool = True,
    ahead: Ahead | None = None,
) -> RunResult:
    """Lint ``paths`` (``-`` reads ``stdin``) and return every finding, suppressed ones marked.

    ``context`` files and directories are read and normalized too, so pools and
    pod templates defined there take part in cross-document rules, but findings
    are reported only for ``paths``: linting files one by one or all together
    with the same context gives the same findings (what pre-commit needs).
    ``overlay`` replaces the content of files by path (fixed but not yet written).
    ``progress`` is kept up to date for a progress display. ``context_known`` gives,
    for context files (by the path the run names them), what adds their pools,
    node classes and handlers to the project when that is known without parsing
    them (the index's records): they are not read. ``keep_model`` keeps the
    project and each scope's settings and capacity table on the result
    (``RunResult.model``) for a caller that draws them (``spotlint map``).
    ``finish`` is applied to the result (the command places fixes as text edits
    with it): in each process, to the findings it made, when the run is shared; file
    by file in a forked process when it is a :class:`.parallel.ByFile`.
    ``keep_sources=False`` says the caller never reads the result's ``sources`` (after
    ``finish``): a shared run then leaves them out, instead of sending the texts of
    every file holding a finding from process to process (0.8 MB at 1,000 files).
    ``ahead``, when the run is shared, is given this process's findings (after
    ``finish``) while it waits for the others', and the others' findings without a fix
    as they come, then (a :class:`.parallel.ByFile` ``finish``) those with one as they
    are finished (a report writes their text ahead), each with its file's text when the
    run holds it (:data:`.parallel.Ahead`).

    A run is shared by several processes (:mod:`.parallel`) only when ``joins`` is
    given (what joins files' findings: the command line passes the project index's,
    which the engine, below it, cannot import). ``workers`` is then how many
    processes share it: None lets the input's size decide, 1 keeps it in this one.
    """
    settings = settings or Settings()
    progress = progress or Progress()
    registry = registry or default_registry()
    raw: list[RawFinding] = []
    run = _new_run(settings, registry, overlay or {}, raw, context_known or {}, keep_model)
    files = run.files
    # The trees are frozen for the collector once built and until the run (or a
    # caller holding them, see spotlint.engine.collector) is done.
    with collector.holding():
        may_split = joins is not None and _may_split(
            workers, paths, context, overlay, context_known, keep_model, settings, registry)
        listings: list[Listing] = []  # (what the walk lists, for the other processes)
        found: Iterable[Candidate] = candidates(paths, settings,
                                                listings if may_split else None)
        if may_split:
            assert joins is not None
            progress.enter("reading files")  # (the walk: files are found as it goes)
            with collector.building():
                split, found = _split(iter(found), workers, settings, registry, progress,
                                      joins, finish, keep_sources, listings, ahead)
            listings.clear()  # (the walk is over: what it listed was told where needed)
            if split is not None:
                return split
        with files.budget.running(), collector.building():
            progress.enter("reading files")
            for candidate in found:
                files.take(candidate)
                progress.done = len(files.order)
            if "-" in paths and stdin is not None:
                files.read_stdin(settings.stdin_filename or "-", stdin)
            if context:
                files.read_context(context, settings.root, exclusion(settings),
                                   known=run.known)
            progress.enter("recognizing files", len(files.order))
            for index, path in enumerate(files.order):
                run.normalize(files.files[path])
                progress.done = index + 1
            link_kinds(registry.kinds, run.project)
            link_templates(run.project, settings.root, run.templates_at, raw, files.real_of,
                           files.real_paths)
        progress.enter("checking rules")
        result = _finish(run)
        if finish is not None:
            result = finish(result)
    if not run.keep_model:  # a caller drawing the model reads the rules' own indexes
        _forget(run.project)
    return result


def _new_run(
    settings: Settings, registry: Registry, overlay: Mapping[str, bytes],
    raw: list[RawFinding], known: Mapping[str, Callable[[Project], None]], keep_model: bool,
) -> Run:
    limits_of = (lambda path: settings.for_path(path).limits) if settings.scoped else None
    run = Run(settings, registry, FileSet(settings.limits, overlay, raw, limits_of), raw,
              known=known, keep_model=keep_model)
    run.files.root = settings.root
    run.files.debug = settings.debug
    run.files.skip = registry.builtin_only()  # (spotlint.load.skipping)
    return run


def _may_split(
    workers: int | None, paths: Sequence[str], context: Sequence[str],
    overlay: Mapping[str, bytes] | None, context_known: object, keep_model: bool,
    settings: Settings, registry: Registry,
) -> bool:
    """May this run be shared by several processes (:mod:`.parallel`)?

    Not when one was asked for (``workers=1``) or the debugger's traceback is; not for
    what a split cannot reproduce exactly or does not pay for: standard input, files
    given with a context to read (the commit hook, which reads few files), fixed texts
    not yet written (``--fix`` runs again over them), a caller keeping the model,
    plugins (whose rules may join files in ways the records do not know). Files
    judged by several configuration files are checked once they are found.
    """
    from spotlint.plugins.manager import BUILTIN_NAME

    return (workers != 1 and not settings.debug and "-" not in paths and not context
            and not overlay and not context_known and not keep_model
            and registry.plugins == [BUILTIN_NAME])


def _split(
    walk: Iterator[Candidate], workers: int | None, settings: Settings, registry: Registry,
    progress: Progress, joins: Joins, finish: Callable[[RunResult], RunResult] | None,
    keep_sources: bool = True, listings: list[Listing] | None = None,
    ahead: Ahead | None = None,
) -> tuple[RunResult | None, list[Candidate]]:
    """The run shared by several processes (:mod:`.parallel`), and every candidate the
    ``walk`` found; None for the result when it is not worth it or cannot be done exactly
    (the caller then runs it in this process, over the candidates).

    The run forks once the walk has found enough files to be worth sharing (or has
    ended), and the walk goes on in this process while the others read the files found
    so far (:func:`.parallel.split_run`): at 10,000 files the walk was ~0.2 s of CPU
    before the fork, with the second core idle. ``listings``: the directories the walk
    lists, as it lists them (the others' configuration scopes are told them too)."""
    from itertools import islice

    from spotlint.config.scopes import sole_scope
    from spotlint.engine import parallel

    enough = parallel.MIN_FILES if workers is None else workers * parallel.CHUNK
    found = list(islice(walk, enough))
    processes = parallel.processes_for(workers, len(found))
    # Which configuration judges each file: ``settings`` for every walked file while it is
    # the only scope made (the walk asks the scopes about each directory it lists before
    # it yields the files there), else asked file by file (~1 us a file, the walk's).
    sole = sole_scope(settings)
    scopes: dict[int, Settings] = {}
    if processes >= 2 and sole() and not any(c.explicit for c in found):
        scopes[id(settings)] = settings
    elif processes >= 2:
        for candidate in found:
            judging = settings.for_path(candidate.path)
            scopes[id(judging)] = judging
    if processes < 2 or len(scopes) > 1:
        # (several scopes: which files one's findings need is not known)
        found.extend(walk)
        return None, found
    scope = next(iter(scopes.values()), settings)
    mapped = any(bool(scope.clusters) for scope in [settings, *scopes.values()])
    from contextlib import suppress

    from spotlint.engine.warm import warm

    # Loading ahead only saves time: what fails here fails where one process meets it.
    with suppress(Exception):
        warm(scope, registry, found)

    refused: list[Candidate] = []

    def admitted() -> Iterator[Candidate]:
        """The rest of the walk, while its files are judged by the same scope."""
        for candidate in walk:
            if (candidate.explicit or not sole()) and settings.for_path(
                    candidate.path) is not scope:
                refused.append(candidate)
                raise parallel.Unsupported("files judged by several configuration files")
            yield candidate

    parts: list[Run] = []

    def make_run() -> Run:
        parts.append(_new_run(settings, registry, {}, [], {}, False))
        return parts[-1]

    def check(part: parallel.Part) -> tuple[RunResult, tuple[int, int]]:
        run = parts[-1]  # the part's, made in this process
        with run.files.budget.running(), collector.building():
            link_kinds(registry.kinds, run.project)
            link_templates(run.project, settings.root, part.templates_at, run.raw,
                           run.files.real_of, run.files.real_paths)
        part.progress.enter("checking rules")
        elsewhere: set[str] = set()
        result, unknown = _judged(run, elsewhere)
        part.reported_elsewhere(elsewhere)
        # (a forked part sends those finish leaves as they are, with their files' texts)
        part.made(result.findings, result.sources)
        if finish is not None:
            result = part.finished(result, finish)
        if part.keeps_going:  # (a forked process sends its findings and ends)
            # The trees go before the parts' findings are put together (a small part's
            # with the part: Part.releases); the indexes the rules kept, at once (here
            # while this process mostly waits for the others, not after).
            _forget(run.project)
            if part.releases():
                part.release()
        return result, (unknown.missing, unknown.ambiguous)

    try:
        merged, (missing, ambiguous) = parallel.split_run(
            make_run, found, processes, check, settings.root, joins, mapped, progress,
            more=admitted(), keep_sources=keep_sources, listings=listings, ahead=ahead)
    except parallel.Unsupported:
        found.extend(refused)  # (the rest of the walk, if it stopped early)
        found.extend(walk)
        return None, found
    finally:
        for run in parts:
            _forget(run.project)
    return replace(merged, notes=UnknownPlacement(missing, ambiguous).notes()), found


def _forget(project: Project) -> None:
    """Let the run's trees go once the rules have run: the result holds findings and
    the texts of their files, not trees, but the placement indexes rules share
    hold the project (and through it every tree). A report is written after this;
    at 10,000 files the trees are most of the memory it would otherwise be written
    beside. Modules not imported by this run have nothing to drop."""
    for name in ("spotlint.placement.view", "spotlint.fix.placement"):
        module = sys.modules.get(name)
        if module is not None:
            module.forget(project)


def _finish(run: Run) -> RunResult:
    return _judged(run)[0]


def _judged(
    run: Run, elsewhere: set[str] | None = None,
) -> tuple[RunResult, UnknownPlacement]:
    """The run's findings, stamped and marked, and its jobs of unknown placement.

    ``elsewhere`` receives the paths of findings left out because their files are not
    reported on (a split run's other processes report them, if any reads them).
    """
    settings = run.settings
    rules = run.registry.rules
    files = run.files
    scopes = _scopes(settings, [p for p in files.order if files.reported(p)])
    fingerprint = Fingerprinter()
    out: list[Finding] = []
    marked_all: list[Finding] = []
    unknown = UnknownPlacement()
    judges: list[tuple[Settings, CapacityLabels]] = []
    for scope in scopes:
        # With several scopes (nested configuration files), each judges only its own files:
        # its rules, options and severities, as if the run had been given those files alone.
        judged = _judged_by(scope, settings, len(scopes) == 1)

        def mine(path: str, judged: Callable[[str], bool] = judged) -> bool:
            if files.reported(path):
                return judged(path)
            if elsewhere is not None:
                elsewhere.add(path)
            return False

        enabled = resolve(rules, scope.select, scope.ignore, scope.extend_select)
        enabled_codes = {r.code for r in enabled}
        raw = [r for r in run.raw if mine(r.location.path)]
        rules_run = runnable(enabled, run.project)
        capacity = CapacityLabels(scope.capacity_labels)
        judges.append((scope, capacity))
        for batch in check_rules(
            rules_run, run.project, scope, files.budget, capacity,
            reported=files.reported if files.linted is not None else None,
        ):
            raw.extend(r for r in batch if mine(r.location.path))
        raw = _without_dropped(raw)
        over = {r.location.path for r in raw if r.drops_file}
        stamp = Stamper(files.files, scope, {r.code: r for r in rules}, fingerprint)
        findings = stamp(raw, enabled_codes)
        from spotlint.filter import suppress

        linted = {path: loaded for path, loaded in files.files.items() if mine(path)}
        marked, problems = suppress.apply(findings, linted, scope, rules, enabled_codes)
        extra = stamp([RawFinding(code, message, loc) for code, message, loc in problems
                       if loc.path not in over], enabled_codes)
        marked_all += marked
        out += [*marked, *extra]
        unknown.add(run.project, capacity, scope, [*marked, *extra])
    return RunResult(
        findings=sorted(out, key=SORT_KEY),
        files=[p for p in files.order if files.reported(p)],
        rules=list(rules),
        root=settings.root,
        tool_version=__version__,
        sources=_sources(marked_all, files.files),
        notes=unknown.notes(),
        model=ProjectModel(run.project, tuple(judges)) if run.keep_model else None,
    ), unknown


class UnknownPlacement(Value):
    """Jobs whose findings rest on placement no pool decides, counted over every scope.

    The summary says it once (:mod:`spotlint.placement.notes`); the placement
    package is imported only when such a finding exists.
    """

    missing: int
    ambiguous: int

    def __init__(
        self,
        missing: int = 0,
        ambiguous: int = 0,
    ) -> None:
        self.missing = missing
        self.ambiguous = ambiguous

    def add(self, project: Project, capacity: CapacityLabels, scope: Settings,
            findings: Sequence[Finding]) -> None:
        active = [f for f in findings if f.suppression is None]
        if not project.jobs or not active:
            return
        from spotlint.placement.notes import ASSUMING_SPOT, unknown_placement
        from spotlint.placement.view import index_for

        if not any(f.code in ASSUMING_SPOT for f in active):
            return

        missing, ambiguous = unknown_placement(index_for(project, capacity, scope), active)
        self.missing += missing
        self.ambiguous += ambiguous

    def notes(self) -> list[Note]:
        if not self.missing and not self.ambiguous:
            return []
        from spotlint.placement.notes import placement_note

        return [placement_note(self.missing, self.ambiguous)]


def _without_dropped(raw: list[RawFinding]) -> list[RawFinding]:
    """Every finding but those on a file over its time budget (its SL001 stays).

    Such a file is "not linted", as for any other limit: what some rules found
    in it before the time ran out is not reported, so the output does not
    depend on which rule the clock stopped in. One SL001 per file is kept.
    """
    dropped = {r.location.path for r in raw if r.drops_file}
    if not dropped:
        return raw
    kept: list[RawFinding] = []
    noted: set[str] = set()
    for finding in raw:
        path = finding.location.path
        if path not in dropped:
            kept.append(finding)
        elif finding.drops_file and path not in noted:
            noted.add(path)
            kept.append(finding)
    return kept


def _scopes(settings: Settings, reported: Sequence[str]) -> list[Settings]:
    """The settings that judge the reported files: one per configuration file governing some.

    Without nested configuration files that is ``settings`` alone.
    """
    if settings.scoped is None:
        return [settings]
    found: dict[int, Settings] = {}
    for path in reported:
        scope = settings.for_path(path)
        found.setdefault(id(scope), scope)
    return list(found.values()) or [settings]


def _judged_by(scope: Settings, settings: Settings, only: bool) -> Callable[[str], bool]:
    """Is a finding at this path ``scope``'s to report? (Always, when it is the only scope.)"""
    if only:
        return lambda path: True
    return lambda path: settings.for_path(path) is scope


def _sources(findings: Sequence[Finding], files: Mapping[str, LoadedFile]) -> dict[str, Source]:
    """The text of every file holding an active finding: to place fixes still to be
    placed, and to show the offending line in the text output. The texts are those
    the loader read (no copy is made); a ``.conf`` file's entries too, which a fix
    in it is placed among, and a plainly read YAML file's documents where a fix is to
    be placed (see :class:`~spotlint.result.Source`)."""
    sources: dict[str, Source] = {}
    fixed = {f.location.path for f in findings if f.fix is not None and f.fix.changes}
    for finding in findings:
        path = finding.location.path
        if path in sources or (finding.suppression is not None and finding.fix is None):
            continue
        loaded = files.get(path)
        if loaded is not None:
            parsed = loaded if loaded.fmt == "properties" and not loaded.errors else None
            documents = (loaded.documents if loaded.plain_parse and loaded.fmt == "yaml"
                         and path in fixed else None)
            sources[path] = Source(loaded.text, loaded.fmt, loaded.plain_parse, loaded.utf8,
                                   parsed, documents)
    return sources
