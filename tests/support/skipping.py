"""Documents built to hit each case the skipping of spotlint.load.skipping must refuse or
get right: skipped keys (``initContainers``, ``volumes``...) whose values are flow or
block collections, indentless sequences, block scalars, comments and blank lines
where a skipped subtree ends, placeholders, sed placeholders, keys twice; and values
holding what makes the loader read the file again without skipping (an anchor, a tag,
a merge key)."""

from __future__ import annotations

import random
from typing import Any

import pytest

from spotlint.load import yaml_loader

HEAD = "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata:\n  name: x\n"

#: Values of a skipped key (``initContainers``, ``volumes``...): ``{i}`` stands for the
#: key's own indentation (an indentless sequence starts there) and ``{j}`` for two more.
VALUES = [
    "\n{j}- name: a\n{j}  image: b\n",
    "\n{i}- name: a\n{i}  image: b\n",  # indentless
    " [a, {{b: c}}]\n",
    " {{}}\n",
    " []\n",
    "\n{j}- name: a\n{j}  command: |\n{j}    echo hi\n\n",  # a block scalar ends it
    "\n{j}- name: a\n{j}  # a comment\n\n{j}# another\n",
    "\n{j}- name: a\n{j}  args: [x,\n{j}    y]\n",
    "\n{j}- name: ${{NAME}}\n{j}  ${{KEY}}: v\n",  # placeholders
    "\n{j}${{KEY}}: v\n{j}a: b\n",  # a placeholder key: an unknown mapping
    " {{NAME}}\n",  # a sed placeholder: a value, not a mapping
    "\n{j}- a: 1\n{j}  a: 2\n",  # a key twice
    "\n{j}- plain\n{j}  continued\n{j}- 'quoted\n{j}  text'\n",
    "\n{j}- name: a   \n{j}\n",  # trailing blanks
    "\n{j}- - nested\n{j}  - - deeper\n",
    "\n{j}-\n{j}- ~\n",
    "\n{j}a:\n{j}  b: [1, 2]\n{j}c: d\n",
    "\n{j}- command: [sh, -c, \"a && b || c!\"]\n",  # ``&``, ``!``: no anchor, no tag
]
#: Values the skipping refuses (an anchor, a tag or a merge key inside): the file is
#: then read again without skipping.
REFUSED = [
    "\n{j}- &anchor {{name: a}}\n",
    "\n{j}- !!str tagged\n",
    "\n{j}- !local x\n",
    "\n{j}- <<: {{a: b}}\n",
]
KEYS = ["initContainers", "volumeMounts", "securityContext", "volumes", "arguments"]
#: What follows the spec.
AFTER = ["", "status: 1\n", "# end\n", "\n", "---\n", "...\n"]


def entries(rng: random.Random, indent: str, refused: float = 0.03) -> str:
    """Some skipped keys at ``indent``, other entries between them."""
    out = []
    for key in rng.sample(KEYS, rng.randint(1, 3)):
        value = rng.choice(REFUSED if rng.random() < refused else VALUES)
        out.append(f"{indent}{key}:" + value.format(i=indent, j=indent + "  "))
        if rng.random() < 0.5:
            out.append(f"{indent}cores: {rng.randint(1, 8)}\n")
    return "".join(out)


def spark_document(rng: random.Random) -> str:
    """A SparkApplication whose driver, executor and spec hold skipped keys, shaped at random."""
    spec = "spec:\n  type: Scala\n"
    spec += "  driver:\n" + entries(rng, "    ")
    spec += "  executor:\n" + entries(rng, "    ")
    spec += entries(rng, "  ")
    if rng.random() < 0.1:  # the kind after the spec: nothing skipped
        return "metadata:\n  name: x\n" + spec + "apiVersion: sparkoperator.k8s.io/v1beta2\n" \
            "kind: SparkApplication\n"
    text = HEAD + spec + rng.choice(AFTER)
    if rng.random() < 0.2:
        text = text + "---\n" + HEAD.replace("name: x", "name: y") + "spec:\n  volumes: [1]\n"
    if rng.random() < 0.2:
        text = text.replace("\n", "\r\n")
    return text




def counted_skips(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, int]]:
    """Where the collections skipped from now on are (file, line, column; the list grows
    as they are)."""
    places: list[tuple[str, int, int]] = []
    real = yaml_loader._Builder.skipped

    def skipped(self: Any, *args: Any) -> Any:
        node, nodes = real(self, *args)
        places.append((node._path, node._line, node._col))
        return node, nodes

    monkeypatch.setattr(yaml_loader._Builder, "skipped", skipped)
    return places
