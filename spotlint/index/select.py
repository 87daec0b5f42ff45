"""Which context files a run over a few explicit files must read, from the records.

The findings of a file depend on (see :mod:`.records`):

* for pods (jobs and templates): the pools in their scope. With no
  ``clusters`` mapping that scope lies under the nearest ancestor directory of
  the pod's file holding any pool, so every pool file under that directory is
  read (clusters among them are then told apart exactly as in a full run);
* for a template: the jobs that reference it (their placement is merged into
  the template's findings), and in turn their pools and other templates;
* for an interruption handler or Karpenter controller: every infrastructure file
  (SL412 names the pools a controller covers, wherever they are);
* for a self-managed node group (an autoscaled group neither managed nor
  Karpenter): every handler file (SL405 and SL412 ask whether a Node
  Termination Handler of the group's cluster exists) and the pool files nearest
  to each (a handler naming no cluster covers the pools placement would match a
  pod in its file against). No other pool's findings read handlers: SL412 asks
  of a Karpenter pool only for a controller's finding, which is reported at the
  controller (a given controller reads every infrastructure file, above), and
  managed groups drain their own nodes;
* for every pool read: the node classes it names (they name a Karpenter pool's
  cluster); handlers bear only on pool findings;
* for a file some job was built from or reads (a shell script's ``file://``
  request): that job's file;
* files a job references or a kind reads, so they are read as the full run
  reads them (through the byte prefilter, as context).

The choice is a superset: reading one file too many costs a parse, never a
finding. Paths are ``/``-separated and relative to the project root.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import pairwise

from spotlint.index.listing import walk_order
from spotlint.index.names import name_words, pieces_allow
from spotlint.index.records import SELF_MANAGED, Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: The name a file only scanned stands in with (:mod:`.roles`): it may define any node
#: class, and is read (then recorded) when it may be the one a pool's name picks.
ANY_NODE_CLASS = None


def select(
    given: Collection[str], records: Mapping[str, Record], order: Sequence[str],
    mapped_clusters: bool, positions: Mapping[str, int] | None = None,
) -> list[str]:
    """The context files to read for ``given``, in ``order`` (the walk's).

    ``positions``: each file of ``order`` by its position there, when the caller has them
    and ``order`` is known to be the walk's (the index's listing): the files under a
    directory are then found without a sort key for every pool file, and the chosen ones
    put in order without a pass over every file (a commit hook's run at 4,000 files
    made ~1,000 keys a selection, ~1 ms, and passed 4,000 files twice).
    """
    # One pass sorts the files by what their records hold (most hold nothing).
    infra: list[str] = []
    pool_files: list[str] = []
    handler_files: list[str] = []
    config_map_files: list[str] = []
    linking: list[str] = []
    for path in order:
        record = records.get(path)
        if not record:
            continue
        if "pools" in record:
            pool_files.append(path)
        if "pools" in record or "handlers" in record or "node_classes" in record:
            infra.append(path)
        if "handlers" in record:
            handler_files.append(path)
        if "config_maps" in record:
            config_map_files.append(path)
        if "refs" in record or "reads" in record or "sources" in record:
            linking.append(path)
    wanted: set[str] = set()
    nearest = NearestPools(pool_files, walk_ordered=positions is not None)
    mine: set[str] = set()
    for path in given:
        mine.update(records.get(path, {}))
    if "handlers" in mine:
        wanted.update(infra)  # a controller's findings name the pools it covers, anywhere
    elif needs_handlers(given, records):
        # a self-managed group's findings ask which handlers cover it (by cluster: its
        # node class's; for a handler naming none, by the pools nearest to it)
        wanted.update(handler_files)
        if not mapped_clusters:
            for path in handler_files:
                wanted.update(nearest.of(path))
    if mapped_clusters:
        wanted.update(pool_files)
    pods = set(given)
    # Jobs that use a given file (or a file a given file is) as a template or read it.
    targets = set(given)
    for path in linking:
        record = records[path]
        if any(targets.intersection(record.get(k, ())) for k in ("refs", "reads", "sources")):
            wanted.add(path)
            pods.add(path)
    if config_map_files and any("config_maps" in records.get(p, {}) for p in pods):
        wanted.update(config_map_files)
        pods.update(config_map_files)
    # (only files that link to others have targets or sources: asked of those alone, not
    # of every pod, ~500 a process at 1,000 files)
    linked = pods.intersection(linking)
    known: Collection[str] = positions if positions is not None else (set(order) if linked else ())
    for path in linked:
        record = records[path]
        for target in (*record.get("refs", ()), *record.get("reads", ()),
                       *record.get("sources", ())):
            if target in known:
                wanted.add(target)
    if not mapped_clusters:
        # a job is scoped by the file its document is in, which may be one it read
        places = pods | {s for p in linked for s in records[p].get("sources", ())}
        wanted.update(nearest.around(places))
    classes = [p for p in infra if "node_classes" in records[p]]
    # (the node classes pools name: asked of the wanted files holding pools alone)
    wanted.update(_node_classes((wanted | targets).intersection(pool_files), records, classes))
    wanted.difference_update(given)
    if positions is not None:
        return sorted(wanted, key=positions.__getitem__)  # (every wanted file is in order)
    return [p for p in order if p in wanted]


def reads_handlers(given: Collection[str], records: Mapping[str, Record]) -> bool:
    """Do the findings of ``given`` depend on which files handle interruptions? Those of
    a given handler or controller (it names the pools it covers: every infrastructure
    file is read) and of a given self-managed group (:func:`needs_handlers`); no other
    file's. Only such a run asks the scan which files may be handlers."""
    return any("handlers" in records.get(path, {}) for path in given) or needs_handlers(
        given, records)


