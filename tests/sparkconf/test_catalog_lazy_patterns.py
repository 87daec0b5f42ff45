"""Catalog pattern keys are split into pieces on first need, and match exactly as the
regex each stands for (``_pattern_regex``) did behind the literals' test (``could_match``)."""

from __future__ import annotations

import random
import re

from spotlint.sparkconf.catalog import Catalog, KeyPattern, _pattern_regex, catalog, load_data


def _keys(cat: Catalog) -> list[str]:
    """Keys that hit, nearly hit and miss the patterns."""
    keys = list(cat.keys)
    for pattern, _ in [*cat.patterns, *cat._wrong_patterns]:
        text = pattern.pattern
        for filler in ("x", "a.b", "1", "", "driver", "Exec-2", "a\nb", "\n", "x\n", "nfs"):
            keys.append(re.sub(r"<[A-Za-z]+>", filler, text))
            keys.append(re.sub(r"<[A-Za-z]+>", filler, text) + "\n")
        keys.append(text)
        keys.append(pattern.head)
        keys.append(pattern.head[:-1])
        keys.append(text + "\n\n")
    return keys


def _random_keys(cat: Catalog, count: int, seed: int) -> list[str]:
    """Keys made of the patterns' own pieces (literals, placeholder words, runs with and
    without dots or line breaks), shuffled and cut: the near misses a regex engine
    backtracks over."""
    rng = random.Random(seed)
    pieces = ["driver", "executor", "hostPath", "emptyDir", "nfs", "persistentVolumeClaim",
              ".", "\n", "x", "a.b", "mount", ".path", "label.", "volumes.", "spark."]
    for pattern, _ in [*cat.patterns, *cat._wrong_patterns]:
        pieces.extend(p for p in re.split(r"(<[A-Za-z]+>)", pattern.pattern) if p)
    keys = []
    for _ in range(count):
        pattern = rng.choice([*cat.patterns, *cat._wrong_patterns])[0].pattern
        parts = [p if not p.startswith("<") or rng.random() < 0.2 else rng.choice(pieces)
                 for p in re.split(r"(<[A-Za-z]+>)", pattern) if p]
        if rng.random() < 0.3:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(pieces))
        if rng.random() < 0.2:
            del parts[rng.randrange(len(parts))]
        keys.append("".join(parts))
    return keys


def test_lazy_patterns_match_as_the_compiled_regex() -> None:
    cat = catalog()
    keys = _keys(cat) + _random_keys(cat, 4000, 19)
    for pattern, _ in [*cat.patterns, *cat._wrong_patterns]:
        eager = _pattern_regex(pattern.pattern)
        for key in keys:
            # what matching answered with the compiled regex behind the literals' test
            expected = pattern.could_match(key) and bool(eager.match(key))
            assert pattern.match(key) is expected, (pattern.pattern, key)
    assert cat.patterns and cat._wrong_patterns
    matched = {k for k in keys if any(p.match(k) for p, _ in cat.patterns)}
    assert len(matched) > 200 and any(k.endswith("\n") for k in matched)
    assert any("\n" in k and not any(p.match(k) for p, _ in cat.patterns)
               and any(p.could_match(k) for p, _ in cat.patterns) for k in keys)


def test_pieces_backtrack_and_keep_the_final_line_break_rule() -> None:
    """The cases a matcher without backtracking or without ``$``'s rule gets wrong."""
    runs = KeyPattern("spark.<name>.x.<any>")
    assert runs.match("spark.a.x.b.x.c")  # <any> holds ".x."
    assert runs.match("spark.a.x.b\n") and not runs.match("spark.a.x.b\n\n")
    assert not runs.match("spark.a.x.\n") and not runs.match("spark.a.b.x.c")
    inner = KeyPattern("spark.<any>.x")  # a run that must stop short of the key's end
    assert inner.match("spark.a.x.b.x") and inner.match("spark.a.x")
    assert not inner.match("spark.a\nb.x") and not inner.match("spark..x")
    name = KeyPattern("spark.kubernetes.driverEnv.<env>")
    assert name.match("spark.kubernetes.driverEnv.A\nB")  # [^.] holds a line break
    assert not name.match("spark.kubernetes.driverEnv.")
    words = KeyPattern("spark.<volumeType>.<role>.mount")
    assert words.match("spark.nfs.executor.mount") and not words.match("spark.nfsx.driver.mount")
    assert not words.match("spark.nfs.driver.mount.")
    # ``$`` matches before a final line break, but a key must end with the last literal
    assert not words.match("spark.nfs.driver.mount\n")


def test_a_pattern_is_split_only_for_a_key_that_could_match() -> None:
    cat = Catalog(load_data())  # a fresh catalog: the shared one may have compiled some
    assert all(p._pieces is None for p, _ in cat.patterns)
    assert cat.lookup("spark.decommission.enabled") is not None  # exact: no pattern tried
    assert all(p._pieces is None for p, _ in cat.patterns)
    cat.lookup("zzz.not.a.spark.key")
    assert all(p._pieces is None for p, _ in cat.patterns)
    key = "spark.kubernetes.driver.label.team"
    assert cat.lookup(key) is not None
    compiled = [p.pattern for p, _ in cat.patterns if p._pieces is not None]
    assert compiled == ["spark.kubernetes.<role>.label.<label>"]
    assert all(p.could_match(key) for p, _ in cat.patterns if p._pieces is not None)


def test_key_pattern_literals_rule_keys_out() -> None:
    pattern = KeyPattern("spark.a.<name>.b.<any>")
    assert pattern.head == "spark.a." and pattern.literals == ("spark.a.", ".b.", "")
    assert pattern.could_match("spark.a.x.b.y")
    assert not pattern.could_match("spark.a.x.c.y") and not pattern.could_match("spark.b.x.b.y")
    ends = KeyPattern("spark.<role>.mount.path")
    assert ends.could_match("spark.driver.mount.path") and not ends.could_match("spark.mount.pat")
    assert not ends.could_match("spark.mount.path"[:-1])


def test_lookup_by_heads_is_the_first_matching_pattern_in_order() -> None:
    """Only the patterns whose head a key starts with are tried; the answer is the first
    pattern, in the catalog's order, that matches (as a scan of all of them finds)."""
    data = load_data()
    keys = _keys(catalog()) + _random_keys(catalog(), 3000, 29)
    keys += ["spark.kubernetes.driver.node.selector.a", "spark.kubernetes.node.selector.x",
             "spark.shuffle.rss.a.b", "spark.hadoop.fs.s3a.impl", "spark.kubernetes."]
    cat = Catalog(data)
    found = 0
    for key in keys:
        if key in cat.keys:
            continue
        expected = next((spec for pattern, spec in cat.patterns if pattern.match(key)), None)
        assert cat.lookup(key) == expected, key
        found += expected is not None
    assert found > 200
