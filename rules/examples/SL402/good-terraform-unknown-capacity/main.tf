# The capacity type is a variable: whether this group runs on Spot is decided where
# the module is called, not here, so its two types are not held against it.
resource "aws_eks_node_group" "spark" {
  cluster_name    = "analytics"
  node_group_name = "spark"
  capacity_type   = var.capacity_type
  instance_types  = ["m5.xlarge", "m5a.xlarge"]

  scaling_config {
    min_size     = 0
    max_size     = 20
    desired_size = 0
  }
}

variable "capacity_type" {
  type = string
}
