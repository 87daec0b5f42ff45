"""Issue 12, one test (or more) per problem it lists: every rule reads one placement view.

Each test lints a small repository on disk, the way users meet the problem.
"""

from __future__ import annotations

import json
from pathlib import Path

from placement_support import codes, found, lint_tree, write

from spotlint.report.json import JsonReporter
from spotlint.report.text import TextReporter

KARPENTER_SPOT_AND_OD = """
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata: {name: spark}
    spec:
      template:
        spec:
          requirements:
            - {key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}
"""

ON_DEMAND_GROUPS = """
    apiVersion: eksctl.io/v1alpha5
    kind: ClusterConfig
    metadata: {name: spark, region: us-east-1}
    managedNodeGroups:
      - name: exec
        labels: {NodeGroupType: spark-exec}
      - name: driver
        labels: {NodeGroupType: spark-driver}
"""


# -- SL103 and SL201/SL207 no longer disagree about one job's executors ---------------


def test_executors_on_an_on_demand_pool_get_sl103_and_no_spot_claim(tmp_path: Path) -> None:
    write(tmp_path, {
        "cluster.yaml": ON_DEMAND_GROUPS,
        "app.yaml": """
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            metadata: {name: etl}
            spec:
              sparkVersion: "3.5.0"
              driver:
                nodeSelector: {NodeGroupType: spark-driver}
              executor:
                nodeSelector: {NodeGroupType: spark-exec}
        """,
    })
    result = lint_tree(tmp_path, select=["SL1", "SL2"])
    assert "SL103" in codes(result)
    assert not {"SL201", "SL207"} & set(codes(result))


def test_a_capacity_label_no_node_in_scope_carries_does_not_keep_executors_off_spot(
    tmp_path: Path,
) -> None:
    # node-lifecycle NotIn [spot] excludes Spot by its meaning, but Karpenter nodes do
    # not carry node-lifecycle at all: the pool decides, and it offers Spot.
    write(tmp_path, {
        "nodepool.yaml": KARPENTER_SPOT_AND_OD,
        "app.yaml": """
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            metadata: {name: etl}
            spec:
              sparkVersion: "3.5.0"
              executor:
                affinity:
                  nodeAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                        - matchExpressions:
                            - {key: node-lifecycle, operator: NotIn, values: [spot]}
        """,
    })
    result = lint_tree(tmp_path, select=["SL1", "SL2"])
    assert "SL103" not in codes(result)
    assert "SL201" in codes(result)


# -- an s3:// pod template keeps the job's own node-selector confs ---------------------


REMOTE_TEMPLATES = """
    {
      "name": "etl",
      "virtualClusterId": "vc",
      "releaseLabel": "emr-7.1.0-latest",
      "jobDriver": {"sparkSubmitJobDriver": {"entryPoint": "s3://bucket/etl.py"}},
      "configurationOverrides": {"applicationConfiguration": [{
        "classification": "spark-defaults",
        "properties": {
          "spark.kubernetes.driver.podTemplateFile": "s3://bucket/driver.yaml",
          "spark.kubernetes.executor.podTemplateFile": "s3://bucket/executor.yaml",
          %s
        }
      }]}
    }
"""


def test_driver_pinned_to_spot_by_conf_gets_sl101_despite_a_remote_template(
    tmp_path: Path,
) -> None:
    conf = '"spark.kubernetes.driver.node.selector.karpenter.sh/capacity-type": "spot"'
    write(tmp_path, {"job.json": REMOTE_TEMPLATES % conf})
    result = lint_tree(tmp_path, select=["SL101", "SL102"])
    assert codes(result) == ["SL101"]


def test_executors_pinned_on_demand_by_conf_get_sl103_not_sl201_sl207(tmp_path: Path) -> None:
    conf = '"spark.kubernetes.executor.node.selector.eks.amazonaws.com/capacityType": "ON_DEMAND"'
    write(tmp_path, {"job.json": REMOTE_TEMPLATES % conf})
    result = lint_tree(tmp_path, select=["SL1", "SL2"])
    assert "SL103" in codes(result)
    assert not {"SL201", "SL207"} & set(codes(result))


