# An EKS managed node group on Spot with two instance types.
resource "aws_eks_node_group" "spark_spot" {
  cluster_name    = "analytics"
  node_group_name = "spark-spot"
  capacity_type   = "SPOT"
  instance_types  = ["m5.xlarge", "m5a.xlarge"] # expect: SL402

  scaling_config {
    min_size     = 0
    max_size     = 20
    desired_size = 0
  }
}
