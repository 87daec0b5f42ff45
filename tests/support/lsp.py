"""A real LSP client (pygls's) driving ``spotlint server`` in a subprocess, for the tests.

Waits are generous and never assert a duration: the machine may be loaded, and
what is tested is what the server says, not how fast.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

#: Seconds to wait for the server's answer to anything (generous on a loaded machine).
TIMEOUT = 90.0


class Client:
    """The client side of a session: documents it opened, diagnostics it received."""

    def __init__(self, client: LanguageClient) -> None:
        self.lsp = client
        #: every publishDiagnostics received, in order, by URI
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self.registrations: list[types.Registration] = []
        self.messages: list[str] = []

    async def until(self, condition: Callable[[], Any], what: str) -> Any:
        """Wait until ``condition()`` is truthy; return it (fails after TIMEOUT seconds)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + TIMEOUT
        while True:
            value = condition()
            if value:
                return value
            if loop.time() > deadline:
                raise AssertionError(f"timed out waiting for {what}; messages: {self.messages}")
            await asyncio.sleep(0.02)

    def open(self, path: Path, language: str = "yaml") -> str:
        uri = path.as_uri()
        text = path.read_text("utf-8")
        self.versions[uri] = 1
        self.texts[uri] = text
        self.lsp.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1,
                                                 text=text)))
        return uri

    def change(self, uri: str, text: str) -> None:
        """Replace the whole text of an open document (a full-text change)."""
        self.versions[uri] += 1
        self.texts[uri] = text
        self.lsp.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri,
                                                                version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    def latest(self, uri: str) -> list[types.Diagnostic] | None:
        """The diagnostics last published for the document (None: none yet)."""
        published = self.published.get(uri)
        return list(published[-1].diagnostics) if published else None

    async def settles(self, uri: str, check: Callable[[list[types.Diagnostic]], bool],
                      what: str) -> list[types.Diagnostic]:
        """Wait until the document's latest diagnostics pass ``check``; return them.

        For documents whose version does not change (another file was edited),
        where "the next publication" could be a re-lint already on its way.
        """
        def done() -> tuple[list[types.Diagnostic]] | None:
            latest = self.latest(uri)
            return (latest,) if latest is not None and check(latest) else None

        found: tuple[list[types.Diagnostic]] = await self.until(done, what)
        return found[0]

    def count(self, uri: str) -> int:
        return len(self.published.get(uri, []))

    async def diagnostics(self, uri: str, after: int = 0) -> list[types.Diagnostic]:
        """The first diagnostics published for the document's current version after
        the ``after``-th publication."""
        version = self.versions.get(uri)

        def found() -> types.PublishDiagnosticsParams | None:
            for params in self.published.get(uri, [])[after:]:
                if version is None or params.version in (None, version):
                    return params
            return None

        got = await self.until(found, f"diagnostics of {uri} (version {version})")
        return list(got.diagnostics)

    async def code_actions(self, uri: str, range: types.Range,
                           only: list[str] | None = None) -> list[types.CodeAction]:
        result = await asyncio.wait_for(self.lsp.text_document_code_action_async(
            types.CodeActionParams(text_document=types.TextDocumentIdentifier(uri=uri),
                                   range=range,
                                   context=types.CodeActionContext(diagnostics=[], only=only))),
            TIMEOUT)
        return [a for a in result or [] if isinstance(a, types.CodeAction)]

    def apply(self, uri: str, edit: types.WorkspaceEdit) -> str:
        """Apply a workspace edit to the document's text (as an editor would); send it."""
        assert edit.changes is not None
        text = apply_edits(self.texts[uri], list(edit.changes[uri]))
        self.change(uri, text)
        return text


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Text edits (UTF-16 positions, the default encoding) applied to ``text``."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: types.Position) -> int:
        if position.line >= len(lines):
            return len(text)
        line = lines[position.line]
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return starts[position.line] + index
            units += 2 if ord(char) > 0xFFFF else 1
        return starts[position.line] + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                       reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


@asynccontextmanager
async def server(workspace: Path, *args: str) -> AsyncIterator[Client]:
    """``spotlint server ARGS`` started in ``workspace``, initialized, shut down after."""
    lsp = LanguageClient("spotlint-tests", "1")
    client = Client(lsp)

    @lsp.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        client.published.setdefault(params.uri, []).append(params)

    @lsp.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    @lsp.feature(types.WINDOW_LOG_MESSAGE)
    def log(params: types.LogMessageParams) -> None:
        client.messages.append(params.message)

    @lsp.feature(types.WINDOW_SHOW_MESSAGE)
    def show(params: types.ShowMessageParams) -> None:
        client.messages.append(params.message)

    await lsp.start_io(sys.executable, "-m", "spotlint", "server", *args, cwd=str(workspace))
    try:
        capabilities = types.ClientCapabilities(
            workspace=types.WorkspaceClientCapabilities(
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                    dynamic_registration=True)))
        params = types.InitializeParams(
            capabilities=capabilities,
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="project")],
        )
        await asyncio.wait_for(lsp.initialize_async(params), TIMEOUT)
        lsp.initialized(types.InitializedParams())
        yield client
        await asyncio.wait_for(lsp.shutdown_async(None), TIMEOUT)
        lsp.exit(None)
    finally:
        try:
            await asyncio.wait_for(lsp.stop(), TIMEOUT)
        except Exception:  # the server is gone either way; kill it if it is not
            process = getattr(lsp, "_server", None)
            if process is not None and process.returncode is None:
                process.kill()


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)
