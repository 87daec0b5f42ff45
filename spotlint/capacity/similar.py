"""How alike two names are, as :mod:`difflib` measures it, without importing difflib.

The suggestions of the pool and placement rules (a misspelt instance family or
type, a node label value one edit away from one a pool offers) are
``difflib.SequenceMatcher(None, a, b).ratio()`` and ``difflib.get_close_matches``.
Importing difflib (and heapq with it) costs ~1.1 ms, paid by each process of a
split run whose files hold one such name (both, at 1,000 files). The answers
here are the same numbers: the same matching blocks (the longest match in a
range, earliest in ``a`` then in ``b``, extended as difflib extends it, then the
ranges on either side), with difflib's "autojunk" (a second string of 200 or
more characters ignores its characters found more than 1% + 1 times) and its
quick upper bounds; ``tests/capacity/test_similar.py`` holds them equal to
difflib's on random and adversarial strings.
"""

from __future__ import annotations

from collections.abc import Iterable


def ratio(a: str, b: str) -> float:
    """``difflib.SequenceMatcher(None, a, b).ratio()``."""
    return _ratio(a, b, _positions(b))


def ratio_at_least(a: str, b: str, cutoff: float) -> bool:
    """``ratio(a, b) >= cutoff``, after difflib's two cheap upper bounds (as
    ``get_close_matches`` tries them): most pairs asked are far apart, and the
    bounds never fall below the ratio, so they only answer no when it is no."""
    length = len(a) + len(b)
    if _calculate(min(len(a), len(b)), length) < cutoff:
        return False
    counts: dict[str, int] = {}
    for char in b:
        counts[char] = counts.get(char, 0) + 1
    if _calculate(_shared(a, counts), length) < cutoff:
        return False
    return _ratio(a, b, _positions(b)) >= cutoff


def close_matches(word: str, possibilities: Iterable[str], n: int = 3,
                  cutoff: float = 0.6) -> list[str]:
    """``difflib.get_close_matches(word, possibilities, n, cutoff)``: the ``n`` most
    alike (ratio at least ``cutoff``; equal ratios: the greater string first)."""
    if not n > 0:
        raise ValueError(f"n must be > 0: {n!r}")
    if not 0.0 <= cutoff <= 1.0:
        raise ValueError(f"cutoff must be in [0.0, 1.0]: {cutoff!r}")
    positions = _positions(word)
    counts: dict[str, int] = {}
    for char in word:
        counts[char] = counts.get(char, 0) + 1
    found: list[tuple[float, str]] = []
    size = len(word)
    distinct = list(counts.items())
    for x in possibilities:
        # difflib's two cheap upper bounds first: lengths, then shared characters
        # (both as _calculate and _shared compute them, written out: a family name
        # is compared with every family of the catalog, a call each was most of it)
        length = len(x) + size
        if length:
            if 2.0 * (len(x) if len(x) < size else size) / length < cutoff:
                continue
            shared = 0
            for char, many in distinct:
                have = x.count(char)
                if have:
                    shared += have if have < many else many
            if 2.0 * shared / length < cutoff:
                continue
        score = _ratio(x, word, positions)
        if score >= cutoff:
            found.append((score, x))
    found.sort(reverse=True)
    return [x for _, x in found[:n]]


def _calculate(matches: int, length: int) -> float:
    return 2.0 * matches / length if length else 1.0


def _shared(a: str, counts: dict[str, int]) -> int:
    """How many characters of ``a`` the other string's character counts cover (the
    size of the two multisets' intersection, difflib's ``quick_ratio`` count), one
    ``str.count`` per distinct character of the other string."""
    shared = 0
    for char, n in counts.items():
        have = a.count(char)
        if have:
            shared += have if have < n else n
    return shared


def _positions(b: str) -> dict[str, list[int]]:
    """Each character of ``b`` -> where it occurs, without the popular ones when
    ``b`` is long (difflib's autojunk)."""
    positions: dict[str, list[int]] = {}
    for j, char in enumerate(b):
        positions.setdefault(char, []).append(j)
    if len(b) >= 200:
        most = len(b) // 100 + 1
        for char in [c for c, at in positions.items() if len(at) > most]:
            del positions[char]
    return positions


def _ratio(a: str, b: str, positions: dict[str, list[int]]) -> float:
    matched = 0
    ranges = [(0, len(a), 0, len(b))]
    while ranges:
        alo, ahi, blo, bhi = ranges.pop()
        i, j, k = _longest(a, b, positions, alo, ahi, blo, bhi)
        if k:
            matched += k
            if alo < i and blo < j:
                ranges.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                ranges.append((i + k, ahi, j + k, bhi))
    return _calculate(matched, len(a) + len(b))


def _longest(a: str, b: str, positions: dict[str, list[int]],
             alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int, int]:
    """``SequenceMatcher.find_longest_match`` without junk (popular characters are
    left out of ``positions`` but may extend a match, as in difflib)."""
    besti, bestj, bestsize = alo, blo, 0
    lengths: dict[int, int] = {}
    nothing: list[int] = []
    for i in range(alo, ahi):
        get = lengths.get
        new: dict[int, int] = {}
        for j in positions.get(a[i], nothing):
            if j < blo:
                continue
            if j >= bhi:
                break
            k = new[j] = get(j - 1, 0) + 1
            if k > bestsize:
                besti, bestj, bestsize = i - k + 1, j - k + 1, k
        lengths = new
    while besti > alo and bestj > blo and a[besti - 1] == b[bestj - 1]:
        besti, bestj, bestsize = besti - 1, bestj - 1, bestsize + 1
    while besti + bestsize < ahi and bestj + bestsize < bhi and \
            a[besti + bestsize] == b[bestj + bestsize]:
        bestsize += 1
    return besti, bestj, bestsize
