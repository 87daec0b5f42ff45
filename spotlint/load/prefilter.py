"""Decide from raw bytes whether a file found by directory walk is worth parsing.

Most YAML and JSON in a monorepo is about something else (Deployments,
Services, CI workflows, Helm values), and parsing it costs more than everything
else spotlint does. A file is parsed only if its bytes mention something a
document kind reads: a Spark, EMR, Karpenter or eksctl API group, a Spark
property, a spark-submit or start-job-run call, or a Pod or PodTemplate kind.

Two near misses are common enough in Karpenter clusters to matter and are told
apart here without a parse:

* ``kind: PodDisruptionBudget`` (and PodMonitor...) is not ``kind: Pod``;
* a Deployment carrying ``karpenter.sh/do-not-disrupt`` mentions Karpenter but
  no Karpenter API group. Such a mention counts only in a file that may hold a
  kind-less pod template: one with ``containers`` and a document without a
  top-level ``kind:`` line.

The check must never skip a file a kind would match; when unsure it says yes.
"""

from __future__ import annotations

import re

#: Byte strings any one of which makes a file relevant (``in`` is far faster than a regex).
NEEDLES = (
    b"spark.",  # Spark properties, spark.apache.org
    b"spark-submit",
    b"sparkSubmit",
    b"sparkoperator.k8s.io",
    b"jobDriver",
    b"start-job-run",
    b"emrcontainers",
    b"eksctl.io",
    b"karpenter.sh/v",
    b"karpenter.k8s.aws/v",
    # Node groups and interruption handling in Terraform and CloudFormation.
    b"_node_group",  # aws_eks_node_group, eks_managed_node_groups, *_node_group_defaults
    b"mixed_instances_policy",
    b"MixedInstancesPolicy",
    b"AWS::EKS::Nodegroup",
    b"AWS::AutoScaling::AutoScalingGroup",
    b"node-termination-handler",
    b"node_termination_handler",
    b"interruptionQueue",
    b"enable_karpenter",
    b'"karpenter"',  # a helm_release of the Karpenter chart
    b"karpenter-resources",
    b"karpenter/controller",  # the Karpenter controller's image
    b"chart: karpenter",  # a Flux or Argo CD release of the Karpenter chart
    b"enableSqsTerminationDraining",
    b"enableSpotInterruptionDraining",
    b"nodePool:",  # values of the karpenter-resources chart
)
#: A Pod or PodTemplate kind, ``[Kk]ind:\s*["']?Pod(?:Template)?\b``, searched from its
#: literal part (see :func:`_has_pod_kind`).
_POD_KIND_AFTER_K = re.compile(rb"ind:\s*[\"']?Pod(?:Template)?\b")
_TOP_LEVEL_KIND = re.compile(rb"(?m)^[\"']?[Kk]ind[\"']?[ \t]*:")
_CONTENT = re.compile(rb"(?m)^[ \t]*[^#\s]")


#: Pieces several needles share (every needle holding a piece is found only in data
#: holding it). Most files a walk finds are about something else and hold none
#: of the needles: each ``in`` reads the whole file, so one pass for a piece
#: stands for all the needles holding it (a file without ``spark`` holds none of
#: the four ``spark`` needles). A needle holding no piece is its own group.
_PIECES = (b"spark", b"arpenter", b"ermination", b"nterruption", b"ixed", b"AWS::")


#: Bytes rare in configuration text, rarest first: most of it is lowercase words, and
#: every lowercase letter is in nearly every file (of the Spark-heavy 1k corpus's 425
#: irrelevant files, ``j`` is in 69, ``W`` in 127, ``N`` in 219, ``_``, ``P`` and ``x``
#: in about 255). A byte is found by ``memchr``, over twenty times faster than a word
#: (0.1 ms against 1.5-3 ms for those 2.9 MB): a piece holding one of these is looked
#: for only in data holding that byte, its *gate* (over that corpus, 27 -> 22 ms).
_RARE = b"jqxzJQXZKWVYUTSRPONMLIHGFEDCBA_"


