# Ten instance types of the same shape from several families.
module "eks" {
  source       = "terraform-aws-modules/eks/aws"
  cluster_name = "analytics"

  eks_managed_node_groups = {
    executors = {
      capacity_type = "SPOT"
      instance_types = [
        "m5.xlarge", "m5a.xlarge", "m5d.xlarge", "m5n.xlarge", "m6i.xlarge",
        "m6a.xlarge", "m6id.xlarge", "m7i.xlarge", "m7a.xlarge", "m5ad.xlarge",
      ]
    }
  }
}
