"""Helm charts deployed from Terraform: Karpenter, Node Termination Handler, Karpenter NodePools.

* the ``karpenter`` chart: the controller's configuration. Its interruption
  queue is ``settings.interruptionQueue`` (charts since v0.32) or
  ``settings.aws.interruptionQueueName`` (v0.19 to v0.31); any value counts,
  known or not. ``settings.interruptionQueueName`` is read by neither (a
  spelling eksctl used to send by mistake) and counts as no queue.
* ``aws-node-termination-handler``: a handler of the Spot notice.
* ``karpenter-resources`` (the EKS data add-ons chart): one NodePool per
  release, from ``name`` and ``nodePool`` (labels, taints, requirements,
  disruption, limits), with the chart's defaults for what the values leave out.

Values come from ``values`` (heredocs, ``yamlencode``, ``file()``) and from
``set`` blocks. A release whose values cannot all be read leaves the queue
unknown.
"""

from __future__ import annotations

from spotlint.load import hcl
from spotlint.location import Location, Node
from spotlint.model import KARPENTER_CONTROLLER, NODE_TERMINATION_HANDLER, InterruptionHandling
from spotlint.recognize.common import scalar_text
from spotlint.recognize.kinds import NormalizeContext
from spotlint.recognize.terraform_embedded import dispatch, documents, setting
from spotlint.recognize.terraform_file import TerraformFile
from spotlint.recognize.terraform_groups import present

QUEUE_SETTINGS = ("settings.interruptionQueue", "settings.aws.interruptionQueueName")
#: a key no Karpenter chart reads, though it looks like the queue setting
MISSPELT_QUEUE = "settings.interruptionQueueName"


def chart_name(text: str | None) -> str:
    """``oci://public.ecr.aws/karpenter/karpenter`` or ``karpenter/karpenter`` -> ``karpenter``."""
    return (text or "").rstrip("/").rsplit("/", 1)[-1]


def values_of(tf: TerraformFile, values: hcl.Expr | None) -> tuple[list[Node], bool]:
    """The documents of a ``values = [...]`` list, and whether all of them were read."""
    if values is None:
        return [], True
    if not isinstance(values, hcl.Tuple):
        return [], False
    docs: list[Node] = []
    complete = True
    for item in values.items:
        found, readable = documents(item, tf.ev, tf.ctx, values=True)
        docs.extend(found)
        complete = complete and readable
    return docs, complete


def set_values(tf: TerraformFile, block_body: hcl.Body) -> tuple[dict[str, Node], bool]:
    """``set { name = ..., value = ... }`` blocks (or a ``set = [...]`` list) by name."""
    found: dict[str, Node] = {}
    complete = True
    entries: list[Node] = []
    for inner in block_body.blocks:
        if inner.type in ("set", "set_sensitive"):
            entries.append(tf.ev.body(inner.body))
    listed = block_body.attribute("set")
    if listed is not None:
        value = tf.ev.value(listed.expr)
        if value.is_seq:
            entries.extend(e for e in value.elements() if e.is_map)
        else:
            complete = False
    for entry in entries:
        name = scalar_text(entry.get("name"))
        if name is None:
            complete = False
            continue
        found[name.replace("\\.", ".")] = entry.get("value") or entry
    return found, complete


def karpenter_queue(
    docs: list[Node], sets: dict[str, Node], complete: bool
) -> tuple[bool | None, str]:
    """Is the controller's interruption queue set (None: cannot tell), and by which key."""
    for key in QUEUE_SETTINGS:
        if key in sets or any(_filled(setting(doc, key)) for doc in docs):
            return True, key
    if MISSPELT_QUEUE in sets or any(setting(doc, MISSPELT_QUEUE) is not None for doc in docs):
        return False, MISSPELT_QUEUE
    return (False if complete else None), QUEUE_SETTINGS[0]


