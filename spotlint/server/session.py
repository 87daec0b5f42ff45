"""The linting state of one editor session, free of any protocol.

An editor asks about one document at a time, but a job's findings depend on
the project around it (its pools and pod templates), on configuration files
and on a baseline. :class:`Session` answers those questions exactly as
``spotlint check FILE`` would in the same repository: the settings come from
:func:`spotlint.cli.check.configure`, the repository context from
:func:`spotlint.cli.check.context_for`, the findings from the engine's
:func:`~spotlint.engine.lint`. What differs is where text comes from: every
document open in the editor is linted from its editor text (an overlay over the
files on disk), so a pool edited but not saved already changes the findings of
the jobs that use it.

What is kept in memory: the open documents' texts, the configuration of each
directory a document was opened in, and the loaded baseline. Configuration and
baseline are forgotten when the editor reports that such a file changed
(:meth:`Session.files_changed`). Which context files a document needs comes
from in-memory records of the project's files (:mod:`spotlint.server.context`,
the same choice the index makes for ``check FILE``); each lint checks every
recorded file's size and modification time and reads the needed ones again,
so a pool changed on disk is never missed, even by an editor that does not
watch files. A file created or deleted is seen after the editor reports it
(``workspace/didChangeWatchedFiles``) or a configuration change.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from spotlint.cli.check import CheckOptions, configure, context_for
from spotlint.config.files import CONFIG_NAMES, PYPROJECT
from spotlint.finding import Finding
from spotlint.result import RunResult
from spotlint.server.context import ProjectContext
from spotlint.value import replace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from spotlint.config.settings import Settings
    from spotlint.filter.baseline import Entry
    from spotlint.plugins.manager import Registry
    from spotlint.rule import Rule


@dataclass
class ServerOptions:
    """What ``spotlint server`` takes from its command line (and the client's
    ``initializationOptions``): the ``check`` flags that decide findings."""

    config_file: str | None = None
    isolated: bool = False
    baseline: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    report_unused_suppressions: bool = False
    #: milliseconds to wait after a change before linting (typing is not linted key by key)
    debounce_ms: int = 150

    def check_options(self, path: str) -> CheckOptions:
        """The options ``spotlint check --force-exclude PATH`` would run with.

        ``--force-exclude``: a file the configuration excludes gets no
        diagnostics, as in a pre-commit run.
        """
        return CheckOptions(
            paths=[path], config_file=self.config_file, isolated=self.isolated,
            select=list(self.select), ignore=list(self.ignore),
            extend_select=list(self.extend_select),
            report_unused_suppressions=self.report_unused_suppressions, force_exclude=True,
        )


@dataclass
class Linted:
    """One document's findings (suppressed ones left out, fixes placed) and the text
    they were computed from."""

    path: str
    text: str
    findings: list[Finding]


@dataclass
class _Prepared:
    settings: Settings
    context: list[str]
    #: the project's records, when the context is the whole project (then narrowed per lint)
    records: ProjectContext | None = None


class Session:
    """Open documents, configuration and baseline of one editor session."""

    def __init__(self, options: ServerOptions, folders: Iterable[str] = ()) -> None:
        from spotlint.plugins.manager import default_registry

        self.options = options
        self.folders = [os.path.abspath(f) for f in folders]
        self.registry: Registry = default_registry()
        self.rules: dict[str, Rule] = {r.code: r for r in self.registry.rules}
        #: editor texts of the open documents, by absolute normalized path
        self.texts: dict[str, str] = {}
        self._prepared: dict[str, _Prepared] = {}
        self._projects: dict[tuple[str, str | None], ProjectContext] = {}
        self._baseline: list[Entry] | None = None

    # -- documents -------------------------------------------------------------------
    def open(self, path: str, text: str) -> None:
        self.texts[_key(path)] = text

    def close(self, path: str) -> None:
        self.texts.pop(_key(path), None)

    def overlay(self) -> dict[str, bytes]:
        """The editor texts, as the engine's overlay replaces files by path."""
        return {path: text.encode("utf-8") for path, text in self.texts.items()}

    # -- what changes on disk -------------------------------------------------------
    def files_changed(self, paths: Iterable[str]) -> bool:
        """Forget what depends on these files; True when configuration or baseline did.

        Context files need nothing more (each lint compares the recorded files'
        sizes and modification times); the project is walked again at the next
        lint, since a file may have been created or deleted. The caller re-lints
        the open documents so their findings follow.
        """
        changed = False
        baseline = os.path.abspath(self.options.baseline) if self.options.baseline else None
        for path in paths:
            name = os.path.basename(path)
            if name in CONFIG_NAMES or name == PYPROJECT or (
                self.options.config_file and _same(path, self.options.config_file)
            ):
                self._prepared.clear()
                self._projects.clear()
                changed = True
            if baseline is not None and _same(path, baseline):
                self._baseline = None
                changed = True
        for records in self._projects.values():
            records.forget_listing()  # a file may have been created or deleted
        return changed

    # -- linting ---------------------------------------------------------------------
    def prepare(self, path: str) -> _Prepared:
        """Settings and context for ``path`` (kept per directory until configuration changes)."""
        directory = os.path.dirname(_key(path))
        prepared = self._prepared.get(directory)
        if prepared is None:
            from spotlint.config.selection import validate

            options = self.options.check_options(_key(path))
            configured = configure(options, self.registry, self._folder_of(path))
            settings = configured.settings
            validate([*settings.select, *settings.ignore, *settings.extend_select],
                     self.registry.rules)
            context = context_for(options, configured.scopes, configured.project, settings.root)
            records = None
            project = configured.project
            if project is not None and context == [project]:
                records = self._records_for(project, settings)
            prepared = self._prepared[directory] = _Prepared(settings, context, records)
        return prepared

    def _records_for(self, project: str, settings: Settings) -> ProjectContext:
        """One set of records per project and configuration, shared by its directories."""
        key = (os.path.abspath(project), settings.config_path)
        records = self._projects.get(key)
        if records is None:
            records = self._projects[key] = ProjectContext(project, settings, self.registry.kinds)
        return records

    def _folder_of(self, path: str) -> str | None:
        """The innermost workspace folder holding ``path``: the project when no
        git root or configuration file names one."""
        key = _key(path)
        inside = [f for f in self.folders if key.startswith(f.rstrip(os.sep) + os.sep)]
        return max(inside, key=len) if inside else None

    def lint(self, path: str, text: str | None = None) -> Linted:
        """The findings of ``path`` (its editor text, else ``text``, else the file)."""
        key = _key(path)
        overlay = self.overlay()
        if text is not None:
            overlay[key] = text.encode("utf-8")
        source = text if text is not None else self.texts.get(key)
        if source is None:
            source = _read_text(key) or ""
        result = self._lint_pass(key, overlay)
        findings = [f for f in result.findings
                    if f.suppression is None and f.location.path == key]
        return Linted(key, source, findings)

    def _lint_pass(self, key: str, overlay: Mapping[str, bytes]) -> RunResult:
        from spotlint.engine import lint
        from spotlint.fix.place import place_fixes

        prepared = self.prepare(key)
        context = prepared.context
        if prepared.records is not None:
            narrowed = prepared.records.narrowed(key, overlay)
            if narrowed is not None:  # an empty list: nothing else bears on this file
                context = narrowed
        if not os.path.isfile(key):
            # Not on disk (yet): read as stdin under its name, as `check --stdin-filename`.
            settings = replace(prepared.settings, stdin_filename=key)
            result = lint(["-"], settings, self.registry, stdin=overlay.get(key, b""),
                          context=context, overlay=overlay, workers=1)
        else:
            result = lint([key], prepared.settings, self.registry,
                          context=context, overlay=overlay, workers=1)
        result = place_fixes(result)
        self._apply_baseline(result)
        return result

    def _apply_baseline(self, result: RunResult) -> None:
        if not self.options.baseline:
            return
        from spotlint.filter import baseline

        if self._baseline is None:
            self._baseline = baseline.load(self.options.baseline)
        baseline.apply(result, self._baseline)

    def fix_all(self, path: str, unsafe: bool = False) -> str | None:
        """The document's text with every (safe) fix applied, as ``--fix`` would; None:
        nothing to fix.

        Findings the baseline suppresses are left alone (the editor does not show them).
        """
        from spotlint.fix.apply import fix_loop
        from spotlint.load.files import decode

        key = _key(path)
        start = self.overlay()
        if key not in start:
            text = _read_text(key)
            if text is None:
                return None
            start[key] = text.encode("utf-8")
        prepared = self.prepare(key)

        def lint_pass(overlay: Mapping[str, bytes]) -> RunResult:
            return self._lint_pass(key, {**start, **overlay})

        outcome = fix_loop(lint_pass, prepared.settings, unsafe, start={key: start[key]})
        if key not in outcome.changed:
            return None
        return decode(outcome.fixed[key])[0]


def _key(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _same(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def _read_text(path: str) -> str | None:
    from spotlint.load.files import decode

    try:
        with open(path, "rb") as handle:
            return decode(handle.read())[0]
    except OSError:
        return None
