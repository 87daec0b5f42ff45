"""A whole run over several processes: each reads, recognizes and checks part of the files.

Reading and recognizing files is most of a large run, and one file's trees are
needed only by its own findings (and by the findings of the few files that use
it). So after discovery the run forks: every process takes pieces of the file
list from one pipe (a piece's number is two bytes, a pipe read of two bytes is
atomic: each piece goes to exactly one process, and a busy core takes fewer),
reads and recognizes each file of its pieces into a project of that file's own,
and writes for each a compact record of what other files' findings depend on
(pools, node classes, interruption handlers, which files its jobs use: the
commit hook's records, :mod:`spotlint.index.records`, made by the :class:`Joins`
the caller gives). Trees never cross
between processes: unpickling a located tree costs more than parsing it.

Records go to this process, which sends every process all of them. Each then
chooses from them what its own files' findings depend on, as the commit hook
does (:func:`spotlint.index.select.select`): a file whose record holds all it
gives (pools, node classes, handlers) is built back from its record, any
other (a job using one of its templates) is read again. It puts its project
together in the order of the walk (each file's objects where a serial run puts
them), links templates, and checks rules, stamps and applies suppressions for
its own files only; the others send their findings (and the texts of the files
holding them) back. Findings are then sorted as a serial run sorts them: the
output is byte for byte the serial one's.

Anything this cannot reproduce exactly makes the run serial instead: a file
read because another names it (a template outside the walk), a file found
twice under two names in two processes, files judged by several configuration
files, plugins (whose rules may join any files). So does any failure of a
forked process: the whole run is done again in this one, and nothing is lost.
"""

from __future__ import annotations

import contextlib
import io
import os
import select  # (every process of a split run waits on pipes: imported once, before the fork)
import sys
import warnings
from collections import deque
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from spotlint.engine import collector
from spotlint.engine.normalizing import normalize_file
from spotlint.engine.progress import Progress
from spotlint.load.base import LoadedFile
from spotlint.load.discover import Candidate, key_of, walked
from spotlint.model import PodTemplate, Project
from spotlint.result import RunResult, Source

TYPE_CHECKING = False

# ``pickle``'s C core: the module (~1-2 ms of start-up before the fork, in Python) adds
# nothing the exchange uses.
if TYPE_CHECKING:
    import pickle
    from typing import Any, BinaryIO, NoReturn, Protocol
else:
    Protocol = object  # (a plain base at run time: nothing tests against it)
    try:
        import _pickle as pickle
    except ImportError:  # pragma: no cover - (another Python: the module)
        import pickle

if TYPE_CHECKING:
    from spotlint.config.settings import Settings
    from spotlint.engine.raw import RawFinding
    from spotlint.engine.reading import FileSet, Listing
    from spotlint.finding import Finding
    from spotlint.plugins.manager import Registry

#: What a report writes ahead with (:func:`split_run`'s ``ahead``): a finding, and the
#: text of its file when the run holds it as the file's own (a :class:`Source` read as
#: plain UTF-8: what reading the file again gives), else None. It may say how many
#: findings it may be handed (``room``, :func:`_room`), and write part of a finding's text
#: where the finding is made: ``prepare(finding, text)`` gives a value (pickled) that
#: ``take(finding, text, prepared)`` then keeps as if it had been handed the finding
#: (a forked process prepares those it sends: :class:`_Early`); ``prepare_early`` False
#: says a finding's text needs nothing the forked process alone holds (its file's text),
#: so those it sends before ``finish`` once this process waits are left for it to write.
Ahead = Callable[["Finding", "str | None"], None]

#: The pickle protocol of what the processes exchange (``pickle.HIGHEST_PROTOCOL``).
_PROTOCOL = 5

#: A run of fewer candidate files stays in one process (bench/README.md, "Parallelism":
#: below this, forking and exchanging records cost more than the second core saves).
MIN_FILES = 300
#: A part that read fewer files keeps their trees until the process ends
#: (:meth:`Part.releases`).
RELEASE_FROM = 1_000
#: Files per piece of the shared work pipe: a few, so that neighbouring files (a job
#: and the template beside it) mostly end up in the same process.
CHUNK = 8
#: Piece numbers are two bytes; every number is written before the fork (a pipe holds
#: 64 KiB on Linux), so this bounds the pieces.
MAX_PIECES = 30_000
_WIDTH = 2


class Unsupported(Exception):
    """The run cannot be split exactly: it is run in one process instead."""


class Run(Protocol):
    """The state of one process's part of a run (:class:`spotlint.engine.run.Run`)."""

    settings: Settings
    registry: Registry
    files: FileSet
    raw: list[RawFinding]
    project: Project
    templates_by_path: dict[str, list[PodTemplate]]


class Joins(Protocol):
    """What joins one file's findings to other files, as the processes of a split run
    tell each other: given by a layer that knows the project index (the command line
    passes :class:`spotlint.cli.joins.IndexJoins`), so the engine need not."""

    def prepare(self) -> None:
        """Called before the fork: import what every process will need, once."""
        ...

    def record(
        self, project: Project, key: str, rel: str, loaded: LoadedFile, reads: Sequence[str],
        real_root: str, rel_of: Callable[[str], str],
    ) -> dict[str, Any]:
        """The record of the file ``key`` (``rel`` below ``real_root``), recognized alone
        into ``project``; ``reads``: the real paths its kinds read; ``rel_of`` makes a real
        path relative as ``rel`` is."""
        ...

    def choose(
        self, given: Sequence[str], records: dict[str, dict[str, Any]], order: Sequence[str],
        mapped: bool,
    ) -> set[str]:
        """The files (relative paths) whose objects the findings of ``given`` depend on."""
        ...

    def stand_in(self, record: dict[str, Any], key: str) -> Callable[[Project], None] | None:
        """What adds the file's objects to a project from its record, when the record
        holds all it gives other files; None when the file must be read again."""
        ...


