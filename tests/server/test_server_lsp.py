"""``spotlint server`` spoken to over stdio by a real LSP client (pygls's).

Each test starts the server as a subprocess in a small repository (a ``.git``
directory makes it the project, as for ``spotlint check``), opens documents and
checks what the server publishes and answers.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types
from support.cli import SPARK_APP_DRIVER_ON_SPOT
from support.lsp import TIMEOUT, run, server

JOB = SPARK_APP_DRIVER_ON_SPOT

#: A job whose driver goes wherever the pool labelled spark-drivers is.
POOLED_JOB = JOB.replace("karpenter.sh/capacity-type: spot", "workload: spark-drivers").replace(
    "name: etl", "name: batch")

POOL = """\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: spark-drivers
spec:
  template:
    metadata:
      labels:
        workload: spark-drivers
    spec:
      nodeClassRef:
        group: karpenter.k8s.aws
        kind: EC2NodeClass
        name: spark
      requirements:
        - key: karpenter.sh/capacity-type
          operator: In
          values: ["on-demand"]
  limits:
    cpu: "200"
  disruption:
    consolidationPolicy: WhenEmpty
    consolidateAfter: 5m
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "jobs").mkdir()
    (tmp_path / "pools").mkdir()
    (tmp_path / "jobs" / "etl.yaml").write_text(JOB)
    (tmp_path / "jobs" / "batch.yaml").write_text(POOLED_JOB)
    (tmp_path / "pools" / "nodepool.yaml").write_text(POOL)
    return tmp_path


def _codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def test_spot_driver_diagnostic_code_action_and_fix(repo: Path) -> None:
    async def scenario() -> None:
        async with server(repo) as client:
            uri = client.open(repo / "jobs" / "etl.yaml")
            diagnostics = await client.diagnostics(uri)
            # SL106 too: the project's only pool is On-Demand, so nothing hosts a Spot driver.
            assert _codes(diagnostics) == ["SL101", "SL106"]
            sl101 = next(d for d in diagnostics if d.code == "SL101")
            # `spot` on line 13 (0-based 12), columns 34-38 (0-based, end exclusive).
            assert sl101.range == types.Range(start=types.Position(line=12, character=34),
                                              end=types.Position(line=12, character=38))
            assert sl101.severity == types.DiagnosticSeverity.Error
            assert sl101.source == "spotlint"
            assert sl101.code_description is not None
            assert sl101.code_description.href.endswith("/docs/rules/SL101.md")

            actions = await client.code_actions(uri, sl101.range)
            quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
            assert len(quick) == 1
            action = quick[0]
            # SL101's fix changes where the driver runs: offered, labelled unsafe, not preferred.
            assert "unsafe" in action.title and "SL101" in action.title
            assert not action.is_preferred
            assert action.diagnostics and action.diagnostics[0].code == "SL101"
            # No safe fix here, so no "fix all safe" action either.
            assert not [a for a in actions if a.kind == "source.fixAll.spotlint"]
            assert action.edit is not None
            before = client.count(uri)
            text = client.apply(uri, action.edit)
            assert "karpenter.sh/capacity-type: on-demand" in text
            assert await client.diagnostics(uri, after=before) == []

    run(scenario())


def test_a_pool_edited_in_the_editor_changes_an_open_jobs_findings(repo: Path) -> None:
    async def scenario() -> None:
        async with server(repo) as client:
            job = client.open(repo / "jobs" / "batch.yaml")
            assert await client.diagnostics(job) == []
            pool = client.open(repo / "pools" / "nodepool.yaml")
            await client.diagnostics(pool)
            # Unsaved: the file on disk still says on-demand.
            client.change(pool, client.texts[pool].replace('["on-demand"]', '["spot"]'))
            found = await client.settles(job, lambda d: "SL101" in _codes(d),
                                         "SL101 on the job once its pool is Spot")
            sl101 = next(d for d in found if d.code == "SL101")
            assert sl101.range.start.line == 12  # workload: spark-drivers
            assert "spark-drivers" in sl101.message
            assert "spot" not in (repo / "pools" / "nodepool.yaml").read_text()

            client.change(pool, POOL)
            await client.settles(job, lambda d: d == [], "no finding once the pool is back")

    run(scenario())


