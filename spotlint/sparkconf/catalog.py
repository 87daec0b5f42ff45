"""The Spark conf catalog: which keys exist, their types, defaults and first version.

The facts live in ``spotlint/data/spark_confs.json`` (with a source per entry) so
they can be reviewed and updated without touching code. This module loads them
once, matches pattern keys (``...node.selector.<label>``, volume keys), and
proposes the nearest known key for a misspelling: Spark ignores keys it does not
know, so a typo silently turns a safety feature off.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, KeysView
from functools import cache, lru_cache

from spotlint.model import SparkVersion
from spotlint.value import FrozenValue, frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
else:
    Any = object  # (subscripted below at run time, where any argument would do)

_set = object.__setattr__


Version = tuple[int, int, int]

#: Key prefixes spotlint claims to know completely (SL209 reports unknown keys here).
NAMESPACES: tuple[str, ...] = (
    "spark.decommission.",
    "spark.storage.decommission.",
    "spark.executor.decommission.",
    "spark.kubernetes.",
    "spark.dynamicAllocation.",
    "spark.shuffle.",
)

_PLACEHOLDER_RE = {
    "<role>": "(?:driver|executor)",
    "<volumeType>": "(?:hostPath|emptyDir|nfs|persistentVolumeClaim)",
    "<name>": "[^.]+",
    "<env>": "[^.]+",
    "<label>": ".+",
    "<any>": ".+",
}
_PLACEHOLDER = re.compile(r"<[A-Za-z]+>")


def parse_version(text: str) -> Version:
    parts = [int(p) for p in text.split(".")]
    while len(parts) < 3:
        parts.append(0)
    return (parts[0], parts[1], parts[2])


@frozen
class ConfSpec(FrozenValue):
    """What the catalog knows about one key (or one family of pattern keys)."""

    key: str
    type: str
    default: str | None
    since: Version
    source: str
    unit: str | None
    changes: tuple[tuple[Version, str | None], ...]
    internal: bool
    note: str | None
    deprecated: str | None
    pattern: bool
    since_verified: bool

    def __init__(
        self,
        key: str,
        type: str,
        default: str | None,
        since: Version,
        source: str,
        unit: str | None = None,
        changes: tuple[tuple[Version, str | None], ...] = (),
        internal: bool = False,
        note: str | None = None,
        deprecated: str | None = None,
        pattern: bool = False,
        since_verified: bool = True,
    ) -> None:
        _set(self, "key", key)
        _set(self, "type", type)
        _set(self, "default", default)
        _set(self, "since", since)
        _set(self, "source", source)
        _set(self, "unit", unit)
        _set(self, "changes", changes)
        _set(self, "internal", internal)
        _set(self, "note", note)
        _set(self, "deprecated", deprecated)
        _set(self, "pattern", pattern)
        _set(self, "since_verified", since_verified)

    def default_for(self, version: SparkVersion | None) -> str | None:
        """The default in force for ``version``; unknown version gets the newest default."""
        value = self.default
        for since, changed in self.changes:
            if version is None or version.at_least(*since):
                value = changed
        return value


@frozen
class WrongKey(FrozenValue):
    """A key seen in real configs that Spark does not read, and the key meant."""

    key: str
    use: str
    why: str

    def __init__(
        self,
        key: str,
        use: str,
        why: str,
    ) -> None:
        _set(self, "key", key)
        _set(self, "use", use)
        _set(self, "why", why)


def _spec(key: str, raw: dict[str, Any], pattern: bool) -> ConfSpec:
    # (positional, each version read once: the catalog's 223 specs are made before the
    # fork of a split run, ~3.6 us each with keywords and a version parsed per spec)
    get = raw.get
    changes = get("changes")
    return ConfSpec(
        key, raw["type"], get("default"), _version(raw["since"]), raw["source"], get("unit"),
        tuple((_version(c["since"]), c["default"]) for c in changes) if changes else (),
        bool(get("internal", False)), get("note"), get("deprecated"), pattern,
        not get("since_unverified", False),
    )


#: versions read so far, by text (the catalog's specs share a few dozen)
_VERSIONS: dict[str, Version] = {}


def _version(text: str) -> Version:
    found = _VERSIONS.get(text)
    if found is None:
        found = _VERSIONS[text] = parse_version(text)
    return found


class KeyPattern:
    """A catalog pattern key (``spark.kubernetes.<role>.label.<label>``), matched
    as the regex :func:`_pattern_regex` makes of it, without compiling one.

    Every key outside the exact catalog is tried against the patterns, but the
    pattern's literal parts rule out almost every key at once: a match starts with
    the first, ends with the last and holds the others in order (each placeholder
    stands for some text). The few keys left are matched piece by piece
    (:func:`_fullmatch`): the placeholders are alternatives of words or runs of
    characters, and compiling a regex per pattern cost each process of a run
    ~0.1 ms a pattern (13 at 1,000 files, in both processes of a split run).
    """

    __slots__ = ("_pieces", "literals", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        #: the text around the placeholders, in order
        self.literals = tuple(_PLACEHOLDER.split(pattern))
        self._pieces: tuple[_Piece, ...] | None = None

    @property
    def head(self) -> str:
        """The text before the first placeholder, which every match starts with."""
        return self.literals[0]

    def could_match(self, key: str) -> bool:
        """False when the regex cannot match ``key`` (True does not mean it does)."""
        literals = self.literals
        first, last = literals[0], literals[-1]
        if not key.startswith(first) or not key.endswith(last):
            return False
        pos = len(first)
        for literal in literals[1:-1]:
            pos = key.find(literal, pos)
            if pos < 0:
                return False
            pos += len(literal)
        return pos <= len(key) - len(last)

    def match(self, key: str) -> bool:
        """Does ``key`` pass :meth:`could_match` and match the regex ``^pattern$``
        (where ``$`` also matches before a final line break, as in :mod:`re`)?"""
        if not self.could_match(key):
            return False
        pieces = self._pieces
        if pieces is None:
            pieces = self._pieces = _pieces(self.pattern)
        return _fullmatch(pieces, key, 0, 0) or (
            key[-1:] == "\n" and _fullmatch(pieces, key[:-1], 0, 0))


#: One piece of a pattern: ("text", the literal), ("words", the alternatives),
#: ("run", the character a run of at least one may not hold).
_Piece = tuple[str, Any]
#: What each placeholder of :data:`_PLACEHOLDER_RE` matches, as a piece: ``[^.]+`` is a
#: run without ".", ``.+`` one without a line break.
_PLACEHOLDER_PIECES: dict[str, _Piece] = {
    "<role>": ("words", ("driver", "executor")),
    "<volumeType>": ("words", ("hostPath", "emptyDir", "nfs", "persistentVolumeClaim")),
    "<name>": ("run", "."),
    "<env>": ("run", "."),
    "<label>": ("run", "\n"),
    "<any>": ("run", "\n"),
}


def _pieces(pattern: str) -> tuple[_Piece, ...]:
    out: list[_Piece] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(pattern):
        if m.start() > pos:
            out.append(("text", pattern[pos : m.start()]))
        out.append(_PLACEHOLDER_PIECES[m.group(0)])
        pos = m.end()
    if pos < len(pattern):
        out.append(("text", pattern[pos:]))
    return tuple(out)


def _fullmatch(pieces: tuple[_Piece, ...], key: str, at: int, pos: int) -> bool:
    """Do ``pieces[at:]`` match all of ``key[pos:]``? Alternatives and runs are tried
    as a regex engine backtracks (every length of a run; keys are short)."""
    while at < len(pieces):
        kind, arg = pieces[at]
        at += 1
        if kind == "text":
            if not key.startswith(arg, pos):
                return False
            pos += len(arg)
        elif kind == "words":
            return any(key.startswith(word, pos) and _fullmatch(pieces, key, at, pos + len(word))
                       for word in arg)
        else:
            end = key.find(arg, pos)
            if end < 0:
                end = len(key)
            if at == len(pieces):
                return end == len(key) and end > pos
            return any(_fullmatch(pieces, key, at, stop) for stop in range(end, pos, -1))
    return pos == len(key)


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """The regex a pattern key stands for: :meth:`KeyPattern.match` answers as it
    does behind :meth:`KeyPattern.could_match` (its tests hold it to that)."""
    out: list[str] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(pattern):
        out.append(re.escape(pattern[pos : m.start()]))
        out.append(_PLACEHOLDER_RE[m.group(0)])
        pos = m.end()
    out.append(re.escape(pattern[pos:]))
    return re.compile("^" + "".join(out) + "$")


_NAMESPACE_DOTS = tuple((namespace, namespace.count(".")) for namespace in NAMESPACES)


@lru_cache(maxsize=8192)
def _near(head: str, namespace: str) -> bool:
    """Memoized: every key outside the namespaces is asked about (SL209), and in a
    repository the same few heads (``spark.driver.``, ``spark.hadoop.``) come back
    in every job."""
    return levenshtein(head, namespace, 2) <= 2


def levenshtein(a: str, b: str, limit: int | None = None) -> int:
    """Edit distance; with ``limit``, any distance above it is returned as ``limit + 1``.

    With a limit only the diagonal band of width ``2 * limit + 1`` is computed
    (no cheaper edit path leaves it), so a comparison costs ``len(a) * limit``
    rather than ``len(a) * len(b)``: SL209 compares every unknown key with
    every known one.
    """
    if limit is None:
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    # A common prefix or suffix changes no distance: keys and namespaces share
    # "spark." and a final "." (and a misspelt key most of its text).
    shared = min(len(a), len(b))
    head = 0
    while head < shared and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < shared - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    if head or tail:
        a, b = a[head : len(a) - tail], b[head : len(b) - tail]
    over = limit + 1
    # Each character only one side has costs an edit of its own (a deletion or a
    # substitution of each of its places, an insertion or a substitution producing
    # each of the other's): more such characters than the limit is over it, found
    # in C. Most comparisons end here (``ui.`` is no misspelt ``shuffle.``).
    if len(set(a).difference(b)) > limit or len(set(b).difference(a)) > limit:
        return over
    width = len(b)
    prev = [j if j <= limit else over for j in range(width + 1)]
    for i in range(1, len(a) + 1):
        low, high = max(1, i - limit), min(width, i + limit)
        cur = [over] * (width + 1)
        cur[0] = i if i <= limit else over
        ca = a[i - 1]
        best = cur[0]
        for j in range(low, high + 1):
            value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != b[j - 1]))
            if value > limit:
                value = over
            cur[j] = value
            if value < best:
                best = value
        if best > limit:
            return over
        prev = cur
    return prev[width]


def _max_distance(key: str) -> int:
    """Typos allowed: 2 for ordinary keys, 3 for long ones (case slips add up)."""
    return 3 if len(key) >= 40 else 2


@cache
def _volume_key() -> re.Pattern[str]:
    """A volume option's key (compiled when first asked: only an unknown key asks)."""
    return re.compile(
        r"^spark\.kubernetes\.(?P<role>[^.]+)\.volumes\.(?P<type>[^.]+)\.(?P<name>[^.]+)"
        r"\.(?P<rest>.+)$"
    )


