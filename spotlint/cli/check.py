"""``spotlint check``: settings from config and flags, the run, outputs, exit code.

Kept apart from :mod:`spotlint.cli.commands` so the click layer only parses
arguments, and so tests can call :func:`run_check` with a typed options object.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from spotlint.errors import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    ConfigError,
    InternalError,
    SpotlintError,
    UnknownFormatError,
    UsageError,
)
from spotlint.load.base import Limits
from spotlint.result import RunResult
from spotlint.rule import Rule, Severity
from spotlint.value import Value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from spotlint.config.files import Config
    from spotlint.config.scopes import Scopes
    from spotlint.config.settings import Settings
    from spotlint.engine.parallel import Ahead, Joins
    from spotlint.engine.progress import Progress
    from spotlint.finding import Finding
    from spotlint.index.context import Context
    from spotlint.plugins.manager import Registry
    from spotlint.report.base import Reporter, ReporterFactory


class CheckOptions(Value):
    """What ``spotlint check`` was asked, as its flags say (click's or the fast path's)."""

    paths: list[str]
    formats: list[str]
    outputs: list[str]
    select: list[str]
    ignore: list[str]
    extend_select: list[str]
    fail_on: str | None
    exit_zero: bool
    stdin_filename: str | None
    root: str | None
    statistics: bool
    config_file: str | None
    isolated: bool
    debug: bool
    color: bool
    #: worker processes (None: by input size); --debug runs in one process for tracebacks
    workers: int | None
    baseline: str | None
    write_baseline: str | None
    report_unused_suppressions: bool
    force_exclude: bool
    fix: bool
    unsafe_fixes: bool
    diff: bool
    fix_only: bool
    #: ``NAME=VALUE`` resource limits (``max-file-bytes=1000000``), over the config file's
    limits: list[str]
    #: only the findings: no summary, hints or progress (``--quiet``)
    quiet: bool
    #: nothing on stdout, no progress; files named by --output are still written (``--silent``)
    silent: bool
    #: lowest severity listed by the text formats (None: warning); the exit code ignores it
    show: str | None
    #: read the whole project as context, without the index (``--no-cache``)
    no_cache: bool
    #: where the index lives (``--cache-dir``; else config ``cache-dir``, SPOTLINT_CACHE_DIR)
    cache_dir: str | None

    def __init__(
        self,
        paths: list[str],
        formats: list[str] | None = None,
        outputs: list[str] | None = None,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        extend_select: list[str] | None = None,
        fail_on: str | None = None,
        exit_zero: bool = False,
        stdin_filename: str | None = None,
        root: str | None = None,
        statistics: bool = False,
        config_file: str | None = None,
        isolated: bool = False,
        debug: bool = False,
        color: bool = False,
        workers: int | None = None,
        baseline: str | None = None,
        write_baseline: str | None = None,
        report_unused_suppressions: bool = False,
        force_exclude: bool = False,
        fix: bool = False,
        unsafe_fixes: bool = False,
        diff: bool = False,
        fix_only: bool = False,
        limits: list[str] | None = None,
        quiet: bool = False,
        silent: bool = False,
        show: str | None = None,
        no_cache: bool = False,
        cache_dir: str | None = None,
    ) -> None:
        self.paths = paths
        self.formats = ["text"] if formats is None else formats
        self.outputs = [] if outputs is None else outputs
        self.select = [] if select is None else select
        self.ignore = [] if ignore is None else ignore
        self.extend_select = [] if extend_select is None else extend_select
        self.fail_on = fail_on
        self.exit_zero = exit_zero
        self.stdin_filename = stdin_filename
        self.root = root
        self.statistics = statistics
        self.config_file = config_file
        self.isolated = isolated
        self.debug = debug
        self.color = color
        self.workers = workers
        self.baseline = baseline
        self.write_baseline = write_baseline
        self.report_unused_suppressions = report_unused_suppressions
        self.force_exclude = force_exclude
        self.fix = fix
        self.unsafe_fixes = unsafe_fixes
        self.diff = diff
        self.fix_only = fix_only
        self.limits = [] if limits is None else limits
        self.quiet = quiet
        self.silent = silent
        self.show = show
        self.no_cache = no_cache
        self.cache_dir = cache_dir


#: The lowest severity the text formats list unless ``--show`` says otherwise.
DEFAULT_SHOW = "warning"


def use_color(stream: Any) -> bool:
    """Colour on a terminal; ``NO_COLOR`` turns it off, ``FORCE_COLOR`` on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


