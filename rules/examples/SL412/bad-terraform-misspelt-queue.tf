# settings.interruptionQueueName is read by no Karpenter chart.
resource "helm_release" "karpenter" { # expect: SL412
  name       = "karpenter"
  repository = "oci://public.ecr.aws/karpenter"
  chart      = "karpenter"

  set {
    name  = "settings.interruptionQueueName"
    value = module.karpenter.queue_name
  }
}

resource "kubernetes_manifest" "pool" {
  manifest = {
    apiVersion = "karpenter.sh/v1"
    kind       = "NodePool"
    metadata   = { name = "default" }
    spec = {
      template = { spec = { nodeClassRef = { group = "karpenter.k8s.aws", kind = "EC2NodeClass", name = "default" } } }
    }
  }
}
