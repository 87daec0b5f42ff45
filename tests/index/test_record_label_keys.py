"""A pool's label keys are stored joined by newlines, unless a key holds one itself."""

from __future__ import annotations

import pytest

from spotlint.index import records


@pytest.mark.parametrize(
    "keys",
    [[], ["a"], ["a", "b"], ["", ""], ["karpenter.sh/capacity-type", "topology.kubernetes.io/zone"],
     ["a\nb"], ["a", "b\n"], ["\n"], ["x", "", "y"]],
)
def test_label_keys_are_joined_unless_one_holds_a_newline(keys: list[str]) -> None:
    stored = records._joined(keys)
    if any("\n" in key for key in keys):
        assert stored == keys
    else:
        assert stored == "\n".join(keys)
        if keys != [""]:
            assert records.label_keys({"label_keys": stored}, {}) == keys
