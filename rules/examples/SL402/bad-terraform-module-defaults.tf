# The community EKS module: a Spot group takes its types from the defaults.
module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"

  cluster_name = "analytics"

  eks_managed_node_group_defaults = {
    instance_types = ["r5.2xlarge", "r5a.2xlarge", "r5d.2xlarge"] # expect: SL402
  }

  eks_managed_node_groups = {
    executors = {
      capacity_type = var.capacity_type
      min_size      = 0
      max_size      = 50
    }
  }
}

variable "capacity_type" {
  type    = string
  default = "SPOT"
}
