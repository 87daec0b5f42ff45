# A self-managed Spot group and no Node Termination Handler anywhere.
module "eks" {
  source       = "terraform-aws-modules/eks/aws"
  cluster_name = "analytics"

  self_managed_node_groups = {
    spark = {
      use_mixed_instances_policy = true
      mixed_instances_policy = {
        instances_distribution = {
          on_demand_percentage_above_base_capacity = 0 # expect: SL412
          spot_allocation_strategy                 = "price-capacity-optimized"
        }
        override = [{ instance_type = "m5.xlarge" }, { instance_type = "m5a.xlarge" }]
      }
    }
  }
}
