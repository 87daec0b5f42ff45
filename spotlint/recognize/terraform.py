"""Terraform configurations: node groups, embedded Kubernetes objects, interruption handling.

One document kind reads a whole ``.tf`` file, evaluating its expressions in
its module directory's scope (:mod:`spotlint.load.hcl_module`). It finds:

* node groups: ``resource "aws_eks_node_group"``, ``resource
  "aws_autoscaling_group"`` with a ``mixed_instances_policy`` (when it is tagged
  for a Kubernetes cluster), the community EKS module
  (``terraform-aws-modules/eks/aws``: ``eks_managed_node_groups``,
  ``self_managed_node_groups`` and their ``*_defaults``, merged key by key as the
  module does, and its node-group sub-modules), and EKS Blueprints v4
  (``managed_node_groups``, ``self_managed_node_groups``)
  (:mod:`.terraform_modules`);
* Kubernetes objects in ``kubectl_manifest``, ``kubernetes_manifest`` and
  ``helm_release`` values, and the NodePools of the ``karpenter-resources``
  chart (:mod:`.terraform_embedded`, :mod:`.terraform_helm`);
* what handles Spot interruptions: AWS Node Termination Handler deployed by a
  Helm release or an add-on flag, and the Karpenter controller's configuration
  with or without an interruption queue (SL412).

The module's ``provider "aws"`` region and a node group's cluster name fill
``Pool.region`` / ``Pool.cluster`` when they are known.
"""

from __future__ import annotations

from spotlint.load.base import LoadedFile
from spotlint.location import Node
from spotlint.recognize.kinds import NormalizeContext

#: The formats this kind reads; the HCL reader is imported only when such a file is.
FORMATS = ("terraform", "terraform-json")


class TerraformKind:
    """A Terraform file (native or JSON syntax), read as one module's configuration."""

    name = "terraform"
    schema: str | None = None

    def matches(self, doc: Node, file: LoadedFile) -> bool:
        return (
            file.fmt in FORMATS
            and file.syntax is not None
            and bool(file.documents)
            and doc is file.documents[0]
        )

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        from spotlint.load import hcl
        from spotlint.load.hcl_eval import Evaluator
        from spotlint.load.hcl_module import module_scope
        from spotlint.load.textpos import SourceText
        from spotlint.recognize import terraform_helm, terraform_modules, terraform_resources
        from spotlint.recognize.common import scalar_text
        from spotlint.recognize.terraform_file import TerraformFile

        body = ctx.file.syntax
        assert isinstance(body, hcl.Body)
        if ctx.file.path.lower().endswith(".tfvars"):
            return
        source = SourceText(ctx.file.path, ctx.file.text)
        scope, region_def = module_scope(ctx.file.path, (body, source), ctx.root, ctx.limits)
        ev = Evaluator(source, scope)
        region = None
        if region_def is not None:
            region = scalar_text(Evaluator(region_def.source, scope).value(region_def.expr))
        tf = TerraformFile(ctx, ev, region)
        for block in body.blocks:
            labels = [label for label, _, _ in block.labels]
            if block.type == "resource" and len(labels) == 2:
                kind = labels[0]
                if kind in terraform_resources.RESOURCES:
                    terraform_resources.RESOURCES[kind](tf, block)
                elif kind == "helm_release":
                    terraform_helm.helm_release(tf, block)
            elif block.type == "module" and labels:
                terraform_modules.module(tf, block)


KINDS = [TerraformKind()]