def _filled(node: Node | None) -> bool:
    return node is not None and (node.unknown or node.text() not in ("", None))


def helm_release(tf: TerraformFile, block: hcl.Block) -> None:
    chart_attr = block.body.attribute("chart")
    chart = chart_name(scalar_text(tf.ev.value(chart_attr.expr)) if chart_attr else None)
    if chart not in ("karpenter", "aws-node-termination-handler", "karpenter-resources"):
        return
    label, start, end = block.labels[-1]
    at = Node(label, tf.ev.loc(start, end))
    values = block.body.attribute("values")
    docs, complete = values_of(tf, values.expr if values is not None else None)
    sets, sets_complete = set_values(tf, block.body)
    if chart == "aws-node-termination-handler":
        tf.ctx.project.interruption.append(InterruptionHandling(NODE_TERMINATION_HANDLER, at))
    elif chart == "karpenter":
        queue, key = karpenter_queue(docs, sets, complete and sets_complete)
        # Values read from a file of the repository are that file's settings too: the
        # same place, so SL412 reports it once whichever of the two it meets.
        elsewhere = [d.get("settings") for d in docs if d.loc.path != tf.path]
        place = next((n.key for n in elsewhere if n is not None and n.key is not None), at)
        tf.ctx.project.interruption.append(
            InterruptionHandling(KARPENTER_CONTROLLER, place, queue, key))
    else:
        for doc in docs:
            karpenter_resources(tf.ctx, doc, at.loc)


def karpenter_resources(ctx: NormalizeContext, values: Node, at: Location) -> None:
    """The NodePool the ``karpenter-resources`` chart renders from ``values``."""
    pool = present(values.get("nodePool"))
    if values.unknown or not values.is_map or (pool is not None and not pool.is_map):
        return
    enabled = pool.get("enabled") if pool is not None else None
    if enabled is not None and enabled.value is False:
        return
    name = values.get("name") or Node("default", at)
    anchor = pool.key_loc if pool is not None else at

    def synthetic(value: object, key: str) -> Node:
        node = Node(value, anchor)
        node.key = Node(key, anchor)
        return node

    def mapping(items: dict[str, Node], key: str) -> Node:
        node = Node(items, anchor)
        node.key = Node(key, anchor)
        return node

    get = pool.get if pool is not None else (lambda _k: None)
    labels: dict[str, Node] = {"NodePool": name, "NodeGroupType": name}
    listed = present(get("labels"))
    for entry in listed.elements() if listed is not None and listed.is_seq else ():
        labels.update(entry.value if entry.is_map else {})
    if listed is not None and listed.is_map:
        labels.update(listed.value)
    tspec: dict[str, Node] = {
        "nodeClassRef": mapping({"name": name}, "nodeClassRef"),
    }
    for key in ("taints", "requirements"):
        found = present(get(key))
        if found is not None:
            tspec[key] = found
    template = mapping({
        "metadata": mapping({"labels": mapping(labels, "labels")}, "metadata"),
        "spec": mapping(tspec, "spec"),
    }, "template")
    disruption = present(get("disruption")) or mapping({
        "consolidationPolicy": synthetic("WhenEmpty", "consolidationPolicy"),
        "consolidateAfter": synthetic("30s", "consolidateAfter"),
    }, "disruption")
    limits = present(get("limits")) or mapping({
        "cpu": synthetic("1000", "cpu"), "memory": synthetic("1000Gi", "memory"),
    }, "limits")
    spec = mapping({"template": template, "disruption": disruption, "limits": limits}, "spec")
    if pool is not None:
        spec.loc = pool.loc
        spec.key = pool.key
    doc = Node({
        "apiVersion": synthetic("karpenter.sh/v1", "apiVersion"),
        "kind": synthetic("NodePool", "kind"),
        "metadata": mapping({"name": name}, "metadata"),
        "spec": spec,
    }, values.loc)
    dispatch([doc], ctx)
