"""The files of a project, in the order a directory walk finds them.

Inside a git work tree ``git ls-files`` lists them (tracked, and untracked but
not ignored) far faster than a walk; elsewhere, or when git cannot answer, the
index is not used. The list is filtered as the walk of
:mod:`spotlint.load.discover` filters (candidate names, skipped directories, ``exclude``) and
sorted in the walk's order (a directory's files by name, then its
subdirectories by name, depth first), so pools are read in the same order as a
full run reads them.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import stat
import time
from collections.abc import Callable, Sequence
from operator import itemgetter

TYPE_CHECKING = False
if TYPE_CHECKING:
    import subprocess

#: Names a configuration file may have (pyproject.toml only with a [tool.spotlint] table).
CONFIG_NAMES = (".spotlint.yaml", ".spotlint.yml", "pyproject.toml")

#: git flags that keep a repository's own configuration from running anything
_GIT_SAFE = ("-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false")


def walk_key(rel: str) -> tuple[tuple[int, str], ...]:
    """Sort key of a ``/``-separated relative path in the walk's order."""
    parts = rel.split("/")
    return (*((1, part) for part in parts[:-1]), (0, parts[-1]))


def walk_order(rel: str) -> str:
    """:func:`walk_key` as one string, which sorts the same and is made and compared
    faster: each directory is ``\\x01``, its name, ``\\x00``; the file's name follows a
    ``\\x00``. (A file sorts before a directory, ``\\x00`` < ``\\x01``; a name that is a
    prefix of another sorts first, as no name holds ``\\x00``.)"""
    parent, _, name = rel.rpartition("/")
    if not parent:
        return "\0" + name
    return "\x01" + parent.replace("/", "\0\x01") + "\0\0" + name


#: A candidate file of the project: its relative (``/``) path, size and ``st_mtime_ns``
#: (what the index keys a record by; a tuple, not the ``stat_result``, whose attributes
#: were read again for each of a large project's files).
Row = tuple[str, int, int]


def project_files(
    root: str, excluded: Callable[[str], bool] | None, listing: Listing | None = None,
    left_out: tuple[str, ...] = (), expected: Sequence[str] = (),
) -> tuple[list[Row], list[str]] | None:
    """The candidate files under ``root`` (:data:`Row`, from their ``lstat``), in walk
    order, and the configuration files among all files (``.spotlint.yaml``,
    ``pyproject.toml``...).

    ``excluded`` (None: nothing is) is asked of every directory and candidate file.
    Candidates whose lowercased name ends with one of ``left_out`` are checked as the
    others (a link among them still makes the listing unusable) but not returned (the
    index keeps no Markdown file: told here, where the name is lowercased anyway).

    ``expected``: the files the listing will likely hold (the index's). While git
    still lists, their directories are checked and their ``lstat`` taken (the
    system calls most of this function's time), not waited through: a warm commit
    hook's run reaches here before git is done (git's untracked walk takes ~45 ms
    beside ~45 ms of imports and the index's read). They are in walk order (the
    index saves them so): when the candidates are exactly those, that is their order,
    and none is sorted again (a sort key a file: ~3 ms at 4,000 files).

    None when git is not usable here (not a work tree, no git, a submodule or a
    nested repository that the walk would enter, a symlink): the caller reads
    the whole project instead.
    """
    # (imported here: ``spotlint check FILE`` imports this module to start git, first
    # thing, and git waited through the walk's imports)
    from spotlint.load.discover import CANDIDATE_SUFFIXES

    listing = listing or start_listing(root)
    dirs_ok, dir_ok = entered(root, excluded)
    prefix, slash = root.rstrip(os.sep) + os.sep, os.sep == "/"
    lstat, suffixes = os.lstat, CANDIDATE_SUFFIXES
    # (taken before the listing's answer: a file's own time is what the index compares
    # and the run reads it later still, so an earlier lstat is as good a key)
    early: dict[str, os.stat_result] = {}
    for start in range(0, len(expected), _EARLY_STEP):
        if not listing.pending():
            break
        for rel in expected[start:start + _EARLY_STEP]:
            parent = rel.rpartition("/")[0]
            ok = dirs_ok.get(parent)
            if ok or (ok is None and dir_ok(parent)):
                try:  # noqa: SIM105 (not contextlib.suppress: a context manager a file)
                    early[rel] = lstat(prefix + rel if slash else os.path.join(root, rel))
                except OSError:
                    pass
    listed = listing.result()
    if listed is None:
        return None
    if listing.unsure and walk_enters(root, listing.unsure, suffixes, dir_ok):
        return None
    # Names told by the listing's text at once, not file by file: the configuration
    # files (rarely any), and each path lowercased (its name's suffix is the path's).
    joined = "\0".join(listed)
    configs = configs_of(listed, joined)
    found: list[Row] = []
    take, known = early.pop, dirs_ok.get
    kind, regular, unusable = 0o170000, stat.S_IFREG, (stat.S_IFLNK, stat.S_IFDIR)
    for rel, lowered in zip(listed, joined.lower().split("\0"), strict=True):
        if not lowered.endswith(suffixes):  # is_candidate_name
            continue
        info = take(rel, None)
        if info is None:
            parent = rel.rpartition("/")[0]
            ok = known(parent)
            if not (ok or (ok is None and dir_ok(parent))):
                continue
            path = prefix + rel if slash else os.path.join(root, rel)
            if excluded is not None and excluded(path):
                continue
            try:
                info = lstat(path)
            except OSError:
                continue  # deleted but still in git's index
        # (a file taken early is in a directory the walk enters)
        elif excluded is not None and excluded(prefix + rel if slash else os.path.join(root, rel)):
            continue
        mode = info.st_mode & kind  # (stat.S_IS*, without three calls a file)
        if mode == regular:
            if not (left_out and lowered.endswith(left_out)):
                found.append((rel, info.st_size, info.st_mtime_ns))
        elif mode in unusable:
            return None  # a link may lead anywhere, a submodule is walked: the walk decides
    if expected and len(found) == len(expected):
        by_path = {row[0]: row for row in found}
        if len(by_path) == len(found):  # (git lists each path once: a bijection then)
            with contextlib.suppress(KeyError):
                return [by_path[rel] for rel in expected], configs
    found.sort(key=lambda row: walk_order(row[0]))
    return found, configs