def can_fork() -> bool:
    return hasattr(os, "fork") and hasattr(os, "pipe")


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def processes_for(workers: int | None, files: int) -> int:
    """How many processes share a run of ``files`` candidate files.

    ``workers`` as asked (``--jobs``; never more than there are pieces of files); by
    default two when the run is large enough to pay (:data:`MIN_FILES`) and a second
    core exists, else one. One where ``fork`` is missing.
    """
    if not can_fork():
        return 1
    pieces = -(-files // CHUNK)
    if workers is not None:
        return max(1, min(workers, pieces))
    if files < MIN_FILES or cores() < 2:
        return 1
    return 2


# -- one process's part ------------------------------------------------------------


class Part:
    """What one process reads, recognizes and checks of a split run."""

    def __init__(
        self, run: Run, found: list[Candidate], real_root: str, joins: Joins,
        mapped: bool = False, processes: int = 2, progress: Progress | None = None,
    ) -> None:
        self.run = run
        self.joins = joins
        self.mapped = mapped
        self.processes = processes
        #: this process's view of where the run is (the others' parts go alike)
        self.progress = progress or Progress()
        self.found = found
        self.real_root = real_root
        #: own files: candidate number -> the run's key of the file read
        self.own: dict[int, str] = {}
        #: each file recognized here (own or context): its objects and templates
        self.slices: dict[str, tuple[Project, list[PodTemplate]]] = {}
        #: the real paths each file's kinds read (Terraform ``file()``)
        self.reads: dict[str, list[str]] = {}
        #: which candidates some part read (1 at their number; known once records are
        #: exchanged)
        self.read = bytearray()
        #: whether the process goes on once its findings are made (this one merges and
        #: reports them; a forked one sends them and ends, and need not free its trees)
        self.keeps_going = True
        #: where a forked process learns of the files the walk finds after the fork
        self.feed: _Feed | None = None
        #: what sends this part's findings as soon as they are made, and each file's as
        #: ``finish`` places its fixes (a forked process's: :func:`_child`)
        self.early: _Early | None = None

    def made(self, findings: Sequence[Finding], sources: Mapping[str, Source]) -> None:
        """This part's findings are made (stamped and marked), with the texts of their
        files; ``finish`` comes next."""
        if self.early is not None:
            self.early.send(findings, sources)

    def finished(
        self, result: RunResult, finish: Callable[[RunResult], RunResult],
    ) -> RunResult:
        """``finish`` applied to this part's result: file by file, each file's findings
        sent as soon as they are finished, in a forked process when ``finish`` allows it
        (:class:`ByFile`); else at once."""
        if self.early is not None and isinstance(finish, ByFile):
            return self.early.finished(result, finish)
        return finish(result)

    def read_pieces(self, pieces: Iterable[int]) -> None:
        """Read and recognize the files of ``pieces`` (each file into a project of its own),
        with the time budget's clock running, as a serial run reads and recognizes.

        Each file is recognized as soon as it is read: a process takes its next piece
        once it is done with the last, so the processes end their reading together. (Did
        they recognize their files after reading them all, the process with more files,
        the one that read while the other walked, ended ~3 ms later at 1,000 files.)"""
        found = self.found
        files = self.run.files
        progress = self.progress
        feed = self.feed
        with files.budget.running(), collector.building():
            progress.enter("reading files", len(found))
            for piece in pieces:
                if feed is not None:  # the piece's files, and any the walk found since
                    feed.until((piece + 1) * CHUNK)
                if piece * CHUNK >= len(found):
                    break  # (the walk has ended before this piece)
                for number in range(piece * CHUNK, min((piece + 1) * CHUNK, len(found))):
                    key = self._take(found[number])
                    if key is not None:
                        self.own[number] = key
                        self._recognize(key)
                progress.done = min(len(found), progress.done + CHUNK * self.processes)
            if feed is not None:
                feed.until(None)  # the whole walk (a file may be read again by its number)

    def _take(self, candidate: Candidate) -> str | None:
        """Read one candidate; its key when the run took it as a file (read or empty)."""
        files = self.run.files
        files.take(candidate)
        key = key_of(candidate.path, candidate.real)
        return key if key in files.files else None

    def _recognize(self, key: str) -> None:
        run = self.run
        loaded = run.files.files[key]
        scratch = Project()
        if not loaded.documents and not loaded.embedded:
            # (nothing to recognize: an empty or irrelevant file, ~40% of a Spark-heavy
            # tree; normalize_file adds nothing for it either)
            self.slices[key] = (scratch, [])
            return
        reads: list[str] = []
        reported = len(run.raw)
        new = normalize_file(
            loaded, run.registry.kinds, scratch, run.settings.root,
            run.settings.for_path(key).limits, run.raw, run.files.budget,
            run.settings.debug, read_file=reads.append,
        )
        self.slices[key] = (scratch, new)
        # A file whose recognition reports findings in another file (a request file its
        # script names) is needed by that file's process, as its record then says.
        reads.extend(os.path.realpath(r.location.path) for r in run.raw[reported:]
                     if r.location.path != key)
        if reads:
            self.reads[key] = reads

    def summary(self) -> dict[str, Any]:
        """What the others need of this part: its files, their real paths and records."""
        files = self.run.files
        records: dict[int, dict[str, Any]] = {}
        reals: dict[int, str] = {}
        rels: dict[int, str] = {}
        referenced: list[str] = []
        # (:meth:`FileSet.real_of` and :meth:`rel`, written out for the walk's files: asked
        # for each file this part read, ~500 at 1,000 files)
        walked_real = files.walked_real
        root = self.real_root
        cut = len(root) + 1
        plain = os.sep == "/" and not root.endswith("/")
        for number, key in self.own.items():
            real_path = reals[number] = walked_real.get(key) or files.real_of(key)
            if plain and real_path.startswith(root) and real_path[cut - 1:cut] == "/":
                rel = rels[number] = real_path[cut:]
            else:
                rel = rels[number] = self.rel(real_path)
            loaded = files.files[key]
            if not loaded.documents and not loaded.embedded:
                continue  # (recognized into nothing: its record is empty)
            reads = self.reads.get(key, [])
            referenced.extend(reads)
            record = self.joins.record(self.slices[key][0], key, rel, loaded, reads,
                                       self.real_root, self.rel)
            if record:
                records[number] = record
        return {"own": self.own, "reals": reals, "rels": rels, "records": records,
                "referenced": referenced}

    def rel(self, real_path: str) -> str:
        """A real path relative to the real root, ``/``-separated (as the index names files)."""
        root = self.real_root
        if real_path.startswith(root) and real_path[len(root):len(root) + 1] == os.sep:
            rel = real_path[len(root) + 1:]
        else:
            rel = os.path.relpath(real_path, root)
        return rel if os.sep == "/" else rel.replace(os.sep, "/")

    def assemble(self, shared: dict[str, Any]) -> None:
        """The project this part's findings need, in the walk's order (see the module),
        and how its jobs find their templates (:attr:`templates_at`).

        What was only needed to put it together goes once it is: each file's own scratch
        project (its objects are in the run's now), and (the caller's part) the records
        and names exchanged. The rules then allocate into the memory those held: at
        10,000 files each process's peak was ~14 MB lower without the records and ~4 MB
        without the scratch projects (bench tree PSS 246 -> 217 MB, json)."""
        run = self.run
        keys: dict[int, str] = shared["keys"]
        reals: dict[int, str] = shared["reals"]
        rels: dict[int, str] = shared["rels"]
        records: dict[int, dict[str, Any]] = shared["records"]
        order = sorted(keys)
        given = [rels[n] for n in self.own]
        chosen = self.joins.choose(given, {rels[n]: r for n, r in records.items()},
                                   [rels[n] for n in order], self.mapped)
        context: list[str] = []
        with run.files.budget.running(), collector.building():
            for number in order:
                if number in self.own:
                    self._splice(keys[number])
                elif rels[number] in chosen:
                    self._add_context(number, keys[number], records.get(number, {}), context)
        templates: dict[str, list[PodTemplate]] = {}
        for key in [*self.own.values(), *context]:
            new = self.slices[key][1]
            if new:
                templates.setdefault(run.files.real_of(key), []).extend(new)
        run.templates_by_path = templates
        self.slices.clear()  # each file's objects are in the project now
        # What the rest of the part keeps of the records and names exchanged (they go once
        # the project is put together): the real paths whose templates a job may ask for
        # (this part's files and those chosen), and which candidates some part read (by
        # number; a name is made again from the candidate in the rare case it is asked
        # for). At 10,000 files a map of every file's real path and a set of every
        # file's name held ~2 MB in each process.
        wanted = {real_path for number, real_path in reals.items()
                  if number in self.own or rels[number] in chosen}
        read = self.read = bytearray(len(self.found))
        for number in keys:
            read[number] = 1

        def templates_at(real_path: str) -> list[PodTemplate]:
            """A file's templates, as :meth:`Run.templates_at` gives them to a job."""
            found = templates.get(real_path)
            if found is not None:
                return found
            if real_path not in wanted:
                raise Unsupported(self._not_wanted(real_path))
            return templates.setdefault(real_path, [])

        self.templates_at: Callable[[str], list[PodTemplate]] = templates_at
        run.files.linted = set(self.own.values())

    def _not_wanted(self, real_path: str) -> str:
        """Why the templates of a file this part did not put together cannot be given."""
        from spotlint.engine.paths import real

        for number, candidate in enumerate(self.found):
            if self.read[number] and (candidate.real or real(
                    os.path.normpath(candidate.path))) == real_path:
                return f"{real_path} was not chosen"
        # (a serial run reads it now, and reports on it)
        return f"{real_path} is read only because a job names it"

    def reported_elsewhere(self, paths: Collection[str]) -> None:
        """Findings this part made in other files must lie in a file some part reports on
        (a serial run reports findings wherever they lie)."""
        if not paths:
            return
        # A read candidate whose path is spelled as a key (normalized: as the walk
        # spells nearly all) answers by a set lookup: a scan testing every candidate
        # for every name asked took ~1 ms at 1,000 files and ~20 ms at 10,000.
        plain = {candidate.path for candidate, read in zip(self.found, self.read, strict=True)
                 if read}
        left = [path for path in paths if path not in plain or os.path.normpath(path) != path]
        if not left:
            return
        # (only candidates whose path holds a name asked about can be one: a few of 1,000)
        names = {path.rpartition(os.sep)[2] for path in left}
        keys = {os.path.normpath(candidate.path)
                for candidate, read in zip(self.found, self.read, strict=True)
                if read and any(name in candidate.path for name in names)}
        outside = [path for path in left if path not in keys]
        if outside:
            raise Unsupported(f"findings in {outside[0]}, which no process reads")

    def _add_context(
        self, number: int, key: str, record: dict[str, Any], context: list[str],
    ) -> None:
        """Add another part's file to the project: from its record when that holds all
        the file gives (pools, node classes, handlers), else by reading it again."""
        adds = self.joins.stand_in(record, key)
        if adds is not None:
            adds(self.run.project)
            return
        if self._take(self.found[number]) != key:
            raise Unsupported(f"{key} was not read as its process read it")
        self._recognize(key)
        context.append(key)
        self._splice(key)

    def releases(self) -> bool:
        """Does this part let its trees go once its findings are made (:meth:`release`)?

        Only a part that goes on (merges and reports) and read enough files
        (:data:`RELEASE_FROM`) for their trees to matter beside the report: freeing
        them object by object takes time (~2.5 ms at 500 files, on the run's critical
        path whenever this process ends last). A smaller part's trees go with the part
        once nothing holds it (the command line's process ends before: its memory is
        returned at once, :func:`spotlint.cli.main._exit`), for no higher peak: the
        parent's peak resident size at 1,000 files was 31 MB with or without; at 4,000
        files (~2,000 a part) 52-57 MB with, 59-60 MB without."""
        return self.keeps_going and len(self.own) >= RELEASE_FROM

    def release(self) -> None:
        """Let this part's trees go once its findings are made (and their fixes placed):
        each process's peak is then its part's trees, not those and the findings of all."""
        self.slices.clear()
        self.run.project = Project()
        self.run.templates_by_path.clear()  # (the dict :attr:`templates_at` reads)
        self.run.files.files.clear()

    def _splice(self, key: str) -> None:
        """Add one file's objects to the project, as recognizing it there would have
        (a node class whose name another file's took is named after its place)."""
        project = self.run.project
        scratch, _ = self.slices[key]
        project.jobs.extend(scratch.jobs)
        project.templates.extend(scratch.templates)
        project.pools.extend(scratch.pools)
        project.interruption.extend(scratch.interruption)
        project.self_contained.update(scratch.self_contained)
        classes = project.node_classes
        for name, doc in scratch.node_classes.items():
            name = name.split("@", 1)[0]
            if name in classes and classes[name] is not doc:
                name = f"{name}@{doc.loc.path}:{doc.loc.line}"
            classes[name] = doc


# -- the exchange ------------------------------------------------------------------


def _send(fd: int, value: Any) -> None:
    """Pickle ``value`` into the pipe ``fd`` as it is made (no copy of it all in memory)."""
    with os.fdopen(os.dup(fd), "wb") as out:
        _findings_pickler(out).dump(value)


#: A framed message's header: the length of the pickle that follows.
_HEADER = 8

#: A framed message: its header and its pickle, written one after the other (not
#: joined: that would copy the pickle, 2.3 MB of a summary at 10,000 files).
Frame = tuple[bytes, bytes]


def _framed(value: Any) -> Frame:
    """``value`` pickled, after its length: what :func:`_read_frame` reads back."""
    return _frame(pickle.dumps(value, protocol=_PROTOCOL))


def _frame(data: bytes) -> Frame:
    """A pickle ``data`` after its length."""
    return len(data).to_bytes(_HEADER, "little"), data


def _findings_framed(value: Any) -> Frame:
    """:func:`_framed` for a value holding findings (a forked process's parts): the same
    bytes, pickled with the reducers of the values findings carry looked up in a table
    by type (:func:`_reducers`), not through each one's ``__reduce_ex__`` (which looks up
    ``__reduce__`` and calls it as a bound method): at 1,000 files the child's pickling
    of its ~390 findings took ~1.7 ms, ~0.4 ms less so."""
    out = io.BytesIO()
    _findings_pickler(out).dump(value)
    return _frame(out.getvalue())


def _findings_pickler(out: BinaryIO) -> pickle.Pickler:
    """A pickler writing to ``out`` with the reducers of the values findings carry
    (:func:`_reducers`): what :func:`_send` and :func:`_findings_framed` pickle with."""
    pickler = pickle.Pickler(out, protocol=_PROTOCOL)
    pickler.dispatch_table = _REDUCERS or _reducers()
    return pickler


#: The reducers of the classes findings carry (:func:`_reducers`), once made.
_REDUCERS: dict[type, Callable[[Any], Any]] = {}


def _reducers() -> dict[type, Callable[[Any], Any]]:
    """Each class a finding carries, with its own ``__reduce__``: what ``__reduce_ex__``
    calls for it (an instance of another class, a subclass included, is pickled as
    ever)."""
    from spotlint.finding import Finding
    from spotlint.location import Location
    from spotlint.rule import AppendArgs, Edit, Fix, InsertKey, SetValue

    for cls in (Finding, Location, Fix, Edit, InsertKey, SetValue, AppendArgs):
        _REDUCERS[cls] = cls.__reduce__
    return _REDUCERS


def _write_all(fd: int, *chunks: bytes) -> None:
    for data in chunks:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]


