"""``spotlint server``: the language server, on pygls, over stdio.

The protocol side only: which notifications lead to a lint, when (a change is
linted after a short quiet period, so typing is not linted key by key; open
and save at once), and how findings, fixes and rule pages are handed to the
editor. What a document's findings are is :class:`~spotlint.server.session.Session`'s
business, the same engine, configuration and context as ``spotlint check``.

Linting runs on the server's event loop, one document at a time: a lint of a
typical file takes milliseconds, and one thread keeps the session's state free
of locks. A change to any open document or to a file on disk re-lints every
open document, since a pool or pod template bears on the jobs that use it.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Sequence

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from spotlint import __version__
from spotlint.errors import SpotlintError
from spotlint.finding import Finding
from spotlint.server.convert import (
    Positions,
    UriOf,
    contains,
    diagnostic,
    docs_url,
    text_edits,
)
from spotlint.server.session import Linted, ServerOptions, Session

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: The source action that applies every safe fix (as editors' "fix all" settings name it).
FIX_ALL = "source.fixAll.spotlint"

logger = logging.getLogger(__name__)


class SpotlintServer(LanguageServer):
    """The pygls server holding one :class:`Session` and the last findings per document."""

    def __init__(self, options: ServerOptions) -> None:
        super().__init__("spotlint", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.options = options
        self.session: Session | None = None
        #: the last lint of each open document, by URI (code actions and hover read it)
        self.linted: dict[str, tuple[int | None, Linted]] = {}
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self._reported: set[str] = set()
        self.uri_of = UriOf()

    # -- state ------------------------------------------------------------------------
    def start_session(self, folders: list[str], settings: Any) -> None:
        options = self.options
        if isinstance(settings, dict):
            options = _with_client_settings(options, settings)
        self.options = options
        self.session = Session(options, folders)

    def need_session(self) -> Session:
        if self.session is None:
            self.start_session([], None)
        assert self.session is not None
        return self.session

    def encoding(self) -> str:
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return str(getattr(encoding, "value", encoding))

    # -- linting --------------------------------------------------------------------------
    def lint_uri(self, uri: str) -> Linted | None:
        """Lint an open document now and publish its diagnostics."""
        self._cancel(uri)
        path = _path(uri)
        if path is None:
            return None
        document = self.workspace.get_text_document(uri)
        session = self.need_session()
        session.open(path, document.source)
        try:
            linted = session.lint(path, document.source)
        except SpotlintError as exc:
            self._report(str(exc))
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[], version=document.version))
            return None
        except Exception as exc:  # a bug: say so, keep serving the other documents
            logger.exception("linting %s", uri)
            self._report(f"internal error while linting {path}: {type(exc).__name__}: {exc}")
            return None
        self.linted[uri] = (document.version, linted)
        positions = Positions(linted.text, self.encoding())
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=document.version,
            diagnostics=[diagnostic(f, positions, self.uri_of) for f in linted.findings]))
        return linted

    def lint_all(self, first: str | None = None) -> None:
        """Lint ``first`` (the document just changed), then every other open document."""
        uris = [u for u in self.workspace.text_documents if u != first]
        for uri in ([first] if first else []) + uris:
            self.lint_uri(uri)

    def schedule(self, uri: str) -> None:
        """Lint after the debounce delay; a newer change restarts the wait."""
        self._cancel(uri)
        loop = asyncio.get_running_loop()
        delay = max(self.options.debounce_ms, 0) / 1000
        self._pending[uri] = loop.call_later(delay, self._run_pending, uri)

    def _run_pending(self, uri: str) -> None:
        self._pending.pop(uri, None)
        if uri in self.workspace.text_documents:
            self.lint_all(first=uri)

    def _cancel(self, uri: str) -> None:
        handle = self._pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def current(self, uri: str) -> Linted | None:
        """The findings of the document as the editor has it now (linted again if stale)."""
        if uri not in self.workspace.text_documents:
            return None
        version = self.workspace.get_text_document(uri).version
        known = self.linted.get(uri)
        if known is not None and known[0] == version and uri not in self._pending:
            return known[1]
        return self.lint_uri(uri)

    def _report(self, message: str) -> None:
        """Tell the user about a configuration problem once (then only log it)."""
        self.window_log_message(types.LogMessageParams(
            type=types.MessageType.Error, message=f"spotlint: {message}"))
        if message not in self._reported:
            self._reported.add(message)
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=f"spotlint: {message}"))


def _path(uri: str) -> str | None:
    """The file a ``file:`` URI names (None for other schemes: nothing to lint)."""
    if not uri.startswith("file:"):
        return None
    return to_fs_path(uri)


def _with_client_settings(options: ServerOptions, settings: dict[str, Any]) -> ServerOptions:
    """``initializationOptions`` over the command line's options (same names as flags)."""
    import dataclasses

    def strings(value: Any) -> list[str] | None:
        if isinstance(value, str):
            return [p.strip() for p in value.split(",") if p.strip()]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        return None

    changes: dict[str, Any] = {}
    for key, attr in (("config", "config_file"), ("baseline", "baseline")):
        if isinstance(settings.get(key), str):
            changes[attr] = settings[key]
    for key, attr in (("select", "select"), ("ignore", "ignore"),
                      ("extend-select", "extend_select"), ("extendSelect", "extend_select")):
        found = strings(settings.get(key))
        if found is not None:
            changes[attr] = found
    for key, attr in (("isolated", "isolated"),
                      ("report-unused-suppressions", "report_unused_suppressions"),
                      ("reportUnusedSuppressions", "report_unused_suppressions")):
        if isinstance(settings.get(key), bool):
            changes[attr] = settings[key]
    for key in ("debounce-ms", "debounceMs"):
        value = settings.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            changes["debounce_ms"] = value
    return dataclasses.replace(options, **changes)