def entered(root: str, excluded: Callable[[str], bool] | None
            ) -> tuple[dict[str, bool], Callable[[str], bool]]:
    """The walk's answer for directories: does it enter ``rel_dir`` (``/``-separated, not
    ""), its parents all entered? Kept by directory in the dictionary returned with it.
    (:func:`project_files`, and a first run's early scan in each of its processes.)"""
    from spotlint.load.discover import SKIP_DIRS

    dirs_ok: dict[str, bool] = {"": True}
    prefix, slash = root.rstrip(os.sep) + os.sep, os.sep == "/"
    access, exists = os.access, os.F_OK

    def dir_ok(rel_dir: str) -> bool:
        parent, _, name = rel_dir.rpartition("/")
        above = dirs_ok.get(parent)
        path = prefix + rel_dir if slash else os.path.join(root, rel_dir)
        # (git lists no path through a symbolic link: a linked directory is listed
        # as the link itself, a file, which makes the listing unusable below)
        ok = dirs_ok[rel_dir] = (
            (above if above is not None else dir_ok(parent))
            and name not in SKIP_DIRS
            and not name.endswith(".egg-info")
            and not (excluded is not None and excluded(path))
            # a virtualenv (_is_venv, with ``access`` first inlined: most have none)
            and not (access(venv := path + "/pyvenv.cfg" if slash else os.path.join(
                path, "pyvenv.cfg"), exists) and os.path.isfile(venv))
        )
        return ok

    return dirs_ok, dir_ok


def configs_of(listed: list[str], joined: str) -> list[str]:
    """The configuration files among ``listed`` (``joined``: their paths joined by NULs),
    told by the listing's text at once (rarely any)."""
    return [rel for rel in listed if rel.rpartition("/")[2] in CONFIG_NAMES] if any(
        name in joined for name in CONFIG_NAMES) else []


