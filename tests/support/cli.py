"""Inputs the end-to-end CLI tests write into their temporary repositories.

One copy, so that "a driver pinned to Spot" and "a dynamic-allocation conf"
mean the same document in every test module that uses them.
"""

from __future__ import annotations

#: A driver pod template whose nodeSelector admits Spot only.
DRIVER_ON_SPOT = """\
apiVersion: v1
kind: Pod
metadata:
  labels:
    spark-role: driver
spec:
  nodeSelector:
    karpenter.sh/capacity-type: spot
"""
#: A spark-defaults.conf with dynamic allocation on and a bounded maxExecutors, and
#: shuffle-block migration switched off (so SL201's remedy does not cover SL207).
CONF = (
    "spark.dynamicAllocation.enabled true\nspark.dynamicAllocation.maxExecutors 10\n"
    "spark.storage.decommission.shuffleBlocks.enabled false\n"
)
#: A Kubeflow SparkApplication whose driver nodeSelector admits Spot only.
SPARK_APP_DRIVER_ON_SPOT = """\
apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: etl
spec:
  type: Python
  mode: cluster
  sparkVersion: "3.5.1"
  mainApplicationFile: s3a://code/etl.py
  driver:
    cores: 1
    nodeSelector:
      karpenter.sh/capacity-type: spot
  executor:
    cores: 4
    instances: 2
"""
