"""Which files a directory walk skips because git ignores them, decided as git decides.

Inside a git work tree, git itself is asked, once per walk: ``git ls-files
--others --ignored --exclude-standard --directory`` lists the untracked files and
directories that ``.gitignore`` files (at every level, including those above
the walked directory), ``.git/info/exclude`` and the user's ``core.excludesFile``
ignore. A tracked file is never ignored, as in git. git runs with the
configuration options that could start a program (``core.fsmonitor``) turned
off, no pager, no prompts and no optional locks: it only reads.

Where git is missing or refuses (not a work tree it trusts), and outside git
work trees, the ``.gitignore`` files are matched with pathspec, a maintained
implementation of git's pattern rules (``**``, anchoring, escapes, negation),
deepest file first, ``.git/info/exclude`` last.
"""

from __future__ import annotations

import os
from collections.abc import Collection

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol
else:
    Protocol = object  # (a plain base at run time: nothing tests against it)

#: Seconds git may take to list a work tree's ignored files before the walk falls back
#: to pathspec. Listing a large monorepo takes well under a second; git's matcher can
#: take minutes on hostile patterns (``*a*a*a...b``), which the fallback leaves out.
GIT_TIMEOUT = 5
_GIT_ENV = {
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_PAGER": "cat",
    "LC_ALL": "C",
}
_GIT_SAFE = ("-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false", "--no-pager")


class Ignored(Protocol):
    """What a walk asks: is this path ignored? (``enter`` is told of each directory walked.)"""

    def enter(self, directory: str, names: Collection[str] | None = None) -> bool:
        """``directory`` is walked next; ``names``, when given, are its entries. Whether
        :meth:`ignored` may answer True for its entries: when not (no rules, the common
        case), the walk does not ask about each of them."""
        ...

    def ignored(self, path: str, is_dir: bool) -> bool: ...


def for_walk(top: str) -> Ignored:
    """The ignore rules for a walk of ``top``: git's answer, else the ``.gitignore`` files."""
    repo = work_tree(top)
    if repo is not None:
        listed = git_ignored(top)
        if listed is not None:
            return listed
    return GitignoreFiles(top, repo)


def work_tree(start: str) -> str | None:
    """The nearest directory at or above ``start`` holding ``.git`` (a work tree's top)."""
    current = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


class GitListed:
    """The ignored paths git listed for one walk (directories end the walk there)."""

    def __init__(self, files: set[str], directories: set[str]) -> None:
        self.files = files
        self.directories = directories

    def enter(self, directory: str, names: Collection[str] | None = None) -> bool:
        return bool(self.files or self.directories)

    def ignored(self, path: str, is_dir: bool) -> bool:
        absolute = os.path.abspath(path)
        return absolute in (self.directories if is_dir else self.files)