def _read_exactly(fd: int, size: int) -> bytearray:
    """``size`` bytes of the pipe ``fd``, and not one more (what follows is another
    message), read into one buffer; EOFError when the writer ended first."""
    buffer = bytearray(size)
    view = memoryview(buffer)
    done = 0
    while done < size:
        read = os.readv(fd, [view[done:]])
        if not read:
            raise EOFError("the pipe ended within a message")
        done += read
    view.release()
    return buffer


def _read_frame(fd: int) -> Any:
    """The next value :func:`_framed` made, read from the pipe ``fd``."""
    size = int.from_bytes(_read_exactly(fd, _HEADER), "little")
    return _unframed(_read_exactly(fd, size))


def _unframed(data: bytearray) -> Any:
    """The value of a framed message's pickle ``data``."""
    return pickle.loads(data)


class _Incoming:
    """Framed values (:func:`_framed`) read from the pipe ``fd`` as their bytes come:
    :meth:`read` takes what the pipe holds and gives a value once all of it came, so
    the reader never waits for the rest of one while it has work of its own (a forked
    process writes a part the pipe cannot take at once with its next one: at 4,000
    files SARIF's parent waited ~70 ms, its own reports' work undone)."""

    __slots__ = ("buffer", "done", "fd", "header")

    def __init__(self, fd: int) -> None:
        self.fd = fd
        #: what is being read (a header, or the pickle it announced), and how much came
        self.header = True
        self.buffer = bytearray(_HEADER)
        self.done = 0

    def read(self) -> tuple[bool, Any]:
        """``(True, value)`` once a whole value came, else ``(False, None)`` (what the
        pipe held was read); EOFError when the writer ended within a message."""
        fd = self.fd
        os.set_blocking(fd, False)
        try:
            while True:
                buffer = self.buffer
                if self.done < len(buffer):
                    try:
                        with memoryview(buffer) as view:
                            read = os.readv(fd, [view[self.done:]])
                    except BlockingIOError:
                        return False, None
                    if not read:
                        raise EOFError("the pipe ended within a message")
                    self.done += read
                    continue
                self.done = 0
                if self.header:
                    self.header = False
                    self.buffer = bytearray(int.from_bytes(buffer, "little"))
                    continue
                self.header = True
                self.buffer = bytearray(_HEADER)
                return True, _unframed(buffer)
        finally:
            os.set_blocking(fd, True)


