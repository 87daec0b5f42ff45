# EKS Blueprints add-ons: Karpenter's queue is on by default; NTH for the self-managed group.
module "eks_blueprints_addons" {
  source       = "aws-ia/eks-blueprints-addons/aws"
  cluster_name = module.eks.cluster_name

  enable_karpenter                    = true
  enable_aws_node_termination_handler = true
}

module "eks" {
  source       = "terraform-aws-modules/eks/aws"
  cluster_name = "analytics"

  self_managed_node_groups = {
    spark = {
      instance_type           = "m5.xlarge"
      instance_market_options = { market_type = "spot" }
    }
  }
}

resource "kubectl_manifest" "spot_pool" {
  yaml_body = <<-YAML
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata:
      name: spark
    spec:
      template:
        spec:
          nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
  YAML
}
