"""The context of a run over explicit files, chosen through the index.

:func:`indexed_context` brings the index up to date (each project file's size
and ``st_mtime_ns`` against its entry; changed or new files are recorded
again, gone ones dropped), saves it when it changed, and returns the context
files the given files need (:mod:`.select`), with what those whose record
holds all they give (pools, node classes, handlers) add to the project, built
from the records (:mod:`.pools`) so the run need not parse them. It returns
None when the index cannot answer exactly, and the caller then reads the whole
project as before: a file outside the project, no git work tree, nested
configuration files.
"""

from __future__ import annotations

import gc
import os
import stat
import sys
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence

from spotlint.config.settings import Settings
from spotlint.index import store
from spotlint.index.listing import (
    Listing,
    Row,
    configs_of,
    entered,
    project_files,
    start_listing,
    walk_enters,
    walk_order,
)
from spotlint.index.pools import contribution, stands_in
from spotlint.index.records import Record, build, shared_refs, split, warm_up
from spotlint.index.roles import (
    ALL,
    ANY_LINKS,
    CONFIG_MAPS,
    HANDLERS,
    LINKS_ANY,
    NODE_CLASSES,
    PARTIAL,
    POOLS,
    may_link,
    module_text,
    request_links,
    scan,
)
from spotlint.index.select import ANY_NODE_CLASS, needs_handlers, reads_handlers, select
from spotlint.load import bounded
from spotlint.load.bounded import read_bounded
from spotlint.load.files import MARKDOWN_SUFFIXES
from spotlint.model import Project
from spotlint.value import Value, replace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from spotlint.index.forked import Round

    T = TypeVar("T")

#: A file changed this recently may change again within the same mtime tick
#: (the "racy" case git also guards against): its record is not trusted next time.
RACY_NS = 2_000_000_000
#: Terraform files, whose records also depend on their module directory's other files.
TERRAFORM_SUFFIXES = (".tf", ".tf.json", ".tfvars")


def settings_key(settings: Settings, kinds: Sequence[Any]) -> list[str]:
    """What a record depends on besides the file: root, limits, exclusions, kinds."""
    return [
        os.path.abspath(settings.root), repr(settings.limits), repr(sorted(settings.exclude)),
        str(settings.markdown), str(settings.config_root),
        ",".join(f"{type(k).__module__}.{type(k).__qualname__}" for k in kinds),
    ]


class Context(Value):
    """What a run over explicit files reads besides them.

    A value class written out (:mod:`spotlint.value`), not a dataclass: this module
    was the commit hook's only importer of ``dataclasses``, whose import (``inspect``,
    ``ast``, ``dis``, ``tokenize``) and class generation cost that run ~8 ms.
    """

    #: the context files, in the walk's order (absolute paths)
    paths: list[str]
    #: for those whose record holds all they give (pools, node classes, handlers):
    #: what adds it to the project, keyed by the path as the run names the file;
    #: the run need not parse them
    known: dict[str, Callable[[Project], None]]

    def __init__(
        self, paths: list[str], known: dict[str, Callable[[Project], None]] | None = None,
    ) -> None:
        self.paths = paths
        self.known = {} if known is None else known


