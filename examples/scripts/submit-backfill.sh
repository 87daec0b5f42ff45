#!/usr/bin/env bash
# Backfills one day: renders the SparkApplication for that day and applies it.
# The manifest lives in the here-document, so spotlint reads it as a document of
# this script (the ${DAY} and ${IMAGE} expansions are unknown values).
set -euo pipefail

DAY="${1:?usage: submit-backfill.sh YYYY-MM-DD}"
IMAGE="${IMAGE:-apache/spark:3.5.1}"

kubectl apply -f - <<EOF
apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: backfill-${DAY}
  namespace: data
spec:
  type: Python
  mode: cluster
  sparkVersion: "3.5.1"
  image: ${IMAGE}
  mainApplicationFile: s3a://analytics-code/etl/backfill.py
  arguments: ["${DAY}"]
  sparkConf:
    spark.decommission.enabled: "true"
    spark.storage.decommission.enabled: "true"
    spark.storage.decommission.fallbackStorage.path: "s3a://analytics-shuffle/${DAY}/"
    spark.dynamicAllocation.enabled: "true"
    spark.dynamicAllocation.shuffleTracking.enabled: "true"
    spark.dynamicAllocation.maxExecutors: "40"
  driver:
    cores: 1
    memory: 4g
    nodeSelector:
      karpenter.sh/capacity-type: spot
  executor:
    cores: 4
    memory: 16g
    nodeSelector:
      karpenter.sh/nodepool: spark-spot
    tolerations:
      - key: spark-spot
        operator: Exists
        effect: NoSchedule
EOF
