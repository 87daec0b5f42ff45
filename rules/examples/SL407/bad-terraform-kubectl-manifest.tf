# A NodePool applied by the kubectl provider: positioned inside the heredoc.
resource "kubectl_manifest" "spark_pool" {
  yaml_body = <<-YAML
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata:
      name: spark
    spec: # expect: SL407
      template:
        spec:
          nodeClassRef:
            group: karpenter.k8s.aws
            kind: EC2NodeClass
            name: ${var.node_class}
          requirements:
            - key: karpenter.sh/capacity-type
              operator: In
              values: ["spot"]
  YAML
}
