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
