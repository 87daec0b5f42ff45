"""Latency of ``spotlint server``: from an edit to its diagnostics, as an editor sees it.

Starts ``spotlint server`` as a subprocess and drives it over stdio with
pygls's LSP client, as an editor would, on two projects:

* ``examples``: the bundled example repository (15 files: jobs, pod
  templates, Karpenter pools, an eksctl cluster), copied with a ``.git`` so it
  is the project;
* ``monorepo``: the 1,000-file corpus of ``generate.py`` (about 110 files
  spotlint reads, the rest unrelated YAML and JSON; needs ``../shared/corpus``).

For each: start-up (spawn to the ``initialize`` answer), the first diagnostics
of a job (the project is read then), then ``--rounds`` edits of the job (a
value toggled, a full-text change) timed from sending ``didChange`` to
receiving the diagnostics of that version, and edits of a pool open in the
editor timed until the job's diagnostics follow. The server runs with
``--debounce-ms 0`` so the figure is the server's own work plus the
transport; an editor adds the debounce delay (150 ms by default) on top.

    python bench/server.py                 # both projects, 30 edits each
    python bench/server.py --rounds 100 --json out.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORKDIR = Path("/tmp/spotlint-bench/server")
CORPUS = REPO.parent / "shared" / "corpus"


class Driver:
    """A client that records when each document's diagnostics arrive, by version."""

    def __init__(self) -> None:
        self.lsp = LanguageClient("spotlint-bench", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.versions: dict[str, int] = {}
        self.waiters: dict[tuple[str, int | None], asyncio.Future[float]] = {}

        @self.lsp.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[misc,untyped-decorator,unused-ignore]
        def published(params: types.PublishDiagnosticsParams) -> None:
            now = time.perf_counter()
            key = (params.uri, params.version)
            self.arrived.setdefault(key, now)
            waiter = self.waiters.pop(key, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(now)

        @self.lsp.feature(types.CLIENT_REGISTER_CAPABILITY)  # type: ignore[misc,untyped-decorator,unused-ignore]
        def register(params: types.RegistrationParams) -> None:
            return None

    async def wait(self, uri: str, version: int | None) -> float:
        key = (uri, version)
        if key in self.arrived:
            return self.arrived[key]
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiters[key] = future
        return await asyncio.wait_for(future, 300)

    def open(self, path: Path) -> str:
        uri = path.as_uri()
        self.versions[uri] = 1
        self.lsp.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1,
                                                 text=path.read_text("utf-8"))))
        return uri

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        version = self.versions[uri]
        self.lsp.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return version


def _toggle(text: str, round_: int) -> str:
    """The job with a harmless edit that differs every round (a comment line)."""
    return text + f"# edit {round_}\n"


async def measure(project: Path, job: Path, pool: Path | None, rounds: int) -> dict[str, Any]:
    driver = Driver()
    started = time.perf_counter()
    await driver.lsp.start_io(sys.executable, "-m", "spotlint", "server", "--debounce-ms", "0",
                              cwd=str(project))
    await driver.lsp.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        root_uri=project.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=project.as_uri(), name="bench")]))
    startup = time.perf_counter() - started
    driver.lsp.initialized(types.InitializedParams())

    sent = time.perf_counter()
    uri = driver.open(job)
    first = await driver.wait(uri, 1) - sent
    text = job.read_text("utf-8")
    edits: list[float] = []
    for round_ in range(rounds):
        sent = time.perf_counter()
        version = driver.change(uri, _toggle(text, round_))
        edits.append(await driver.wait(uri, version) - sent)

    pool_edits: list[float] = []
    if pool is not None:
        pool_uri = driver.open(pool)
        await driver.wait(pool_uri, 1)
        pool_text = pool.read_text("utf-8")
        for round_ in range(max(rounds // 3, 3)):
            # The job keeps its version: its diagnostics are published again after the pool's.
            driver.arrived.pop((uri, driver.versions[uri]), None)
            sent = time.perf_counter()
            driver.change(pool_uri, _toggle(pool_text, round_))
            pool_edits.append(await driver.wait(uri, driver.versions[uri]) - sent)

    await driver.lsp.shutdown_async(None)
    driver.lsp.exit(None)
    await driver.lsp.stop()  # type: ignore[no-untyped-call,unused-ignore]
    return {
        "startup_ms": round(startup * 1000, 1),
        "first_diagnostics_ms": round(first * 1000, 1),
        "edit_ms": _summary(edits),
        "pool_edit_to_job_ms": _summary(pool_edits) if pool_edits else None,
    }


def _summary(values: list[float]) -> dict[str, float]:
    ms = sorted(v * 1000 for v in values)
    return {
        "median": round(statistics.median(ms), 1),
        "p90": round(ms[min(len(ms) - 1, int(len(ms) * 0.9))], 1),
        "max": round(ms[-1], 1),
        "n": len(ms),
    }


def _examples() -> tuple[Path, Path, Path | None]:
    target = WORKDIR / "examples"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REPO / "examples", target)
    (target / ".git").mkdir()
    return target, target / "jobs" / "nightly-etl.yaml", target / "karpenter" / "nodepools.yaml"


def _monorepo(files: int) -> tuple[Path, Path, Path | None] | None:
    if not CORPUS.is_dir():
        return None
    sys.path.insert(0, str(HERE))
    from generate import generate

    target = WORKDIR / f"monorepo-{files}"
    if target.exists():
        shutil.rmtree(target)
    generate(target, files, 6, CORPUS)
    (target / ".git").mkdir()
    jobs = sorted(p for p in target.rglob("*.yaml") if "SparkApplication" in p.read_text("utf-8"))
    pools = sorted(p for p in target.rglob("*.yaml") if "kind: NodePool" in p.read_text("utf-8"))
    return target, jobs[0], pools[0] if pools else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--files", type=int, default=1000, help="size of the monorepo corpus")
    parser.add_argument("--only", choices=("examples", "monorepo"), default=None)
    parser.add_argument("--json", type=Path, default=None, help="write the numbers here")
    args = parser.parse_args(argv)
    WORKDIR.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    projects: list[tuple[str, tuple[Path, Path, Path | None] | None]] = []
    if args.only in (None, "examples"):
        projects.append(("examples", _examples()))
    if args.only in (None, "monorepo"):
        projects.append((f"monorepo-{args.files}", _monorepo(args.files)))
    for name, setup in projects:
        if setup is None:
            print(f"{name}: skipped (needs {CORPUS})")
            continue
        project, job, pool = setup
        result = asyncio.run(measure(project, job, pool, args.rounds))
        results[name] = result
        edit = result["edit_ms"]
        pool_edit = result["pool_edit_to_job_ms"]
        print(f"{name}: start-up {result['startup_ms']} ms, first diagnostics "
              f"{result['first_diagnostics_ms']} ms; edit -> diagnostics median "
              f"{edit['median']} ms, p90 {edit['p90']} ms, max {edit['max']} ms (n={edit['n']})"
              + (f"; pool edit -> job diagnostics median {pool_edit['median']} ms, "
                 f"p90 {pool_edit['p90']} ms" if pool_edit else ""))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