def _swap(out: int, frame: Frame, source: int) -> Any:
    """Write ``frame`` to the pipe ``out`` while reading the next framed value from the
    pipe ``source`` (the other process writes its own at the same time: were both to
    write first, a message larger than a pipe holds would block both for ever)."""
    pending = [memoryview(part) for part in frame if part]
    header = bytearray(_HEADER)
    body: bytearray | None = None
    target: memoryview | None = memoryview(header)  # (what is being read into)
    done = 0
    poll = select.poll()
    poll.register(source, select.POLLIN)
    poll.register(out, select.POLLOUT)
    os.set_blocking(out, False)
    try:
        while pending or target is not None:
            ready = dict(poll.poll())
            if pending and ready.get(out):
                with contextlib.suppress(BlockingIOError):
                    pending[0] = pending[0][os.write(out, pending[0][:1 << 16]):]
                    if not pending[0]:
                        pending.pop(0)
                if not pending:
                    poll.unregister(out)
            if target is not None and ready.get(source):
                read = os.readv(source, [target[done:]])
                if not read:
                    raise EOFError("the pipe ended within a message")
                done += read
                if done == len(target):
                    target.release()
                    target, done = None, 0
                    if body is None:
                        body = bytearray(int.from_bytes(header, "little"))
                        target = memoryview(body)
                    else:
                        poll.unregister(source)
    finally:
        os.set_blocking(out, True)
    assert body is not None
    return pickle.loads(body)


def _receive(source: BinaryIO) -> Any:
    """The next value :func:`_send` wrote to the pipe ``source`` reads (unpickled as it is
    read); EOFError or UnpicklingError when the writer ended first."""
    return pickle.load(source)


def _take_pieces(fd: int) -> Iterable[int]:
    while True:
        number = os.read(fd, _WIDTH)
        if len(number) < _WIDTH:
            return
        yield int.from_bytes(number, "little")


class _Child:
    """A forked process of a split run: its pid and this process's ends of its pipes."""

    def __init__(self, pid: int, results: int, answers: int, feed: int) -> None:
        self.pid, self.answers, self.feed = pid, answers, feed
        self.results: BinaryIO = os.fdopen(results, "rb")
        self.status: int | None = None

    def fds(self) -> tuple[int, ...]:
        return tuple(fd for fd in (self.results.fileno(), self.answers, self.feed) if fd >= 0)

    def close_feed(self) -> None:
        """The walk has ended: the child reads to the end of its feed."""
        if self.feed >= 0:
            with contextlib.suppress(OSError):
                os.close(self.feed)
            self.feed = -1

    def close(self) -> None:
        if not self.results.closed:
            self.results.close()
        if self.answers >= 0:
            with contextlib.suppress(OSError):
                os.close(self.answers)
            self.answers = -1
        self.close_feed()

    def end(self) -> None:
        """Stop it (when this process gives up on the split) and reap it."""
        import signal

        self.close()
        if self.status is None:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            self.wait()

    def wait(self) -> int:
        if self.status is None:
            try:
                _, self.status = os.waitpid(self.pid, 0)
            except ChildProcessError:
                self.status = -1
        return self.status

    def reap_later(self) -> None:
        """It sent its whole part: what it does next is end (:func:`_child`). It is reaped
        once it has ended, not waited for now: a process's memory takes a while to be
        given back (~1 ms at 1,000 files), while this one merges and writes the report."""
        try:
            pid, self.status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            pid, self.status = self.pid, -1
        if pid == 0:
            self.status = None
            global _reaping_at_exit
            if not _reaping_at_exit:
                import atexit

                atexit.register(_reap_ending)  # (at the latest when this process ends)
                _reaping_at_exit = True
            _ending.append(self.pid)


#: Forked processes that sent their whole part and are ending, not yet reaped: reaped
#: when this process ends or shares another run.
_ending: list[int] = []
_reaping_at_exit = False


def _reap_ending() -> None:
    """Reap the processes :meth:`_Child.reap_later` left ending (gone by now, or soon)."""
    while _ending:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(_ending.pop(), 0)


class _Feed:
    """The files the walk finds after the fork, as a forked process learns of them.

    The walking process sends each new run of candidates (framed, :func:`_framed`)
    before it puts the numbers of their pieces in the work pipe, so a piece's files
    are always known to whoever takes it. A forked process reads what was sent
    whenever it takes a piece, which keeps the pipe from filling (the walk finds files
    faster than they are read: a full pipe would hold the walk up)."""

    def __init__(
        self, fd: int, found: list[Candidate], listed: Callable[[str, Collection[str]], object],
    ) -> None:
        self.fd, self.found, self.listed = fd, found, listed
        self.buffer = bytearray()
        self.ended = False
        os.set_blocking(fd, False)
        self.poll = select.poll()
        self.poll.register(fd, select.POLLIN)

    def until(self, count: int | None) -> None:
        """Read what was sent, waiting until ``count`` candidates are known (None: all
        of them) or the walk has ended."""
        while not self.ended and (count is None or len(self.found) < count):
            self.poll.poll()
            self._read()
        if not self.ended and self.poll.poll(0):
            self._read()

    def _read(self) -> None:
        """Take what the pipe holds (it is readable: something was sent, or it ended)."""
        try:
            chunk = os.read(self.fd, _FEED_READ)
        except BlockingIOError:
            return
        if not chunk:
            self.ended = True
            return
        self.buffer += chunk
        buffer, start = self.buffer, 0
        while len(buffer) - start >= _HEADER:
            end = start + _HEADER + int.from_bytes(buffer[start:start + _HEADER], "little")
            if len(buffer) < end:
                break
            candidates, listings = pickle.loads(buffer[start + _HEADER:end])
            for directory, names in listings:
                self.listed(directory, names)
            self.found.extend(
                walked(path, real) if not explicit and problem is None
                else Candidate(path, explicit, problem, real)
                for path, explicit, problem, real in candidates)
            start = end
        del buffer[:start]