def test_a_pool_changed_on_disk_changes_an_open_jobs_findings(repo: Path) -> None:
    async def scenario() -> None:
        async with server(repo) as client:
            assert any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
                       for r in await client.until(lambda: client.registrations,
                                                   "file watching registration"))
            job = client.open(repo / "jobs" / "batch.yaml")
            assert await client.diagnostics(job) == []
            path = repo / "pools" / "nodepool.yaml"
            path.write_text(POOL.replace('["on-demand"]', '["spot"]'))
            client.lsp.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=path.as_uri(), type=types.FileChangeType.Changed)]))
            await client.settles(job, lambda d: "SL101" in _codes(d),
                                 "SL101 on the job once its pool is Spot on disk")

    run(scenario())


SPOT_POOL = POOL.replace("spark-drivers", "spark-executors").replace('["on-demand"]', '["spot"]')

#: Executors on the Spot pool without decommissioning: SL201, whose fix is safe.
EXECUTOR_JOB = POOLED_JOB.replace("name: batch", "name: exec  # \U0001f680 nightly").replace(
    "    instances: 2\n", "    instances: 2\n    nodeSelector:\n      workload: spark-executors\n")


def test_hover_shows_the_rules_documentation(repo: Path) -> None:
    async def scenario() -> None:
        async with server(repo) as client:
            uri = client.open(repo / "jobs" / "etl.yaml")
            sl101 = next(d for d in await client.diagnostics(uri) if d.code == "SL101")
            hover = await asyncio.wait_for(client.lsp.text_document_hover_async(
                types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri),
                                  position=sl101.range.start)), TIMEOUT)
            assert hover is not None and isinstance(hover.contents, types.MarkupContent)
            text = hover.contents.value
            assert text.startswith("**SL101 driver-on-spot** (error)")
            assert "## How to fix" in text and "/docs/rules/SL101.md" in text
            # Nothing to say away from a finding.
            nothing = await asyncio.wait_for(client.lsp.text_document_hover_async(
                types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri),
                                  position=types.Position(line=0, character=0))), TIMEOUT)
            assert nothing is None

    run(scenario())


def test_fix_all_applies_the_safe_fixes(repo: Path) -> None:
    (repo / "pools" / "spot.yaml").write_text(SPOT_POOL)
    job = repo / "jobs" / "exec.yaml"
    job.write_text(EXECUTOR_JOB)

    async def scenario() -> None:
        async with server(repo) as client:
            uri = client.open(job)
            found = await client.diagnostics(uri)
            sl201 = next(d for d in found if d.code == "SL201")
            assert sl201.range.start.line == 0 and sl201.range.end.line == 0
            quick = [a for a in await client.code_actions(uri, sl201.range)
                     if a.kind == types.CodeActionKind.QuickFix]
            assert [a.is_preferred for a in quick] == [True]
            assert "unsafe" not in quick[0].title
            actions = await client.code_actions(uri, sl201.range, only=["source.fixAll"])
            assert [a.kind for a in actions] == ["source.fixAll.spotlint"]
            assert actions[0].edit is not None
            before = client.count(uri)
            text = client.apply(uri, actions[0].edit)
            assert 'spark.decommission.enabled: "true"' in text
            assert "\U0001f680" in text  # the rest of the file is as it was
            assert "SL201" not in _codes(await client.diagnostics(uri, after=before))
            assert job.read_text() == EXECUTOR_JOB  # the editor applies edits; nothing written

    run(scenario())


def test_a_bad_configuration_is_shown_as_a_message(repo: Path) -> None:
    (repo / ".spotlint.yaml").write_text("select: [NOPE999]\n")

    async def scenario() -> None:
        async with server(repo) as client:
            uri = client.open(repo / "jobs" / "etl.yaml")
            assert await client.diagnostics(uri) == []
            await client.until(lambda: any("NOPE999" in m for m in client.messages),
                               "a message naming the bad selector")

    run(scenario())
