# The Karpenter chart without an interruption queue, and a NodePool that may use Spot.
resource "helm_release" "karpenter" { # expect: SL412
  name       = "karpenter"
  repository = "oci://public.ecr.aws/karpenter"
  chart      = "karpenter"
  version    = "1.8.3"

  values = [
    <<-EOT
    settings:
      clusterName: ${module.eks.cluster_name}
    EOT
  ]
}

resource "kubectl_manifest" "spot_pool" {
  yaml_body = <<-YAML
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata:
      name: spark
    spec:
      template:
        spec:
          nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
          requirements:
            - key: karpenter.sh/capacity-type
              operator: In
              values: ["spot"]
  YAML
}
