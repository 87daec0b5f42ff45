"""Which pools a job is matched against: nearest pools, one cluster, config mappings."""

from __future__ import annotations

from pathlib import Path

from placement_support import node_group, nodepool

from spotlint.placement.clusters import (
    AMBIGUOUS,
    DECLARED,
    MAPPED,
    NEAREST,
    NONE,
    Cluster,
    ClusterPaths,
    DeclaredPool,
    ScopeFinder,
)


def names(finder: ScopeFinder, path: str) -> list[str]:
    return sorted(p.name for p in finder.scope(path).pools)


def test_nearest_directory_with_pools_wins() -> None:
    east = nodepool("east", "spot", path="/r/clusters/east/pools.yaml")
    west = nodepool("west", "spot", path="/r/clusters/west/pools.yaml")
    finder = ScopeFinder([east, west])
    assert names(finder, "/r/clusters/east/jobs/a.yaml") == ["east"]
    scope = finder.scope("/r/jobs/a.yaml")  # both anonymous: one directory cluster
    assert scope.how == NEAREST and len(scope.pools) == 2


def test_two_named_clusters_equally_near_are_ambiguous() -> None:
    east = node_group("a", "spot", path="/r/infra/east.yaml", cluster="prod", region="us-east-1")
    west = node_group("b", "spot", path="/r/infra/west.yaml", cluster="prod", region="eu-west-1")
    scope = ScopeFinder([east, west]).scope("/r/jobs/a.yaml")
    assert scope.how == AMBIGUOUS and scope.pools == ()
    assert {str(c) for c in scope.rivals} == {"prod (us-east-1)", "prod (eu-west-1)"}
    assert "equally near" in scope.why_unknown() and "clusters:" in scope.remedy()


def test_the_nearer_named_cluster_wins_and_takes_anonymous_pools_as_near() -> None:
    east = node_group("a", "spot", path="/r/east/eksctl.yaml", cluster="east", region="us-east-1")
    west = node_group("b", "spot", path="/r/west/eksctl.yaml", cluster="west", region="us-west-2")
    karpenter = nodepool("k", "spot", path="/r/east/karpenter/pools.yaml")
    far = nodepool("far", "spot", path="/r/west/karpenter/pools.yaml")
    finder = ScopeFinder([east, west, karpenter, far])
    # A job beside both clusters' directories: neither is nearer.
    assert finder.scope("/r/jobs/a.yaml").how == AMBIGUOUS
    # A job under east/: only east's pools are under its nearest ancestor.
    assert names(finder, "/r/east/jobs/a.yaml") == ["a", "k"]


def test_a_regionless_pool_joins_its_named_cluster() -> None:
    group = node_group("g", "on-demand", path="/r/eksctl.yaml", cluster="spark", region="us-east-1")
    karpenter = nodepool("k", "spot", path="/r/karpenter.yaml", cluster="spark")
    scope = ScopeFinder([group, karpenter]).scope("/r/jobs/a.yaml")
    assert scope.how == NEAREST and len(scope.pools) == 2
    assert scope.cluster == Cluster("spark", "us-east-1")


def test_the_search_stops_at_the_jobs_repository(tmp_path: Path) -> None:
    (tmp_path / "repo-a" / ".git").mkdir(parents=True)
    (tmp_path / "repo-b" / ".git").mkdir(parents=True)
    other = nodepool("b", "spot", path=str(tmp_path / "repo-b" / "pools.yaml"))
    finder = ScopeFinder([other])
    scope = finder.scope(str(tmp_path / "repo-a" / "jobs" / "a.yaml"))
    assert scope.how == NONE and scope.pools == ()
    assert names(finder, str(tmp_path / "repo-b" / "jobs" / "a.yaml")) == ["b"]
    assert "no node pool" in scope.why_unknown() and "pools:" in scope.remedy()


def test_configuration_maps_paths_to_clusters() -> None:
    east = node_group("a", "spot", path="/r/infra/east.yaml", cluster="prod", region="us-east-1")
    west = node_group("b", "spot", path="/r/infra/west.yaml", cluster="prod", region="eu-west-1")
    anonymous = nodepool("k", "spot", path="/r/karpenter/west.yaml")
    mappings = [ClusterPaths(Cluster("prod", "eu-west-1"), ("jobs/west", "karpenter/west.yaml"))]
    finder = ScopeFinder([east, west, anonymous], mappings=mappings,
                         relative=lambda path: path.removeprefix("/r/"))
    scope = finder.scope("/r/jobs/west/etl.yaml")
    assert scope.how == MAPPED and sorted(p.name for p in scope.pools) == ["b", "k"]
    assert finder.scope("/r/jobs/east/etl.yaml").how == AMBIGUOUS


def test_declared_pools_by_path_cluster_or_everywhere() -> None:
    local = node_group("local", "spot", path="/r/eksctl.yaml", cluster="spark", region="us-east-1")
    by_path = DeclaredPool(nodepool("by-path", "on-demand"), paths=("jobs/etl",))
    by_cluster = DeclaredPool(nodepool("by-cluster", "on-demand"), cluster=Cluster("spark"))
    other = DeclaredPool(nodepool("other", "on-demand"), cluster=Cluster("batch"))
    everywhere = DeclaredPool(nodepool("everywhere", "on-demand"))
    finder = ScopeFinder([local], [by_path, by_cluster, other, everywhere],
                         relative=lambda path: path.removeprefix("/r/"))
    assert names(finder, "/r/jobs/etl/a.yaml") == ["by-cluster", "by-path", "everywhere", "local"]
    assert names(finder, "/r/jobs/b.yaml") == ["by-cluster", "everywhere", "local"]


def test_declared_pools_of_the_only_declared_cluster_serve_jobs_without_pools() -> None:
    only = DeclaredPool(nodepool("od", "on-demand"), cluster=Cluster("spark"))
    scope = ScopeFinder([], [only]).scope("/r/jobs/a.yaml")
    assert scope.how == DECLARED and [p.name for p in scope.pools] == ["od"]
    two = [only, DeclaredPool(nodepool("b", "spot"), cluster=Cluster("batch"))]
    assert ScopeFinder([], two).scope("/r/jobs/a.yaml").how == NONE


def test_answers_are_the_same_from_the_cache() -> None:
    pools = [nodepool(f"p{i}", "spot", path=f"/r/c{i % 3}/pools.yaml") for i in range(9)]
    finder = ScopeFinder(pools)
    questions = ["/r/c0/a.yaml", "/r/c1/x/b.yaml", "/r/c2/c.yaml", "/r/d.yaml", "/elsewhere.yaml"]
    first = [names(finder, q) for q in questions]
    again = [names(finder, q) for q in questions]
    fresh = [names(ScopeFinder(pools), q) for q in questions]
    assert first == again == fresh
    assert first[0] == ["p0", "p3", "p6"] and len(first[3]) == 9
