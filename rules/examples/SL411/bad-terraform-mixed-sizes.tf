module "eks" {
  source       = "terraform-aws-modules/eks/aws"
  cluster_name = "analytics"

  eks_managed_node_groups = {
    spark = {
      instance_types = ["m5.xlarge", "m5.2xlarge"] # expect: SL411
    }
  }
}