_VOLUME_OPTIONS = {
    "hostPath": ("path", "type"),
    "emptyDir": ("medium", "sizeLimit"),
    "nfs": ("path", "server"),
    "persistentVolumeClaim": ("claimName", "storageClass", "sizeLimit"),
}
_VOLUME_MOUNT = ("mount.path", "mount.readOnly", "mount.subPath", "mount.subPathExpr")


def _closest(word: str, choices: Iterable[str], limit: int) -> str | None:
    best: tuple[int, str] | None = None
    for choice in choices:
        if choice.lower() == word.lower():
            d = 0 if choice == word else 1
        else:
            d = levenshtein(word, choice, limit)
        if d <= limit and (best is None or d < best[0]):
            best = (d, choice)
    return best[1] if best else None


#: Distinct keys whose suggestion is remembered (bounds the memory a hostile file can use).
_SUGGESTIONS_KEPT = 10_000


class _Specs(dict[str, "ConfSpec | None"]):
    """The specs of the keys asked so far: each exact key's, made when first asked (or
    all of them, once :attr:`Catalog.keys` is read), and every other key asked, matched
    once (``Catalog._match``, which bounds how many it keeps)."""

    __slots__ = ("_match",)

    def __init__(self, match: Callable[[str], ConfSpec | None]) -> None:
        super().__init__()
        self._match = match

    def __missing__(self, key: str) -> ConfSpec | None:
        return self._match(key)


