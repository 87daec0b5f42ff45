"""Well-formed documents of every input kind spotlint reads, for the hostile tests."""

from __future__ import annotations

import json
from typing import Any

POD = {
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "exec", "labels": {"spark-role": "executor"}},
    "spec": {
        "nodeSelector": {"karpenter.sh/capacity-type": "spot"},
        "affinity": {"nodeAffinity": {
            "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
                {"matchExpressions": [{"key": "topology.kubernetes.io/zone",
                                       "operator": "In", "values": ["us-east-1a"]}]}]},
            "preferredDuringSchedulingIgnoredDuringExecution": [
                {"weight": 1, "preference": {"matchExpressions": [
                    {"key": "karpenter.sh/capacity-type", "operator": "In",
                     "values": ["on-demand"]}]}}]}},
        "tolerations": [{"key": "spot", "operator": "Exists", "effect": "NoSchedule"}],
        "containers": [{"name": "spark-kubernetes-executor", "image": "spark:3.5.1"}],
    },
}
KUBEFLOW = {
    "apiVersion": "sparkoperator.k8s.io/v1beta2", "kind": "SparkApplication",
    "metadata": {"name": "app"},
    "spec": {
        "sparkVersion": "3.5.1", "image": "spark:3.5.1",
        "sparkConf": {"spark.decommission.enabled": "true",
                      "spark.kubernetes.executor.podTemplateFile": "exec.yaml",
                      "spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type": "spot"},
        "nodeSelector": {"team": "data"},
        "dynamicAllocation": {"enabled": True, "minExecutors": 1, "maxExecutors": 10,
                              "shuffleTrackingTimeout": 60},
        "driver": {"nodeSelector": {"karpenter.sh/capacity-type": "on-demand"},
                   "tolerations": [{"key": "a", "operator": "Equal", "value": "b"}],
                   "template": {"spec": {"nodeSelector": {"x": "y"}}}},
        "executor": {"instances": 2, "affinity": {"nodeAffinity": {}}},
    },
}
APACHE = {
    "apiVersion": "spark.apache.org/v1", "kind": "SparkApplication",
    "metadata": {"name": "app"},
    "spec": {"runtimeVersions": {"sparkVersion": "4.0.0"},
             "sparkConf": {"spark.executor.instances": "3"},
             "driverSpec": {"podTemplateSpec": {"spec": {"nodeSelector": {
                 "karpenter.sh/capacity-type": "spot"}}}},
             "executorSpec": {"podTemplateSpec": {"spec": {"tolerations": []}}}},
}
START_JOB_RUN = {
    "name": "job", "virtualClusterId": "vc", "releaseLabel": "emr-6.9.0-latest",
    "jobDriver": {"sparkSubmitJobDriver": {
        "entryPoint": "s3://b/app.py",
        "sparkSubmitParameters": "--conf spark.executor.instances=2 --num-executors 3 "
                                 "--conf spark.kubernetes.executor.node.selector.x=spot"}},
    "configurationOverrides": {"applicationConfiguration": [
        {"classification": "spark-defaults",
         "properties": {"spark.dynamicAllocation.enabled": "true"},
         "configurations": [{"classification": "x", "properties": {}}]}]},
}
ACK = {
    "apiVersion": "emrcontainers.services.k8s.aws/v1alpha1", "kind": "JobRun",
    "metadata": {"name": "run"},
    "spec": {"name": "run", "virtualClusterID": "vc", "releaseLabel": "emr-7.0.0-latest",
             "jobDriver": {"sparkSubmitJobDriver": {"entryPoint": "s3://b/a.py",
                                                    "sparkSubmitParameters": "--conf a=b"}},
             "configurationOverrides": json.dumps(START_JOB_RUN["configurationOverrides"])},
}
PROVISIONER = {
    "apiVersion": "karpenter.sh/v1alpha5", "kind": "Provisioner", "metadata": {"name": "p"},
    "spec": {"requirements": [{"key": "karpenter.sh/capacity-type", "operator": "In",
                               "values": ["spot"]}],
             "labels": {"team": "a"}, "taints": [{"key": "t", "effect": "NoSchedule"}],
             "limits": {"resources": {"cpu": 100}}, "ttlSecondsAfterEmpty": 30,
             "providerRef": {"name": "default"}},
}
NODEPOOL = {
    "apiVersion": "karpenter.sh/v1", "kind": "NodePool", "metadata": {"name": "np"},
    "spec": {"template": {"metadata": {"labels": {"pool": "spark"}},
                          "spec": {"requirements": [
                              {"key": "node.kubernetes.io/instance-type", "operator": "In",
                               "values": ["m5.xlarge", "m6i.xlarge"]},
                              {"key": "topology.kubernetes.io/zone", "operator": "In",
                               "values": ["us-east-1a"]}],
                              "nodeClassRef": {"group": "karpenter.k8s.aws",
                                               "kind": "EC2NodeClass", "name": "default"},
                              "taints": [{"key": "spark", "value": "x",
                                          "effect": "NoSchedule"}]}},
             "limits": {"cpu": 1000}, "disruption": {"consolidationPolicy": "WhenEmpty"}},
}
NODECLASS = {
    "apiVersion": "karpenter.k8s.aws/v1", "kind": "EC2NodeClass",
    "metadata": {"name": "default"}, "spec": {"amiFamily": "AL2", "role": "r"},
}
EKSCTL = {
    "apiVersion": "eksctl.io/v1alpha5", "kind": "ClusterConfig",
    "metadata": {"name": "c", "region": "us-east-1"},
    "availabilityZones": ["us-east-1a", "us-east-1b"],
    "vpc": {"subnets": {"private": {"us-east-1a": {"id": "subnet-1"}}}},
    "managedNodeGroups": [{"name": "m", "spot": True, "instanceTypes": ["m5.large", "m5a.large"],
                           "labels": {"a": "b"}, "taints": [{"key": "k", "effect": "NoSchedule"}],
                           "subnets": ["us-east-1a"], "minSize": 0, "maxSize": 5}],
    "nodeGroups": [{"name": "s", "instanceType": "mixed",
                    "instancesDistribution": {"instanceTypes": ["c5.large"],
                                              "onDemandPercentageAboveBaseCapacity": 0,
                                              "spotAllocationStrategy": "lowest-price"},
                    "taints": {"k": "v:NoSchedule"}, "availabilityZones": ["us-east-1a"]}],
}
YAML_KINDS = {
    "pod.yaml": POD, "kubeflow.yaml": KUBEFLOW, "apache.yaml": APACHE, "ack.yaml": ACK,
    "provisioner.yaml": PROVISIONER, "nodepool.yaml": NODEPOOL, "nodeclass.yaml": NODECLASS,
    "eksctl.yaml": EKSCTL,
}
SPARK_DEFAULTS = (
    "# defaults\nspark.master k8s://https://k8s\nspark.decommission.enabled=true\n"
    "spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type : spot\n"
    "spark.kubernetes.executor.podTemplateFile exec.yaml\nspark.executor.memory \\\n  4g\n"
)
SHELL = (
    "#!/bin/sh\nset -e\nREL=emr-6.9.0\n"
    "aws emr-containers start-job-run --virtual-cluster-id vc --name job \\\n"
    "  --release-label \"$REL\" --job-driver '{\"sparkSubmitJobDriver\": {\"entryPoint\": "
    "\"s3://b/a.py\", \"sparkSubmitParameters\": \"--conf spark.executor.instances=2\"}}' \\\n"
    "  --configuration-overrides \"$(cat <<EOF\n"
    "{\"applicationConfiguration\": [{\"classification\": \"spark-defaults\", "
    "\"properties\": {\"spark.dynamicAllocation.enabled\": \"true\"}}]}\nEOF\n)\"\n"
    "spark-submit --master k8s://https://k8s --conf spark.executor.instances=${N} \\\n"
    "  --conf 'spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type=spot' app.py\n"
)
WEIRD: list[Any] = [None, True, False, 0, -1, 2**70, 1.5, "", "x", "${VAR}", "{{ .Values.x }}",
                    [], {}, [1, [2]], {"a": {"b": None}}, "s3://b/x", "../../../etc/passwd",
                    "k8s://x", "\u2028", "a\x0cb", "0:1:2:3", "!!binary"]