def git_ignored(top: str) -> GitListed | None:
    """Ask git which paths under ``top`` are ignored; None if git is missing or fails."""
    import subprocess  # ~2 ms: only walks inside a git work tree pay for it

    env = {**os.environ, **_GIT_ENV}
    try:
        done = subprocess.run(
            ["git", *_GIT_SAFE, "ls-files", "-z", "--others", "--ignored",
             "--exclude-standard", "--directory"],
            cwd=top, env=env, capture_output=True, timeout=GIT_TIMEOUT, check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    base = os.path.abspath(top)
    files: set[str] = set()
    directories: set[str] = set()
    for raw in done.stdout.split(b"\0"):
        if not raw:
            continue
        name = os.fsdecode(raw)
        if name.endswith("/"):
            directories.add(os.path.normpath(os.path.join(base, name)))
        else:
            files.add(os.path.normpath(os.path.join(base, name)))
    return GitListed(files, directories)


class GitignoreFiles:
    """``.gitignore`` files matched with pathspec (no git needed).

    Rules apply below the directory of their file; the deepest file with a
    matching pattern decides, and within a file the last matching pattern
    (negation included). ``.gitignore`` files between the work tree's top and
    the walked directory count too, and ``.git/info/exclude`` comes last.
    """

    def __init__(self, top: str, repo: str | None) -> None:
        self.layers: list[tuple[str, Any]] = []
        top = os.path.abspath(top)
        if repo is not None:
            self._add(repo, _info_exclude(repo))
            ancestors: list[str] = []
            current = top
            while current != repo and os.path.dirname(current) != current:
                current = os.path.dirname(current)
                ancestors.append(current)
            for directory in reversed(ancestors):
                self._add(directory, os.path.join(directory, ".gitignore"))

    def enter(self, directory: str, names: Collection[str] | None = None) -> bool:
        if names is None or ".gitignore" in names:
            # (else the walk listed the directory: no ignore file to look for)
            directory = os.path.abspath(directory)
            self._add(directory, os.path.join(directory, ".gitignore"))
        return bool(self.layers)

    def _add(self, base: str, path: str | None) -> None:
        if path is None or not os.path.isfile(path):
            return
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                lines = handle.read().splitlines()
        except OSError:
            return
        self.layers.append((base, _spec(lines)))

    def ignored(self, path: str, is_dir: bool) -> bool:
        if not self.layers:
            return False
        absolute = os.path.abspath(path)
        for base, spec in reversed(self.layers):
            if not absolute.startswith(base.rstrip(os.sep) + os.sep):
                continue
            rel = os.path.relpath(absolute, base).replace(os.sep, "/")
            verdict = spec.check_file(rel + "/" if is_dir else rel).include
            if verdict is not None:
                return bool(verdict)
        return False


#: Most ``*`` one path segment of a pattern may hold in pathspec's matching (see _usable).
MAX_STARS_PER_SEGMENT = 3


def _spec(lines: list[str]) -> Any:
    """The compiled patterns of one ignore file (see :func:`_usable` for those left out)."""
    import pathspec  # ~30 ms: paid only by walks that meet an ignore file without git

    kept: list[str] = []
    seen: set[str] = set()
    for line in reversed(lines):  # a repeated pattern decides nothing its last copy does not
        if line in seen or not _usable(line):
            continue
        seen.add(line)
        try:
            pathspec.GitIgnoreSpec.from_lines([line])
        except ValueError:
            continue  # a line git would not understand matches nothing, as in git
        kept.append(line)
    return pathspec.GitIgnoreSpec.from_lines(list(reversed(kept)))


def _usable(line: str) -> bool:
    """False for a pattern whose regular expression could backtrack for minutes.

    pathspec matches with Python regular expressions: each ``*`` in a segment
    multiplies the work on a long name (``*a*a*a*a*ab`` takes ~1 s on a 100-character
    name, one more ``*`` ten times that). git's own matcher has no such cost, so
    inside a work tree with git such patterns work; without git, a pattern with
    more than :data:`MAX_STARS_PER_SEGMENT` in one segment is left out.
    """
    return all(
        segment == "**" or segment.count("*") <= MAX_STARS_PER_SEGMENT
        for segment in line.split("/")
    )


def _info_exclude(repo: str) -> str | None:
    """``$GIT_DIR/info/exclude`` of the work tree at ``repo`` (a worktree's: the common one)."""
    dot_git = os.path.join(repo, ".git")
    if os.path.isdir(dot_git):
        return os.path.join(dot_git, "info", "exclude")
    try:
        with open(dot_git, encoding="utf-8") as handle:
            line = handle.readline().strip()
    except OSError:
        return None
    if not line.startswith("gitdir:"):
        return None
    git_dir = os.path.join(repo, line[len("gitdir:"):].strip())
    common = os.path.join(git_dir, "commondir")
    if os.path.isfile(common):
        with open(common, encoding="utf-8") as handle:
            git_dir = os.path.join(git_dir, handle.read().strip())
    return os.path.join(git_dir, "info", "exclude")