def scan_root(paths: list[str]) -> str:
    """The directory all paths live in: a lone directory itself, else their common parent."""
    dirs = [
        os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p) or ".")
        for p in paths
        if p != "-"
    ]
    if not dirs:
        return os.getcwd()
    try:
        return os.path.commonpath(dirs)
    except ValueError:
        return os.getcwd()


def _limits(current: Limits, given: list[str]) -> Limits:
    """``current`` with each ``--limit NAME=VALUE`` applied (Limits stays the one source)."""
    values: dict[str, int] = {}
    for item in given:
        name, sep, raw = item.partition("=")
        try:
            if not sep:
                raise ValueError(f"expected NAME=VALUE, got {item!r}")
            values[name.strip()] = int(raw.strip().replace("_", ""))
        except ValueError as exc:
            raise UsageError(f"--limit: {exc}") from None
    try:
        return current.with_values(values)
    except ValueError as exc:
        raise UsageError(f"--limit: {exc}") from None


def _fails(severity: Severity, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    return severity.rank >= Severity(fail_on).rank


class Configured(Value):
    """What configuration decides before a run: the settings of the paths' directory,
    every scope (nested configuration files), and the project (git root or
    configuration directory; None when there is neither)."""

    settings: Settings
    scopes: Scopes
    project: str | None

    def __init__(
        self,
        settings: Settings,
        scopes: Scopes,
        project: str | None,
    ) -> None:
        self.settings = settings
        self.scopes = scopes
        self.project = project


def configure(
    options: CheckOptions, registry: Registry, fallback_project: str | None = None
) -> Configured:
    """Settings for ``options.paths`` from configuration files and flags, as ``check`` builds them.

    Shared with ``spotlint server`` so an editor sees what the command line sees.
    ``fallback_project`` is the project when neither a configuration file nor a
    git root names one (the server passes its workspace folder).
    """
    if options.isolated and options.config_file:
        raise UsageError("--config and --isolated cannot be used together")
    from spotlint.config.files import apply, load_file
    from spotlint.config.roots import start_directory
    from spotlint.config.scopes import Scopes
    from spotlint.config.settings import Settings
    from spotlint.load.ignore import work_tree

    fixed = None
    if options.config_file is not None:
        if not os.path.isfile(options.config_file):
            raise ConfigError(f"{options.config_file}: configuration file not found")
        fixed = load_file(options.config_file)
    root = ""

    def make(config: Config | None) -> Settings:
        """One scope's settings: its configuration, then the command line over it."""
        made = Settings(root=root)
        if config is not None:
            apply(config, made, registry.rules)
        _overrides(made, options)
        return made

    scopes = Scopes(make, fixed=fixed, search=not options.isolated)
    start = start_directory(options.paths)
    project = None
    if fixed is not None:
        project = fixed.root
    elif not options.isolated:
        nearest = scopes.config_path_for_directory(start)
        project = work_tree(start) or (os.path.dirname(nearest) if nearest else None)
        project = project or fallback_project
    root = _root(options, project)
    return Configured(scopes.for_directory(start), scopes, project)


def run_check(options: CheckOptions) -> int:
    # Importing creates many long-lived objects (modules, classes, functions) and no
    # garbage: a collection meanwhile only traverses them (~4 ms of a one-file check).
    # So do building the registry (it imports the rules and readers), the settings and
    # the outputs (at 1,000 files the collector ran ~9 times there, ~1-2 ms before a
    # split run's fork): it stays off for the whole command, as the run itself keeps it
    # off while it builds, checks and reports (spotlint.engine.collector.holding).
    collecting = gc.isenabled()
    gc.disable()
    try:
        _prefetch_listing(options)  # before the imports, which git then runs beside
        return _checked(options)
    finally:
        if collecting:
            gc.enable()
        saving = sys.modules.get("spotlint.index.store")
        if saving is not None:  # (an index a child writes: nothing left behind the command)
            saving.wait_saved()


def _checked(options: CheckOptions) -> int:
    """:func:`run_check`, the collector off."""
    from spotlint.config.selection import validate
    from spotlint.engine import lint
    from spotlint.plugins.manager import default_registry
    from spotlint.report.escape import printable

    current = "(start-up)"
    try:
        registry = default_registry()
        configured = configure(options, registry)
        settings = configured.settings
        outputs = _outputs(options, registry.reporters)
        validate([*settings.select, *settings.ignore, *settings.extend_select], registry.rules)
        missing = [p for p in options.paths if p != "-" and not os.path.exists(p)]
        if missing:
            raise UsageError(f"path does not exist: {missing[0]}")
        if len(options.outputs) > len(options.formats):
            raise UsageError("more --output than --format options")
        _check_writable(options)
        stdin = _read_stdin() if "-" in options.paths else None
        current = ", ".join(options.paths)
        context = context_for(options, configured.scopes, configured.project, settings.root)
        project = configured.project
        context_known = None
        if project is not None and context == [project] and not options.no_cache:
            indexed = _indexed(options, settings, registry.kinds, project)
            if indexed is not None:
                context, context_known = indexed.paths, indexed.known
        would_fix = False
        from spotlint.engine import collector

        # What the run builds stays frozen for the collector until the report is
        # written: placing fixes and rendering allocate a lot, and each collection
        # would otherwise traverse every kept tree again (spotlint.engine.collector).
        with collector.holding():
            if options.fix or options.fix_only or options.diff:
                from spotlint.cli.fixing import fix_for_check

                result, would_fix = fix_for_check(
                    options.paths, settings, registry, unsafe=options.unsafe_fixes,
                    diff=options.diff, quiet=options.quiet or options.silent, stdin=stdin,
                    context=context)
            else:
                workers = 1 if options.debug else options.workers
                # Placing a fix's edits composes the file again: done only when an
                # output shows the edits, not to count fixes (in the process that
                # found them, when the run is shared by several).
                finish = None
                if any(getattr(reporter, "wants_edits", False) for reporter, _ in outputs):
                    from spotlint.engine.parallel import ByFile
                    from spotlint.fix.place import place_fixes

                    finish = ByFile(place_fixes)  # (a file's fixes are placed alone)
                ahead = _ahead(outputs, settings.root, registry.rules)
                sources = _keeps_sources(outputs, ahead)
                with _progress(options) as progress:
                    result = lint(options.paths, settings, registry, stdin=stdin, context=context,
                                  workers=workers, progress=progress,
                                  context_known=context_known, finish=finish,
                                  joins=_joins(workers, context), keep_sources=sources,
                                  ahead=ahead)
            _baseline(options, result)
            _write_outputs(outputs, result)
    except SpotlintError as exc:
        print(f"spotlint: error: {printable(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except InternalError as exc:
        if options.debug:
            raise
        print(f"spotlint: {printable(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        if options.debug:
            raise
        print(
            printable(f"spotlint: internal error while processing {current}: "
                      f"{type(exc).__name__}: {exc}") + " (rerun with --debug for a traceback)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    if options.diff:
        return EXIT_FINDINGS if would_fix else EXIT_OK
    if options.exit_zero or options.write_baseline or options.fix_only:
        return EXIT_OK
    # (the first failing finding decides: at 1,000 files asking each of ~800 cost ~2 ms
    # after the report was written)
    failing = any(_fails(f.severity, settings.for_path(f.location.path).fail_on)
                  for f in result.findings if f.suppression is None)
    return EXIT_FINDINGS if failing else EXIT_OK


def _keeps_sources(outputs: Sequence[Output], ahead: Ahead | None) -> bool:
    """Whether a run shared by processes keeps the texts of the files holding findings
    (the result's ``sources``): the text report reads them (its snippets), SARIF's only
    when it is not handed every finding with its file's text ahead
    (``ahead_reads_sources``: each process writes its own findings' results; sending the
    texts from process to process was ~4 MB at 4,000 files)."""
    unbounded = ahead is not None and getattr(ahead, "room", 0) is None
    return any(getattr(reporter, "reads_sources", True) and not (
        unbounded and getattr(reporter, "ahead_reads_sources", True) is False)
        for reporter, _ in outputs)


def _ahead(outputs: Sequence[Output], root: str | None = None,
           rules: Sequence[Rule] | None = None) -> Ahead | None:
    """What writes a finding's text ahead for the reports that can (a shared run's
    process does while it waits for the others' findings; spotlint.engine.parallel),
    giving the file's text, when the run holds it, to those that read it (SARIF's line
    hashes: ``ahead_reads_text``). A report whose text depends on the run's ``root``
    (SARIF's URIs: ``ahead_root``) is told it, and one that writes the run's ``rules``
    (SARIF's descriptors: ``ahead_rules``) is told them."""
    writers = [(write, r) for r, _ in outputs
               if callable(write := getattr(r, "write_ahead", None))]
    if not writers:
        return None
    for _, reporter in writers:
        if root is not None and hasattr(reporter, "ahead_root"):
            reporter.ahead_root = root
        if rules is not None and hasattr(reporter, "ahead_rules"):
            reporter.ahead_rules = rules
    return _WritingAhead(
        [_Writer(write, bool(getattr(r, "ahead_reads_text", False)),
                 getattr(r, "written_ahead", None), getattr(r, "keep_ahead", None))
         for write, r in writers],
        all(getattr(r, "ahead_room", 0) is None for _, r in writers))


class _Writer:
    """One report's writing ahead: ``write`` (given the file's text when ``reads_text``),
    and when it offers them, ``written`` (the text ``write`` keeps for a finding, made
    wherever the finding is) and ``keep`` (keep such a text as ``write`` would)."""

    def __init__(self, write: Callable[..., None], reads_text: bool,
                 written: Callable[..., Any] | None,
                 keep: Callable[[Finding, Any], None] | None) -> None:
        self.write, self.reads_text = write, reads_text
        both = callable(written) and callable(keep)
        self.written: Callable[..., Any] | None = written if both else None
        self.keep: Callable[[Finding, Any], None] | None = keep if both else None

    def __call__(self, finding: Finding, text: str | None) -> None:
        if self.reads_text:
            self.write(finding, text)
        else:
            self.write(finding)

    def made(self, finding: Finding, text: str | None) -> Any:
        """What ``written`` makes of ``finding`` (given the file's text when
        ``reads_text``)."""
        assert self.written is not None
        return self.written(finding, text) if self.reads_text else self.written(finding)


class _WritingAhead:
    """:data:`spotlint.engine.parallel.Ahead` for the reports that write ahead.

    ``room`` and ``text_room``: None (hand it every finding, have the other processes
    prepare every one they send) when each of them says so (``ahead_room = None``:
    SARIF, which lets go of each text as render writes it, and whose texts spare the
    sources: at 4,000 files the ~1,500 findings past the engine's bound were hashed
    after the last one came, ~15 ms); else the engine's bounds. ``prepare`` and
    ``take`` when a report writes a finding's text wherever the finding is (JSON's and
    SARIF's ``written_ahead``): a shared run's other processes then write their own
    findings' (at 1,000 files ~3 ms of the parent's for JSON, ~6 ms for SARIF, after
    the other's end), which this process only keeps."""

    prepare: Callable[[Finding, str | None], tuple[Any, ...]]
    take: Callable[[Finding, str | None, tuple[Any, ...]], None]

    def __init__(self, writers: list[_Writer], unbounded: bool) -> None:
        self.writers = writers
        if unbounded:
            self.room = None
            self.text_room = None
        if any(writer.written is not None for writer in writers):
            self.prepare = self._prepare
            self.take = self._take
        # What a report writes of a finding needs the file's text only for some (SARIF's
        # line hashes): without one, the findings another process sends before placing
        # fixes are written here while this process waits (spotlint.engine.parallel).
        self.prepare_early = any(writer.reads_text for writer in writers)

    def __call__(self, finding: Finding, text: str | None) -> None:
        for writer in self.writers:
            writer(finding, text)

    def _prepare(self, finding: Finding, text: str | None) -> tuple[Any, ...]:
        """What each report that can writes of ``finding`` (None for the others)."""
        return tuple(None if writer.written is None else writer.made(finding, text)
                     for writer in self.writers)

    def _take(self, finding: Finding, text: str | None, prepared: tuple[Any, ...]) -> None:
        """``finding`` handed with what :meth:`_prepare` gave for it (in another process)."""
        for writer, made in zip(self.writers, prepared, strict=True):
            if made is not None and writer.keep is not None:
                writer.keep(finding, made)
            else:
                writer(finding, text)


def _joins(workers: int | None, context: Sequence[str]) -> Joins | None:
    """What lets a large run be shared by processes (spotlint.engine.parallel): not for
    ``--jobs 1``, nor for files read with a project context (the commit hook's run,
    which reads few files)."""
    if workers == 1 or context:
        return None
    from spotlint.cli.joins import IndexJoins

    return IndexJoins()


@contextmanager
def _progress(options: CheckOptions) -> Iterator[Progress | None]:
    """A progress line on stderr while the run lasts, for a person at a terminal."""
    stream = sys.stderr
    if options.quiet or options.silent or stream is None or not _is_terminal(stream):
        yield None
        return
    from spotlint.cli.progress import ProgressLine
    from spotlint.engine.progress import Progress

    progress = Progress()
    with ProgressLine(progress, stream):
        yield progress


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


def _overrides(settings: Settings, options: CheckOptions) -> None:
    """Command-line flags over a configuration's values (they win in every scope)."""
    if options.report_unused_suppressions:
        settings.report_unused_suppressions = True
    settings.force_exclude = settings.force_exclude or options.force_exclude
    if options.select:
        settings.select = options.select
    if options.ignore:
        settings.ignore = [*settings.ignore, *options.ignore]
    if options.extend_select:
        settings.extend_select = [*settings.extend_select, *options.extend_select]
    if options.fail_on:
        settings.fail_on = options.fail_on
    if options.limits:
        settings.limits = _limits(settings.limits, options.limits)
    settings.stdin_filename = options.stdin_filename
    settings.debug = options.debug


def _root(options: CheckOptions, project: str | None) -> str:
    """--root, else the project (config file or git root) holding every path, else the paths'."""
    if options.root:
        return os.path.abspath(options.root)
    given = [os.path.abspath(p) for p in options.paths if p != "-"]
    inside = [p == project or p.startswith(str(project).rstrip(os.sep) + os.sep) for p in given]
    if project and all(inside):
        return project
    return scan_root(options.paths)


def context_for(
    options: CheckOptions, scopes: Scopes, project: str | None, root: str
) -> list[str]:
    """What to read besides the paths: config ``context``, else the project directory.

    The project directory is the default only when every path is a file (how
    pre-commit calls spotlint): ``spotlint check dir/`` lints that directory as
    one unit and reads nothing outside it unless ``context`` says so. With
    nested configuration files, the ``context`` of each one governing a given
    path is read. Directories the paths already cover are left out (nothing new
    to read). The scan root is a boundary: a configured entry outside it is a
    configuration error (never read), and the default never reaches past it.
    """
    from spotlint.load.boundary import inside

    if options.isolated:
        return []
    only_files = all(p != "-" and not os.path.isdir(p) for p in options.paths) or (
        options.paths == ["-"])
    default = [project if inside(project, root) else root] if project and only_files else []
    wanted: list[str] = []
    for path in options.paths:
        where = os.getcwd() if path == "-" else path if os.path.isdir(path) else (
            os.path.dirname(os.path.abspath(path)))
        scope = scopes.for_directory(where)
        for entry in scope.context if scope.context is not None else default:
            if scope.context is not None and not inside(entry, root):
                origin = scope.config_path or scope.config_root or "the configuration"
                raise ConfigError(
                    f"context entry {os.path.normpath(entry)!r} (from {origin}) is outside the "
                    f"scan root {root}; nothing outside the root is read (see --root)")
            if entry not in wanted:
                wanted.append(entry)
    covered = [os.path.abspath(p) for p in options.paths if p != "-" and os.path.isdir(p)]

    def within(path: str, top: str) -> bool:
        return path == top or path.startswith(top.rstrip(os.sep) + os.sep)

    return [c for c in wanted if not any(within(os.path.abspath(c), top) for top in covered)]


def _prefetch_listing(options: CheckOptions) -> None:
    """Start ``git ls-files`` for the index now, when it will likely be asked for.

    Explicit files in a git work tree (pre-commit's call) are checked through the
    index, which lists the project with git first; started here, git runs on the
    other core while spotlint imports its rules and reads its configuration. A
    listing nobody asks for (the index turned out not to apply) is discarded.
    """
    if (options.no_cache or options.isolated or options.config_file or options.root
            or not options.paths or any(p == "-" or not os.path.isfile(p) for p in options.paths)):
        return
    # (from config.roots, not config.files: that module's imports, ~3 ms, came before
    # git started, and a first run then waited for git's listing that much longer)
    from spotlint.config.roots import start_directory
    from spotlint.load.ignore import work_tree

    project = work_tree(start_directory(options.paths))
    if project is not None:
        from spotlint.index.listing import prefetch

        prefetch(project)


def _indexed(
    options: CheckOptions, settings: Settings, kinds: Any, project: str
) -> Context | None:
    """The project files the given files need, from the index (None: read them all).

    Only explicit files are indexed (pre-commit's case): a directory is linted
    as one unit anyway.
    """
    if any(p == "-" or os.path.isdir(p) for p in options.paths):
        return None
    if not os.path.exists(os.path.join(project, ".git")):
        return None  # the index lists files with git: nothing to import without a work tree
    from spotlint.index.context import indexed_context
    from spotlint.index.store import ENV

    # As in ruff: the flag, then the environment, then the configuration.
    chosen = options.cache_dir or os.environ.get(ENV) or settings.cache_dir
    return indexed_context(options.paths, settings, kinds, project, chosen)


def _baseline(options: CheckOptions, result: RunResult) -> None:
    if not options.write_baseline and not options.baseline:
        return
    from spotlint.filter import baseline

    quiet = options.quiet or options.silent
    if options.write_baseline:
        count = baseline.write(options.write_baseline, result)
        if not quiet:
            print(f"spotlint: wrote {count} finding(s) to {options.write_baseline}",
                  file=sys.stderr)
    if options.baseline:
        stale = baseline.apply(result, baseline.load(options.baseline))
        if stale:
            print(
                f"spotlint: {stale} baseline entr{'y' if stale == 1 else 'ies'} in "
                f"{options.baseline} no longer match a finding (fixed or edited); "
                "refresh it with --write-baseline",
                file=sys.stderr,
            )


def _check_writable(options: CheckOptions) -> None:
    """Every file the run will write can be written: a typo is a usage error up front."""
    wanted = [("--output", path) for path in options.outputs]
    if options.write_baseline:
        wanted.append(("--write-baseline", options.write_baseline))
    if not wanted:
        return  # safe_write (and tempfile) stay unimported on the one-file path
    from spotlint.load.safe_write import check_writable

    for flag, path in wanted:
        problem = check_writable(path)
        if problem is not None:
            raise UsageError(f"{flag} {path}: {problem}")


def _read_stdin() -> bytes:
    """All of stdin for ``-``; a closed or unreadable stdin is a usage error."""
    stream = sys.stdin
    if stream is None:
        raise UsageError("'-' reads stdin, but stdin is closed")
    try:
        return stream.buffer.read()
    except (OSError, ValueError, AttributeError) as exc:
        raise UsageError(f"'-' reads stdin, but stdin cannot be read: {exc}") from None


#: A reporter and the file its output goes to (None: stdout).
Output = tuple["Reporter", "str | None"]


def _outputs(options: CheckOptions, reporters: Mapping[str, ReporterFactory | str]) -> list[Output]:
    """The reporters to render with, by format name from the registry (plugins' included).

    Names are checked even when nothing is rendered (``--diff``, ``--fix-only``),
    so a typo is reported before any work.
    """
    from spotlint.report.base import get_reporter

    formats = list(options.formats)
    if options.statistics:
        formats = ["statistics" if f == "text" else f for f in formats]
    for fmt in formats:
        if fmt not in reporters:
            raise UnknownFormatError(
                f"unknown output format {fmt!r} (choose from {', '.join(sorted(reporters))})"
            )
    if options.diff or options.fix_only:
        return []
    outputs: list[Output] = []
    for index, fmt in enumerate(formats):
        to_file = index < len(options.outputs)
        if options.silent and not to_file:
            continue  # --silent: nothing on stdout
        # Human-readable formats take the display threshold and --quiet; others ignore them.
        reporter = get_reporter(fmt, reporters, color=False if to_file else options.color,
                                show=options.show or DEFAULT_SHOW, quiet=options.quiet)
        outputs.append((reporter, options.outputs[index] if to_file else None))
    return outputs


def _write_outputs(outputs: list[Output], result: RunResult) -> None:
    """Render every output first, then write them: a failure leaves existing files intact."""
    from spotlint.cli import pipe

    rendered = [(_rendered(reporter, result), destination) for reporter, destination in outputs]
    for chunks, destination in rendered:
        if destination is not None:
            from spotlint.load.safe_write import write_atomic

            # Encoded piece by piece as written: the report is never held twice as bytes
            # (nor is a large chunk of it: pipe.pieces).
            write_atomic(destination, (
                piece.encode("utf-8", "backslashreplace")
                for chunk in chunks for piece in pipe.pieces(chunk)))
        else:
            for chunk in chunks:
                pipe.write(chunk)


def _rendered(reporter: Reporter, result: RunResult) -> list[str]:
    """A reporter's text, in the pieces it offers (``render_chunks``: a large JSON or
    SARIF report is then written without a copy of it joined in one string)."""
    chunked = getattr(reporter, "render_chunks", None)
    if chunked is not None:
        return list(chunked(result))
    return [reporter.render(result)]
