"""Each file's text is searched once for ``spotlint`` (what every comment directive and
the annotation's key hold) before the searches for either: a file holding an
annotation, a directive or an escape is read as when each was searched for alone."""

from __future__ import annotations

from spotlint.filter import suppress
from spotlint.filter.suppress import ANNOTATION, _may_annotate, directives
from spotlint.load.base import Limits, LoadedFile
from spotlint.load.yaml_loader import load_yaml_text

TEXTS = [
    "a: 1\n",
    "a: 1  # spotlint: ignore[SL101]\n",
    f"metadata:\n  annotations:\n    {ANNOTATION}: SL101 -- reason\n",
    'metadata:\n  annotations:\n    "spotlint.dev\\/ignore": SL101\n',  # an escape
    "spotlint\n",
    "# spotlint:ignore-file\nkind: Pod\n",
]


def test_the_name_is_in_the_annotation_and_the_marker() -> None:
    assert suppress._NAME in ANNOTATION and suppress._NAME + ":" == "spotlint:"
    for text in TEXTS:
        assert _may_annotate(text, suppress._NAME in text) is (
            ANNOTATION in text or "\\" in text), text


def _loaded(text: str) -> LoadedFile:
    return load_yaml_text("t.yaml", text, Limits())


def test_directives_found_through_one_search() -> None:
    found = [[(d.kind, d.selectors, d.location.line) for d in directives(_loaded(t))]
             for t in TEXTS]
    assert found[0] == [] and found[4] == []
    assert found[1] and found[2] and found[3] and found[5]
    assert [k for k, _, _ in found[2]] == ["annotation"]
    assert [k for k, _, _ in found[3]] == ["annotation"]
