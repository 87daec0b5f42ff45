# A self-managed group launched on Spot through its launch template's market options.
module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"

  cluster_name = "analytics"

  self_managed_node_groups = {
    spark = {
      instance_type = "m5.xlarge"
      instance_market_options = {
        market_type = "spot" # expect: SL405
      }
    }
  }
}
