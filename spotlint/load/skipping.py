"""Subtrees nothing reads, read without building them (and built when read after all).

About 40% of the values of a Spark-heavy repository are never read once loaded: the
init containers, volumes and volume mounts of a SparkApplication's driver and
executor, a Pod's volumes... Building their nodes was ~40% of the YAML builder's
work. While it reads a document whose kind :data:`TABLE` names, the builder
(:mod:`.yaml_loader`) consumes the events of a collection found at one of the
table's paths without making its nodes, and puts a *stand-in* in its place: a
:class:`Node` (:class:`StandIn`) with the position, key and tag the built node
would have, whose ``value`` and ``unknown`` are made on first use (then it is a
plain :class:`Node`): from its own text (:func:`_fragment`), or from the same file
loaded again without skipping. So a reader of a skipped path gets exactly the built
subtree, only later; the table is about speed, never about what any reader sees.
What it must hold is the paths no built-in reader reads: a stand-in that is read
costs a parse of its own text. The audit behind each entry (who reads these keys,
and why not at these paths) is in the comments of :data:`TABLE`; tests hold every
tree and every output the same with and without skipping, and count the stand-ins
a run of the built-in rules reads (none, where no fix is placed next to them).

A subtree is skipped only when building it could not have changed anything outside
it, else the file is read again without skipping (see
:meth:`~spotlint.load.yaml_loader._Builder.skipped`): no anchor, alias, tag or
merge key (``<<``) inside it, no anchor on its path, within ``max-nodes`` and
``max-depth`` (the build then reports those errors at their places), and only in
texts whose lines libyaml counts as spotlint does. libyaml parses every event
either way, so syntax errors stay where they were.

Skipping is on only for a run whose registry holds spotlint's own rules and kinds
alone (:meth:`spotlint.plugins.manager.Registry.builtin_only`, asked by the engine):
a third party's code might read trees by other means than ``value`` (the slots
themselves). Templated files' second reads, Markdown blocks, embedded and shell
texts never skip (only :func:`~spotlint.load.files.load_bytes` asks, for a YAML or
JSON file). The builder imports this module only once asked to skip.
"""

from __future__ import annotations

from spotlint.location import Node

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from spotlint.load.base import Limits, LoadedFile


#: A trie's leaf: the collection found here is skipped (``...``, which the builder
#: knows without importing this module).
SKIP: Any = ...

#: A pod spec's fields that only :func:`spotlint.recognize.workloads.pod_spec` reads
#: (for a Pod whose containers run a process: ``spark-submit`` in a command); a
#: container's, no reader at all.
_POD_SPEC: dict[str, Any] = {
    "initContainers": SKIP,
    "volumes": SKIP,
    "securityContext": SKIP,
    "dnsConfig": SKIP,
    "containers": {"[]": {"volumeMounts": SKIP, "env": SKIP, "securityContext": SKIP,
                          "ports": SKIP, "resources": SKIP}},
}
#: A Spark operator's driver or executor: its kind reads the node selection
#: (``nodeSelector``, ``affinity``, ``tolerations``) and its pod ``template``.
_SPARK_POD: dict[str, Any] = {
    "initContainers": SKIP,
    "volumeMounts": SKIP,
    "securityContext": SKIP,
    "env": SKIP,
    "labels": SKIP,
    "template": {"spec": _POD_SPEC},
}
_SPARK_SPEC: dict[str, Any] = {
    "driver": _SPARK_POD,
    "executor": _SPARK_POD,
    "volumes": SKIP,
    "arguments": SKIP,
    "restartPolicy": SKIP,
}