def needs_handlers(given: Collection[str], records: Mapping[str, Record]) -> bool:
    """Does a given file hold a self-managed group, whose findings (SL405, SL412) ask
    which interruption handlers cover it?"""
    return any(pool.get(SELF_MANAGED) for path in given
               for pool in records.get(path, {}).get("pools", ()))


def _node_classes(
    wanted: set[str], records: Mapping[str, Record], order: Sequence[str]
) -> set[str]:
    """The files defining the node class each wanted pool names (it names the pool's
    cluster): as Karpenter linking chooses, the definition in the pool's own file,
    else the one sharing the longest directory with it; ties are all read."""
    defined: dict[str, list[str]] = {}
    # files only scanned, which may define a node class of any name their text spells
    scanned: list[tuple[str, str | None, list[Any]]] = []
    for path in order:
        for name, *rest in records.get(path, {}).get("node_classes", ()):
            if name is ANY_NODE_CLASS:
                scanned.append((path, rest[0] if rest else None,
                                rest[1] if len(rest) > 1 else []))
            else:
                defined.setdefault(name, []).append(path)
    found: set[str] = set()
    if not defined and not scanned:
        return found
    candidates = _Candidates(scanned)
    # the candidates sharing the longest directory with a file of a directory: the same
    # for every file there (no file's name is a directory another path passes through)
    nearest: dict[tuple[str, str], list[str]] = {}
    for path in wanted:
        names = {pool.get("node_class") or "" for pool in records.get(path, {}).get("pools", ())}
        for name in names:
            known = defined.get(name, ())
            if path in known:
                found.add(path)  # the definition in the pool's own file
                continue  # (a scanned file's pools name no class: it is no candidate)
            place = (name, path.rpartition("/")[0])
            best = nearest.get(place)
            if best is None:
                # Only scanned files sharing at least as long a directory as the nearest
                # known definition may be as near: their words are asked (most first
                # runs' pools have one a directory or two away), not every file's.
                depth = max((_shared(path, c) for c in known), default=-1)
                shared = {c: _shared(path, c) for c in (
                    *known, *candidates.defining(name, path[:depth] if depth > 0 else ""))}
                longest = max(shared.values(), default=-1)
                best = nearest[place] = [c for c, n in shared.items() if n == longest]
            found.update(best)
    return found


