# A local: known and positioned where it is written.
locals {
  types = ["m5.xlarge", "m6i.xlarge"]
}

resource "aws_eks_node_group" "spark" {
  cluster_name   = "analytics"
  instance_types = local.types
}
