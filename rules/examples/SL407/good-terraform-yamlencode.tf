# yamlencode() keeps the structure; this NodePool has limits.
resource "kubectl_manifest" "spark_pool" {
  yaml_body = yamlencode({
    apiVersion = "karpenter.sh/v1"
    kind       = "NodePool"
    metadata   = { name = "spark" }
    spec = {
      limits = { cpu = "1000" }
      template = {
        spec = {
          nodeClassRef = { group = "karpenter.k8s.aws", kind = "EC2NodeClass", name = "default" }
        }
      }
    }
  })
}