def indexed_context(
    paths: Sequence[str], settings: Settings, kinds: Sequence[Any], project: str,
    cache_dir: str | None,
) -> Context | None:
    """The context to read for ``paths`` (files), or None to read the whole project.

    The cyclic collector is off meanwhile: a first run makes thousands of summaries
    and the records' scratch projects, plain data freed by reference counting, and
    each collection only traversed them (~50 ms of the bench's NodePool file, about
    6% of its CPU); a forked child inherits the setting.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _indexed_context(paths, settings, kinds, project, cache_dir)
    finally:
        if collecting:
            gc.enable()


def _indexed_context(
    paths: Sequence[str], settings: Settings, kinds: Sequence[Any], project: str,
    cache_dir: str | None,
) -> Context | None:
    root = os.path.abspath(project)
    given: list[str] = []
    for path in paths:
        rel = os.path.relpath(os.path.abspath(path), root)
        if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isdir(path):
            return None
        given.append(rel.replace(os.sep, "/"))
    listing = start_listing(root)  # git lists the files while the index is loaded
    directory = store.cache_dir(cache_dir, root)
    name = store.key(settings_key(settings, kinds))
    table, shared, unknown = store.load_table(directory, name)
    if not table.paths and listing.pending():  # a first run: every file is recorded or
        warm_up()  # scanned, pools recorded in two processes (imported once, while git lists)
    lazy = all(type(k).__module__.startswith("spotlint.") for k in kinds)
    excluded = _exclusion(settings)
    early: _Early | None = None
    # (the early round takes a file's status from its read, opened without following a
    # link: where the system cannot refuse one, project_files' lstat loop decides)
    if not table.paths and lazy and not settings.debug and _can_fork() and bounded.NOFOLLOW:
        early = _Early.start(listing, given, root, settings, kinds, excluded)
        if early is not None:
            listing = early.listing
    lingering: list[Round] = []  # (the records round whose child writes the index)
    try:
        return _indexed_files(given, settings, kinds, root, listing, excluded, early,
                              directory, name, table, shared, unknown, lazy, lingering)
    finally:
        if early is not None:
            early.cancel()  # (unused: the listing was found unusable, say)
        for begun in lingering:
            begun.release()  # (not sent what to write: an error meanwhile)
        forked = sys.modules.get("spotlint.index.forked")  # (imported when it forked)
        if forked is not None:
            forked.reap()  # (children that answered all, not waited for at their round)


def _indexed_files(
    given: list[str], settings: Settings, kinds: Sequence[Any], root: str, listing: Listing,
    excluded: Callable[[str], bool] | None, early: _Early | None, directory: str, name: str,
    table: store.Table, shared: dict[str, str], unknown: set[str], lazy: bool,
    lingering: list[Round],
) -> Context | None:
    """:func:`indexed_context` from the listing on (``early``: the scan begun, if any;
    ``lingering``: where the records round whose child will write the index goes)."""
    listed = (early.files(excluded) if early is not None else
              project_files(root, excluded, listing, MARKDOWN_SUFFIXES,
                            table.paths[:table.ordered]))
    if listed is None or _nested_configs(root, listed[1], settings):
        return None
    # the files by column (the index keeps no Markdown file), and where each is
    order: list[str]
    sizes: list[int]
    mtimes: list[int]
    order, sizes, mtimes = ([list(column) for column in zip(*listed[0], strict=True)]
                            if listed[0] else ([], [], []))
    now = dict(zip(order, range(len(order)), strict=True))
    stats = _Stats(now, sizes, mtimes)
    real_root = os.path.realpath(root)
    started = time.time_ns()
    records: dict[str, Record] = {}
    partial: dict[str, Record] = {}
    details: dict[str, str] = {}
    modules: dict[str, str | None] = {}
    stale: list[str] = []
    #: the module signature of each Terraform file (:func:`module_signature`; others "")
    signed: dict[str, str | None] = {}
    #: given files git does not list (ignored, say): their size and ``st_mtime_ns``
    unlisted: dict[str, tuple[int, int]] = {}
    for rel in given:
        if rel not in now and rel not in unlisted:
            try:
                given_stat = os.stat(os.path.join(root, rel))
            except OSError:
                continue
            unlisted[rel] = (given_stat.st_size, given_stat.st_mtime_ns)

    def signature(rel: str) -> str | None:
        rel_dir = rel.rpartition("/")[0]
        found = signed[rel] = module_signature(
            os.path.join(root, rel_dir) if rel_dir else root, modules, stats, rel_dir)
        return found

    # Each file against its entry, by column: a file of the same size and time whose
    # entry names no module (not Terraform: written so only for Terraform files) is
    # up to date without asking its name; a Terraform file's module is signed again.
    stored_sizes, stored_mtimes, stored_modules = table.sizes, table.mtimes, table.modules
    summaries, texts = table.summaries, table.details
    # (the files of the run: listed, then given ones git does not list)
    names = [*order, *unlisted]
    all_sizes = [*sizes, *(info[0] for info in unlisted.values())]
    all_mtimes = [*mtimes, *(info[1] for info in unlisted.values())]
    for rel, size, mtime, at in zip(
            names, all_sizes, all_mtimes, map(table.where.get, names), strict=True):
        if at is None or stored_sizes[at] != size or stored_mtimes[at] != mtime:
            if rel.lower().endswith(TERRAFORM_SUFFIXES):
                signature(rel)
            stale.append(rel)
            continue
        stored_module = stored_modules[at]
        if stored_module and signature(rel) != stored_module:
            stale.append(rel)
            continue
        summary = summaries[at]
        if PARTIAL in summary:
            partial[rel] = summary
        else:
            records[rel] = summary
            details[rel] = texts[at]

    def known(rel: str) -> bool:
        """Is ``rel`` a file of the run (listed, or given)?"""
        return rel in now or rel in unlisted

    added: set[str] = set()
    prebuilt = early.records if early is not None else {}

    def key(rel: str) -> tuple[int, int, str | None]:
        """The size, ``st_mtime_ns`` and module signature ("": none) of a file of the run."""
        at = now.get(rel)
        size, mtime = (sizes[at], mtimes[at]) if at is not None else unlisted[rel]
        return size, mtime, signed.get(rel, "")

    def kept(rel: str) -> bool:
        """Is the entry of ``rel`` stored (not changed too recently, its module known)?"""
        _, mtime, module = key(rel)
        return started - mtime > RACY_NS and module is not None and (
            rel in records or rel in partial)

    def changed() -> bool:
        """Is the index saved? When a record was added or a file is gone; a record not
        kept (changed too recently) leaves the stored one, found stale again next time,
        as it is. (The entries are made only then: a warm run saves nothing.)"""
        return bool(any(kept(rel) for rel in added)
                    or table.where.keys() - now.keys() - unlisted.keys())

    def save() -> None:
        fresh: dict[str, store.Entry] = {}
        for rel, size, mtime in zip(names, all_sizes, all_mtimes, strict=True):
            module = signed.get(rel, "")
            if started - mtime > RACY_NS and module is not None:
                if rel in records:
                    fresh[rel] = [size, mtime, records[rel], module, details[rel]]
                elif rel in partial:
                    fresh[rel] = [size, mtime, partial[rel], module, ""]
        strings = {ref: shared[ref] for entry in fresh.values()
                   for ref in shared_refs(entry[4]) if ref in shared}
        # (the listed files come first, in the walk's order: a later run's listing of the
        # same files takes that order as it is)
        store.save(directory, name, fresh, strings, unknown, ordered=sum(
            1 for rel in fresh if rel in now))

    def add(rel: str, stored: Stored) -> None:
        summary, text, strings = stored
        records[rel], details[rel] = summary, text
        shared.update(strings)
        partial.pop(rel, None)
        unknown.discard(rel)
        added.add(rel)

    # A first run's index (thousands of entries, ~30 ms to make and write) is written
    # by the child of its first records round after the scan, which lingers (forked.start)
    # and is sent the records made since it forked, while this process goes on.
    apart = lazy and len(names) >= SAVE_APART_FROM and not settings.debug
    made: list[tuple[str, Stored]] = []  # (the records made, in order)
    sent_from = [-1]  # where the lingering child's part of them begins

    def replay(data: bytes) -> None:
        """(In the lingering child) the records made since it forked, then the save."""
        import pickle

        for rel, stored in pickle.loads(data):
            add(rel, stored)
        save()

    def record(paths: Sequence[str], linger: bool = False) -> None:
        at = len(made)
        built = _build_all([rel for rel in paths if rel not in prebuilt], root, real_root,
                           settings, kinds, replay if linger and not lingering else None,
                           lingering)
        if lingering and sent_from[0] < 0:
            sent_from[0] = at
        for rel in dict.fromkeys(paths):
            stored = built[rel] if rel in built else prebuilt.pop(rel)
            add(rel, stored)
            made.append((rel, stored))

    # Given files are always recorded (a summary that left handlers unknown is no
    # record of them); others only scanned (roles from their bytes) when the run may
    # build records lazily, recorded when a selection needs them.
    needed = [rel for rel in given if known(rel) and (rel not in records or rel in unknown)]
    if lazy:
        record(needed)  # first: whether the run reads handlers is known from them
        handlers = reads_handlers(given, records)
        scanned = [rel for rel in stale if rel not in given]
        if handlers and unknown:  # what runs that read no handler left unknown
            again = set(scanned)
            scanned += [rel for rel in order if rel in unknown and rel not in again
                        and rel not in given]
        summaries = (early.join(scanned, handlers) if early is not None else None) or (
            _scan_all(scanned, root, settings.limits.max_file_bytes, settings.debug, handlers))
        if handlers:
            unknown.difference_update(scanned)
        else:
            unknown.update(scanned)
        # (a file's roles and the names it spells, nothing else: one summary for all
        # files alike, which the index then stores once; see store.save)
        alike: dict[tuple[Any, ...], Record] = {}
        for rel, summary in zip(scanned, summaries, strict=True):
            if len(summary) == 2 and PARTIAL in summary and type(summary.get("names")) is list:
                summary = alike.setdefault((summary[PARTIAL], *summary["names"]), summary)
            if summary.get(PARTIAL) is None:
                records[rel], details[rel] = summary, ""
                partial.pop(rel, None)
            else:
                partial[rel] = summary
                records.pop(rel, None)
                details.pop(rel, None)
            added.add(rel)
    else:
        record(list(dict.fromkeys([*needed, *stale])))
    mapped = bool(settings.clusters)
    def content(path: str) -> Record | None:
        """What the scan knows of the file a ``file://`` request names (see roles)."""
        found = partial.get(path)
        if found is not None:
            return found
        try:
            there = known(path) or os.path.lexists(os.path.join(root, path))
        except (OSError, ValueError):
            there = True  # a name no file system takes: assume the worst
        if there:
            return ANY_LINKS  # recorded, or not scanned: its text is not known here
        return None  # no such file (written when the script runs): nothing is read

    # What each scanned file may be, for these given files (most may be nothing: they
    # stand in as no record at all, as files the prefilter skips do)
    standing = stand_ins(partial, given, content)
    while True:
        view = records
        if standing:
            view = dict(records)
            view.update(standing)
        chosen = select(given, view, order, mapped_clusters=mapped, positions=now)
        missing = [rel for rel in chosen if rel in standing]
        if not missing:
            break
        # Files that may use a given file come first: whether they do decides which
        # jobs' scopes are read at all (a guess that they do would read every scope).
        # Then the files whose role draws in more files: when a job read may take
        # templates from ConfigMaps (every file that may hold one is then read, with
        # its scope), those that may; for a given self-managed group, those that may
        # handle interruptions (the pools nearest each are read). Each found to be no such
        # file takes what it drew in out. Otherwise every file picked is recorded at
        # once (fewer rounds: each costs a selection and a fork).
        batch = [rel for rel in missing if "refs" in view[rel]]
        if not batch and any("config_maps" in view.get(rel, {}) for rel in (
                *given, *(c for c in chosen if "refs" in view.get(c, {})))):
            batch = [rel for rel in missing if "config_maps" in view[rel]]
        if not batch and needs_handlers(given, view):
            batch = [rel for rel in missing if "handlers" in view[rel]]
        batch = batch or missing
        record(batch, apart)  # the selection may change once known
        for rel in batch:
            standing.pop(rel, None)
    if lingering:
        begun = lingering.pop()
        if changed():
            import pickle

            pid = begun.send(pickle.dumps(made[sent_from[0]:], protocol=pickle.HIGHEST_PROTOCOL))
            if pid is not None:
                store.saving(pid)  # (waited for before this process ends or reads an index)
            else:
                save()  # (the child is gone)
        else:
            begun.release()
    elif changed():
        save()
    found = Context([os.path.join(root, rel.replace("/", os.sep)) for rel in chosen])
    for rel, path in zip(chosen, found.paths, strict=True):
        if stands_in(records.get(rel, {})):
            normal = os.path.normpath(path)
            adds = contribution(details[rel], normal, shared)
            if adds is not None:
                found.known[normal] = adds
    return found


