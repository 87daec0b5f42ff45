"""Terraform node groups, embedded objects and handlers, as the model sees them."""

from __future__ import annotations

from pathlib import Path

from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.engine import run as run_module
from spotlint.model import ON_DEMAND, SPOT, Project


def _project(tmp_path: Path, files: dict[str, str]) -> Project:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    captured: list[Project] = []
    finish = run_module._finish

    def keep(run: run_module.Run):  # type: ignore[no-untyped-def]
        captured.append(run.project)
        return finish(run)

    run_module._finish = keep  # type: ignore[assignment]
    try:
        lint([str(tmp_path)], Settings(root=str(tmp_path)))
    finally:
        run_module._finish = finish  # type: ignore[assignment]
    return captured[0]


MODULE = '''\
provider "aws" {
  region = "eu-west-1"
}

module "eks" {
  source       = "terraform-aws-modules/eks/aws"
  cluster_name = local.name

  eks_managed_node_group_defaults = {
    instance_types = ["m5.xlarge", "m5a.xlarge"]
    labels         = { team = "default" }
  }

  eks_managed_node_groups = {
    system = {
      use_name_prefix = false
      labels          = { team = "platform" }
      taints = {
        critical = { key = "CriticalAddonsOnly", value = "true", effect = "NO_SCHEDULE" }
      }
    }
    spark = {
      capacity_type = "SPOT"
    }
  }

  self_managed_node_groups = {
    legacy = {
      instance_type        = "c5.xlarge"
      bootstrap_extra_args = "--kubelet-extra-args '--node-labels=lifecycle=spot,team=x'"
      instance_market_options = { market_type = "spot" }
    }
  }
}

locals {
  name = "analytics"
}
'''


def test_community_module_merges_defaults_key_by_key(tmp_path: Path) -> None:
    project = _project(tmp_path, {"eks.tf": MODULE})
    pools = {p.name: p for p in project.pools}
    system, spark, legacy = pools["system"], pools["spark"], pools["legacy"]
    assert system.capacity_types == frozenset({ON_DEMAND})
    assert system.node_labels["team"] == frozenset({"platform"})  # the group's own wins
    assert system.node_labels["eks.amazonaws.com/nodegroup"] == frozenset({"system"})
    assert [(t.key, t.effect) for t in system.taints] == [("CriticalAddonsOnly", "NoSchedule")]
    assert spark.capacity_types == frozenset({SPOT})
    assert [t.value for t in spark.instance_types or []] == ["m5.xlarge", "m5a.xlarge"]
    assert spark.node_labels["team"] == frozenset({"default"})
    assert spark.node_labels["eks.amazonaws.com/nodegroup"] is None  # a generated prefix
    assert spark.node_labels["eks.amazonaws.com/capacityType"] == frozenset({"SPOT"})
    assert legacy.capacity_types == frozenset({SPOT}) and not legacy.managed
    assert legacy.node_labels["lifecycle"] == frozenset({"spot"})
    assert all(p.cluster == "analytics" and p.region == "eu-west-1" for p in pools.values())
    # Findings about the Spot group's capacity point at the attribute itself.
    assert spark.capacity_node is not None
    assert (spark.capacity_node.loc.line, spark.capacity_node.loc.col) == (23, 23)


def test_unknown_capacity_is_unknown_not_on_demand(tmp_path: Path) -> None:
    text = '''\
resource "aws_eks_node_group" "x" {
  cluster_name   = var.cluster
  capacity_type  = var.capacity
  instance_types = ["m5.xlarge"]
}
'''
    pool = _project(tmp_path, {"main.tf": text}).pools[0]
    assert pool.capacity_types is None and pool.cluster is None


def test_embedded_nodepool_positions_are_in_the_tf_file(tmp_path: Path) -> None:
    text = '''\
resource "kubectl_manifest" "pool" {
  yaml_body = <<-YAML
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata:
      name: ${var.name}
    spec:
      template:
        spec:
          requirements:
            - key: karpenter.sh/capacity-type
              operator: In
              values: ["spot"]
  YAML
}
'''
    pool = _project(tmp_path, {"karpenter.tf": text}).pools[0]
    assert pool.karpenter and pool.capacity_types == frozenset({SPOT})
    requirement = pool.requirements[0]
    assert requirement.node.loc.path.endswith("karpenter.tf")
    assert (requirement.node.loc.line, requirement.node.loc.col) == (11, 15)
    assert pool.name == "$XXXXXXXX" or pool.doc.path("metadata", "name").unknown  # type: ignore[union-attr]


def test_file_reference_is_read_once_as_its_own_file(tmp_path: Path) -> None:
    pool_yaml = (
        "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: spark\n"
        "spec:\n  limits:\n    cpu: 10\n"
    )
    text = (
        'resource "kubectl_manifest" "p" {\n'
        '  yaml_body = file("${path.module}/k/pool.yaml")\n}\n'
    )
    project = _project(tmp_path, {"main.tf": text, "k/pool.yaml": pool_yaml})
    assert [p.name for p in project.pools] == ["spark"]  # not twice
    assert project.pools[0].path.endswith("pool.yaml")


def test_handlers_and_karpenter_controllers(tmp_path: Path) -> None:
    text = '''\
resource "helm_release" "nth" {
  chart = "aws-node-termination-handler"
}
resource "helm_release" "karpenter" {
  chart  = "oci://public.ecr.aws/karpenter/karpenter"
  values = [templatefile("${path.module}/karpenter-values.yaml", {})]
}
module "addons" {
  source           = "aws-ia/eks-blueprints-addons/aws"
  enable_karpenter = true
  karpenter_enable_spot_termination = false
}
'''
    project = _project(tmp_path, {
        "main.tf": text,
        "karpenter-values.yaml": "settings:\n  aws:\n    interruptionQueueName: q\n",
    })
    kinds = {(h.kind, h.queue, h.setting, h.path.rsplit("/", 1)[-1]) for h in project.interruption}
    assert kinds == {
        ("node-termination-handler", None, "", "main.tf"),
        ("karpenter-controller", False, "karpenter_enable_spot_termination", "main.tf"),
        # Once from the release that loads the values, once from the values file itself:
        # both at the file's settings.
        ("karpenter-controller", True, "settings.aws.interruptionQueueName",
         "karpenter-values.yaml"),
    }
    placed = {h.path for h in project.interruption if h.setting.startswith("settings")}
    assert len(placed) == 1


def test_autoscaling_group_needs_a_cluster_tag(tmp_path: Path) -> None:
    asg = '''\
resource "aws_autoscaling_group" "%s" {
  mixed_instances_policy {
    instances_distribution {
      on_demand_percentage_above_base_capacity = 25
    }
    launch_template {
      override {
        instance_type = "m5.xlarge"
      }
    }
  }
  %s
}
'''
    tagged = asg % ("nodes", 'tag {\n    key = "k8s.io/cluster-autoscaler/analytics"\n  }')
    plain = asg % ("web", "")
    project = _project(tmp_path, {"main.tf": tagged + plain})
    assert [p.name for p in project.pools] == ["nodes"]
    pool = project.pools[0]
    assert pool.capacity_types == frozenset({SPOT, ON_DEMAND}) and pool.cluster == "analytics"
