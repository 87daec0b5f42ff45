# terraform.tfvars overrides the default; the typo comes from there.
resource "aws_eks_node_group" "spark" {
  cluster_name   = "analytics"
  instance_types = var.spark_types # expect: SL406
}