class _Stats(Mapping[str, tuple[int, int]]):
    """The size and ``st_mtime_ns`` of each listed file by its relative path, read from
    the listing's columns (:func:`module_signature` asks a few; a dictionary of them
    all cost every run ~1.5 ms to make)."""

    def __init__(self, where: dict[str, int], sizes: list[int], mtimes: list[int]) -> None:
        self.where = where
        self.sizes = sizes
        self.mtimes = mtimes

    def __getitem__(self, rel: str) -> tuple[int, int]:
        at = self.where[rel]
        return self.sizes[at], self.mtimes[at]

    def __len__(self) -> int:
        return len(self.where)

    def __iter__(self) -> Iterator[str]:
        return iter(self.where)


def _scan(root: str, rel: str, limit: int, texts: dict[str, bytes],
          summaries: dict[str, Record], handlers: bool = True) -> Record:
    """The summary of a file not recorded yet: its roles (:mod:`.roles`; handlers only
    when ``handlers``), or the empty record when the prefilter leaves it unparsed."""
    path = os.path.join(root, rel)
    try:
        data = read_bounded(path, limit)
    except OSError:
        return {PARTIAL: ALL, "names": []}
    return _scan_data(path, rel, data, limit, texts, summaries, handlers)


def _scan_data(path: str, rel: str, data: bytes, limit: int, texts: dict[str, bytes],
               summaries: dict[str, Record], handlers: bool) -> Record:
    """:func:`_scan` of the file's bytes, ``data``."""
    if not rel.lower().endswith(TERRAFORM_SUFFIXES):
        return scan(path, data, limit, handlers=handlers)
    # a Terraform file is scanned as its module (its own bytes only for the checks
    # that make every role possible): once per module directory
    directory = os.path.dirname(path)
    key = f"{directory}\0summary"
    plain = len(data) <= limit and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and (
        b"\x00" not in data[:8192])
    if not plain or key not in summaries:
        summary = scan(path, data, limit, module_text(directory, texts), handlers)
        if not plain:
            return summary
        summaries[key] = summary
    return dict(summaries[key])