def build(options: ServerOptions) -> SpotlintServer:
    """The server with every feature registered."""
    server = SpotlintServer(options)

    @server.feature(types.INITIALIZE)
    def initialize(ls: SpotlintServer, params: types.InitializeParams) -> None:
        folders = [_path(f.uri) for f in params.workspace_folders or []]
        if not folders and params.root_uri:
            folders = [_path(params.root_uri)]
        ls.start_session([f for f in folders if f], params.initialization_options)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: SpotlintServer, params: types.InitializedParams) -> None:
        watch = ls.client_capabilities.workspace
        dynamic = bool(watch and watch.did_change_watched_files
                       and watch.did_change_watched_files.dynamic_registration)
        if not dynamic:
            return
        registration = types.Registration(
            id="spotlint-watched-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED]),
        )
        try:
            await ls.client_register_capability_async(
                types.RegistrationParams(registrations=[registration]))
        except Exception as exc:  # a client may refuse; linting works without it
            logger.info("file watching not registered: %s", exc)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: SpotlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint_all(first=params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: SpotlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: SpotlintServer, params: types.DidSaveTextDocumentParams) -> None:
        path = _path(params.text_document.uri)
        if path is not None:
            ls.need_session().files_changed([path])
        ls.lint_all(first=params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: SpotlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls._cancel(uri)
        ls.linted.pop(uri, None)
        path = _path(uri)
        if path is not None:
            ls.need_session().close(path)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        # Its saved text (or its absence) is what other documents see now.
        ls.lint_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: SpotlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [p for p in (_path(c.uri) for c in params.changes) if p]
        ls.need_session().files_changed(paths)
        ls.lint_all()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll,
                               FIX_ALL]),
    )
    def code_action(
        ls: SpotlintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        linted = ls.current(uri)
        if linted is None:
            return None
        wanted = params.context.only
        actions: list[types.CodeAction] = []
        if _wants(wanted, types.CodeActionKind.QuickFix):
            actions += quick_fixes(ls, uri, linted, params.range)
        if _wants(wanted, FIX_ALL) and any(
            f.fix is not None and f.fix.safe and f.fix.edits for f in linted.findings
        ):
            action = fix_all_action(ls, uri, linted)
            if action is not None:
                actions.append(action)
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: SpotlintServer, params: types.HoverParams) -> types.Hover | None:
        linted = ls.current(params.text_document.uri)
        if linted is None:
            return None
        positions = Positions(linted.text, ls.encoding())
        point = types.Range(start=params.position, end=params.position)
        parts: list[str] = []
        ranges: list[types.Range] = []
        for finding in linted.findings:
            where = positions.location(finding.location)
            if contains(where, point):
                parts.append(rule_markdown(ls.need_session(), finding))
                ranges.append(where)
        if not parts:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                         value="\n\n---\n\n".join(parts)),
            range=ranges[0],
        )

    return server


