"""The byte prefilter searches needles by the pieces they share, with the same answers.

``is_relevant`` looks for a piece (``spark``, ``arpenter``...) once and for the
needles holding it only when it is there. These tests hold it to the plain
definition (any needle, then the Pod, kind-less Karpenter and chart-settings
checks) on every file of the repository's examples and tests and of the sample
corpus, on each needle alone, and on each needle with one byte changed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spotlint.load.prefilter import (
    _GROUPS,
    NEEDLES,
    _has_kindless_document,
    _has_pod_kind,
    is_relevant,
)

#: The Pod check as first written: one pattern searched whole.
_POD_KIND = re.compile(rb"[Kk]ind:\s*[\"']?Pod(?:Template)?\b")

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


def _reference(data: bytes) -> bool:
    """The prefilter as written before the needles were grouped: every needle in turn."""
    if any(needle in data for needle in NEEDLES):
        return True
    if b"Pod" in data and _POD_KIND.search(data):
        return True
    if b"karpenter" in data and b"containers" in data:
        return _has_kindless_document(data)
    return b"settings:" in data and b"clusterName" in data


def _files() -> list[Path]:
    roots = [REPO / "examples", REPO / "tests", SHARED / "corpus"]
    return [p for root in roots if root.is_dir() for p in sorted(root.rglob("*")) if p.is_file()]


def test_every_needle_is_in_one_group_holding_its_piece() -> None:
    grouped = [needle for _, _, needles in _GROUPS for needle in needles]
    assert sorted(grouped) == sorted(NEEDLES)
    for gate, piece, needles in _GROUPS:
        assert all(piece in needle for needle in needles), piece
        assert gate is None or (len(gate) == 1 and gate in piece), (gate, piece)
    assert len(_GROUPS) < len(NEEDLES)  # some passes are shared, or grouping is pointless
    assert sum(gate is not None for gate, _, _ in _GROUPS) >= 4  # or gating is pointless


@pytest.mark.parametrize("needle", NEEDLES)
def test_a_needle_without_its_gate_byte_is_not_found(needle: bytes) -> None:
    """What the gates skip: data holding a needle's letters save one is judged as before."""
    for gate, _, needles in _GROUPS:
        if needle in needles and gate is not None:
            data = b"x: " + needle.replace(gate, b"#") + b"\n"
            assert is_relevant(data) == _reference(data), data


@pytest.mark.parametrize("needle", NEEDLES)
def test_each_needle_alone_makes_a_file_relevant(needle: bytes) -> None:
    assert is_relevant(b"metadata:\n  note: " + needle + b"\n")


@pytest.mark.parametrize("needle", NEEDLES)
def test_a_needle_with_one_byte_changed_is_judged_as_before(needle: bytes) -> None:
    for at in range(len(needle)):
        data = b"x: " + needle[:at] + b"#" + needle[at + 1:] + b"\n"
        assert is_relevant(data) == _reference(data), data


@pytest.mark.parametrize(
    "text",
    [
        # Karpenter named only in a label, with a kind-less pod template: relevant.
        b"spec:\n  nodeSelector:\n    karpenter.sh/capacity-type: spot\n  containers: []\n",
        # The same with a kind: not relevant.
        b"kind: Deployment\nspec:\n  nodeSelector:\n    karpenter.sh/capacity-type: spot\n"
        b"  containers: []\n",
        # "Karpenter" capitalised holds the piece but not the word the check looks for.
        b"spec:\n  # Karpenter picks a node\n  containers: []\n",
        b"settings:\n  clusterName: prod\n",
        b"kind: PodMonitor\n",
        b"",
    ],
)
def test_near_misses_are_judged_as_before(text: bytes) -> None:
    assert is_relevant(text) == _reference(text)


def test_every_file_of_the_repository_and_corpus_is_judged_as_before() -> None:
    files = _files()
    assert len(files) > 100
    answers = [is_relevant(p.read_bytes()) for p in files]
    assert answers == [_reference(p.read_bytes()) for p in files]
    assert any(answers) and not all(answers)  # both answers occur: the comparison means something
    pods = [_has_pod_kind(p.read_bytes()) for p in files]
    assert pods == [_POD_KIND.search(p.read_bytes()) is not None for p in files]
    assert any(pods) and not all(pods)


@pytest.mark.parametrize(
    "text",
    [
        b"kind: Pod\n", b"Kind: Pod", b"kind:Pod", b"kind: 'Pod'\n", b'kind:\n\n  "PodTemplate"',
        b"kind: PodTemplate\n", b"kind: PodDisruptionBudget\n", b"kind: Pods\n", b"kind: Pod_x",
        b"kind: Pod-x", b"kind: PodTemplates", b"ind: Pod\n", b"ind: Pod #k", b"xind: Pod\n",
        b"kkind: Pod",
        # the first "ind:" is not a kind, a later one is
        b"bind: Pod\nfind: Pod\nkind: Pod\n", b"bind: Pod\nKind: PodTemplate.\n",
        b"bind: Pod\nkind: Podx\n", b"kind: \"\"Pod", b"kind: P0d", b"kind: pod",
    ],
)
def test_the_pod_kind_is_found_as_the_whole_pattern_finds_it(text: bytes) -> None:
    assert _has_pod_kind(text) == (_POD_KIND.search(text) is not None), text


_DOCUMENT_START = re.compile(rb"(?m)^---")


@pytest.mark.parametrize("data", [
    b"", b"---", b"------", b"---\n", b"\n---", b"a\n---\nb", b"---\n---\n", b"a---\n--",
    b"\n---\n---", b"x\n--\n---y\n- ---\n---", b"kind: Pod\r\n---\r\nkind: Job\n",
])
def test_documents_split_as_the_line_start_pattern_splits(data: bytes) -> None:
    from spotlint.load.prefilter import _documents

    assert _documents(data) == _DOCUMENT_START.split(data)


def test_documents_split_every_file_as_the_pattern_splits() -> None:
    from spotlint.load.prefilter import _documents

    for path in _files():
        data = path.read_bytes()
        assert _documents(data) == _DOCUMENT_START.split(data), path
