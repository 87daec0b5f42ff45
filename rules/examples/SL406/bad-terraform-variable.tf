# A variable's default in the same file is reported where it is written.
resource "aws_eks_node_group" "spark" {
  cluster_name   = "analytics"
  instance_types = var.spark_types
}

variable "spark_types" {
  type    = list(string)
  default = ["m5.xlarg"] # expect: SL406
}
