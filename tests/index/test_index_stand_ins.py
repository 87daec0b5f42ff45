"""The stand-ins of files only scanned (spotlint.index.context.stand_ins) are each file's
:func:`~spotlint.index.context.stand_in_for`; files that can name no file and define no
node class share one stand-in per set of roles (a warm commit hook's run makes ~1,000)."""

from __future__ import annotations

import itertools
from typing import Any

from spotlint.index.context import stand_in_for, stand_ins
from spotlint.index.roles import (
    ALL,
    ANY_LINKS,
    CONFIG_MAPS,
    HANDLERS,
    LINKS_ANY,
    NODE_CLASSES,
    PARTIAL,
    POOLS,
    scan,
)

GIVEN = ["jobs/job.yaml", "templates/driver.yaml"]

TEXTS = [
    b"apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: a}\n",
    b"apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata: {name: spark}\n",
    b"kind: ConfigMap\n",
    b"spark.kubernetes.driver.podTemplateFile: templates/driver.yaml\n",
    b"aws emr-containers start-job-run --cli-input-json file://request.json\n",
    b"aws-node-termination-handler: {enableSpotInterruptionDraining: true}\n",
    b"nothing: here\n",
]


def _summaries() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for at, text in enumerate(TEXTS):
        found[f"scanned/{at}.yaml"] = scan(f"scanned/{at}.yaml", text, 1 << 20)
        found[f"scanned/{at}.sh"] = scan(f"scanned/{at}.sh", text, 1 << 20)
    roles = [0, POOLS, HANDLERS, CONFIG_MAPS, POOLS | HANDLERS | CONFIG_MAPS, NODE_CLASSES,
             LINKS_ANY, ALL]
    extras: list[dict[str, Any]] = [
        {}, {"names": ["driver.yaml"]}, {"names": ["other.yaml"]},
        {"pieces": [[None, ".yaml"]]}, {"pieces": [[None, ".yaml"]], "literal": True},
        {"literal": True}, {"requests": ["request.json"], "names": ["request.json"]},
        {"words": " spark "}]
    for n, (role, extra) in enumerate(itertools.product(roles, extras)):
        summary = {PARTIAL: role, "names": [], **extra}
        found[f"made/{n}.yaml"] = summary
        found[f"made/{n}.tf"] = dict(summary)  # (another object alike)
    found["made/unsaid.yaml"] = {"names": []}  # (no roles said: every role)
    return {rel: summary for rel, summary in found.items() if PARTIAL in summary or
            rel == "made/unsaid.yaml"}


def test_stand_ins_are_each_files_stand_in() -> None:
    partial = _summaries()
    assert len(partial) > 100
    for content in (lambda path: ANY_LINKS, lambda path: None):
        expected = {rel: made for rel, summary in partial.items()
                    if (made := stand_in_for(summary, rel, GIVEN, content))}
        assert stand_ins(partial, GIVEN, content) == expected
        assert any("refs" in made for made in expected.values())


def test_files_alike_share_one_stand_in() -> None:
    partial = {f"scanned/{n}.yaml": {PARTIAL: POOLS | CONFIG_MAPS, "names": []}
               for n in range(5)}
    partial["scanned/handler.yaml"] = {PARTIAL: HANDLERS, "names": []}
    partial["scanned/other.yaml"] = {PARTIAL: HANDLERS, "names": []}
    partial["scanned/named.yaml"] = {PARTIAL: POOLS | CONFIG_MAPS,
                                     "names": ["templates/driver.yaml"]}
    standing = stand_ins(partial, GIVEN, lambda path: ANY_LINKS)
    assert len({id(standing[f"scanned/{n}.yaml"]) for n in range(5)}) == 1
    assert standing["scanned/handler.yaml"] is standing["scanned/other.yaml"]
    assert standing["scanned/named.yaml"] is not standing["scanned/0.yaml"]
    assert standing["scanned/named.yaml"]["refs"] == ["templates/driver.yaml"]