def test_a_remote_template_that_may_narrow_says_why_spot_is_assumed(tmp_path: Path) -> None:
    conf = '"spark.executor.instances": "4"'
    write(tmp_path, {"job.json": REMOTE_TEMPLATES % conf, "nodepool.yaml": KARPENTER_SPOT_AND_OD})
    result = lint_tree(tmp_path, select=["SL102", "SL201"])
    [sl201] = result.active
    assert "pod template s3://bucket/executor.yaml is not read" in sl201.message
    assert codes(result) == ["SL201"]  # SL102 stays silent: the template may exclude Spot


# -- SL107 counts zones once, only where a fitting pool offers them --------------------


ZONAL_POOLS = """
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata: {name: spark}
    spec:
      template:
        spec:
          requirements:
            - {key: topology.kubernetes.io/zone, operator: In, values: [us-east-1a, us-east-1b]}
    ---
    apiVersion: karpenter.sh/v1
    kind: NodePool
    metadata: {name: gpu}
    spec:
      template:
        metadata:
          labels: {NodeGroupType: gpu}
        spec:
          taints: [{key: nvidia.com/gpu, effect: NoSchedule}]
          requirements:
            - {key: topology.kubernetes.io/zone, operator: In, values: [us-east-1c]}
"""


#: A selector every EC2 node meets: the pod says something about placement, nothing more.
ANY = "{kubernetes.io/os: linux}"


def app(driver: str, executor: str) -> str:
    return f"""
        apiVersion: sparkoperator.k8s.io/v1beta2
        kind: SparkApplication
        metadata: {{name: etl}}
        spec:
          sparkVersion: "3.5.0"
          driver:
            nodeSelector: {driver}
          executor:
            nodeSelector: {executor}
    """


def test_a_pinned_zone_and_the_same_pool_zone_count_once(tmp_path: Path) -> None:
    pinned = "{topology.kubernetes.io/zone: us-east-1a}"
    write(tmp_path, {"pools.yaml": ZONAL_POOLS, "app.yaml": app(pinned, pinned)})
    assert codes(lint_tree(tmp_path, select=["SL107"])) == []


def test_zones_of_pools_the_job_does_not_fit_are_not_counted(tmp_path: Path) -> None:
    # The gpu pool (us-east-1c) has a taint neither role tolerates; the driver is
    # pinned, the executors (which say nothing about placement) go anywhere else.
    pinned = "{topology.kubernetes.io/zone: us-east-1b}"
    write(tmp_path, {"pools.yaml": ZONAL_POOLS, "app.yaml": app(pinned, "{}")})
    [finding] = lint_tree(tmp_path, select=["SL107"]).active
    assert "2 zones (us-east-1a, us-east-1b)" in finding.message
    assert "us-east-1c" not in finding.message and "topology.kubernetes.io/zone=" not in (
        finding.message)


# -- SL403 reads zone-id requirements --------------------------------------------------


def test_sl403_counts_zone_ids(tmp_path: Path) -> None:
    write(tmp_path, {"nodepool.yaml": """
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: spark}
        spec:
          template:
            spec:
              requirements:
                - {key: topology.k8s.aws/zone-id, operator: In, values: [use1-az1, use1-az4]}
    """})
    [finding] = lint_tree(tmp_path, select=["SL403"]).active
    assert "use1-az1, use1-az4" in finding.message


# -- a provisioner's capacity label no pool in scope carries ---------------------------


def test_eks_capacity_label_among_karpenter_pools_is_reported(tmp_path: Path) -> None:
    write(tmp_path, {
        "nodepool.yaml": KARPENTER_SPOT_AND_OD,
        "driver.yaml": """
            apiVersion: v1
            kind: Pod
            metadata:
              labels: {spark-role: driver}
            spec:
              nodeSelector:
                eks.amazonaws.com/capacityType: ON_DEMAND
        """,
    })
    [finding] = lint_tree(tmp_path, select=["SL1"]).active
    assert finding.code == "SL106" and finding.location.line == 7
    assert "karpenter.sh/capacity-type" in finding.message


