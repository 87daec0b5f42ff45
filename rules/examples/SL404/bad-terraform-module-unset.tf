# The community EKS module: a mixed-instances self-managed group with no strategy.
module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 21.0"
  name    = "analytics"

  self_managed_node_groups = {
    spark = {
      use_mixed_instances_policy = true
      mixed_instances_policy = {
        instances_distribution = { # expect: SL404
          on_demand_base_capacity                  = 0
          on_demand_percentage_above_base_capacity = 0
        }
        launch_template = {
          override = [
            { instance_type = "m5.xlarge" },
            { instance_type = "m5a.xlarge" },
          ]
        }
      }
    }
  }
}
