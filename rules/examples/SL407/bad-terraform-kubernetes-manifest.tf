# A NodePool written as an HCL object for the kubernetes provider.
resource "kubernetes_manifest" "spark_pool" {
  manifest = {
    apiVersion = "karpenter.sh/v1"
    kind       = "NodePool"
    metadata   = { name = "spark" }
    spec = { # expect: SL407
      template = {
        spec = {
          nodeClassRef = { group = "karpenter.k8s.aws", kind = "EC2NodeClass", name = "default" }
          requirements = [
            { key = "karpenter.sh/capacity-type", operator = "In", values = ["spot"] },
          ]
        }
      }
    }
  }
}
