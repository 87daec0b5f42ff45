"""Project rules leave out the work whose findings would lie in files the run does not
report on (``RuleContext.reported``, set when context files were read: a commit hook's
run reads a whole directory of pools for one job and drops every finding in them).

SL412's finding on a Karpenter controller lies in the controller's file, and SL409's on
a deprecated object in that object's file: in a file not reported on, nothing is asked
(which pools a controller covers, each document's API); in a reported file, the same
findings as without the filter.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from spotlint.location import Location, Node
from spotlint.model import KARPENTER_CONTROLLER, InterruptionHandling, Pool, Project
from spotlint.rule import RuleContext

SL409 = importlib.import_module("spotlint.rules.pools.sl409_deprecated_karpenter_api")
SL412 = importlib.import_module(
    "spotlint.rules.pools.sl412_spot_without_interruption_handling")
deprecated_karpenter_api = SL409.deprecated_karpenter_api.check
spot_without_interruption_handling = SL412.spot_without_interruption_handling.check


def _loc(path: str) -> Location:
    return Location(path, 1, 1, 1, 10)


def _provisioner(path: str) -> Pool:
    loc = _loc(path)
    doc = Node({"apiVersion": Node("karpenter.sh/v1alpha5", loc), "kind": Node("Provisioner", loc),
                "metadata": Node({"name": Node("spot", loc)}, loc)}, loc)
    return Pool("spot", "karpenter-provisioner", doc, doc, capacity_types=frozenset({"spot"}),
                karpenter=True)


def _project(path: str) -> Project:
    controller = InterruptionHandling(KARPENTER_CONTROLLER, _loc(path), queue=False,
                                      setting="settings.interruptionQueue")
    return Project(pools=[_provisioner(path)], interruption=[controller])


@pytest.mark.parametrize("reported", [None, lambda path: path == "pools.yaml"])
def test_findings_in_reported_files_are_found(reported: Any) -> None:
    project = _project("pools.yaml")
    assert len(list(spot_without_interruption_handling(
        project, RuleContext(project=project, reported=reported)))) == 1
    assert len(list(deprecated_karpenter_api(
        project, RuleContext(project=project, reported=reported)))) == 1


def test_files_not_reported_on_are_not_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project("context/pools.yaml")

    def asked(*args: object) -> bool:
        raise AssertionError("asked about a file not reported on")

    monkeypatch.setattr(SL412, "covers", asked)
    monkeypatch.setattr(SL409, "_check", asked)
    ctx: RuleContext[None] = RuleContext(project=project, reported=lambda path: path == "job.yaml")
    assert list(spot_without_interruption_handling(project, ctx)) == []
    assert list(deprecated_karpenter_api(project, ctx)) == []
