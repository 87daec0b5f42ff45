"""Catalog pattern keys are compiled on first need, and match exactly as compiled ones."""

from __future__ import annotations

import re

from spotlint.sparkconf.catalog import Catalog, KeyPattern, _pattern_regex, catalog, load_data


def _keys(cat: Catalog) -> list[str]:
    """Keys that hit, nearly hit and miss the patterns."""
    keys = list(cat.keys)
    for pattern, _ in [*cat.patterns, *cat._wrong_patterns]:
        text = pattern.pattern
        for filler in ("x", "a.b", "1", "", "driver", "Exec-2"):
            keys.append(re.sub(r"<[A-Za-z]+>", filler, text))
        keys.append(text)
        keys.append(pattern.head)
        keys.append(pattern.head[:-1])
    return keys


def test_lazy_patterns_match_as_the_compiled_regex() -> None:
    cat = catalog()
    keys = _keys(cat)
    for pattern, _ in [*cat.patterns, *cat._wrong_patterns]:
        eager = _pattern_regex(pattern.pattern)
        for key in keys:
            assert bool(pattern.match(key)) == bool(eager.match(key)), (pattern.pattern, key)
    assert cat.patterns and cat._wrong_patterns


def test_a_pattern_is_compiled_only_for_a_key_that_could_match() -> None:
    cat = Catalog(load_data())  # a fresh catalog: the shared one may have compiled some
    assert all(p._regex is None for p, _ in cat.patterns)
    assert cat.lookup("spark.decommission.enabled") is not None  # exact: no pattern tried
    assert all(p._regex is None for p, _ in cat.patterns)
    cat.lookup("zzz.not.a.spark.key")
    assert all(p._regex is None for p, _ in cat.patterns)
    key = "spark.kubernetes.driver.label.team"
    assert cat.lookup(key) is not None
    compiled = [p.pattern for p, _ in cat.patterns if p._regex is not None]
    assert compiled == ["spark.kubernetes.<role>.label.<label>"]
    assert all(p.could_match(key) for p, _ in cat.patterns if p._regex is not None)


def test_key_pattern_literals_rule_keys_out() -> None:
    pattern = KeyPattern("spark.a.<name>.b.<any>")
    assert pattern.head == "spark.a." and pattern.literals == ("spark.a.", ".b.", "")
    assert pattern.could_match("spark.a.x.b.y")
    assert not pattern.could_match("spark.a.x.c.y") and not pattern.could_match("spark.b.x.b.y")
    ends = KeyPattern("spark.<role>.mount.path")
    assert ends.could_match("spark.driver.mount.path") and not ends.could_match("spark.mount.pat")
    assert not ends.could_match("spark.mount.path"[:-1])