def stand_ins(
    partial: Mapping[str, Record], given: Collection[str],
    content: Callable[[str], Record | None],
) -> dict[str, Record]:
    """:func:`stand_in_for` each file only scanned, those that stand in as something.

    A file that can name no file and defines no node class stands in by its roles
    alone (as :func:`~spotlint.index.roles.may_link` answers for it: no reference):
    one stand-in serves all such files of the same roles (most files only scanned,
    ~1,000 of a 4,000-file project, each cost ~3 us to make one)."""
    standing: dict[str, Record] = {}
    alike: dict[int, Record] = {}
    for rel, summary in partial.items():
        roles = summary.get(PARTIAL, ALL)
        if roles & (LINKS_ANY | NODE_CLASSES) or summary.get("names") or (
                "requests" in summary) or (summary.get("pieces") and not summary.get("literal")):
            stand_in = stand_in_for(summary, rel, given, content)
        elif roles in alike:
            stand_in = alike[roles]
        else:
            stand_in = alike[roles] = stand_in_for(summary, rel, given, content)
        if stand_in:
            standing[rel] = stand_in
    return standing


def stand_in_for(
    summary: Record, rel: str, given: Collection[str],
    content: Callable[[str], Record | None] = lambda path: ANY_LINKS,
) -> Record:
    """What selection may assume of a file only scanned: every role it may play, and a
    reference to each given file it may name, itself or through a ``file://`` request
    (``content``: what the scan knows of a request file, see
    :func:`~spotlint.index.roles.request_links`). Selection reads such a file only when
    one of those matters; it is then recorded and the selection made again."""
    roles = summary.get(PARTIAL, ALL)
    record: Record = {}
    if roles & POOLS:
        record["pools"] = [{"node_class": None}]
    if roles & NODE_CLASSES:
        record["node_classes"] = [[ANY_NODE_CLASS, summary.get("words"),
                                   summary.get("pieces", [])]]
    if roles & HANDLERS:
        record["handlers"] = 1
    if roles & CONFIG_MAPS:
        record["config_maps"] = True
    refs = [target for target in given if may_link(summary, rel, target) or (
        "requests" in summary and request_links(summary, rel, target, content))]
    if refs:
        record["refs"] = refs
    return record