#: What is skipped, by the document's (API group, kind) and then by path: a trie of
#: mapping keys ("[]" for every item of a sequence) whose leaves are :data:`SKIP`.
#: The single place that says what is skipped.
#:
#: The audit of each entry: who reads these keys (``grep`` of each over spotlint/
#: and rules/), and the stand-ins read over whole runs (every format, ``--diff``,
#: ``--fix``) on examples/, the shared corpus and the Spark-heavy 1k and 4k corpora.
#: A read is never wrong (see the module's doc), only dearer than building.
#:
#: - No rule names any of these keys: rules read the model (jobs, pools, templates),
#:   which the kinds make from the node selection, confs and pools' fields.
#: - SparkApplication, ScheduledSparkApplication (``recognize/spark_app.py``): the
#:   kind reads ``sparkConf``, ``nodeSelector``, ``dynamicAllocation``,
#:   ``sparkVersion``, ``image`` and each pod's node selection and ``template``
#:   (``placement_from_pod_spec``: ``nodeSelector``, ``affinity``, ``tolerations``).
#:   SL002's schema (``schemas/inputs/sparkapplication.schema.json``) describes
#:   those and a template's ``metadata`` (labels and annotations are read there:
#:   not skipped) and its pod spec's ``containers`` (the list is read, not its items'
#:   fields). recognize/workloads.py is not asked for these kinds.
#: - Pod (``recognize/pod.py``): ``role_of`` reads ``metadata.labels`` and the
#:   containers' names (built); ``pod_spec`` reads ``volumes``, ``initContainers``
#:   and the containers' ``volumeMounts`` of a Pod whose containers run a command
#:   (``_runs_a_process``): read then, a few Pods a corpus.
#: - PersistentVolume(Claim): no kind of spotlint's reads them (the PVC rules read
#:   Spark confs).
#: - EC2NodeClass, AWSNodeTemplate (``recognize/karpenter.py``): a node class is
#:   kept by name, its discovery terms read when pools are linked to clusters; its
#:   schema describes ``metadata.name`` only.
#:   No reader of a node class's or NodePool's ``metadata.annotations`` (only the
#:   pod schema's metadata describes annotations: a Pod's, not skipped).
#: - A document without ``apiVersion`` and ``kind``: an EMR StartJobRun request
#:   (``recognize/emr.py``) is read for ``jobDriver`` and ``configurationOverrides``'
#:   ``applicationConfiguration``; its schema describes those; never
#:   ``monitoringConfiguration``.
#: - ClusterConfig (``recognize/eksctl.py``): groups' sizes, instances, labels,
#:   taints, zones and spot settings; its schema likewise; never ``iam`` or
#:   ``nodeRepairConfig``.
#: - Fix placement (``fix/nodes.py``) reads the entries of the mapping a fix
#:   inserts a key into (the first ones up to a nested mapping, the last one and
#:   those after the last scalar): a driver's or executor's last entry, when
#:   skipped, is read then.
TABLE: dict[tuple[str, str], dict[str, Any]] = {
    ("sparkoperator.k8s.io", "SparkApplication"): {"spec": _SPARK_SPEC},
    ("sparkoperator.k8s.io", "ScheduledSparkApplication"): {"spec": {"template": _SPARK_SPEC}},
    ("", "Pod"): {"spec": _POD_SPEC},
    ("", "PersistentVolume"): {"spec": SKIP},
    ("", "PersistentVolumeClaim"): {"spec": SKIP},
    ("karpenter.k8s.aws", "EC2NodeClass"): {"spec": {"blockDeviceMappings": SKIP,
                                                     "amiSelectorTerms": SKIP},
                                            "metadata": {"annotations": SKIP}},
    ("karpenter.k8s.aws", "AWSNodeTemplate"): {"spec": {"blockDeviceMappings": SKIP}},
    ("karpenter.sh", "NodePool"): {"metadata": {"annotations": SKIP}},
    # a document without apiVersion and kind: an EMR StartJobRun request's body
    ("", ""): {"configurationOverrides": {"monitoringConfiguration": SKIP}},
    ("eksctl.io", "ClusterConfig"): {"iam": SKIP,
                                     "nodeGroups": {"[]": {"iam": SKIP}},
                                     "managedNodeGroups": {"[]": {"nodeRepairConfig": SKIP}}},
}

#: What a document without ``apiVersion`` or ``kind`` (so far) skips.
_NO_KIND = TABLE[("", "")]
#: The kinds of :data:`TABLE` by kind alone (what the builder looks up first).
_BY_KIND: dict[str, dict[str, dict[str, Any]]] = {}
for (_group, _kind), _trie in TABLE.items():
    if _kind:
        _BY_KIND.setdefault(_kind, {})[_group] = _trie