class Catalog:
    """Lookup over the catalog data; build with :func:`catalog`."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.sources: dict[str, str] = dict(data.get("sources", {}))
        #: the exact keys' data, their specs made when asked (see :attr:`keys`): a commit
        #: hook's job asks a few of ~200 (each ~3.6 us to make, ~1 ms in all)
        self._exact: dict[str, Any] = data["keys"]
        self._keys: dict[str, ConfSpec] | None = None
        #: the exact keys (what ``key in keys`` answers, without making their specs)
        self.exact_keys: KeysView[str] = self._exact.keys()
        #: how many keys outside ``_exact`` the specs remember (bounded)
        self._others = 0
        self.patterns: list[tuple[KeyPattern, ConfSpec]] = [
            (KeyPattern(p["pattern"]), _spec(p["pattern"], p, pattern=True))
            for p in data["patterns"]
        ]
        #: the patterns by the text they start with (a key can only match those whose
        #: head it starts with: most keys outside spark.kubernetes. match none), in order
        heads: dict[str, list[int]] = {}
        for at, (pattern, _) in enumerate(self.patterns):
            heads.setdefault(pattern.head, []).append(at)
        self._heads = tuple((head, tuple(ats)) for head, ats in heads.items())
        #: every head at once: a key starting with none (most keys outside the catalog)
        #: matches no pattern, found by one ``str.startswith``
        self._any_head = tuple(heads)
        self._wrong_exact: dict[str, WrongKey] = {}
        self._wrong_patterns: list[tuple[KeyPattern, WrongKey]] = []
        for key, raw in data.get("wrong_keys", {}).items():
            wrong = WrongKey(key, raw["use"], raw["why"])
            if _PLACEHOLDER.search(key):
                self._wrong_patterns.append((KeyPattern(key), wrong))
            else:
                self._wrong_exact[key] = wrong
        self._prefixes = sorted(
            {spec.key.split("<", 1)[0] for _, spec in self.patterns if "<" in spec.key}
        )
        #: known keys by length (a key within edit distance d has a length within d),
        #: made on the first suggestion
        self._lengths: dict[int, list[str]] | None = None
        #: answers of :meth:`suggest` so far (a misspelling repeated in many files costs once)
        self._suggested: dict[str, str | None] = {}
        #: every key asked so far, by its spec: ``keys``, then the keys outside it, by the
        #: pattern spec they match (None: none); a key repeated across a repository's jobs
        #: is matched against the patterns once (see :attr:`lookup`)
        self._specs = _Specs(self._match)
        self.lookup = self._specs.__getitem__
        #: the same for :meth:`wrong_key`'s patterns (every rule reading a job's conf asks)
        self._wrong_by_pattern: dict[str, WrongKey | None] = {}

    #: The spec of an exact key or the pattern it instantiates; None if unknown.
    #:
    #: A dictionary's own ``__getitem__`` (every key of every job is asked, by
    #: several rules): a key asked before is answered in C, without a Python call;
    #: a new one is matched by :meth:`_match` (through ``__missing__``).
    lookup: Callable[[str], ConfSpec | None]

    @property
    def keys(self) -> dict[str, ConfSpec]:
        """Every exact key's spec (the same objects :attr:`lookup` gives), all made
        when first read."""
        if self._keys is None:
            specs = self._specs
            made: dict[str, ConfSpec] = {}
            for key, raw in self._exact.items():
                spec = specs.get(key)
                if spec is None:
                    spec = specs[key] = _spec(key, raw, pattern=False)
                made[key] = spec
            self._keys = made
        return self._keys

    @property
    def _by_length(self) -> dict[int, list[str]]:
        if self._lengths is None:
            self._lengths = {}
            for known in self._exact:
                self._lengths.setdefault(len(known), []).append(known)
        return self._lengths

    def _match(self, key: str) -> ConfSpec | None:
        """The spec of a key not asked before: an exact key's, made now and remembered;
        else the pattern spec it instantiates (None: none), remembered while fewer than
        ``_SUGGESTIONS_KEPT`` keys outside ``keys`` are."""
        raw = self._exact.get(key)
        if raw is not None:
            spec = self._specs[key] = _spec(key, raw, pattern=False)
            return spec
        found = None
        ats = ([at for head, ats in self._heads if key.startswith(head) for at in ats]
               if key.startswith(self._any_head) else None)
        if ats:
            patterns = self.patterns
            found = next((patterns[at][1] for at in sorted(ats) if patterns[at][0].match(key)),
                         None)
        if self._others < _SUGGESTIONS_KEPT:
            self._specs[key] = found
            self._others += 1
        return found

    def is_known(self, key: str) -> bool:
        return self.lookup(key) is not None

    @staticmethod
    def in_namespace(key: str) -> bool:
        return key.startswith(NAMESPACES)

    @staticmethod
    def near_namespace(key: str) -> bool:
        """The key starts with a misspelt namespace (``spark.decomission.``)."""
        return _near_namespace(key)

    def wrong_key(self, key: str) -> WrongKey | None:
        """A key that does not exist but is often written, with the key to use instead."""
        wrong = self._wrong_exact.get(key)
        if wrong is not None:
            return wrong
        if key in self._wrong_by_pattern:
            return self._wrong_by_pattern[key]
        found = None
        for regex, pwrong in self._wrong_patterns:
            m = regex.match(key)
            if m:
                tail = key[len(pwrong.key.split("<", 1)[0]) :]
                found = WrongKey(key, pwrong.use.split("<", 1)[0] + tail, pwrong.why)
                break
        if len(self._wrong_by_pattern) < _SUGGESTIONS_KEPT:
            self._wrong_by_pattern[key] = found
        return found

    def suggest(self, key: str) -> str | None:
        """The known key the author most likely meant, or None if nothing is close."""
        if key in self._suggested:
            return self._suggested[key]
        found = self._suggest(key)
        if len(self._suggested) < _SUGGESTIONS_KEPT:
            self._suggested[key] = found
        return found

    def _suggest(self, key: str) -> str | None:
        wrong = self.wrong_key(key)
        if wrong is not None:
            return wrong.use
        limit = _max_distance(key)
        best: tuple[int, str] | None = None

        def offer(distance: int, candidate: str) -> None:
            nonlocal best
            if distance <= limit and candidate != key and (best is None or distance < best[0]):
                best = (distance, candidate)

        lowered = key.lower()
        for length in range(len(key) - limit, len(key) + limit + 1):
            for known in self._by_length.get(length, ()):
                if known.lower() == lowered:
                    offer(1, known)
                else:
                    offer(levenshtein(key, known, limit), known)
        volume = self._suggest_volume(key)
        if volume is not None:
            offer(1, volume)
        for prefix in self._prefixes:
            for cut in range(max(1, len(prefix) - limit), len(prefix) + limit + 1):
                if cut >= len(key):
                    break
                head = key[:cut]
                if not head.endswith("."):
                    continue
                d = levenshtein(head, prefix, limit)
                candidate = prefix + key[cut:]
                if d <= limit and self.is_known(candidate):
                    offer(d, candidate)
        return best[1] if best else None

    def _suggest_volume(self, key: str) -> str | None:
        m = _volume_key().match(key)
        if m is None:
            return None
        role = _closest(m["role"], ("driver", "executor"), 2)
        vtype = _closest(m["type"], _VOLUME_OPTIONS, 3)
        if role is None or vtype is None:
            return None
        rest = m["rest"]
        if rest.startswith(("label.", "annotation.")):
            fixed_rest: str | None = rest
        else:
            choices = list(_VOLUME_MOUNT) + [f"options.{o}" for o in _VOLUME_OPTIONS[vtype]]
            fixed_rest = _closest(rest, choices, 3)
        if fixed_rest is None:
            return None
        candidate = f"spark.kubernetes.{role}.volumes.{vtype}.{m['name']}.{fixed_rest}"
        if candidate == key or not self.is_known(candidate):
            return None
        return candidate


def load_data() -> dict[str, Any]:
    # Plain file access: importlib.resources costs ~4 ms to import, and spotlint is
    # never run from a zip archive (as for the configuration schema).
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(package, "data", "spark_confs.json"), encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The catalog, loaded on first use."""
    return Catalog(load_data())


def lookup(key: str) -> ConfSpec | None:
    return catalog().lookup(key)


def suggest(key: str) -> str | None:
    return catalog().suggest(key)


@lru_cache(maxsize=4096)
def _near_namespace(key: str) -> bool:
    """:meth:`Catalog.near_namespace`, memoized: jobs repeat the same keys, and each
    answer is an edit-distance comparison with every namespace."""
    parts = key.split(".", _MOST_DOTS)  # (the first parts are all that is read)
    for dots, namespaces in _NAMESPACES_BY_DOTS:
        head = ".".join(parts[:dots]) + "."
        size = len(head)
        for namespace, length in namespaces:
            # (lengths more than 2 apart are more than 2 edits apart: most heads)
            if -2 <= size - length <= 2 and head != namespace and _near(head, namespace):
                return True
    return False


#: The namespaces (with their lengths) by how many dots they have: a key's head of
#: as many dots is made once for all of them.
_NAMESPACES_BY_DOTS = tuple(
    (dots, tuple((ns, len(ns)) for ns, d in _NAMESPACE_DOTS if d == dots))
    for dots in sorted({d for _, d in _NAMESPACE_DOTS}))
_MOST_DOTS = max(d for _, d in _NAMESPACE_DOTS)