#: Files whose change may change some document's findings: every format spotlint
#: reads (pools, templates, Terraform, confs), configuration and baselines.
WATCHED = (
    "**/*.{yaml,yml,json,conf,properties,tf,tfvars,sh,toml}",
    "**/.spotlint.{yaml,yml}",
)


def _wants(only: Sequence[str] | None, kind: str) -> bool:
    """Did the client ask for actions of ``kind`` (``only`` lists kinds or their parents)?"""
    if not only:
        return True
    return any(kind == k or kind.startswith(f"{k}.") for k in only)


def quick_fixes(
    ls: SpotlintServer, uri: str, linted: Linted, wanted: types.Range
) -> list[types.CodeAction]:
    """One action per fixable finding in the range; safe fixes are preferred, unsafe labelled."""
    positions = Positions(linted.text, ls.encoding())
    actions: list[types.CodeAction] = []
    for finding in linted.findings:
        fix = finding.fix
        if fix is None or not fix.edits:
            continue
        where = positions.location(finding.location)
        if not contains(where, wanted):
            continue
        label = f"{fix.description} ({finding.code})"
        if not fix.safe:
            label += " [unsafe: review the change]"
        actions.append(types.CodeAction(
            title=label,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic(finding, positions, ls.uri_of)],
            is_preferred=fix.safe,
            edit=types.WorkspaceEdit(changes={uri: list(text_edits(finding, positions))}),
        ))
    return actions


def fix_all_action(ls: SpotlintServer, uri: str, linted: Linted) -> types.CodeAction | None:
    """Every safe fix of the document at once, as ``spotlint check --fix`` applies them."""
    try:
        fixed = ls.need_session().fix_all(linted.path)
    except SpotlintError as exc:
        ls._report(str(exc))
        return None
    except Exception as exc:  # a bug: no action rather than a failed request
        logger.exception("fixing %s", uri)
        ls._report(f"internal error while fixing {linted.path}: {type(exc).__name__}: {exc}")
        return None
    if fixed is None:
        return None
    positions = Positions(linted.text, ls.encoding())
    edit = types.TextEdit(range=positions.whole(), new_text=fixed)
    return types.CodeAction(
        title="spotlint: fix all safe fixes",
        kind=FIX_ALL,
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


def rule_markdown(session: Session, finding: Finding) -> str:
    """A finding's hover: its message, then its rule's documentation and a link to its page."""
    code = finding.code
    head = f"**{code} {finding.name}** ({finding.severity.value}): {finding.message}"
    rule = session.rules.get(code)
    if rule is None:
        return head
    return (f"{head}\n\n{rule.summary}\n\n{rule.doc.strip()}\n\n"
            f"[{code} documentation]({docs_url(code)})")


def serve(options: ServerOptions) -> None:
    """Run the server on stdin and stdout until the client says exit."""
    level = os.environ.get("SPOTLINT_SERVER_LOG")
    if level:
        logging.basicConfig(level=level.upper())
    build(options).start_io()