def document_table(items: dict[str, Node]) -> dict[str, Any] | None:
    """The trie of a document whose root mapping holds ``items`` so far (None: skip
    nothing), from its ``apiVersion`` and ``kind`` (read as the kinds read them:
    :func:`spotlint.recognize.kinds.api_group`); without either (yet), the trie of
    such documents (the builder asks again at the next collection: a ``kind`` may
    come later)."""
    kind = items.get("kind")
    if kind is None:
        return _NO_KIND if "apiVersion" not in items and "Kind" not in items else None
    if type(kind.value) is not str or kind.unknown:
        return None
    groups = _BY_KIND.get(kind.value)
    if groups is None:
        return None
    api = items.get("apiVersion")
    if api is None or type(api.value) is not str or api.unknown or "Kind" in items:
        return None
    return groups.get(api.value.rpartition("/")[0])


if TYPE_CHECKING:  # (not made at start-up: annotations only)
    #: How the YAML loader reads a text without skipping: ``(path, text, limits, fmt)``.
    Load = Callable[[str, str, Limits, str], LoadedFile]
    #: How it reads the root of a text that is one document: ``(path, text, limits)``,
    #: None unless that reads without an error.
    LoadRoot = Callable[[str, str, Limits], Node | None]


class Source:
    """How to load one file again without skipping (``load``, the YAML loader's): what a
    stand-in's value is read from."""

    __slots__ = ("fmt", "full", "limits", "load", "load_root", "path", "plain", "text")

    def __init__(
        self, path: str, text: str, limits: Limits, fmt: str, load: Load, load_root: LoadRoot,
    ) -> None:
        self.path = path
        self.text = text
        self.limits = limits
        self.fmt = fmt
        self.load = load
        self.load_root = load_root
        self.full: LoadedFile | None = None
        #: The text holds no anchor, tag or merge key (no ``&``, ``!`` or ``<<``).
        #: (One character is looked for with ``memchr``, two with a slower search.)
        self.plain = "&" not in text and "!" not in text and (
            "<" not in text or "<<" not in text)

    #: The class of the stand-ins and :func:`document_table` (set below: the builder
    #: reads them here, without this module's name).
    stand_in: type[Node]
    document_table: Callable[[dict[str, Node]], dict[str, Any] | None]

    def documents(self) -> list[Node]:
        if self.full is None:
            self.full = self.load(self.path, self.text, self.limits, self.fmt)
        return self.full.documents


if TYPE_CHECKING:
    #: A stand-in's value until it is read (a tuple: one is made per skipped
    #: collection): its file's :class:`Source`, the index of its document there, where
    #: its text starts and ends (character offsets) and how many values it holds.
    Pending = tuple[Source, int, int, int, int]


_VALUE = Node.__dict__["value"]
_UNKNOWN = Node.__dict__["unknown"]
_get_value, _set_value = _VALUE.__get__, _VALUE.__set__
_set_unknown = _UNKNOWN.__set__
#: Stand-ins read so far in this process (tests hold it at 0 over whole runs).
READ: list[int] = [0]


def _fragment(node: Node, pending: Pending) -> Node | None:
    """The subtree of stand-in ``node`` read from its own text alone: as many line
    breaks and blanks before it as put it at its line and column (libyaml's, which
    ``_line`` and ``_col`` are), then its characters up to its end. None unless that
    reads as one document whose root is a collection where the stand-in is, holding
    as many values as were skipped (then it is what the build made: the same tokens
    from the same characters, at the same places; else the whole file is read again).

    Nothing before a skipped collection bears on its tokens: its parent is a block
    mapping or sequence, or a flow collection (JSON), whose tokens end where it
    starts; every block indentation inside it is deeper than its parent's; it holds
    no anchor, alias or tag (see :meth:`~.yaml_loader._Builder.skipped`)."""
    source, _, start, end, size = pending
    text = source.text
    if end < len(text) and text[end - 1 : end] not in ("]", "}") and text[
            max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1 : end].strip(" "):
        return None  # (a block collection whose last line holds more than blanks)
    # (the blank lines and columns before it, as libyaml counts them: ``_line``, ``_col``)
    fragment = "\n" * (node._line - 1) + " " * (node._col - 1) + text[start:end]
    root = source.load_root(source.path, fragment, source.limits)
    if root is None or not isinstance(root.value, (dict, list)) or _size(root, node) != size:
        return None
    return root if root.span() == node.span() else None


