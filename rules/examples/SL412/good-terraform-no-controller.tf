# Spot NodePools but no Karpenter configuration in scope: nothing is known, nothing reported.
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
  YAML
}
