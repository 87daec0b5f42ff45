module "eks" {
  source       = "terraform-aws-modules/eks/aws"
  cluster_name = "analytics"

  self_managed_node_groups = {
    spark = {
      instance_type      = "m5.xlarge"
      availability_zones = ["us-east-1a", "us-east-1b"] # expect: SL403
    }
  }
}