class _Candidates:
    """The scanned files that may define a node class of a name (:func:`.names.may_name`),
    under a directory: by name once for all of them, else file by file below it."""

    def __init__(self, scanned: Sequence[tuple[str, str | None, list[Any]]]) -> None:
        self.scanned = scanned
        self.paths = sorted(path for path, _, _ in scanned)
        self.files = {path: (words, pieces) for path, words, pieces in scanned}
        self.named: dict[str, list[str]] = {}
        self.spelling: _Spelling | None = None

    def defining(self, name: str, directory: str) -> list[str]:
        """Those below ``directory`` ("": anywhere) that may define ``name``."""
        if not name:
            return []  # a node class always has a name: "" names none
        if not directory:
            found = self.named.get(name)
            if found is None:
                found = self.named[name] = self._everywhere(name)
            return found
        spelt = name_words(name)
        start = bisect_left(self.paths, directory + "/")
        end = bisect_left(self.paths, directory + "0", start)  # "0" follows "/"
        return [path for path in self.paths[start:end] if spelt is None or _may_define(
            *self.files[path], name, spelt)]

    def _everywhere(self, name: str) -> list[str]:
        if self.spelling is None:
            # scanned files by the words they spell (a name's words must all be among them)
            self.spelling = _Spelling([(p, w) for p, w, _ in self.scanned if w is not None])
            self.anywhere = [p for p, w, _ in self.scanned if w is None]  # words unknown
            self.pieced = [(p, [tuple(x) for x in pieces]) for p, w, pieces in self.scanned
                           if w is not None and pieces]
        return _scanned_defining(name, self.scanned, self.spelling, self.anywhere,
                                 self.pieced)


def _may_define(words: str | None, pieces: list[Any], name: str, spelt: list[str]) -> bool:
    """May a scanned file of ``words`` and ``pieces`` define a node class called ``name``
    (whose words are ``spelt``)? As :func:`_scanned_defining` answers for all at once."""
    if words is None:
        return True
    found = _word_set(words)
    return all(word in found for word in spelt) or (bool(pieces) and pieces_allow(
        [tuple(p) for p in pieces], name))


class _Spelling:
    """The words of scanned files (each file's words in one string, space-separated):
    which files spell a word, found in all the files' words joined in one string (each
    ``f" {word} "`` found there by :meth:`str.find`, its file by bisection on where each
    file's words begin). A selection asks a few words (~17 for a whole directory's
    pools): a set of words made for every file (~450 in a 4,000-file project, a
    ``split`` of each) cost several times the searches."""

    def __init__(self, files: list[tuple[str, str]]) -> None:
        self.files = files
        self.known: dict[str, set[str]] = {}
        self.joined: str | None = None
        #: where each file's words begin in ``joined``, in ``files``' order
        self.starts: list[int] = []

    def spelling(self, word: str) -> set[str]:
        found = self.known.get(word)
        if found is None:
            found = self.known[word] = self._spelling(word)
        return found

    def _spelling(self, word: str) -> set[str]:
        if not word or " " in word:  # (no such word is asked: answered as a set would)
            return {path for path, words in self.files if word in _word_set(words)}
        joined = self.joined
        if joined is None:
            # (blank-separated, so a match is one word of one file: a file's words
            # hold no blank inside a word, and a blank is between any two files)
            starts, at = self.starts, 1
            for _, words in self.files:
                starts.append(at)
                at += len(words) + 1
            joined = self.joined = " " + " ".join(words for _, words in self.files) + " "
        needle = f" {word} "
        found: set[str] = set()
        at = joined.find(needle)
        while at >= 0:
            # (the word begins at ``at + 1``, in the last file beginning there or before)
            which = bisect_right(self.starts, at + 1) - 1
            found.add(self.files[which][0])
            at = joined.find(needle, at + len(needle) - 1)
        return found


@lru_cache(maxsize=16_384)
def _word_set(words: str) -> frozenset[str]:
    """The words of ``words`` (space-separated, as stored): ``w in _word_set(words)`` is
    ``f" {w} " in words`` for a word without spaces."""
    return frozenset(words.split(" "))


def _scanned_defining(
    name: str, scanned: Sequence[tuple[str, str | None, list[Any]]], spelling: _Spelling,
    anywhere: Sequence[str], pieced: Sequence[tuple[str, list[tuple[str | None, str | None]]]],
) -> list[str]:
    """The scanned files that may define a node class called ``name`` (names.may_name)."""
    if not name:
        return []  # a node class always has a name: "" names none
    spelt = name_words(name)
    if spelt is None:
        return [path for path, _, _ in scanned]
    found = set(anywhere)
    found.update(set.intersection(*(spelling.spelling(word) for word in spelt)))
    found.update(path for path, pieces in pieced if pieces_allow(pieces, name))
    return sorted(found)