def _gate(piece: bytes) -> bytes | None:
    """The rarest byte of ``piece`` (see ``_RARE``), or None when it holds none."""
    return next((_RARE[i:i + 1] for i in range(len(_RARE)) if _RARE[i] in piece), None)


def _grouped(
    needles: tuple[bytes, ...],
) -> tuple[tuple[bytes | None, bytes, tuple[bytes, ...]], ...]:
    """``needles`` as (gate, piece, the needles holding it, in their order): each needle
    in the group of the first piece it holds, or in a group of its own (its own piece)."""
    groups: dict[bytes, list[bytes]] = {}
    for needle in needles:
        piece = next((p for p in _PIECES if p in needle), needle)
        groups.setdefault(piece, []).append(needle)
    return tuple((_gate(piece), piece, tuple(members)) for piece, members in groups.items())


_GROUPS = _grouped(NEEDLES)


def is_relevant(data: bytes) -> bool:
    """True if ``data`` may hold a document any built-in kind reads.

    Searched with ``find``: ``needle in data`` first asks whether the needle is an
    integer (``200 in data`` looks for a byte), and the TypeError it makes and
    drops for a bytes needle cost more than a method call (~1,800 instructions, 14
    times for most files, ~25 M over the Spark-heavy 1k corpus).
    """
    find = data.find
    arpenter = False
    for gate, piece, needles in _GROUPS:
        if (gate is None or find(gate) >= 0) and find(piece) >= 0:
            for needle in needles:
                if find(needle) >= 0:
                    return True
            arpenter = arpenter or piece == b"arpenter"
    if find(b"P") >= 0 and find(b"Pod") >= 0 and _has_pod_kind(data):  # (gated as above)
        return True
    if arpenter and find(b"karpenter") >= 0 and find(b"containers") >= 0:
        return _has_kindless_document(data)
    # Helm values of the Karpenter chart (its controller settings, for SL412).
    return find(b"N") >= 0 and find(b"clusterName") >= 0 and find(b"settings:") >= 0


def _has_pod_kind(data: bytes) -> bool:
    """Does ``data`` hold ``[Kk]ind:\\s*["']?Pod(?:Template)?\\b`` anywhere?

    A pattern starting with a literal is looked for by that literal (the regular
    expression engine's prefix scan); one starting with a class (``[Kk]``) is tried
    at every byte. So the pattern is searched without its first byte, and a match
    counts when the byte before it is ``K`` or ``k`` (else the search goes on from
    the next byte): over the 226 files of the Spark-heavy 1k corpus holding "Pod",
    3.6 -> 0.5 ms.
    """
    search = _POD_KIND_AFTER_K.search
    match = search(data)
    while match is not None:
        start = match.start()
        if start and data[start - 1] in b"Kk":
            return True
        match = search(data, start + 1)
    return False


def _has_kindless_document(data: bytes) -> bool:
    """Does some document (between ``---`` lines) have content but no top-level kind?"""
    for chunk in _documents(data):
        if _CONTENT.search(chunk) and not _TOP_LEVEL_KIND.search(chunk):
            return True
    return False


def _documents(data: bytes) -> list[bytes]:
    """``data`` split where ``---`` starts a line, as ``re.split(rb"(?m)^---", data)``
    splits it, with ``find`` instead: a pattern starting with ``^`` is tried at every
    byte (~15 instructions each), ``find`` looks for ``\n---`` with ``memchr``. Over
    the Spark-heavy 1k corpus's 78 files that mention Karpenter and hold containers
    (Deployments asking not to be disrupted) the split was 5.6 M instructions."""
    chunks: list[bytes] = []
    start = 0
    if data.startswith(b"---"):
        chunks.append(b"")
        start = 3
    find = data.find
    at = find(b"\n---", start - 1 if start else 0)
    while at >= 0:
        chunks.append(data[start:at + 1])
        start = at + 4
        at = find(b"\n---", start - 1)
    chunks.append(data[start:])
    return chunks