class _Listed(Listing):
    """A listing git has answered, its paths decoded once (:func:`project_files` asks
    for them again)."""

    def __init__(self, paths: list[str], unsure: list[str]) -> None:  # (git is done)
        self.paths = paths
        self.unsure = unsure

    def pending(self) -> bool:
        return False

    def result(self) -> list[str] | None:
        return self.paths


class _Early:
    """A first run's scan, begun as soon as git has listed the files, and its ``lstat``.

    A first run scans every file of the project (:func:`_scan_all`) after
    :func:`project_files` has taken the ``lstat`` of each one (4,000 in the commit
    hook's bench). Here the listing is shared at once between this process and one
    forked child (:func:`forked.start`), which each take a piece, find its files as
    :func:`project_files` would (candidate names, outside skipped or excluded
    directories) and read each one: opened without following a symbolic link and
    without waiting (a FIFO), the ``fstat`` of what was opened is the ``lstat`` the index
    keys the file by, and what was read is scanned. The ``lstat`` loop (~25 ms of this
    process's time while the child scanned alone) is gone, and the scan is shared from
    the start. Files the scan does not read (Markdown, the given files) and files that
    could not be opened take an ``lstat`` as before. :meth:`files` gives what
    :func:`project_files` gives; the scan's result is the same: only the summaries of the
    files the run scans are taken, and a file not read is scanned here (:meth:`join`).

    The scan asks for handlers only when the given files read them
    (:func:`~spotlint.index.select.reads_handlers`): the given files' records are built
    first (while git still lists, when it does) and kept for the run.
    """

    def __init__(self, listing: _Listed, records: dict[str, Stored], handlers: bool,
                 scan: Round | None, root: str, limit: int) -> None:
        #: the listing, answered
        self.listing = listing
        #: the given files' records (as :func:`_build_all` gives them)
        self.records = records
        #: whether the scan asked for handlers
        self.handlers = handlers
        self.scan = scan
        self.root = root
        self.limit = limit
        #: each file read's summary (:meth:`files`)
        self.found: dict[str, Record] = {}

    @staticmethod
    def start(listing: Listing, given: Sequence[str], root: str, settings: Settings,
              kinds: Sequence[Any], excluded: Callable[[str], bool] | None) -> _Early | None:
        """The given files' records built and the round's child forked, once git has
        listed the files; None when git cannot answer (:func:`project_files` finds so) or
        the listing is too short to share."""
        real_root = os.path.realpath(root)
        records: dict[str, Stored] | None = None
        if listing.pending():  # (the records while git lists)
            records = _build_all(list(dict.fromkeys(given)), root, real_root, settings, kinds)
        listed = listing.result()
        if listed is None:
            return None
        if records is None:
            records = _build_all(list(dict.fromkeys(given)), root, real_root, settings, kinds)
        handlers = reads_handlers(given, {rel: stored[0] for rel, stored in records.items()})
        limit = settings.limits.max_file_bytes
        scan = None
        if len(listed) > SCAN_CHUNK:
            from spotlint.index import forked

            bounds = _guided(len(listed))
            scan = forked.start(_early_task(listed, bounds, set(given), root, limit, handlers,
                                            excluded), len(bounds) - 1)
        return _Early(_Listed(listed, listing.unsure), records, handlers, scan, root, limit)

    def files(self, excluded: Callable[[str], bool] | None) -> tuple[list[Row], list[str]] | None:
        """What :func:`project_files` gives for the listing (None: not usable), from the
        round, joined here (this process takes pieces too); from :func:`project_files`
        itself when no round was begun (a short listing)."""
        from spotlint.load.discover import CANDIDATE_SUFFIXES

        root = self.root
        if self.scan is None:
            return project_files(root, excluded, self.listing, MARKDOWN_SUFFIXES)
        listed = self.listing.paths
        if self.listing.unsure and walk_enters(root, self.listing.unsure, CANDIDATE_SUFFIXES,
                                               entered(root, excluded)[1]):
            return None  # (the child is ended by the caller's cancel)
        scan, self.scan = self.scan, None
        # (each row with its walk_order key, made in the round, and its place in the
        # listing: sorted so, the rows come in project_files' order, a stable sort by the
        # key, without a key made here for each file, ~4 ms at 4,000 files)
        ordered: list[tuple[str, int, Row]] = []
        summaries = self.found
        for piece in scan.join():
            for key, rel, size, mtime, summary in piece:
                if size < 0:
                    return None  # a link or a directory where git lists a file
                ordered.append((key, len(ordered), (rel, size, mtime)))
                if summary is not None:
                    summaries[rel] = summary
        ordered.sort()
        return [row for _, _, row in ordered], configs_of(listed, "\0".join(listed))

    def join(self, scanned: Sequence[str], handlers: bool) -> list[Record] | None:
        """The summaries of ``scanned``, in its order (None: the round scanned with
        ``handlers`` other than these). A file the round did not read is scanned here."""
        if handlers != self.handlers:
            return None
        found = self.found
        texts: dict[str, bytes] = {}
        summaries: dict[str, Record] = {}
        done: list[Record] = []
        for rel in scanned:
            summary = found.get(rel)
            if summary is None:
                summary = _scan(self.root, rel, self.limit, texts, summaries, handlers)
            done.append(summary)
        return done

    def cancel(self) -> None:
        """End the child (nothing when joined): its round is not used."""
        if self.scan is not None:
            self.scan.cancel()
            self.scan = None


