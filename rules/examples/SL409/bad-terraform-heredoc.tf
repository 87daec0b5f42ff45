resource "kubectl_manifest" "provisioner" {
  yaml_body = <<YAML
apiVersion: karpenter.sh/v1alpha5 # expect: SL409
kind: Provisioner
metadata:
  name: default
spec:
  limits:
    resources:
      cpu: 100
YAML
}