def walk_enters(root: str, unsure: Sequence[str], suffixes: tuple[str, ...],
                 dir_ok: Callable[[str], bool]) -> bool:
    """Would the walk enter one of the ``unsure`` entries (:attr:`Listing.unsure`) as a
    directory that holds something: a symbolic link to a directory inside the project, a
    submodule checked out, a nested repository? Git lists nothing under them, the walk
    reads what they hold: the listing is then not the walk's. (Candidate names are left
    to the caller's ``lstat``, which finds any link or directory among them.)"""
    real_root = None
    for entry in unsure:
        rel = entry.rstrip("/")
        if not rel or (rel.lower().endswith(suffixes) and rel == entry):
            continue
        path = os.path.join(root, rel)
        if not os.path.isdir(path) or not dir_ok(rel):  # (isdir: a link followed)
            continue
        if real_root is None:
            real_root = os.path.realpath(root)
        real = os.path.realpath(path)
        if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
            continue  # (the walk enters no link leading out of the project)
        try:
            with os.scandir(path) as entries:
                if next(entries, None) is None:
                    continue  # (a submodule not checked out: nothing to find)
        except OSError:
            pass  # (the walk reports a directory it cannot list: not git's listing)
        return True
    return False


def _is_venv(marker: str) -> bool:
    """Is ``marker`` (a directory's ``pyvenv.cfg``) a file, so the directory a virtualenv
    the walk skips? (``access`` first: most directories have none, and it says so
    without the exception ``isfile`` raises and catches.)"""
    return os.access(marker, os.F_OK) and os.path.isfile(marker)


#: Files whose directories and ``lstat`` :func:`project_files` takes between two looks
#: at whether git is done (~0.3 ms of system calls).
_EARLY_STEP = 64

#: The listing's command: tracked files (each with its mode, ``--stage``: a symbolic link or
#: a submodule is told so) and untracked ones git does not ignore (listed first, by name
#: alone; a nested repository as its directory, ``name/``).
_LS_FILES = ("ls-files", "-z", "--stage", "--cached", "--others", "--exclude-standard")
#: A tracked entry as ``--stage`` writes it: mode, object id (SHA-1 or SHA-256), stage, tab.
_STAGED = r"[0-7]{6} [0-9a-f]{40,64} [0-3]\t"
#: The modes of tracked entries a walk may enter as a directory: a symbolic link, a submodule
#: (git's index holds only these and those of regular files, 100644 and 100755).
_ENTERED_MODES = frozenset(("120000 ", "160000 "))
#: Seconds git may take to list a work tree before the index gives up on it.
TIMEOUT = 30


