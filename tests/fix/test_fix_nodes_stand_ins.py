"""What an inserted key reads of a mapping holding skipped subtrees, without building them.

:func:`spotlint.fix.nodes.facts` asks of a mapping's entries whether each is a nested
block mapping (the first gives the indentation step) and, from the last, which is the
last scalar (its style). An entry the loader skipped is a stand-in
(:mod:`spotlint.load.skipping`) that parses its text when its value is read; its kind is
told from the text at its start instead. The facts must be those of the same text
loaded without skipping, for every shape of skipped value the skipping tests know, and
no stand-in may be read for them but one starting with ``{`` (``{NAME}`` is a
sed placeholder: a string, not a mapping).
"""

from __future__ import annotations

import itertools

import pytest
from support.skipping import HEAD, VALUES

from spotlint.fix import nodes
from spotlint.load import skipping
from spotlint.load.base import Limits
from spotlint.load.textpos import SourceText
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.location import Node

_VALUE = Node.__dict__["value"]

#: Entries of a spec around the skipped ones: a scalar, a nested block mapping (the
#: step: indented by 4 here, so a wrong one shows), nothing.
_AROUND = ["  type: Scala\n", "  driver:\n      cores: 1\n", ""]
#: Keys skipped in a SparkApplication's spec (:data:`spotlint.load.skipping.TABLE`).
SPEC_KEYS = [("volumes", "arguments"), ("restartPolicy",)]


def _spec(text: str, skip: bool) -> Node:
    loaded = load_yaml_text("app.yaml", text, Limits(), skip=skip)
    assert loaded.plain_parse
    return _VALUE.__get__(loaded.documents[0])["spec"]  # type: ignore[no-any-return]


def _texts() -> list[str]:
    out = []
    for value, (first, last) in itertools.product(VALUES, itertools.product(_AROUND, repeat=2)):
        for keys in SPEC_KEYS:
            body = "".join(f"  {key}:" + value.format(i="  ", j="    ") for key in keys)
            out.append(HEAD + "spec:\n" + first + body + last)
    return out


@pytest.mark.parametrize("text", _texts())
def test_facts_are_those_of_the_built_tree(text: str) -> None:
    index = SourceText("app.yaml", text).index
    built = nodes.facts(text, index, _spec(text, skip=False))
    spec = _spec(text, skip=True)
    entries = _VALUE.__get__(spec)
    unread = [n for n in entries.values() if type(n) is skipping.StandIn]
    assert unread  # (the shapes are skipped)
    flows = [n for n in unread if text[index(n._line, n._col)] == "{"]
    last = list(entries.values())[-1]
    before = skipping.READ[0]
    assert nodes.facts(text, index, spec) == built
    # (the last entry's content end is read from the built subtree: a stand-in there is
    # read, as is one starting with ``{``)
    assert skipping.READ[0] - before <= len(flows) + (last in unread and last not in flows)


def test_kinds_from_the_text() -> None:
    pod = ("  env:\n  - name: a\n  securityContext:\n    runAsUser: 1\n"
           "  initContainers:\n    -\n    - b\n  volumeMounts: {NAME}\n  labels: [a]\n")
    text = HEAD + "spec:\n  driver:\n" + pod.replace("  ", "    ") + "  type: Scala\n"
    index = SourceText("app.yaml", text).index
    entries = _VALUE.__get__(_VALUE.__get__(_spec(text, skip=True))["driver"])
    kinds = {name: nodes._unread_kind(text, index, node) for name, node in entries.items()}
    assert kinds == {"env": list, "securityContext": dict, "initContainers": list,
                     "volumeMounts": None, "labels": list}
    before = skipping.READ[0]
    assert [nodes._nonempty_mapping(text, index, node) for node in entries.values()] == [
        False, True, False, False, False]
    assert skipping.READ[0] == before + 1  # (``{NAME}`` alone: a string once read)
    assert entries["volumeMounts"].value == "{NAME}"
