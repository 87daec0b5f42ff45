"""A Karpenter object uses an API version that current Karpenter no longer serves.

## Why it matters
`karpenter.sh/v1alpha5` Provisioners and `karpenter.k8s.aws/v1alpha1`
AWSNodeTemplates were removed in Karpenter 0.33; `v1beta1` NodePools and
EC2NodeClasses were converted by Karpenter 1.0 and dropped in 1.1. Manifests
on those versions fail to apply after an upgrade, and their defaults differ
from the current API (a Provisioner was On-Demand unless told otherwise, a
NodePool is not).

## How to fix
Rewrite the object as the current kind: Provisioner as `karpenter.sh/v1`
NodePool, AWSNodeTemplate and `v1beta1` EC2NodeClass as `karpenter.k8s.aws/v1`
EC2NodeClass, `v1beta1` NodePool as `karpenter.sh/v1` NodePool. Karpenter's
migration guides list the renamed fields.

## See also
SL408
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.location import Node
from spotlint.model import Project
from spotlint.recognize.kinds import api_group
from spotlint.rule import RuleContext, Severity, Violation, rule

#: (group, version, kind) -> (the current kind, when the old one stopped working).
REPLACEMENTS = {
    ("karpenter.sh", "v1alpha5", "Provisioner"): (
        "karpenter.sh/v1 NodePool", "removed in Karpenter 0.33"),
    ("karpenter.k8s.aws", "v1alpha1", "AWSNodeTemplate"): (
        "karpenter.k8s.aws/v1 EC2NodeClass", "removed in Karpenter 0.33"),
    ("karpenter.sh", "v1beta1", "NodePool"): (
        "karpenter.sh/v1 NodePool", "dropped in Karpenter 1.1"),
    ("karpenter.k8s.aws", "v1beta1", "EC2NodeClass"): (
        "karpenter.k8s.aws/v1 EC2NodeClass", "dropped in Karpenter 1.1"),
}


def _check(doc: Node) -> Violation | None:
    group, version, kind = api_group(doc)
    replacement = REPLACEMENTS.get((group, version, kind))
    api = doc.get("apiVersion")
    if replacement is None or api is None:
        return None
    name = doc.path("metadata", "name")
    label = f" '{name.text()}'" if name is not None and name.is_scalar else ""
    new, when = replacement
    return Violation(
        at=api,
        message=f"{group}/{version} {kind}{label} is deprecated ({when}); migrate to {new}",
    )


@rule(
    code="SL409",
    name="deprecated-karpenter-api",
    severity=Severity.INFO,
    summary="A Karpenter object uses a deprecated API version; migrate to the v1 kind.",
    target="project",
    doc=__doc__,
    applies_to=("karpenter-provisioner", "karpenter-nodepool", "karpenter-nodeclass"),
)
def deprecated_karpenter_api(project: Project, ctx: RuleContext) -> Iterator[Violation]:
    docs = [pool.doc for pool in project.pools if pool.karpenter]
    docs.extend(project.node_classes.values())
    reported = ctx.reported  # (a finding lies in its document's file: those reported on)
    seen: set[int] = set()
    for doc in docs:
        if id(doc) in seen:
            continue
        seen.add(id(doc))
        if reported is not None and not reported(doc.file_path):
            continue
        found = _check(doc)
        if found is not None:
            yield found
