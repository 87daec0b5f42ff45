"""The pool rules' admission memo (SL402 and SL410 ask each Karpenter pool): kept by
the pool's identity, it answers a pool again only while the pool still has the
requirements and API version it was answered for."""

from __future__ import annotations

from spotlint.rules.pools import _common
from spotlint.rules.pools._common import admission

from spotlint.capacity.requirements import admitted_types
from spotlint.location import Location, Node
from spotlint.model import Pool, Requirement


def _node(line: int) -> Node:
    return Node({}, Location.point("pool.yaml", line, 1))


def _requirement(key: str, operator: str, values: tuple[str, ...], line: int) -> Requirement:
    return Requirement(key, operator, values, _node(line))


def _pool(requirements: list[Requirement], api_version: str = "karpenter.sh/v1") -> Pool:
    return Pool("p", "karpenter-nodepool", _node(1), _node(1), requirements=requirements,
                karpenter=True, api_version=api_version)


_FAMILY = "karpenter.k8s.aws/instance-family"


def test_a_pool_is_answered_once_and_anew_when_its_requirements_change() -> None:
    pool = _pool([_requirement(_FAMILY, "In", ("m5",), 2)])
    first = admission(pool)
    assert admission(pool) is first  # remembered
    assert first.types == admitted_types(pool.requirements, pool.api_version).types
    assert first.types and all(name.startswith("m5.") for name in first.types)
    # a new requirements list: answered anew
    pool.requirements = [_requirement(_FAMILY, "In", ("c5",), 2)]
    second = admission(pool)
    assert second is not first and second.types
    assert all(name.startswith("c5.") for name in second.types)
    assert second.narrowing == (pool.requirements[0],)  # the pool's own requirement
    # another API version (v1alpha5 adds defaults): answered anew
    pool.api_version = "karpenter.sh/v1alpha5"
    third = admission(pool)
    assert third is not second and third.assumed


def test_equal_pools_get_their_own_answers_pointing_at_their_own_nodes() -> None:
    one = _pool([_requirement(_FAMILY, "In", ("m5",), 2)])
    other = _pool([_requirement(_FAMILY, "In", ("m5",), 7)])
    a, b = admission(one), admission(other)
    assert a.types == b.types
    assert a.narrowing[0] is one.requirements[0] and b.narrowing[0] is other.requirements[0]


def test_the_memo_is_bounded() -> None:
    pools = [_pool([_requirement(_FAMILY, "In", ("m5",), line)])
             for line in range(_common._ASKED_MAX + 5)]
    for pool in pools:
        admission(pool)
        assert len(_common._ASKED) <= _common._ASKED_MAX
    assert admission(pools[-1]) is admission(pools[-1])