# -- advice names labels that nodes in scope carry; taints are named -------------------


def test_advice_on_an_eksctl_cluster_names_the_eks_label(tmp_path: Path) -> None:
    write(tmp_path, {
        "cluster.yaml": """
            apiVersion: eksctl.io/v1alpha5
            kind: ClusterConfig
            metadata: {name: spark, region: us-east-1}
            managedNodeGroups:
              - {name: od}
              - {name: spot, spot: true}
        """,
        "driver.yaml": """
            apiVersion: v1
            kind: Pod
            metadata:
              labels: {spark-role: driver}
            spec:
              containers: [{name: spark-kubernetes-driver}]
        """,
    })
    [finding] = lint_tree(tmp_path, select=["SL102"]).active
    assert "eks.amazonaws.com/capacityType: ON_DEMAND" in finding.message
    assert "karpenter.sh" not in finding.message


def test_an_untolerated_taint_on_the_on_demand_pool_is_named(tmp_path: Path) -> None:
    write(tmp_path, {
        "cluster.yaml": """
            apiVersion: eksctl.io/v1alpha5
            kind: ClusterConfig
            metadata: {name: spark, region: us-east-1}
            managedNodeGroups:
              - name: drivers
                taints: [{key: dedicated, value: driver, effect: NoSchedule}]
              - {name: spot, spot: true}
        """,
        "driver.yaml": """
            apiVersion: v1
            kind: Pod
            metadata:
              labels: {spark-role: driver}
            spec:
              containers: [{name: spark-kubernetes-driver}]
        """,
    })
    [finding] = lint_tree(tmp_path, select=["SL101"]).active
    assert "managed node group drivers (cluster.yaml)" in finding.message
    assert "dedicated=driver:NoSchedule" in finding.message and "toleration" in finding.message


def test_sl101_fix_is_withheld_when_no_pool_carries_the_on_demand_value(tmp_path: Path) -> None:
    # Only Spot Karpenter pools: rewriting spot -> on-demand would leave the driver Pending.
    write(tmp_path, {
        "nodepool.yaml": KARPENTER_SPOT_AND_OD.replace("[spot, on-demand]", "[spot]"),
        "driver.yaml": """
            apiVersion: v1
            kind: Pod
            metadata:
              labels: {spark-role: driver}
            spec:
              nodeSelector: {karpenter.sh/capacity-type: spot}
        """,
    })
    [finding] = lint_tree(tmp_path, select=["SL101"]).active
    assert finding.fix is None
    assert "no pool in scope offers On-Demand capacity" in finding.message


# -- pools of different clusters and repositories do not mix ---------------------------


def cluster_file(name: str, region: str, *zones: str) -> str:
    return f"""
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: {{name: {name}, region: {region}}}
        availabilityZones: [{", ".join(zones)}]
        managedNodeGroups:
          - {{name: workers, spot: true}}
    """


def test_a_job_beside_two_regions_clusters_is_not_spread_over_both(tmp_path: Path) -> None:
    write(tmp_path, {
        "infra/east.yaml": cluster_file("prod", "us-east-1", "us-east-1a"),
        "infra/west.yaml": cluster_file("prod", "eu-west-1", "eu-west-1a"),
        "jobs/app.yaml": app(ANY, ANY),
    })
    result = lint_tree(tmp_path, select=["SL107", "SL102"])
    assert "SL107" not in codes(result)
    [sl102] = result.active
    assert "workers" not in sl102.message  # judged on labels alone, no pool named


