# The NodePool lives in a file of the repository: its finding is positioned there.
resource "kubectl_manifest" "spark_pool" {
  yaml_body = templatefile("${path.module}/manifests/nodepool.yaml", {
    node_class = "default"
  })
}
