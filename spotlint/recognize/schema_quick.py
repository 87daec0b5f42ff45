"""The input schemas' quick tests (SL002), one function per subschema: GENERATED.

Written by ``scripts/gen_schema_quick.py`` from ``schemas/inputs`` (see
:mod:`spotlint.recognize.schema_source`); do not edit: change a schema and run the
script again (``tests/recognize/test_schema_quick.py`` fails until then).
"""

# ruff: noqa
from __future__ import annotations

from spotlint.config.validate import json_equal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from spotlint.location import Node


def _passes(node: Node) -> bool:
    return True


def _in_enum(node: Node, value: Any, allowed: tuple[Any, ...]) -> bool:
    instance = node.plain() if isinstance(value, (dict, list)) else value
    return any(json_equal(each, instance) for each in allowed)


def _t4(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('entryPoint')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('sparkSubmitParameters')
    if child is not None and not isinstance(child.value, str):
        return False
    return True


def _t5(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('sparkSqlParameters')
    if child is not None and not isinstance(child.value, str):
        return False
    return True


def _t3(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('sparkSubmitJobDriver')
    if child is not None and not _t4(child):
        return False
    child = value.get('sparkSqlJobDriver')
    if child is not None and not _t5(child):
        return False
    return True


def _t1(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('name')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('releaseLabel')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('jobDriver')
    if child is not None and not _t3(child):
        return False
    child = value.get('configurationOverrides')
    if child is not None and not isinstance(child.value, str):
        return False
    return True


def _t0(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('spec')
    if child is not None and not _t1(child):
        return False
    return True


def _t7(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('name')
    if child is not None and not isinstance(child.value, str):
        return False
    return True


def _t9(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not isinstance(item.value, str):
            return False
    return True


def _t14(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('id')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('az')
    if child is not None and not isinstance(child.value, str):
        return False
    return True


def _t13(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    for item in value.values():
        if not _t14(item):
            return False
    return True


def _t11(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('private')
    if child is not None and not _t13(child):
        return False
    child = value.get('public')
    if child is not None and not _t13(child):
        return False
    return True


def _t10(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('subnets')
    if child is not None and not _t11(child):
        return False
    return True


def _t24(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    for item in value.values():
        if not isinstance(item.value, str):
            return False
    return True


def _t25(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    if (not isinstance(value, bool) and isinstance(value, (int, float))) and value < 0:
        return False
    return True


def _t26(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    if (not isinstance(value, bool) and isinstance(value, (int, float))) and value < 0:
        return False
    return True


def _t27(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    if (not isinstance(value, bool) and isinstance(value, (int, float))) and value < 0:
        return False
    return True


def _t20(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('name')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('instanceType')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('availabilityZones')
    if child is not None and not _t9(child):
        return False
    child = value.get('subnets')
    if child is not None and not _t9(child):
        return False
    child = value.get('labels')
    if child is not None and not _t24(child):
        return False
    child = value.get('amiFamily')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('minSize')
    if child is not None and not _t25(child):
        return False
    child = value.get('maxSize')
    if child is not None and not _t26(child):
        return False
    child = value.get('desiredCapacity')
    if child is not None and not _t27(child):
        return False
    child = value.get('instanceSelector')
    if child is not None and not isinstance(child.value, dict):
        return False
    return True


def _t32(node: Node) -> bool:
    value = node.value
    return isinstance(value, str) and value in {'NoExecute', 'NoSchedule', 'PreferNoSchedule'}


def _t31(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    if 'key' not in value:
        return False
    if 'effect' not in value:
        return False
    child = value.get('key')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('value')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('effect')
    if child is not None and not _t32(child):
        return False
    return True


def _t30(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not _t31(item):
            return False
    return True


def _t18(node: Node) -> bool:
    value = node.value
    if not _t20(node):
        return False
    if not isinstance(value, dict):
        return False
    if isinstance(value, dict):
        child = value.get('spot')
        if child is not None and not isinstance(child.value, bool):
            return False
        child = value.get('instanceTypes')
        if child is not None and not _t9(child):
            return False
        child = value.get('taints')
        if child is not None and not _t30(child):
            return False
    return True


def _t16(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not _t18(item):
            return False
    return True


def _t37(node: Node) -> bool:
    value = node.value
    if (bool(_t30(node)) + bool(_t24(node))) != 1:
        return False
    return True


def _t41(node: Node) -> bool:
    value = node.value
    if not _t9(node):
        return False
    if isinstance(value, list) and len(value) < 1:
        return False
    return True


def _t42(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and isinstance(value, (int, float)))):
        return False
    return True


def _t43(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    if (not isinstance(value, bool) and isinstance(value, (int, float))) and value < 0:
        return False
    return True


def _t44(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    if (not isinstance(value, bool) and isinstance(value, (int, float))) and value < 0:
        return False
    if (not isinstance(value, bool) and isinstance(value, (int, float))) and value > 100:
        return False
    return True


def _t45(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    if (not isinstance(value, bool) and isinstance(value, (int, float))) and value < 1:
        return False
    if (not isinstance(value, bool) and isinstance(value, (int, float))) and value > 20:
        return False
    return True


def _t40(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('instanceTypes')
    if child is not None and not _t41(child):
        return False
    child = value.get('maxPrice')
    if child is not None and not _t42(child):
        return False
    child = value.get('onDemandBaseCapacity')
    if child is not None and not _t43(child):
        return False
    child = value.get('onDemandPercentageAboveBaseCapacity')
    if child is not None and not _t44(child):
        return False
    child = value.get('spotInstancePools')
    if child is not None and not _t45(child):
        return False
    child = value.get('spotAllocationStrategy')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('capacityRebalance')
    if child is not None and not isinstance(child.value, bool):
        return False
    return True


def _t35(node: Node) -> bool:
    value = node.value
    if not _t20(node):
        return False
    if not isinstance(value, dict):
        return False
    if isinstance(value, dict):
        child = value.get('taints')
        if child is not None and not _t37(child):
            return False
        child = value.get('instancesDistribution')
        if child is not None and not _t40(child):
            return False
    return True


def _t33(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not _t35(item):
            return False
    return True


def _t6(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('metadata')
    if child is not None and not _t7(child):
        return False
    child = value.get('availabilityZones')
    if child is not None and not _t9(child):
        return False
    child = value.get('vpc')
    if child is not None and not _t10(child):
        return False
    child = value.get('managedNodeGroups')
    if child is not None and not _t16(child):
        return False
    child = value.get('nodeGroups')
    if child is not None and not _t33(child):
        return False
    return True


def _t54(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    for item in value.values():
        if not isinstance(item.value, str):
            return False
    return True


def _t55(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not _t52(item):
            return False
    return True


def _t52(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('classification')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('properties')
    if child is not None and not _t54(child):
        return False
    child = value.get('configurations')
    if child is not None and not _t55(child):
        return False
    return True


def _t50(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not _t52(item):
            return False
    return True


def _t49(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('applicationConfiguration')
    if child is not None and not _t50(child):
        return False
    return True


def _t46(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('name')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('releaseLabel')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('jobDriver')
    if child is not None and not _t3(child):
        return False
    child = value.get('configurationOverrides')
    if child is not None and not _t49(child):
        return False
    return True


def _t58(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('name')
    if child is not None and not isinstance(child.value, str):
        return False
    return True


def _t57(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('metadata')
    if child is not None and not _t58(child):
        return False
    return True


def _t63(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    for item in value.values():
        if not isinstance(item.value, str):
            return False
    return True


def _t61(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('name')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('labels')
    if child is not None and not _t63(child):
        return False
    return True


def _t72(node: Node) -> bool:
    value = node.value
    return isinstance(value, str) and value in {'DoesNotExist', 'Exists', 'Gt', 'Gte', 'In', 'Lt', 'Lte', 'NotIn'}


def _t73(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not isinstance(item.value, str):
            return False
    return True


def _t74(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    if (not isinstance(value, bool) and isinstance(value, (int, float))) and value < 1:
        return False
    return True


def _t71(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    if 'key' not in value:
        return False
    if 'operator' not in value:
        return False
    child = value.get('key')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('operator')
    if child is not None and not _t72(child):
        return False
    child = value.get('values')
    if child is not None and not _t73(child):
        return False
    child = value.get('minValues')
    if child is not None and not _t74(child):
        return False
    return True


def _t69(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not _t71(item):
            return False
    return True


def _t79(node: Node) -> bool:
    value = node.value
    return isinstance(value, str) and value in {'NoExecute', 'NoSchedule', 'PreferNoSchedule'}


def _t78(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    if 'key' not in value:
        return False
    if 'effect' not in value:
        return False
    child = value.get('key')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('value')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('effect')
    if child is not None and not _t79(child):
        return False
    return True


def _t76(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not _t78(item):
            return False
    return True


def _t67(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('requirements')
    if child is not None and not _t69(child):
        return False
    child = value.get('taints')
    if child is not None and not _t76(child):
        return False
    child = value.get('startupTaints')
    if child is not None and not _t76(child):
        return False
    child = value.get('nodeClassRef')
    if child is not None and not isinstance(child.value, dict):
        return False
    return True


def _t65(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('metadata')
    if child is not None and not _t61(child):
        return False
    child = value.get('spec')
    if child is not None and not _t67(child):
        return False
    return True


def _t83(node: Node) -> bool:
    value = node.value
    if not (isinstance(value, str) or (not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer()))) or (not isinstance(value, bool) and isinstance(value, (int, float)))):
        return False
    return True


def _t81(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    for item in value.values():
        if not _t83(item):
            return False
    return True


def _t84(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    if (not isinstance(value, bool) and isinstance(value, (int, float))) and value < 0:
        return False
    return True


def _t86(node: Node) -> bool:
    value = node.value
    return isinstance(value, str) and value in {'Balanced', 'WhenEmpty', 'WhenEmptyOrUnderutilized', 'WhenUnderutilized'}


def _t89(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not isinstance(item.value, str):
            return False
    return True


def _t88(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('nodes')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('schedule')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('duration')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('reasons')
    if child is not None and not _t89(child):
        return False
    return True


def _t87(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not _t88(item):
            return False
    return True


def _t85(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('consolidationPolicy')
    if child is not None and not _t86(child):
        return False
    child = value.get('consolidateAfter')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('expireAfter')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('budgets')
    if child is not None and not _t87(child):
        return False
    return True


def _t64(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('template')
    if child is not None and not _t65(child):
        return False
    child = value.get('limits')
    if child is not None and not _t81(child):
        return False
    child = value.get('replicas')
    if child is not None and not _t84(child):
        return False
    child = value.get('disruption')
    if child is not None and not _t85(child):
        return False
    return True


def _t59(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('metadata')
    if child is not None and not _t61(child):
        return False
    child = value.get('spec')
    if child is not None and not _t64(child):
        return False
    return True


def _t98(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    for item in value.values():
        if not _t83(item):
            return False
    return True


def _t97(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('resources')
    if child is not None and not _t98(child):
        return False
    return True


def _t100(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    if (not isinstance(value, bool) and isinstance(value, (int, float))) and value < 0:
        return False
    return True


def _t101(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    if (not isinstance(value, bool) and isinstance(value, (int, float))) and value < 0:
        return False
    return True


def _t102(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('enabled')
    if child is not None and not isinstance(child.value, bool):
        return False
    return True


def _t92(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('requirements')
    if child is not None and not _t69(child):
        return False
    child = value.get('labels')
    if child is not None and not _t63(child):
        return False
    child = value.get('taints')
    if child is not None and not _t76(child):
        return False
    child = value.get('startupTaints')
    if child is not None and not _t76(child):
        return False
    child = value.get('limits')
    if child is not None and not _t97(child):
        return False
    child = value.get('ttlSecondsAfterEmpty')
    if child is not None and not _t100(child):
        return False
    child = value.get('ttlSecondsUntilExpired')
    if child is not None and not _t101(child):
        return False
    child = value.get('consolidation')
    if child is not None and not _t102(child):
        return False
    child = value.get('providerRef')
    if child is not None and not isinstance(child.value, dict):
        return False
    child = value.get('provider')
    if child is not None and not isinstance(child.value, dict):
        return False
    return True


def _t90(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('metadata')
    if child is not None and not _t61(child):
        return False
    child = value.get('spec')
    if child is not None and not _t92(child):
        return False
    return True


def _t105(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('name')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('labels')
    if child is not None and not _t54(child):
        return False
    child = value.get('annotations')
    if child is not None and not _t54(child):
        return False
    return True


def _t121(node: Node) -> bool:
    value = node.value
    return isinstance(value, str) and value in {'DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'}


def _t122(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not isinstance(item.value, str):
            return False
    return True


def _t120(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    if 'key' not in value:
        return False
    if 'operator' not in value:
        return False
    child = value.get('key')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('operator')
    if child is not None and not _t121(child):
        return False
    child = value.get('values')
    if child is not None and not _t122(child):
        return False
    return True


def _t118(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not _t120(item):
            return False
    return True


def _t117(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('matchExpressions')
    if child is not None and not _t118(child):
        return False
    child = value.get('matchFields')
    if child is not None and not isinstance(child.value, list):
        return False
    return True


def _t115(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not _t117(item):
            return False
    return True


def _t114(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('nodeSelectorTerms')
    if child is not None and not _t115(child):
        return False
    return True


def _t125(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    return True


def _t124(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('weight')
    if child is not None and not _t125(child):
        return False
    child = value.get('preference')
    if child is not None and not _t117(child):
        return False
    return True


def _t123(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not _t124(item):
            return False
    return True


def _t113(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('requiredDuringSchedulingIgnoredDuringExecution')
    if child is not None and not _t114(child):
        return False
    child = value.get('preferredDuringSchedulingIgnoredDuringExecution')
    if child is not None and not _t123(child):
        return False
    return True


def _t112(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('nodeAffinity')
    if child is not None and not _t113(child):
        return False
    return True


def _t130(node: Node) -> bool:
    value = node.value
    return isinstance(value, str) and value in {'Equal', 'Exists'}


def _t131(node: Node) -> bool:
    value = node.value
    return isinstance(value, str) and value in {'', 'NoExecute', 'NoSchedule', 'PreferNoSchedule'}


def _t132(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    return True


def _t129(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('key')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('operator')
    if child is not None and not _t130(child):
        return False
    child = value.get('value')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('effect')
    if child is not None and not _t131(child):
        return False
    child = value.get('tolerationSeconds')
    if child is not None and not _t132(child):
        return False
    return True


def _t127(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not _t129(item):
            return False
    return True


def _t133(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not isinstance(item.value, dict):
            return False
    return True


def _t109(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('nodeSelector')
    if child is not None and not _t54(child):
        return False
    child = value.get('affinity')
    if child is not None and not _t112(child):
        return False
    child = value.get('tolerations')
    if child is not None and not _t127(child):
        return False
    child = value.get('containers')
    if child is not None and not _t133(child):
        return False
    return True


def _t135(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('metadata')
    if child is not None and not _t105(child):
        return False
    child = value.get('spec')
    if child is not None and not _t109(child):
        return False
    return True


def _t103(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('metadata')
    if child is not None and not _t105(child):
        return False
    child = value.get('spec')
    if child is not None and not _t109(child):
        return False
    child = value.get('template')
    if child is not None and not _t135(child):
        return False
    return True


def _t138(node: Node) -> bool:
    return True


def _t143(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('sparkVersion')
    if child is not None and not isinstance(child.value, str):
        return False
    return True


def _t144(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('podTemplateSpec')
    if child is not None and not _t135(child):
        return False
    return True


def _t146(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('podTemplateSpec')
    if child is not None and not _t135(child):
        return False
    return True


def _t141(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('sparkConf')
    if child is not None and not _t54(child):
        return False
    child = value.get('runtimeVersions')
    if child is not None and not _t143(child):
        return False
    child = value.get('driverSpec')
    if child is not None and not _t144(child):
        return False
    child = value.get('executorSpec')
    if child is not None and not _t146(child):
        return False
    return True


def _t139(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('metadata')
    if child is not None and not _t105(child):
        return False
    child = value.get('spec')
    if child is not None and not _t141(child):
        return False
    return True


def _t159(node: Node) -> bool:
    value = node.value
    if not isinstance(value, list):
        return False
    for item in value:
        if not _t129(item):
            return False
    return True


def _t156(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('nodeSelector')
    if child is not None and not _t54(child):
        return False
    child = value.get('affinity')
    if child is not None and not _t112(child):
        return False
    child = value.get('tolerations')
    if child is not None and not _t159(child):
        return False
    child = value.get('template')
    if child is not None and not _t135(child):
        return False
    return True


def _t164(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    return True


def _t165(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    return True


def _t166(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    return True


def _t167(node: Node) -> bool:
    value = node.value
    if not ((not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer())))):
        return False
    return True


def _t163(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('enabled')
    if child is not None and not isinstance(child.value, bool):
        return False
    child = value.get('initialExecutors')
    if child is not None and not _t164(child):
        return False
    child = value.get('minExecutors')
    if child is not None and not _t165(child):
        return False
    child = value.get('maxExecutors')
    if child is not None and not _t166(child):
        return False
    child = value.get('shuffleTrackingEnabled')
    if child is not None and not isinstance(child.value, bool):
        return False
    child = value.get('shuffleTrackingTimeout')
    if child is not None and not _t167(child):
        return False
    return True


def _t152(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('sparkVersion')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('image')
    if child is not None and not isinstance(child.value, str):
        return False
    child = value.get('sparkConf')
    if child is not None and not _t54(child):
        return False
    child = value.get('nodeSelector')
    if child is not None and not _t54(child):
        return False
    child = value.get('driver')
    if child is not None and not _t156(child):
        return False
    child = value.get('executor')
    if child is not None and not _t156(child):
        return False
    child = value.get('dynamicAllocation')
    if child is not None and not _t163(child):
        return False
    return True


def _t168(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('template')
    if child is not None and not _t152(child):
        return False
    return True


def _t150(node: Node) -> bool:
    value = node.value
    if not _t152(node):
        return False
    if not _t168(node):
        return False
    return True


def _t148(node: Node) -> bool:
    value = node.value
    if not isinstance(value, dict):
        return False
    child = value.get('metadata')
    if child is not None and not _t105(child):
        return False
    child = value.get('spec')
    if child is not None and not _t150(child):
        return False
    return True


TESTS = {
    'ack-jobrun.schema.json': _t0,
    'eksctl-clusterconfig.schema.json': _t6,
    'emr-start-job-run.schema.json': _t46,
    'karpenter-nodeclass.schema.json': _t57,
    'karpenter-nodepool.schema.json': _t59,
    'karpenter-provisioner.schema.json': _t90,
    'pod.schema.json': _t103,
    'podspec.schema.json': _t138,
    'sparkapplication-apache.schema.json': _t139,
    'sparkapplication.schema.json': _t148,
}