def _walk_on(
    found: list[Candidate], more: Iterable[Candidate], feeds: Sequence[int], work: int,
    listings: list[Listing],
) -> None:
    """Go on with the walk in this process, the others taking the pieces found so far:
    each new candidate to ``found``, each piece (once complete, or the walk ended) to
    the ``feeds`` of the forked processes with the directories listed meanwhile (the
    walk adds them to ``listings``), and its number to the ``work`` pipe."""
    sent = len(found)
    published = sent // CHUNK

    def publish(end: int) -> None:
        nonlocal sent, published
        frame = _framed(([(c.path, c.explicit, c.problem, c.real) for c in found[sent:end]],
                         listings))
        listings.clear()
        for feed in feeds:
            _write_all(feed, *frame)
        sent = end
        pieces = -(-end // CHUNK)
        if pieces > MAX_PIECES:
            raise Unsupported("too many pieces")
        _write_all(work, b"".join(i.to_bytes(_WIDTH, "little")
                                  for i in range(published, pieces)))
        published = pieces

    for candidate in more:
        found.append(candidate)
        if len(found) % CHUNK == 0 and len(found) - sent >= _BATCH:
            publish(len(found))
    if len(found) > sent or published * CHUNK < len(found):
        publish(len(found))


#: Candidates the walk sends at once, at least (a few pieces: fewer, larger writes).
_BATCH = 4 * CHUNK
#: What a feed pipe may hold (Linux's limit for an unprivileged process): room for the
#: walk's candidates while the child reads a slow file (64 KiB held the walk up ~10 ms
#: at 4,000 files).
_FEED_BYTES = 1 << 20
#: What a forked process reads of its feed at once, at most: a read makes a buffer of the
#: size asked (then cut to what came: ~10 KB a piece at 1,000 files); asked for all a pipe
#: may hold, each was a mapping of 1 MiB made and unmade (22 at 1,000 files). What is left
#: is read at the next piece.
_FEED_READ = 1 << 16


def _widen(fd: int) -> None:
    """Let the pipe ``fd`` hold :data:`_FEED_BYTES` where the system allows it."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _FEED_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # (not Linux, or a lower limit: the walk may wait on the child at times)


#: Links, checks and stamps a part whose project is put together (the run state
#: ``make_run`` made in this process): its result, its jobs of unknown placement.
Checked = Callable[[Part], tuple[RunResult, tuple[int, int]]]


def split_run(
    make_run: Callable[[], Run], found: list[Candidate], processes: int,
    check: Checked, root: str, joins: Joins, mapped: bool, progress: Progress | None = None,
    more: Iterable[Candidate] = (), keep_sources: bool = True,
    listings: list[Listing] | None = None, ahead: Ahead | None = None,
) -> tuple[RunResult, tuple[int, int]]:
    """The run over ``found`` and ``more`` shared by ``processes`` processes (this one
    included).

    ``more``: the rest of the walk, which this process goes on with after the fork
    while the others read the files found so far (each candidate is added to ``found``,
    which holds the whole walk once this returns or raises). ``make_run`` gives a
    part's run state (called in every process); ``check`` links, checks and stamps a
    part whose project is put together, and returns its result and its counts of jobs
    of unknown placement; so does this, for the whole run. ``joins`` makes and reads
    the records the processes exchange. ``mapped``: the configuration maps paths to
    clusters (every pool file then bears on every pod). ``progress`` follows this
    process's part. ``keep_sources=False``: the result's sources are not wanted (the
    other processes do not send them). ``listings``: where the walk puts each directory
    it lists and its names (told to the other processes' configuration scopes with the
    files found there: they then find each file's configuration as this process does,
    without looking for configuration files again). ``ahead`` is given this process's
    findings, a few at a time, while it waits for the others', and those the others send
    as soon as they are made (:func:`_gathered`: a report writes their text ahead), each
    with its file's text when known (the others send the texts of their files with their
    findings, when ``keep_sources``: the report need not read those files again).
    Raises :class:`Unsupported` when the run cannot be split exactly (nothing of it is
    then reported), after ending the other processes.
    """
    from spotlint.engine.paths import real

    _reap_ending()
    joins.prepare()
    real_root = real(root)
    pieces = len(found) // CHUNK  # (complete ones: the walk may add to the last)
    if pieces > MAX_PIECES:
        raise Unsupported("too many pieces")
    opened: list[int] = []
    try:
        opened.extend(os.pipe())
    except OSError as exc:  # out of file descriptors: the run stays in this process
        raise Unsupported(f"no pipe: {exc}") from exc
    work_r, work_w = opened
    children: list[_Child] = []
    try:
        _write_all(work_w, b"".join(i.to_bytes(_WIDTH, "little") for i in range(pieces)))
        for _ in range(processes - 1):
            ends: list[int] = []
            try:
                for _pipe in range(3):
                    ends.extend(os.pipe())
                with warnings.catch_warnings():  # a progress line's thread: the child takes
                    warnings.simplefilter("ignore", DeprecationWarning)  # no lock it may hold
                    pid = os.fork()
            except OSError as exc:  # no more processes or descriptors: one process does it
                for fd in ends:
                    os.close(fd)
                raise Unsupported(f"cannot fork: {exc}") from exc
            results_r, results_w, answers_r, answers_w, feed_r, feed_w = ends
            if pid == 0:  # a child: never returns
                unused = [results_r, answers_w, feed_w, work_w,
                          *(fd for c in children for fd in c.fds())]
                _child(lambda: Part(make_run(), found, real_root, joins, mapped, processes),
                       unused, work_r, results_w, answers_r, check, processes > 2, feed_r,
                       keep_sources, ahead)
            # (here, not before the fork: a child would import fcntl for nothing)
            _widen(feed_w)
            _widen(results_r)  # (room for the findings a child sends early: :func:`_child`)
            for fd in (results_w, answers_r, feed_r):
                os.close(fd)
            children.append(_Child(pid, results_r, answers_w, feed_w))
        if listings is None:
            listings = []
        listings.clear()  # (the children's scopes were told those: they are inherited)
        try:
            _walk_on(found, more, [c.feed for c in children], work_w, listings)
        except OSError as exc:  # (a forked process ended: its pipe is closed)
            raise Unsupported("a forked process failed") from exc
        for child in children:
            child.close_feed()
        os.close(work_w)
        work_w = -1
        part = Part(make_run(), found, real_root, joins, mapped, processes, progress)
        part.read_pieces(_take_pieces(work_r))
        os.close(work_r)
        work_r = -1
        summaries = [part.summary()]
        # Each child is sent this part's summary as soon as it is made, while its own is
        # read: it then goes on at once (with two processes it needs no other).
        own = _framed(_combined(summaries, checked=False))
        for child in children:
            try:
                summaries.append(_swap(child.answers, own, child.results.fileno()))
            except Exception as exc:  # ended, or sent what cannot be read
                raise Unsupported("a forked process failed") from exc
        del own
        shared = _combined(summaries)
        for index, child in enumerate(children, start=1) if len(children) > 1 else ():
            try:  # what the child does not know yet: the other children's files
                _write_all(child.answers, *_framed(_combined(
                    [*summaries[1:index], *summaries[index + 1:]], checked=False)))
            except OSError as exc:
                raise Unsupported("a forked process failed") from exc
        part.assemble(shared)
        del shared, summaries  # the records: the project is put together
        result, unknown = check(part)
        try:
            answers = _gathered(children, result.findings, ahead, result.sources)
        except Exception as exc:  # ended, or sent what cannot be read
            raise Unsupported("a forked process failed") from exc
        for child in children:
            child.reap_later()
        return _merged(result, unknown, part, answers, keep_sources)
    except BaseException:
        for child in children:
            child.end()
        raise
    finally:
        for fd in (work_r, work_w):
            if fd >= 0:
                os.close(fd)
        for child in children:
            child.close()


#: Findings this process hands ``ahead`` at most, unless it says otherwise (a report
#: holds each one's text from then until it is written: ~0.9 KB of JSON each).
AHEAD = 2_000
#: ... and how many of its own between two looks at whether the others' are coming.
_AHEAD_BATCH = 16


def _gathered(
    children: Sequence[_Child], findings: Sequence[Finding], ahead: Ahead | None,
    sources: Mapping[str, Source],
) -> list[dict[str, Any]]:
    """Each child's answer (:func:`_child`), with its findings in its order, read as it
    comes; meanwhile ``ahead`` is handed the findings the children send early, and this
    process's own ``findings`` a few at a time while nothing comes: what would otherwise
    be time spent waiting (at 1,000 files the child, which read more files while this
    process walked, ended ~6-9 ms later). Each is handed with the text of its file
    (:data:`Ahead`): this process's ``sources``, and those the children send with their
    findings (:class:`_Early`). Handing ahead only saves time: what fails there is left
    to the report. Each child is told first that this process now waits (a byte on its
    answers pipe: :meth:`_Early.parent_waits`)."""
    for child in children:
        with contextlib.suppress(OSError):  # (a child that ended has nothing to make)
            os.write(child.answers, _WAITING)
    room = _room(ahead)  # (findings ``ahead`` may still be handed)
    own = 0  # (this process's findings handed so far)
    early: dict[int, list[EarlyPart]] = {}
    theirs: dict[str, Source] = {}  # (the sources the children sent early)
    ended: set[int] = set()  # (children whose early parts all came)
    answers: dict[int, dict[str, Any]] = {}
    by_fd = {child.results.fileno(): child for child in children}
    incoming = {fd: _Incoming(fd) for fd in by_fd}
    poll = select.poll()
    for fd in by_fd:
        poll.register(fd, select.POLLIN)
    while len(answers) < len(children):
        waiting = ahead is not None and own < len(findings) and room > 0
        ready = poll.poll(0 if waiting else -1)
        if not ready:
            batch = findings[own:own + min(_AHEAD_BATCH, room)]
            own += len(batch)
            room -= len(batch)
            ahead = _handed(ahead, batch, sources)
            continue
        for fd, _ in ready:
            if fd not in ended:  # a child's findings as they are finished (_Early)
                whole, sent = incoming[fd].read()
                if not whole:
                    continue  # (the rest of the part comes later)
                if sent is None:  # (the end of its early parts)
                    ended.add(fd)
                    continue
                early.setdefault(fd, []).append(sent)
                theirs.update(sent[2])
                if ahead is not None:
                    batch = sent[1][:room]
                    room -= len(batch)
                    ahead = _handed(ahead, batch, theirs, sent[3])
            else:  # the rest of its answer
                poll.unregister(fd)
                answers[fd] = _answered(early.pop(fd, []), _receive(by_fd[fd].results))
    if ahead is not None and getattr(ahead, "room", AHEAD) is None:
        # (an unbounded ``ahead`` is handed the rest of this process's findings while
        # their files' texts are at hand: it then needs no sources to be kept)
        _handed(ahead, findings[own:], sources)
    return [answers[child.results.fileno()] for child in children]


def _room(ahead: Ahead | None) -> int:
    """How many findings ``ahead`` may be handed: :data:`AHEAD`, unless it says otherwise
    (its ``room``; None: no bound, for a report that holds no text per finding)."""
    if ahead is None:
        return 0
    room = getattr(ahead, "room", AHEAD)
    return sys.maxsize if room is None else int(room)


def _handed(
    ahead: Ahead | None, findings: Sequence[Finding], sources: Mapping[str, Source],
    prepared: Sequence[Any] | None = None,
) -> Ahead | None:
    """``ahead`` given each of ``findings`` with its file's text, when ``sources`` holds
    it as the file's own, or (``take``) what the process that made it ``prepared`` for it
    (:class:`_Early`, the first ones of ``findings``); None (hand nothing more) once it
    fails."""
    if ahead is not None:
        try:
            take: Callable[[Finding, str | None, Any], None] | None = getattr(
                ahead, "take", None)
            ready: Sequence[Any] = () if take is None or not prepared else prepared
            for index, finding in enumerate(findings):
                source = sources.get(finding.location.path)
                text = source.text if source is not None and source.utf8 else None
                if take is not None and index < len(ready):
                    take(finding, text, ready[index])
                else:
                    ahead(finding, text)
        except Exception:
            return None
    return ahead


def _answered(early: Sequence[EarlyPart], answer: dict[str, Any]) -> dict[str, Any]:
    """A child's answer with its findings in its order: those it sent early (at their
    places), with those sent at the end in theirs (every one, when ``finish`` changed
    some sent early); and the sources of their files, sent early or at the end."""
    for _, _, sources, _ in early:
        answer["sources"].update(sources)
    if answer["late"] is None:
        return answer  # (its findings are all in the answer)
    findings: list[Any] = [None] * answer["count"]
    for places, found in (*((p, f) for p, f, _, _ in early), answer["late"]):
        for place, finding in zip(places, found, strict=True):
            findings[place] = finding
    answer["findings"] = findings
    return answer


def _child(
    make_part: Callable[[], Part], unused: Sequence[int], work: int, results: int,
    answers: int, check: Checked, siblings: bool, feed: int, keep_sources: bool = True,
    ahead: Ahead | None = None,
) -> NoReturn:
    """A forked process's part. It never returns: it ends with ``os._exit`` (status 1 on
    any failure, which the parent answers by running the whole run itself), printing
    nothing and running none of the parent's exit handlers. ``unused``: the pipe ends
    it inherited and does not use (closed, so a parent's end sees end of file).
    ``siblings``: other children exist, whose summaries the parent sends after its own.
    ``feed``: where the walk's further files come (:class:`_Feed`). ``keep_sources``:
    whether the texts of the files holding its findings are wanted. ``ahead``: the
    parent's (inherited), whose ``prepare`` it asks for the findings it sends early."""
    status = 1
    try:
        for fd in unused:
            os.close(fd)
        part = make_part()
        part.keeps_going = False
        part.feed = _Feed(feed, part.found, _listing_hook(part.run.settings))
        part.read_pieces(_take_pieces(work))
        os.close(work)
        os.close(feed)
        summary = part.summary()
        _write_all(results, *_framed(summary))
        shared = _read_frame(answers)  # the parent's part
        others = [_read_frame(answers)] if siblings else []
        for name, own in (("keys", "own"), ("reals", "reals"), ("rels", "rels"),
                          ("records", "records")):
            for other in others:
                shared[name].update(other[name])
            shared[name].update(summary[own])
        part.assemble(shared)
        del shared, summary  # the records: the project is put together
        early = part.early = _Early(results, keep_sources, ahead, answers)
        result, unknown = check(part)
        early.finish()
        reported = set(result.files)
        _send(results, {
            **early.rest(result.findings),
            "files": [(n, k) for n, k in part.own.items() if k in reported],
            "sources": {path: _plain(source) for path, source in result.sources.items()
                        if path not in early.sent_sources} if keep_sources else {},
            "unknown": unknown,
        })
        status = 0
    except BaseException:  # the parent does this part again (a serial run)
        status = 1
    finally:
        os._exit(status)


class ByFile:
    """A ``finish`` (:func:`spotlint.engine.run.lint`) that gives a file's findings alone
    as it gives them among all the others, and every finding without a fix as it is
    (placing fixes: :func:`spotlint.fix.place.place_fixes`). A forked process then
    applies it file by file to the findings with a fix and sends each file's as soon as
    they are finished (:meth:`_Early.finished`): the parent, waiting by then, writes them
    ahead instead of after the last one came."""

    def __init__(self, finish: Callable[[RunResult], RunResult]) -> None:
        self.finish = finish

    def __call__(self, result: RunResult) -> RunResult:
        return self.finish(result)


class _Early:
    """A forked process's findings sent as soon as they are made, before ``finish``
    (placing fixes: ~11 ms at 1,000 files), those without a fix: ``finish`` (which
    places fixes) gives them back as they are; then, with a :class:`ByFile` ``finish``,
    those of each file as their fixes are placed (a few files at a time). The parent,
    waiting for this process by then, reads them meanwhile (and a report writes their
    text ahead, :func:`_gathered`); the end of the answer (:meth:`rest`) holds the
    others. Each part carries the sources of its findings' files not sent before, when
    they are wanted (``keep_sources``): the parent's report then takes their texts
    from memory (SARIF's line hashes: at 4,000 files reading ~1,000 files again was
    ~11 ms of the parent's CPU). Sending never waits: what the pipe cannot take at once
    is written with the next part, or after ``finish`` (:meth:`finish`), in order.
    When the parent's ``ahead`` can be given part of its work here (``prepare``: a
    report's text of a finding), each part carries that for its findings, up to what
    ``ahead`` may be handed and prepared (:func:`_text_room`): the parent, the one that
    writes the report, then only keeps it (at 1,000 files writing the other's ~400
    findings as JSON was ~3 ms of the parent's, after the child's end). When ``ahead``
    says ``prepare_early`` False (what it writes of a finding needs no file's text:
    JSON), the parts sent before ``finish`` are not prepared once the parent waits for
    this process (it says so: :meth:`parent_waits`): it writes those itself meanwhile
    (at 1,000 files it mostly waits for the child, which reads more files as the
    parent walks: ~15 M instructions of the child's ~280 findings without a fix moved
    to the parent's wait). While the parent is still busy with its own they are
    prepared here, as are those sent as ``finish`` gives them, near this process's
    end: the parent would write those after it."""

    def __init__(self, fd: int, keep_sources: bool = True, ahead: Ahead | None = None,
                 told: int = -1) -> None:
        self.fd = fd
        #: where the parent tells this process it waits (:meth:`parent_waits`), and whether
        #: it did
        self.told = told
        self.waits = False
        #: the places (in the part's findings) of the findings sent, and those findings
        self.places: list[int] = []
        self.sent: list[Finding] = []
        self.count = -1
        self.pending: list[bytes] = []
        #: parts not made yet (the pipe had not taken those before): their places,
        #: findings and sources, and whether what ``ahead`` writes of them is prepared
        self.queued: deque[tuple[list[int], list[Finding], dict[str, Source], bool]] = deque()
        #: the part's sources (once made), when they are wanted, and the paths of those
        #: sent so far
        self.sources: Mapping[str, Source] | None = None
        self.keep_sources = keep_sources
        self.sent_sources: set[str] = set()
        #: characters of text the early parts may still carry (:data:`EARLY_TEXT`)
        self.text_room = EARLY_TEXT
        #: what prepares a finding for the parent's ``ahead`` (None: nothing, or no more),
        #: for how many findings more, and the texts of the part's files (to give it)
        self.prepare: Callable[[Finding, str | None], Any] | None = getattr(
            ahead, "prepare", None)
        self.prepare_room = _room(ahead)
        self.prepare_text = _text_room(ahead)
        #: whether the parts sent before ``finish`` are prepared even while the parent
        #: waits (see the class)
        self.prepare_early = bool(getattr(ahead, "prepare_early", True))
        self.texts: Mapping[str, Source] = {}

    def send(self, findings: Sequence[Finding], sources: Mapping[str, Source]) -> None:
        self.count = len(findings)
        self.texts = sources
        if self.keep_sources:
            self.sources = sources
        places = [n for n, finding in enumerate(findings) if finding.fix is None]
        # (in parts: the parent reads a part once it has all come, and one larger than
        # the pipe holds would keep it waiting for the rest instead of writing its own)
        for at in range(0, len(places) or 1, _EARLY_PART):
            part = places[at:at + _EARLY_PART]
            self._send(part, [findings[n] for n in part], self.prepare_early)

    def _send(self, places: list[int], findings: list[Finding], prepare: bool = True) -> None:
        """Send ``findings`` (at ``places``) as one early part, after those still pending,
        with the sources of their files not sent yet (and, with ``prepare``, what ``ahead``
        prepares of them)."""
        self.places += places
        self.sent += findings
        sources: dict[str, Source] = {}
        if self.sources is not None:
            known, sent = self.sources, self.sent_sources
            for finding in findings:
                path = finding.location.path
                if path not in sent:
                    source = known.get(path)
                    if source is None:
                        continue
                    if len(source.text) > self.text_room:
                        self.sources = None  # (the rest go with the end of the answer)
                        break
                    self.text_room -= len(source.text)
                    sent.add(path)
                    sources[path] = _plain(source)
        self.queued.append((places, findings, sources, prepare))
        self._pump()

    def _pump(self) -> None:
        """Write what is pending (the parent may be waiting for the end of a part), then
        make and write the queued parts while the pipe takes them: a part is made (its
        findings prepared for ``ahead``, pickled) only once the pipe has taken those
        before it, so the parts the parent has not read yet wait as findings, not as
        pickles and prepared texts (at 10,000 files ~3 MB of SARIF results)."""
        self.pending = _write_some(self.fd, *self.pending)
        while not self.pending and self.queued:
            self.pending = _write_some(self.fd, *self._made(*self.queued.popleft()))

    def _made(self, places: list[int], findings: list[Finding],
              sources: dict[str, Source], prepare: bool) -> Frame:
        prepared = (self._prepared(findings) if prepare or not self.parent_waits()
                    else None)
        return _findings_framed((places, findings, sources, prepared))

    def parent_waits(self) -> bool:
        """Has the parent said it waits for this process (:func:`_gathered`: a byte on
        the pipe ``told``, or its end closed)? Once it has, it waits until this process
        ends. Without such a pipe, never."""
        if not self.waits and self.told >= 0:
            poll = select.poll()
            poll.register(self.told, select.POLLIN)
            self.waits = bool(poll.poll(0))
        return self.waits

    def _prepared(self, findings: list[Finding]) -> list[Any] | None:
        """What ``ahead`` prepares for the first of ``findings`` (as many as it may still
        be handed); None when it prepares nothing, or failed once (preparing only saves
        the parent time: what fails here is left to it)."""
        prepare = self.prepare
        if prepare is None or not findings or self.prepare_room <= 0 or self.prepare_text <= 0:
            return None
        given = findings[:self.prepare_room]
        self.prepare_room -= len(given)
        texts = self.texts
        prepared: list[Any] = []
        try:
            for finding in given:
                source = texts.get(finding.location.path)
                made = prepare(
                    finding, source.text if source is not None and source.utf8 else None)
                prepared.append(made)
                self.prepare_text -= _text_size(made)
                if self.prepare_text <= 0:  # (the rest are the parent's to write)
                    self.prepare_room = 0
                    break
        except Exception:
            self.prepare = None
            return None
        return prepared

    def finished(self, result: RunResult, finish: ByFile) -> RunResult:
        """``finish`` applied a few whole files at a time to the findings not sent yet
        (those with a fix: at least :data:`_EARLY_BATCH` of them, unless fewer are
        left), each batch sent as soon as it is finished. A :class:`ByFile` gives each
        file's findings among a few files' as alone; one call per file cost ~6 us more
        a file (~120 files a process at 1,000)."""
        from spotlint.value import replace

        findings = result.findings
        if len(findings) != self.count:
            return finish(result)
        out = list(findings)
        done = set(self.places)
        by_file: dict[str, list[int]] = {}
        for place, finding in enumerate(findings):
            if place not in done:
                by_file.setdefault(finding.location.path, []).append(place)
        files = list(by_file.values())
        places: list[int] = []
        for index, own in enumerate(files):
            places += own
            if len(places) < _EARLY_BATCH and index < len(files) - 1:
                continue
            given = [findings[n] for n in places]
            got = finish(replace(result, findings=given)).findings
            if len(got) != len(given):  # (not what a ByFile does: the whole result's)
                return finish(result)
            for n, finding in zip(places, got, strict=True):
                out[n] = finding
            self._send(places, list(got))
            places = []
        return replace(result, findings=out)

    def finish(self) -> None:
        """Write what the pipe did not take at once (the parent reads it in order), and
        the end of the early parts."""
        if self.count < 0:
            self.send([], {})  # (no findings were made: the parent still reads a first part)
        _write_all(self.fd, *self.pending)
        self.pending = []
        while self.queued:
            _write_all(self.fd, *self._made(*self.queued.popleft()))
        _write_all(self.fd, *_framed(None))

    def rest(self, findings: Sequence[Finding]) -> dict[str, Any]:
        """The end of the answer: the findings not sent early, at their places; all of
        them when ``finish`` changed one sent early (it returned another object)."""
        sent = self.sent
        if len(findings) != self.count or any(
                findings[n] is not sent[i] for i, n in enumerate(self.places)):
            return {"findings": list(findings), "late": None, "count": len(findings)}
        early = set(self.places)
        places = [n for n in range(len(findings)) if n not in early]
        return {"late": (places, [findings[n] for n in places]), "count": len(findings)}


#: An early part of a forked process's findings (:class:`_Early`): their places among
#: its findings, the findings, the sources of their files not sent before, and what
#: ``ahead`` prepared for the first of them (None: nothing).
EarlyPart = tuple[list[int], list["Finding"], dict[str, Source], "list[Any] | None"]

#: Characters of file text a forked process sends with its early findings, at most (about
#: what its results pipe holds): what the pipe cannot take at once is kept pickled until
#: it can, beside the texts themselves (at 10,000 files, unbounded, SARIF's child peaked
#: 7 MB higher); the others' texts go with the end of the answer, streamed.
EARLY_TEXT = 1 << 20

#: Characters of text a forked process prepares for ``ahead`` at most (:meth:`_Early._prepared`:
#: a JSON report's ~0.9 KB a finding): at 1,000 files its ~330 findings' texts (~0.3 M
#: characters) all fit; past it the parent writes the others' itself. Unbounded, the child's
#: peak at 10,000 files was ~7 MB higher (the texts, and their pickles the pipe had no room
#: for yet).
EARLY_PREPARED = 1 << 19


def _text_room(ahead: Ahead | None) -> int:
    """Characters of text a forked process prepares for ``ahead`` at most:
    :data:`EARLY_PREPARED`, unless it says otherwise (its ``text_room``; None: no bound,
    for a report whose texts are smaller than the sources they spare: SARIF's results,
    prepared where their files' texts are, which then need not be sent)."""
    room = getattr(ahead, "text_room", EARLY_PREPARED)
    return sys.maxsize if room is None else int(room)


def _text_size(prepared: Any) -> int:
    """The characters of text in what ``ahead`` prepared for a finding (a text, or a tuple
    holding some: :data:`EARLY_PREPARED` counts them)."""
    if isinstance(prepared, str):
        return len(prepared)
    if isinstance(prepared, tuple):
        return sum(len(item) for item in prepared if isinstance(item, str))
    return 0


#: What the parent writes on a child's answers pipe once it waits for it (:func:`_gathered`).
_WAITING = b"w"

#: Findings without a fix a forked process sends in one early part, at most.
_EARLY_PART = 256

#: Findings with a fix a forked process sends at once, at least (a few files': fewer
#: messages for the parent to read when it is the one that ends last).
_EARLY_BATCH = 24


def _write_some(fd: int, *chunks: bytes) -> list[bytes]:
    """Write what the pipe ``fd`` takes without waiting; what is left, to write later."""
    os.set_blocking(fd, False)
    try:
        for index, data in enumerate(chunks):
            view = memoryview(data)
            while view:
                try:
                    view = view[os.write(fd, view):]
                except BlockingIOError:
                    return [bytes(view), *chunks[index + 1:]]
    finally:
        os.set_blocking(fd, True)
    return []


def _listing_hook(settings: Settings) -> Callable[[str, Collection[str]], object]:
    """What tells this process's configuration scopes of a directory the walk listed, and
    has them keep the settings of its files (:meth:`Scopes.entered`, as the walk's own
    scopes do): each file this process reads there is then judged by a lookup, not by
    working out its directory's configuration (~1 us a file)."""
    from spotlint.config.scopes import Scopes

    scopes = getattr(settings.scoped, "__self__", None)
    return scopes.entered if isinstance(scopes, Scopes) else (lambda directory, names: None)


def _plain(source: Source) -> Source:
    """A source without the trees and parsed file kept to place fixes: placed already in
    the part (or not wanted; placing them later composes the text again, alike)."""
    return Source(source.text, source.fmt, source.plain_parse, source.utf8)


def _combined(summaries: Sequence[dict[str, Any]], checked: bool = True) -> dict[str, Any]:
    """The parts' files, real paths and records; unless ``checked`` is off (what a child
    is sent: the other parts' alone), :class:`Unsupported` when the parts cannot each
    stand for their files as a serial run would."""
    if len(summaries) == 1 and not checked:  # (what is sent of one part: its own, as it is)
        one = summaries[0]
        return {"keys": one["own"], "reals": one["reals"], "rels": one["rels"],
                "records": one["records"]}
    keys: dict[int, str] = {}
    reals: dict[int, str] = {}
    rels: dict[int, str] = {}
    records: dict[int, dict[str, Any]] = {}
    owner: dict[str, int] = {}
    for index, summary in enumerate(summaries):
        keys.update(summary["own"])
        reals.update(summary["reals"])
        rels.update(summary["rels"])
        records.update(summary["records"])
        for real_path in summary["reals"].values() if checked else ():
            if owner.setdefault(real_path, index) != index:
                raise Unsupported(f"{real_path} is read under two names")
    known = set(reals.values())
    for summary in summaries if checked else ():
        for real_path in summary["referenced"]:
            if real_path not in known:
                raise Unsupported(f"{real_path} is read only because a file names it")
    return {"keys": keys, "reals": reals, "rels": rels, "records": records}


def _merged(
    result: RunResult, unknown: tuple[int, int], part: Part, answers: Sequence[dict[str, Any]],
    keep_sources: bool = True,
) -> tuple[RunResult, tuple[int, int]]:
    """The parts' results as one: findings sorted as a serial run sorts them (ties keep
    their order: they lie in one file, so in one part), files in the walk's order; no
    sources unless ``keep_sources``."""
    from spotlint.finding import SORT_KEY
    from spotlint.value import replace

    reported = set(result.files)
    files = [(n, k) for n, k in part.own.items() if k in reported]
    findings = list(result.findings)
    sources = {path: _plain(source) for path, source in result.sources.items()
               } if keep_sources else {}
    missing, ambiguous = unknown
    for answer in answers:
        findings.extend(answer["findings"])
        files.extend(answer["files"])
        sources.update(answer["sources"])
        missing += answer["unknown"][0]
        ambiguous += answer["unknown"][1]
    findings.sort(key=SORT_KEY)
    files.sort()
    merged = replace(result, findings=findings, files=[k for _, k in files], sources=sources)
    return merged, (missing, ambiguous)