class Listing:
    """``git ls-files`` started in the background: the caller reads the index meanwhile.

    Where there is ``os.posix_spawnp`` git is started with it, its output read from a
    pipe: :mod:`subprocess` (and its imports of ``threading``, ``selectors``,
    ``locale``...) cost the commit hook's run ~3 ms before anything else, and its
    ``Popen`` more again. The same command and safety: no shell, git's own
    configuration kept from running anything (:data:`_GIT_SAFE`), stdin and stderr
    ``/dev/null``, no descriptor of this process inherited (Python makes none
    inheritable), the same time limit.
    """

    def __init__(self, root: str) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        #: git's process and the pipe from it, while it runs (where it is spawned)
        self.pid: int | None = None
        self.fd: int | None = None
        #: all git wrote, once it is done (None: nothing, or it failed)
        self.out: bytes | None = None
        #: what git wrote so far (:meth:`pending`), and whether that was all
        self.chunks: list[bytes] = []
        self.ended = False
        #: after :meth:`result`: the entries whose kind the listing does not tell or that a
        #: walk may enter as a directory (untracked ones, symbolic links, submodules): git
        #: lists nothing under them, so the walk may find files git does not list
        self.unsure: list[str] = []
        if not os.path.exists(os.path.join(root, ".git")):
            return
        if hasattr(os, "posix_spawnp"):
            self._spawn(root)
            return
        # (imported here: a run shared by processes imports this module for walk_order
        # alone, before it forks, and never lists with git)
        import subprocess

        try:
            self.process = subprocess.Popen(
                ["git", *_GIT_SAFE, *_LS_FILES],
                cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.SubprocessError):
            self.process = None

    def _spawn(self, root: str) -> None:
        read_end, write_end = os.pipe()
        try:
            # ``-C root``: what ``cwd=root`` did (git changes there before anything else)
            self.pid = os.posix_spawnp(
                "git", ["git", "-C", root, *_GIT_SAFE, *_LS_FILES], os.environ,
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_DUP2, write_end, 1),
                    (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                ],
            )
        except (OSError, ValueError):
            os.close(read_end)
        else:
            self.fd = read_end
        finally:
            os.close(write_end)

    def discard(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            self.process.communicate()
        if self.pid is not None:
            self._end(kill=True)

    def pending(self) -> bool:
        """Is git (spawned) still listing? What it wrote meanwhile is read without waiting
        (so it never waits on a full pipe). False once it is done or failed, or when it
        was not spawned: :meth:`result` then answers without waiting for more output."""
        if self.fd is None or self.ended:
            return False
        import select

        ready = select.poll()
        ready.register(self.fd, select.POLLIN)
        try:
            while ready.poll(0):
                chunk = os.read(self.fd, 1 << 20)
                if not chunk:
                    self.ended = True
                    return False
                self.chunks.append(chunk)
        except OSError:
            return False  # (read again by result(), which then fails as it should)
        return True

    def result(self) -> list[str] | None:
        """The paths git lists (None: git could not answer); asked again, the same."""
        if self.pid is not None:
            self.out = self._read()
        elif self.process is not None and self.out is None:
            self.out = self._communicate()
        if self.out is None:
            return None
        try:
            text = self.out.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return self._paths(text)

    def _paths(self, text: str) -> list[str]:
        """The paths of git's ``--stage`` listing (:data:`_LS_FILES`), each once; notes
        :attr:`unsure`."""
        import re

        parts = text.split("\0")
        if parts and not parts[-1]:
            parts.pop()  # (after the last entry's NUL)
        # the untracked entries come first, then the tracked ones, each with its prefix
        staged, at, count = re.compile(_STAGED).match, 0, len(parts)
        while at < count and not staged(parts[at]):
            at += 1
        untracked = parts[:at]
        if at == count:
            self.unsure = untracked
            return untracked
        width = len(staged(parts[at]).group())  # type: ignore[union-attr]
        tracked = parts[at:] if at else parts
        paths = [*untracked, *map(itemgetter(slice(width, None)), tracked)]
        self.unsure = untracked
        # (a search of the text, not a look at each entry's mode: ~3 times cheaper)
        if "\x00120000 " in text or "\x00160000 " in text or tracked[0][:7] in _ENTERED_MODES:
            self.unsure = [*untracked, *(entry[width:] for entry in tracked
                                         if entry[:7] in _ENTERED_MODES)]
        if text.count(" 0\t") != len(tracked):  # (a conflict lists a path once per stage)
            paths = list(dict.fromkeys(paths))
        return paths

    def _read(self) -> bytes | None:
        """All git writes (None: it failed or took longer than :data:`TIMEOUT`)."""
        import select

        assert self.fd is not None
        chunks = self.chunks
        deadline = time.monotonic() + TIMEOUT
        ready = select.poll()  # (not select(): it takes no descriptor above 1023)
        ready.register(self.fd, select.POLLIN)
        try:
            while not self.ended:
                left = deadline - time.monotonic()
                if left <= 0 or not ready.poll(left * 1000):
                    self._end(kill=True)
                    return None
                chunk = os.read(self.fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        except OSError:
            self._end(kill=True)
            return None
        return b"".join(chunks) if self._end(kill=False) == 0 else None

    def _end(self, kill: bool) -> int | None:
        """Close the pipe and wait for git (killed first when ``kill``): its exit code."""
        pid, fd, self.pid, self.fd = self.pid, self.fd, None, None
        if fd is not None:
            os.close(fd)
        if pid is None:
            return None
        if kill:
            import signal

            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        try:
            return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        except (OSError, ValueError):
            return None

    def _communicate(self) -> bytes | None:
        import subprocess

        assert self.process is not None
        try:
            out, _ = self.process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()
            return None
        return out if self.process.returncode == 0 else None


#: Listings started ahead of need (:func:`prefetch`), by work tree.
_PREFETCHED: dict[str, Listing] = {}


def prefetch(root: str) -> None:
    """Start listing ``root`` now, for a run that will likely ask later."""
    if root not in _PREFETCHED:
        _PREFETCHED[root] = Listing(root)
        atexit.register(discard_prefetched)


def discard_prefetched() -> None:
    """End listings started ahead of need that nobody asked for."""
    while _PREFETCHED:
        _, listing = _PREFETCHED.popitem()
        listing.discard()


def start_listing(root: str) -> Listing:
    """Start listing the files of the work tree at ``root`` (or take the one started
    ahead for it)."""
    return _PREFETCHED.pop(root, None) or Listing(root)
