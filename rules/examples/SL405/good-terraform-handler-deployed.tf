# The same group, with AWS Node Termination Handler deployed by EKS Blueprints add-ons.
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

module "eks_blueprints_addons" {
  source       = "aws-ia/eks-blueprints-addons/aws"
  cluster_name = module.eks.cluster_name

  enable_aws_node_termination_handler = true
}