def _guided(count: int) -> list[int]:
    """Where the pieces of ``count`` entries begin (and, last, where they end): of
    :data:`SCAN_CHUNK` entries, then a quarter of what is left, at least
    :data:`LAST_CHUNK`. The two processes take the next piece as they finish one:
    small pieces at the end end them together (with pieces of 256 files, ~20 ms each, one
    of them waited ~4 ms on average for the other's last one in the commit hook's scan)."""
    bounds = [0]
    at = 0
    while at < count:
        at += max(min(SCAN_CHUNK, (count - at) // 4), LAST_CHUNK)
        bounds.append(min(at, count))
    return bounds


def _early_task(
    listed: list[str], bounds: Sequence[int], given: Collection[str], root: str, limit: int,
    handlers: bool, excluded: Callable[[str], bool] | None,
) -> Callable[[int], list[tuple[str, str, int, int, Record | None]]]:
    """The early round's piece ``index``: the files among ``listed[bounds[index]:...]``
    that :func:`project_files` would give (candidate names but Markdown's, outside the
    directories the walk skips or ``exclude`` names, regular files), each after its
    :func:`walk_order` key, with its size, ``st_mtime_ns`` and the summary of what was
    read (None: not read, e.g. a given file, one that could not be opened: the run scans
    it itself if it scans it); a link or a directory among the candidates (Markdown's
    too) has size -1: the listing is then not usable."""
    from spotlint.load.discover import CANDIDATE_SUFFIXES

    prefix = os.path.join(root, "")  # (a directory's path: as project_files asks it)
    dirs, dir_ok = entered(root, excluded)
    texts: dict[str, bytes] = {}  # by module directory, in each process
    summaries: dict[str, Record] = {}
    lstat, kind, regular = os.lstat, 0o170000, stat.S_IFREG
    unusable = (stat.S_IFLNK, stat.S_IFDIR)

    def task(index: int) -> list[tuple[str, str, int, int, Record | None]]:
        done: list[tuple[str, str, int, int, Record | None]] = []
        piece = listed[bounds[index]:bounds[index + 1]]
        # (lowercased at once, as project_files does; a directory asked once a run of its
        # files, which git lists together)
        last, ok = "", True
        for rel, lowered in zip(piece, "\0".join(piece).lower().split("\0"), strict=True):
            if not lowered.endswith(CANDIDATE_SUFFIXES):  # is_candidate_name
                continue
            parent = rel.rpartition("/")[0]
            if parent != last:
                known = dirs.get(parent)
                last, ok = parent, known if known is not None else dir_ok(parent)
            if not ok:
                continue
            path = prefix + rel
            if excluded is not None and excluded(path):
                continue
            info: os.stat_result
            summary: Record | None = None
            markdown = lowered.endswith(MARKDOWN_SUFFIXES)
            if markdown or rel in given:
                try:
                    info = lstat(path)
                except OSError:
                    continue  # (deleted but still in git's index)
            else:
                status: list[os.stat_result] = []
                try:  # (no link followed, not waiting on a FIFO or device)
                    data = read_bounded(path, limit, True, status, True)
                except OSError:
                    if status:  # (opened: what it is, as lstat would have said)
                        info = status[0]
                    else:  # (not opened: a link, unreadable, gone...)
                        try:
                            info = lstat(path)
                        except OSError:
                            continue  # (deleted but still in git's index)
                else:
                    info = status[0]
                    summary = _scan_data(path, rel, data, limit, texts, summaries, handlers)
            mode = info.st_mode & kind  # (stat.S_IS*, without three calls a file)
            if mode == regular:
                if not markdown:  # (the index keeps no Markdown file)
                    done.append((walk_order(rel), rel, info.st_size, info.st_mtime_ns, summary))
            elif mode in unusable:
                done.append(("", rel, -1, 0, None))
        return done

    return task


def _can_fork() -> bool:
    return hasattr(os, "fork") and hasattr(os, "pipe")  # (forked.can_fork, not imported)


#: From this many files in the project, the index is written by a lingering child
#: (:func:`_indexed_files`); below, here, as it is small.
SAVE_APART_FROM = 1000


#: Below this many files, records are built (or files scanned) in this process:
#: forking costs more than it saves.
PARALLEL_FROM = 8
#: Files per piece (but a Terraform module's, :func:`_record_pieces`): small, so the two
#: processes share the costly ones.
CHUNK = 2
#: Files per piece when scanning (a scan costs ~0.1 ms, a record ~5 ms).
SCAN_CHUNK = 256
#: The fewest listed files in a piece of a first run's early round (:func:`_guided`).
LAST_CHUNK = 16


def _in_parallel(task: Callable[[int], list[T]], count: int, total: int,
                 debug: bool, linger: Callable[[bytes], object] | None = None,
                 lingering: list[Round] | None = None) -> list[T]:
    """``task(0) + ... + task(count - 1)``, shared with one forked process when ``total``
    (the files) is worth it (:mod:`.forked`). With ``linger``, the round is put in
    ``lingering`` when its child lingers (:func:`forked.start`)."""
    if count > 1 and total >= PARALLEL_FROM and not debug:
        from spotlint.index import forked

        if linger is None or lingering is None:
            return [r for part in forked.shared_map(task, count) for r in part]
        begun = forked.start(task, count, linger)
        parts = begun.join()
        if begun.lingering is not None:
            lingering.append(begun)
        return [r for part in parts for r in part]
    return [r for index in range(count) for r in task(index)]


#: A record as stored (:func:`~spotlint.index.records.split`): its summary, its details as
#: JSON text, and the shared strings those name.
Stored = tuple[Record, str, dict[str, str]]


def _build_all(
    stale: Sequence[str], root: str, real_root: str, settings: Settings, kinds: Sequence[Any],
    linger: Callable[[bytes], object] | None = None, lingering: list[Round] | None = None,
) -> dict[str, Stored]:
    """The records of ``stale`` files, as stored; several are built by one process per
    core, each splitting its own (the JSON text of a record's details crosses the pipe
    faster than the record, and is written where it is made)."""
    pieces = _record_pieces(stale)

    def chunk(index: int) -> list[Stored]:
        done: list[Stored] = []
        for rel in pieces[index]:
            strings: dict[str, str] = {}
            summary, text = split(build(os.path.join(root, rel), rel, real_root, settings,
                                        kinds), strings)
            done.append((summary, text, strings))
        return done

    built = dict(zip([rel for piece in pieces for rel in piece],
                     _in_parallel(chunk, len(pieces), len(stale), settings.debug, linger,
                                  lingering), strict=True))
    return {rel: built[rel] for rel in stale}  # (in the given order, as before)


def _record_pieces(stale: Sequence[str]) -> list[list[str]]:
    """``stale`` in the pieces the processes take: the Terraform files of one module
    directory together, and first; the others by :data:`CHUNK`.

    A Terraform file's record reads its module's scope (every ``.tf`` and ``.tfvars`` of
    its directory parsed, :mod:`spotlint.load.hcl_module`), which each process parses
    for itself: files of one module recorded by both processes parsed it twice (the
    commit hook's first run: a third more HCL read in all). Terraform records cost
    ~10 times a YAML one: taken first, the processes end together."""
    modules: dict[str, list[str]] = {}
    rest: list[str] = []
    for rel in stale:
        if rel.lower().endswith(TERRAFORM_SUFFIXES):
            modules.setdefault(rel.rpartition("/")[0], []).append(rel)
        else:
            rest.append(rel)
    return [*modules.values(), *(rest[at:at + CHUNK] for at in range(0, len(rest), CHUNK))]


def _scan_all(stale: Sequence[str], root: str, limit: int, debug: bool,
              handlers: bool = True) -> list[Record]:
    """The summaries of ``stale`` files (:func:`_scan`), many by one process per core."""
    texts: dict[str, bytes] = {}  # by module directory, in each process
    summaries: dict[str, Record] = {}

    def chunk(index: int) -> list[Record]:
        return [_scan(root, rel, limit, texts, summaries, handlers)
                for rel in stale[index * SCAN_CHUNK:(index + 1) * SCAN_CHUNK]]

    return _in_parallel(chunk, -(-len(stale) // SCAN_CHUNK), len(stale), debug)


def _exclusion(settings: Settings) -> Callable[[str], bool] | None:
    """``exclude`` as the walk applies it, asked of the one configuration governing the
    run (with several, the index is not used), so no file asks for its own scope; None
    when nothing is excluded."""
    if not settings.exclude and settings.markdown:
        return None
    from spotlint.engine.reading import exclusion

    return exclusion(replace(settings, scoped=None))


def _nested_configs(root: str, configs: Sequence[str], settings: Settings) -> bool:
    """Does some configuration file other than the one governing the run sit in the
    project? Then files are judged by several scopes, which the index does not key."""
    return other_config_in((os.path.join(root, os.path.dirname(rel)) for rel in configs),
                           settings)


def other_config_in(directories: Iterable[str], settings: Settings) -> bool:
    """Does one of ``directories`` hold a configuration file other than the one
    governing ``settings``? (Also asked by the language server's in-memory records.)"""
    from spotlint.config.files import own_config_file

    governing = os.path.abspath(settings.config_path) if settings.config_path else None
    for directory in directories:
        found = own_config_file(directory)
        if found is not None and os.path.abspath(found) != governing:
            return True
    return False


def module_signature(
    directory: str, known: dict[str, str | None],
    listed: Mapping[str, tuple[int, int]] | None = None, rel_dir: str = "",
) -> str | None:
    """The ``.tf`` and ``.tfvars`` files of a Terraform module directory, by name, size and
    modification time: a Terraform file's pools depend on its module's variables and
    ``.tfvars`` (read as the loader reads them, ignored files included). None when one
    of them changed within the last two seconds (its record is not kept).

    ``listed``: the size and modification time of the files whose ``lstat`` the listing
    took already, by relative path (``rel_dir``: the directory's, ``/``-separated; ""
    for the root), regular files all; for the others ``stat`` is asked here, as a
    directory entry's ``is_file()`` and ``stat()`` would ask it (links followed, broken
    ones left out). (A ``scandir`` and a ``stat`` of each Terraform file cost the commit
    hook's run ~5 ms for 84 module directories.)"""
    if directory in known:
        return known[directory]
    found: list[str] = []
    racy = time.time_ns() - RACY_NS
    prefix = rel_dir + "/" if rel_dir else ""
    signature: str | None
    try:
        for name in sorted(os.listdir(directory)):
            if not name.lower().endswith((".tf", ".tfvars")):
                continue
            info = listed.get(prefix + name) if listed is not None else None
            if info is None:
                try:
                    found_stat = os.stat(os.path.join(directory, name))
                except FileNotFoundError:
                    continue  # (a broken link: no file)
                if not stat.S_ISREG(found_stat.st_mode):
                    continue
                info = (found_stat.st_size, found_stat.st_mtime_ns)
            if info[1] > racy:
                found = []
                break
            found.append(f"{name}:{info[0]}:{info[1]}")
        else:
            found.append("")
        signature = store.digest8(
            "/".join(found).encode("utf-8", "surrogateescape")) if found else None
    except OSError:
        signature = None
    known[directory] = signature
    return signature
