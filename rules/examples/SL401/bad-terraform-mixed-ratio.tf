resource "aws_eks_node_group" "spark" {
  cluster_name   = "analytics"
  capacity_type  = "SPOT"
  instance_types = ["m5.xlarge", "r5.xlarge"] # expect: SL401
}
