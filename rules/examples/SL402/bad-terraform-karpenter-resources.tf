# The EKS data add-ons' karpenter-resources chart: one NodePool per entry.
module "eks_data_addons" {
  source  = "aws-ia/eks-data-addons/aws"
  version = "1.38.0"

  enable_karpenter_resources = true
  karpenter_resources_helm_config = {
    spark-compute = {
      values = [
        <<-EOT
        name: spark-compute
        clusterName: ${module.eks.cluster_name}
        nodePool:
          labels:
            - NodeGroupType: SparkCompute
          requirements:
            - key: "karpenter.sh/capacity-type"
              operator: In
              values: ["spot", "on-demand"]
            - key: "karpenter.k8s.aws/instance-family" # expect: SL402
              operator: In
              values: ["c5d"]
        EOT
      ]
    }
  }
}
