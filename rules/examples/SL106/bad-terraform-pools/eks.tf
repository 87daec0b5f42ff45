# The executors ask for a label no node group carries.
module "eks" {
  source       = "terraform-aws-modules/eks/aws"
  version      = "~> 20.0"
  cluster_name = "analytics"

  eks_managed_node_groups = {
    spark_driver = {
      instance_types = ["m5.xlarge", "m5a.xlarge", "m6i.xlarge"]
      labels         = { NodeGroupType = "spark-driver" }
    }
    spark_executor = {
      capacity_type  = "SPOT"
      instance_types = ["r5.2xlarge", "r5a.2xlarge", "r6i.2xlarge"]
      labels         = { NodeGroupType = "spark-executor" }
    }
  }
}
