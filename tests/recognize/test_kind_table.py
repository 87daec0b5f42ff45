"""Kinds are asked only about the documents their ``matches`` can accept (``document_kinds``).

The engine asks a kind that declares ``document_kinds`` only about documents of
those kinds (:class:`spotlint.recognize.kinds.KindTable`). That changes nothing only
if a kind left out would have said no: held here for every document (embedded ones
too) of the examples and the sample corpus, and for generated documents, and the
first kind that matches is the same as when every kind is asked in turn.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spotlint.engine import normalizing
from spotlint.engine.normalizing import normalize_file
from spotlint.engine.reading import FileSet
from spotlint.load.base import Limits, LoadedFile
from spotlint.location import Location, Node
from spotlint.model import Project
from spotlint.recognize import builtin_kinds
from spotlint.recognize.kinds import KindTable, kind_table
from spotlint.recognize.workload_kind import WORKLOADS

KINDS = builtin_kinds()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_AT = Location("f.yaml", 1, 1, 1, 1)


def _first(kinds: Any, doc: Node, file: LoadedFile) -> Any:
    return next((kind for kind in kinds if kind.matches(doc, file)), None)


def _holds(doc: Node, file: LoadedFile) -> None:
    """No kind left out for ``doc`` matches it; the first match is the same."""
    asked = KindTable(KINDS).asked(doc)
    for kind in KINDS:
        if kind not in asked:
            assert not kind.matches(doc, file), (kind.name, file.path, doc.loc)
    assert _first(asked, doc, file) is _first(KINDS, doc, file)


def _recognized(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[LoadedFile]:
    """Every file below ``root`` the engine recognizes, with the pieces embedded in
    them (Markdown fences, heredocs, ConfigMap values) as the engine met them."""
    met: list[LoadedFile] = []
    real = normalizing._State.normalize

    def noting(state: Any, ctx: Any, depth: int) -> None:
        met.append(ctx.file)
        real(state, ctx, depth)

    monkeypatch.setattr(normalizing._State, "normalize", noting)
    for directory, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            path = os.path.join(directory, name)
            loaded = FileSet(Limits(), {}, []).read(path, explicit=True)
            if loaded is not None:
                normalize_file(loaded, KINDS, Project(), str(root), Limits(), [])
    return met


def _check_all(root: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    count = 0
    for file in _recognized(root, monkeypatch):
        for doc in file.documents:
            _holds(doc, file)
            count += 1
    return count


def test_every_document_of_the_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _check_all(EXAMPLES, monkeypatch) >= 20


def test_every_document_of_the_sample_corpus(
    corpus: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _check_all(corpus, monkeypatch) >= 200


# -- chosen documents: each kind of document each kind declares -------------------------

_NTH_IMAGE = "public.ecr.aws/aws-ec2/aws-node-termination-handler:v1.22.0"
_CHOSEN: list[tuple[str, str, str, dict[str, Any]]] = [
    ("sparkapplication", "sparkoperator.k8s.io/v1beta2", "SparkApplication", {}),
    ("sparkapplication", "sparkoperator.k8s.io/v1beta2", "ScheduledSparkApplication", {}),
    ("sparkapplication-apache", "spark.apache.org/v1alpha1", "SparkApplication", {}),
    ("sparkapplication-apache", "spark.apache.org/v1alpha1", "SparkCluster", {}),
    ("ack-jobrun", "emrcontainers.services.k8s.aws/v1alpha1", "JobRun", {}),
    ("pod-template", "v1", "Pod", {}),
    ("pod-template", "v1", "PodTemplate", {}),
    ("pod-template", "", "", {"spec": {"containers": [{"name": "c"}]}}),
    ("karpenter-provisioner", "karpenter.sh/v1alpha5", "Provisioner", {}),
    ("karpenter-nodepool", "karpenter.sh/v1", "NodePool", {}),
    ("karpenter-nodeclass", "karpenter.k8s.aws/v1alpha1", "AWSNodeTemplate", {}),
    ("karpenter-nodeclass", "karpenter.k8s.aws/v1", "EC2NodeClass", {}),
    ("eksctl-clusterconfig", "eksctl.io/v1alpha5", "ClusterConfig", {}),
    *[("interruption-handler", "apps/v1", kind,
       {"spec": {"template": {"spec": {"containers": [{"image": _NTH_IMAGE}]}}}})
      for kind in ("DaemonSet", "Deployment")],
    ("interruption-handler", "helm.toolkit.fluxcd.io/v2", "HelmRelease",
     {"spec": {"chart": {"spec": {"chart": "aws-node-termination-handler"}}}}),
    ("interruption-handler", "argoproj.io/v1alpha1", "Application",
     {"spec": {"source": {"chart": "karpenter"}}}),
    *[("workload", f"{group}/v1" if group else "v1", kind, {}) for group, kind in WORKLOADS],
]


def _chosen(api: str, kind: str, body: dict[str, Any]) -> Node:
    head = {"apiVersion": api, "kind": kind} if kind else {}
    return _node({**head, "metadata": {"name": "n"}, **body})


@pytest.mark.parametrize(("name", "api", "kind", "body"), _CHOSEN)
def test_chosen_documents_find_their_kind(
        name: str, api: str, kind: str, body: dict[str, Any]) -> None:
    doc, file = _chosen(api, kind, body), LoadedFile("f.yaml", "", "yaml")
    file.documents.append(doc)
    assert _first(KindTable(KINDS).asked(doc), doc, file).name == name
    _holds(doc, file)


def test_the_chosen_documents_are_every_kind_of_document_declared() -> None:
    """A kind declared and never met, or met and not declared, fails here."""
    declared = {(kind.name, text) for kind in KINDS
                for text in getattr(kind, "document_kinds", ())}
    assert {(name, kind) for name, _, kind, _ in _CHOSEN} == declared


# -- generated documents -------------------------------------------------------------

_DECLARED = sorted({text for kind in KINDS for text in getattr(kind, "document_kinds", ())})
_GROUPS = ["", "apps", "batch", "argoproj.io", "karpenter.sh", "karpenter.k8s.aws",
           "sparkoperator.k8s.io", "spark.apache.org", "emrcontainers.services.k8s.aws",
           "eksctl.io", "helm.toolkit.fluxcd.io", "example.com"]
_VERSIONS = ["v1", "v1beta1", "v1beta2", "v1alpha1", "v1alpha5", "v2"]
_SCALARS = st.one_of(st.sampled_from(["x", "", "true"]), st.none(), st.integers(-1, 2),
                     st.booleans())


def _node(value: Any) -> Node:
    if isinstance(value, dict):
        return Node({k: _node(v) for k, v in value.items()}, _AT)
    if isinstance(value, list):
        return Node([_node(v) for v in value], _AT)
    return Node(value, _AT)


_BODY = st.dictionaries(
    st.sampled_from(["spec", "jobDriver", "releaseLabel", "virtualClusterId", "settings",
                     "configurationOverrides", "Resources", "metadata", "nodeSelector"]),
    st.one_of(
        _SCALARS,
        st.fixed_dictionaries({}, optional={
            "containers": st.just([{"name": "c", "image": "spark:3"}]),
            "template": st.just({"spec": {"containers": []}}),
            "chart": st.just({"spec": {"chart": "aws-node-termination-handler"}}),
            "source": st.just({"chart": "karpenter"}),
            "sparkConf": st.just({"spark.executor.instances": "2"}),
        }),
    ),
    max_size=4,
)


@st.composite
def documents(draw: st.DrawFn) -> tuple[Node, LoadedFile]:
    value: dict[str, Any] = draw(_BODY)
    if draw(st.booleans()):  # a kind of document some kind accepts, and its body
        _, api, kind, body = draw(st.sampled_from(_CHOSEN))
        value.update(body)
        kind = kind or None
    else:
        api = draw(st.one_of(
            st.none(), _SCALARS, st.builds(lambda g, v: f"{g}/{v}" if g else v,
                                           st.sampled_from(_GROUPS), st.sampled_from(_VERSIONS))))
        kind = draw(st.one_of(st.sampled_from([*_DECLARED, "Service", "Kind"]), _SCALARS,
                              st.just({"a": 1})))
    if api is not None or draw(st.booleans()):
        value["apiVersion"] = api
    presence = draw(st.sampled_from(["kind", "Kind", "both", "none"]))
    if presence in ("kind", "both"):
        value["kind"] = kind
    if presence in ("Kind", "both"):
        value["Kind"] = draw(st.sampled_from([*_DECLARED, "Other"]))
    doc = _node(value) if draw(st.integers(0, 9)) else _node(draw(_SCALARS))
    fmt, path = draw(st.sampled_from([("yaml", "values.yaml"), ("yaml", "app.yaml"),
                                      ("json", "req.json"), ("properties", "a.conf"),
                                      ("shell", "run.sh")]))
    return doc, LoadedFile(path, "", fmt, [doc])


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents())
def test_generated_documents(pair: tuple[Node, LoadedFile]) -> None:
    _holds(*pair)


# -- the table itself ------------------------------------------------------------------


class _Named:
    def __init__(self, name: str, accepts: frozenset[str] | None = None) -> None:
        self.name = name
        if accepts is not None:
            self.document_kinds = accepts


def test_a_kind_that_declares_nothing_is_asked_about_every_document() -> None:
    plugin, pool, job = _Named("plugin"), _Named("pool", frozenset({"NodePool"})), _Named(
        "job", frozenset({"SparkApplication", ""}))
    table = KindTable([job, plugin, pool])
    assert table.asked(_node({"kind": "NodePool"})) == (plugin, pool)
    assert table.asked(_node({"kind": "SparkApplication"})) == (job, plugin)
    assert table.asked(_node({"apiVersion": "v1"})) == (job, plugin)
    assert table.asked(_node({"kind": "Service"})) == (plugin,)
    assert table.asked(_node("text")) == (job, plugin)


def test_a_document_whose_kind_cannot_be_read_is_asked_of_every_kind() -> None:
    """Its error is then met where it was before: in the first kind asked."""
    table = KindTable(KINDS)
    doc = Node({"kind": Node(10 ** 5000, _AT)}, _AT)  # (str() refuses so many digits)
    assert table.asked(doc) == tuple(KINDS)


def test_the_table_follows_a_changed_list_of_kinds() -> None:
    kinds: list[Any] = [_Named("a", frozenset({"A"}))]
    first = kind_table(kinds)
    assert kind_table(kinds) is first
    kinds.append(_Named("b"))
    assert kind_table(kinds).kinds == tuple(kinds) and kind_table(kinds) is not first