def test_the_configuration_maps_a_job_to_its_cluster(tmp_path: Path) -> None:
    write(tmp_path, {
        "infra/east.yaml": cluster_file("prod", "us-east-1", "us-east-1a", "us-east-1b"),
        "infra/west.yaml": cluster_file("prod", "eu-west-1", "eu-west-1a"),
        "jobs/app.yaml": app(ANY, ANY),
    })
    mapping = [{"name": "prod", "region": "us-east-1", "paths": ["jobs"]}]
    result = lint_tree(tmp_path, select=["SL107"], clusters=mapping, config_root=str(tmp_path))
    [finding] = result.active
    assert "2 zones (us-east-1a, us-east-1b)" in finding.message


def test_one_repositorys_pools_do_not_judge_anothers_jobs(tmp_path: Path) -> None:
    write(tmp_path, {
        "a/.git/HEAD": "ref: refs/heads/main\n",
        "a/cluster.yaml": ON_DEMAND_GROUPS,
        "b/.git/HEAD": "ref: refs/heads/main\n",
        "b/spark-defaults.conf": "spark.executor.instances 4\n",
    })
    result = lint_tree(tmp_path, select=["SL201"])
    [finding] = result.active  # repository a is On-Demand only, but b's job is not in a
    assert "no node pool of its cluster is in scope" in finding.message


# -- no pool in scope: one finding per job, says why, summary says it once -------------


def test_without_pools_one_finding_per_job_and_one_note(tmp_path: Path) -> None:
    write(tmp_path, {
        "a/spark-defaults.conf": "spark.executor.instances 4\n",
        "b/spark-defaults.conf": "spark.executor.instances 8\n",
    })
    result = lint_tree(tmp_path, select=["SL2"])
    assert codes(result) == ["SL201", "SL201"]
    for finding in result.active:
        assert "no node pool of its cluster is in scope" in finding.message
        assert "`pools:`" in finding.message and "covers SL207" in finding.message
    [note] = result.notes
    assert note.kind == "placement-unknown" and note.count == 2
    text = TextReporter().render(result)
    assert text.count("note: Placement unknown for 2 jobs") == 1
    assert json.loads(JsonReporter().render(result))["notes"][0]["count"] == 2


def test_declared_on_demand_pools_make_placement_known(tmp_path: Path) -> None:
    write(tmp_path, {"spark-defaults.conf": "spark.executor.instances 4\n"})
    declared = [{"name": "workers", "capacity-types": ["on-demand"],
                 "provisioner": "managed-node-group"}]
    result = lint_tree(tmp_path, select=["SL2"], declared_pools=declared)
    assert codes(result) == [] and result.notes == []


def test_declared_pools_that_offer_spot_keep_the_finding_without_the_assumption(
    tmp_path: Path,
) -> None:
    write(tmp_path, {"spark-defaults.conf": "spark.executor.instances 4\n"})
    declared = [{"name": "workers", "capacity-types": ["spot", "on-demand"],
                 "provisioner": "karpenter"}]
    result = lint_tree(tmp_path, select=["SL2"], declared_pools=declared)
    [finding] = result.active
    assert finding.code == "SL201" and "in scope" not in finding.message
    assert result.notes == []


# -- one finding per problem: SL207 where SL201's remedy does not cover ----------------


def test_sl207_fires_beside_sl201_only_when_its_remedy_does_not_cover(tmp_path: Path) -> None:
    write(tmp_path, {
        "covered/spark-defaults.conf": "spark.executor.instances 4\n",
        "uncovered/spark-defaults.conf":
            "spark.storage.decommission.shuffleBlocks.enabled false\n",
    })
    result = lint_tree(tmp_path, select=["SL201", "SL207"])
    assert found(result, tmp_path) == {
        ("covered/spark-defaults.conf", 1, "SL201"),
        ("uncovered/spark-defaults.conf", 1, "SL201"),
        ("uncovered/spark-defaults.conf", 1, "SL207"),
    }
    uncovered = [f for f in result.active if f.code == "SL201" and "uncovered" in f.location.path]
    assert "shuffle blocks still stay behind" in uncovered[0].message