def _size(root: Node, node: Node) -> int:
    """The values ``root`` holds, itself and its mappings' keys included (as the builder
    counts them); and the ends of those that end where the fragment does set to where
    stand-in ``node`` ends.

    The build ends the subtree where the next token starts (line E, column C): the
    fragment ends there too, and libyaml, at the end of a text, ends every collection
    still open on the line after (line E + 1, column 0), which the builder makes
    (E, 1) as for any end at a line's start. No value of the fragment ends there but
    those: line E of the fragment holds nothing but C blanks (else the fragment is
    not read: a flow collection ends at its bracket, and a subtree that ends the
    file ends the fragment as it ends the file)."""
    end_line, end_col = node._end_line, node._end_col
    count = 0
    todo = [root]
    while todo:
        child = todo.pop()
        if child._end_line == end_line and child._end_col == 1:
            child._end_col = end_col
        value = child.value
        count += 1
        if isinstance(value, dict):
            count += len(value)
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)
    return count


def _at(root: Node, line: int, col: int) -> Node:
    """The value of tree ``root`` that starts at ``line``, ``col``: a skipped
    collection's node where the build made it. No other value starts there: a
    collection starts before its items and values (a mapping where its first key does,
    a key being no value), and no alias reaches a skipped one (none is anchored, nor is
    any collection around it)."""
    todo = [root]
    while todo:
        node = todo.pop()
        if node._line == line and node._col == col:
            return node
        value = node.value
        if isinstance(value, dict):
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)
    raise LookupError(f"no value at {line}:{col}")  # pragma: no cover - see above


def _materialize(node: Node) -> None:
    """Give stand-in ``node`` the value and ``unknown`` of the node the build makes at its
    place, and make it a plain :class:`Node`.

    ``unknown`` is stored before the value, the value before the class changes: a
    stand-in whose value is no longer pending (a read stopped before the class
    changed, by the time budget's interruption) only changes class (no value is a
    tuple)."""
    pending: Pending = _get_value(node)
    if type(pending) is not tuple:
        node.__class__ = Node
        return
    target = _fragment(node, pending)
    if target is None:
        source, index, _, _, _ = pending
        target = _at(source.documents()[index], node._line, node._col)
    READ[0] += 1
    _set_unknown(node, target.unknown)  # (before the value: see above)
    _set_value(node, target.value)
    node.__class__ = Node


class StandIn(Node):
    """A skipped subtree's node: its slots but ``value`` and ``unknown`` are the built
    node's; reading either (or writing ``value``) builds them (see the module's doc)."""

    __slots__ = ()

    @property  # type: ignore[override]
    def value(self) -> Any:
        _materialize(self)
        return _get_value(self)

    @value.setter
    def value(self, value: Any) -> None:
        _materialize(self)
        _set_value(self, value)

    @property  # type: ignore[override]
    def unknown(self) -> bool:
        _materialize(self)
        return bool(_UNKNOWN.__get__(self))

    @unknown.setter
    def unknown(self, unknown: bool) -> None:
        _materialize(self)
        _set_unknown(self, unknown)

    def __reduce_ex__(self, protocol: Any) -> Any:
        """Built first: a copy or a pickle is of a plain :class:`Node` (its slots read
        by ``copyreg`` would otherwise be set on a new stand-in through ``value``)."""
        _materialize(self)
        return self.__reduce_ex__(protocol)  # (now Node's)


Source.stand_in = StandIn
Source.document_table = staticmethod(document_table)  # type: ignore[assignment]
