"""api_group keeps its last answer; a changed document or another one is read again."""

from __future__ import annotations

from spotlint.location import Location, Node
from spotlint.recognize.kinds import api_group

_AT = Location("f.yaml", 1, 1, 1, 1)


def _doc(api: str | None, kind: str | None, kind_key: str = "kind") -> Node:
    value: dict[str, Node] = {}
    if api is not None:
        value["apiVersion"] = Node(api, _AT)
    if kind is not None:
        value[kind_key] = Node(kind, _AT)
    return Node(value, _AT)


def test_answers() -> None:
    assert api_group(_doc("karpenter.sh/v1", "NodePool")) == ("karpenter.sh", "v1", "NodePool")
    assert api_group(_doc("v1", "Pod")) == ("", "v1", "Pod")
    assert api_group(_doc(None, "Pod")) == ("", "", "Pod")
    assert api_group(_doc("a/b", None)) == ("a", "b", "")
    assert api_group(_doc("x/v1", "StartJobRun", "Kind")) == ("x", "v1", "StartJobRun")
    assert api_group(Node([], _AT)) == ("", "", "")
    assert api_group(Node("text", _AT)) == ("", "", "")


def test_the_same_document_twice_and_a_changed_one() -> None:
    doc = _doc("karpenter.sh/v1", "NodePool")
    assert api_group(doc) == api_group(doc) == ("karpenter.sh", "v1", "NodePool")
    doc.value["kind"] = Node("EC2NodeClass", _AT)
    assert api_group(doc) == ("karpenter.sh", "v1", "EC2NodeClass")
    doc.value["apiVersion"] = Node("karpenter.k8s.aws/v1", _AT)
    assert api_group(doc) == ("karpenter.k8s.aws", "v1", "EC2NodeClass")
    other = _doc("sparkoperator.k8s.io/v1beta2", "SparkApplication")
    assert api_group(other) == ("sparkoperator.k8s.io", "v1beta2", "SparkApplication")
    assert api_group(doc) == ("karpenter.k8s.aws", "v1", "EC2NodeClass")