def _shared(a: str, b: str) -> int:
    """``len(os.path.commonpath([a, b]))`` of two relative ``/`` paths, faster."""
    if a == b:
        return len(a)
    length = -1
    for x, y in zip(a.split("/"), b.split("/"), strict=False):
        if x != y:
            break
        length += len(x) + 1
    return max(length, 0)


class NearestPools:
    """The pool files under the nearest ancestor directory of a file that holds any.

    A pool's handlers are asked for the pools nearest each handler file, and a job
    for its own: a first run, with every file only scanned standing in as a
    possible pool, asked it hundreds of times, each a pass over a thousand pool
    files per directory level. In the walk's order a directory's files are one run
    (its files, then its subdirectories, depth first), found by bisection; each
    directory's answer is kept. Files not in the walk's order are searched one by
    one, as before. The keys are :func:`~spotlint.index.listing.walk_order` strings
    (a directory ``a/b`` is ``\x01a\0\x01b\0`` before the rest of each path below
    it), made and compared faster than tuples: every selection makes one per pool file.
    """

    def __init__(self, pool_files: Sequence[str], walk_ordered: bool = False) -> None:
        self.files = pool_files
        self.count = len(set(pool_files))
        #: the files are known to be in the walk's order: bisected with a key made for
        #: the ~10 files a bisection compares, not one for each file
        self.ordered = walk_ordered
        keys = None
        if not walk_ordered:
            keys = [walk_order(p) for p in pool_files]
            keys = keys if all(a <= b for a, b in pairwise(keys)) else None
        self.keys = keys
        self.known: dict[str, list[str]] = {}
        #: the directories some pool file is below (those with an answer of their own)
        self.holding: set[str] = set()
        for path in pool_files:
            directory = path.rpartition("/")[0]
            while directory not in self.holding:
                self.holding.add(directory)
                if not directory:
                    break
                directory = directory.rpartition("/")[0]

    def around(self, paths: Iterable[str]) -> set[str]:
        """The pool files nearest any of ``paths``. The files of a directory share its
        answer, and directories without pools their ancestor's: each answer is added
        once (a process of a split run asks for ~500 jobs at 1,000 files, most of them
        answered by the same long list). Once every pool file is found, no other answer
        can add one: the rest are not asked (at 1,000 files most jobs' nearest pools are
        the root's, all of them: ~0.5 ms a process)."""
        found: set[str] = set()
        added: set[int] = set()
        every = self.count
        for path in paths:
            files = self.of(path)
            if id(files) not in added:  # (every answer is kept in ``known``: ids stay)
                added.add(id(files))
                found.update(files)
                if len(found) == every:
                    break
        return found

    def of(self, path: str) -> list[str]:
        directory = path.rpartition("/")[0]
        found = self.known.get(directory)
        if found is None:
            found = self._nearest(directory)
        return found

    def _nearest(self, directory: str) -> list[str]:
        """The answer for ``directory``, kept for it and for each directory passed on the
        way up (each has no pool file below it, so the same answer): a job's directory
        mostly shares its way up with others', which then stop where it did."""
        passed: list[str] = []
        holding = self.holding
        while True:
            found = self.known.get(directory)
            if found is not None:
                break
            passed.append(directory)
            if directory in holding or not directory:
                found = self._under(directory)
                break
            directory = directory.rpartition("/")[0]
        for directory in passed:
            self.known[directory] = found
        return found

    def _under(self, directory: str) -> list[str]:
        if self.keys is None and not self.ordered:
            return _under(directory, self.files)
        if not directory:
            return list(self.files)
        key = "\x01" + directory.replace("/", "\0\x01")
        if self.keys is None:
            start = bisect_left(self.files, key + "\0", key=walk_order)
            end = bisect_left(self.files, key + "\x01", start, key=walk_order)
        else:
            start = bisect_left(self.keys, key + "\0")
            end = bisect_left(self.keys, key + "\x01", start)  # (after every key below it)
        return list(self.files[start:end])


def _under(directory: str, pool_files: Sequence[str]) -> list[str]:
    prefix = directory + "/" if directory else ""
    return [p for p in pool_files if p.startswith(prefix)]

