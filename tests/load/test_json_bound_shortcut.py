"""The JSON value bound is skipped for texts too short to exceed max-nodes: the bound is
never above 1 + 2 * len(text), and a long enough text is still stopped at the limit."""

from __future__ import annotations

import json
import random

from spotlint.load.base import Limits
from spotlint.load.files import _json_value_bound, load_bytes


def test_the_bound_never_exceeds_twice_the_length() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice(':,[]{}"a\\ 1') for _ in range(rng.randint(0, 40)))
        assert _json_value_bound(text) <= 1 + 2 * len(text)


def test_a_small_max_nodes_still_stops_a_json_file() -> None:
    data = json.dumps({"items": [{"k": i} for i in range(50)]}).encode()
    loaded = load_bytes("a.json", data, Limits(max_nodes=40), "json")
    assert [e.message for e in loaded.errors] == ["more than max-nodes=40 values"]
    fine = load_bytes("a.json", data, Limits(max_nodes=10_000), "json")
    assert not fine.errors and fine.documents
