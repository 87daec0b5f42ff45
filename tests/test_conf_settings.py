"""A job's Conf keeps the setting in effect per key and, apart, the few it overrides.

The conf used to hold a list of settings per key; it now holds the last setting
per key and lists only for keys set more than once. These tests hold it to that
list-per-key definition through long seeded sequences of ``add`` and
``add_lower`` (keys repeated, interleaved), asking every question rules ask
after each step, and check that a setting is slotted and pickled as it was.
"""

from __future__ import annotations

import pickle
import random

import pytest

from spotlint.location import Location, Node, located
from spotlint.model import Conf, ConfOrigin, ConfValue


class _ListConf:
    """The conf as it was: every setting of a key in one list, in increasing precedence."""

    def __init__(self) -> None:
        self.settings_of: dict[str, list[ConfValue]] = {}

    def add(self, value: ConfValue) -> None:
        self.settings_of.setdefault(value.key, []).append(value)

    def add_lower(self, value: ConfValue) -> None:
        self.settings_of.setdefault(value.key, []).insert(0, value)


def _answers(conf: Conf, keys: list[str]) -> list[object]:
    return [
        [(k, conf.get(k), conf.settings(k), k in conf) for k in keys],
        list(conf), list(conf.with_prefix("spark.a")), len(conf),
    ]


def _expected(ref: _ListConf, keys: list[str]) -> list[object]:
    lists = ref.settings_of
    return [
        [(k, lists[k][-1] if k in lists else None, list(lists.get(k, ())), k in lists)
         for k in keys],
        [v[-1] for v in lists.values()],
        [v[-1] for k, v in lists.items() if k.startswith("spark.a")],
        len(lists),
    ]


@pytest.mark.parametrize("seed", range(20))
def test_answers_are_those_of_a_list_per_key(seed: int) -> None:
    rng = random.Random(seed)
    keys = [f"spark.{c}.{i}" for c in "ab" for i in range(4)]
    asked = [*keys, "spark.none"]
    conf, ref = Conf(), _ListConf()
    origins = list(ConfOrigin)
    for step in range(60):
        value = ConfValue(rng.choice(keys), located(str(step), "f.yaml", step + 1, 1, step + 1, 2),
                          rng.choice(origins))
        if rng.random() < 0.3:
            conf.add_lower(value)
            ref.add_lower(value)
        else:
            conf.add(value)
            ref.add(value)
        assert _answers(conf, asked) == _expected(ref, asked)
    assert any(len(v) > 2 for v in ref.settings_of.values())  # keys were set again and again


def test_a_key_set_again_keeps_its_first_place_and_the_last_setting() -> None:
    conf = Conf()
    first, second, third = (
        ConfValue(k, located(k, "f", 1, 1, 1, 1), ConfOrigin.SPARK_CONF)
        for k in ("spark.x", "spark.y", "spark.x"))
    lower = ConfValue("spark.y", located("low", "f", 2, 1, 2, 3), ConfOrigin.SPARK_DEFAULTS_FILE)
    for value in (first, second, third):
        conf.add(value)
    conf.add_lower(lower)
    assert [v.key for v in conf] == ["spark.x", "spark.y"]
    assert conf.get("spark.x") is third and conf.settings("spark.x") == [first, third]
    assert conf.get("spark.y") is second and conf.settings("spark.y") == [lower, second]
    assert conf.settings("spark.z") == [] and "spark.z" not in conf


def test_an_open_conf_answers_an_unknown_value_for_keys_it_does_not_show() -> None:
    conf = Conf()
    block = Node({}, Location("f.yaml", 3, 1, 5, 1))
    conf.open(block)
    value = conf.get("spark.anything")
    assert value is not None and value.unknown and value.origin is ConfOrigin.TEMPLATE
    assert "spark.anything" in conf and list(conf) == [] and conf.settings("spark.anything") == []


def test_a_setting_is_slotted_and_pickled_by_its_fields() -> None:
    value = ConfValue("spark.x", located("1", "f.yaml", 1, 1, 1, 1), ConfOrigin.SPARK_CONF)
    assert not hasattr(value, "__dict__")
    copy = pickle.loads(pickle.dumps(value))
    assert (copy.key, copy.node.value, copy.node.loc, copy.origin) == (
        value.key, value.node.value, value.node.loc, value.origin)
