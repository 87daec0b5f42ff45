"""spotlint.capacity.similar gives difflib's numbers and suggestions exactly."""

from __future__ import annotations

import difflib
import random

import pytest

from spotlint.capacity.instances import catalog
from spotlint.capacity.similar import _calculate, _shared, close_matches, ratio


def _strings(rng: random.Random, count: int) -> list[str]:
    """Short and long strings over small alphabets (many equal characters, so many
    competing matches), long ones past difflib's 200-character autojunk threshold."""
    out = []
    for _ in range(count):
        alphabet = rng.choice(["ab", "abc", "abcdefgh", "m5.xlarge", "aaab-"])
        length = rng.choice([0, 1, 2, 5, 9, 17, 40, rng.randint(190, 320)])
        out.append("".join(rng.choice(alphabet) for _ in range(length)))
    return out


def test_ratio_equals_sequence_matchers() -> None:
    rng = random.Random(1)
    strings = _strings(rng, 300)
    for _ in range(3000):
        a, b = rng.choice(strings), rng.choice(strings)
        assert ratio(a, b) == difflib.SequenceMatcher(None, a, b).ratio(), (a, b)
    # autojunk: popular characters of a long second string are left out of matching
    long_b = "a" * 150 + "b" * 60
    assert ratio("ab" * 10, long_b) == difflib.SequenceMatcher(None, "ab" * 10, long_b).ratio()
    assert ratio("", "") == 1.0
    # a match is extended over popular characters on both sides, as difflib does
    a, b = "qxxabcxxq", "x" * 250 + "abc" + "x" * 5
    assert ratio(a, b) == difflib.SequenceMatcher(None, a, b).ratio() == 2 * 7 / (9 + 258)


def test_the_shared_characters_bound_is_quick_ratios() -> None:
    rng = random.Random(4)
    strings = _strings(rng, 200)
    for _ in range(2000):
        a, b = rng.choice(strings), rng.choice(strings)
        counts: dict[str, int] = {}
        for char in b:
            counts[char] = counts.get(char, 0) + 1
        expected = difflib.SequenceMatcher(None, a, b).quick_ratio()
        assert _calculate(_shared(a, counts), len(a) + len(b)) == expected, (a, b)


def test_close_matches_equal_get_close_matches() -> None:
    rng = random.Random(2)
    strings = _strings(rng, 120)
    for _ in range(400):
        word = rng.choice(strings)
        pool = [*rng.sample(strings, 30), word[:-1], word + "x"]
        for n, cutoff in ((1, 0.6), (3, 0.6), (2, 0.0), (5, 0.9), (1, 1.0)):
            assert close_matches(word, pool, n, cutoff) == difflib.get_close_matches(
                word, pool, n, cutoff), (word, n, cutoff)


def test_close_matches_on_the_catalog() -> None:
    """The suggestions SL406 and the catalog make: families and type names."""
    cat = catalog()
    families = sorted(cat.families())
    names = cat.names()
    rng = random.Random(3)
    words = ["m5", "m5x", "c7gn", "r6", "xyz", "p4dn", "g5g", "t3a", "m5.xlarg", "c5.2xl",
             "r5d.larg", "m5zn.12xlarge", "inf1.xlarge", ""]
    words += ["".join(rng.sample(f, len(f))) for f in rng.sample(families, 30)]
    for word in words:
        for pool, cutoff in ((families, 0.6), (names, 0.75), (names, 0.6)):
            assert close_matches(word, pool, 1, cutoff) == difflib.get_close_matches(
                word, pool, 1, cutoff), word


def test_close_matches_checks_its_arguments() -> None:
    with pytest.raises(ValueError):
        close_matches("a", ["a"], 0)
    with pytest.raises(ValueError):
        close_matches("a", ["a"], 1, 1.5)


def test_ratio_at_least_is_the_ratios_comparison() -> None:
    from spotlint.capacity.similar import ratio_at_least

    rng = random.Random(5)
    strings = [*_strings(rng, 300), "sparkcomputeoptimized", "sparkmemoryoptimized",
               "spark-on-demand", "spark-on-demand-ca", "default-v93100"]
    cutoffs = [0.0, 0.5, 0.6, 0.75, 0.85, 0.9, 1.0]
    near = 0
    for _ in range(4000):
        a, b = rng.choice(strings), rng.choice(strings)
        for cutoff in cutoffs:
            want = difflib.SequenceMatcher(None, a, b).ratio() >= cutoff
            assert ratio_at_least(a, b, cutoff) is want, (a, b, cutoff)
            near += want
    assert near  # (some pairs pass, not only the bounds' answers)
    # a pair at exactly the cutoff passes (2 * 17 / 40 = 0.85)
    a, b = "a" * 17 + "xyz", "a" * 17 + "qrs"
    assert difflib.SequenceMatcher(None, a, b).ratio() == 0.85
    assert ratio_at_least(a, b, 0.85)
