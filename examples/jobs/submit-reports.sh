#!/usr/bin/env bash
# Submits the weekly reports job to EMR on EKS.
set -euo pipefail

VIRTUAL_CLUSTER_ID="${VIRTUAL_CLUSTER_ID:?set me}"
JOB_ROLE_ARN="${JOB_ROLE_ARN:?set me}"

aws emr-containers start-job-run \
  --virtual-cluster-id "$VIRTUAL_CLUSTER_ID" \
  --name weekly-reports \
  --execution-role-arn "$JOB_ROLE_ARN" \
  --release-label emr-7.1.0-latest \
  --job-driver '{
    "sparkSubmitJobDriver": {
      "entryPoint": "s3://analytics-code/reports.py",
      "sparkSubmitParameters": "--conf spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type=on-demand --conf spark.kubernetes.executor.node.selector.karpenter.sh/capacity-type=SPOT --conf spark.decommission.enabled=true"
    }
  }'
