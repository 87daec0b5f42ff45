"""Interruption handling found in YAML: Helm values, Flux, Argo CD, controller manifests."""

from __future__ import annotations

import pytest

from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.model import Project
from spotlint.recognize.interruption import KINDS
from spotlint.recognize.kinds import NormalizeContext


def _handlers(text: str) -> list[tuple[str, bool | None, str]]:
    loaded = load_yaml_text("x.yaml", text, Limits())
    project = Project()
    ctx = NormalizeContext(file=loaded, project=project)
    for doc in loaded.documents:
        kind = next((k for k in KINDS if k.matches(doc, loaded)), None)
        if kind is not None:
            kind.normalize(doc, ctx)
    return [(h.kind, h.queue, h.setting) for h in project.interruption]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("settings:\n  clusterName: a\n  interruptionQueue: q\n",
         [("karpenter-controller", True, "settings.interruptionQueue")]),
        ("settings:\n  aws:\n    clusterName: a\n",
         [("karpenter-controller", False, "settings.interruptionQueue")]),
        ("settings:\n  clusterName: a\n  interruptionQueueName: q\n",
         [("karpenter-controller", False, "settings.interruptionQueueName")]),
        ("enableSpotInterruptionDraining: true\n", [("node-termination-handler", None, "")]),
        ("settings:\n  color: blue\n", []),
        (
            "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nspec:\n  chart:\n"
            "    spec:\n      chart: karpenter\n  valuesFrom:\n    - kind: ConfigMap\n",
            [("karpenter-controller", None, "settings.interruptionQueue")],
        ),
        (
            "apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  source:\n"
            "    chart: karpenter\n    helm:\n      values: |\n        settings:\n"
            "          interruptionQueue: q\n",
            [("karpenter-controller", True, "settings.interruptionQueue")],
        ),
        (
            "apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  source:\n"
            "    chart: karpenter\n    helm:\n      parameters:\n"
            "        - {name: settings.interruptionQueue, value: q}\n",
            [("karpenter-controller", True, "settings.interruptionQueue")],
        ),
        (
            "apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n"
            "      containers:\n        - name: nth\n"
            "          image: public.ecr.aws/aws-ec2/aws-node-termination-handler:v1.22.0\n",
            [("node-termination-handler", None, "")],
        ),
        (
            "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n"
            "      containers:\n        - name: controller\n"
            "          image: public.ecr.aws/karpenter/controller:1.0.0\n"
            "          env:\n            - {name: INTERRUPTION_QUEUE, value: q}\n",
            [("karpenter-controller", True, "INTERRUPTION_QUEUE")],
        ),
        (
            "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n"
            "      containers:\n        - name: web\n          image: nginx\n",
            [],
        ),
    ],
)
def test_what_each_form_says(text: str, expected: list[tuple[str, bool | None, str]]) -> None:
    assert _handlers(text) == expected
