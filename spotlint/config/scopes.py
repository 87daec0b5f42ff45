"""Hierarchical configuration: each file is judged by the nearest configuration above it.

As in ruff, a repository may hold several configuration files (a root one and
one per team directory, say); a file's settings come from the closest one at or
above its directory, up to the git root. So a file's findings never depend on
which other files the same run was given (pre-commit splits the changed files
into batches as it likes). ``--config FILE`` makes one file govern everything;
``--isolated`` uses none.

A :class:`Scopes` builds one :class:`~spotlint.config.settings.Settings` per
configuration file, on demand, and hands out the same object for every file
that file governs, so a run with one configuration file has one scope and
behaves as before.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection

from spotlint.config.files import CONFIG_NAMES, PYPROJECT, Config, load_file, own_config_file
from spotlint.config.settings import Settings

#: The names that can make a directory's own configuration file.
_CONFIG_NAMES = frozenset((*CONFIG_NAMES, PYPROJECT))

#: Paths are split as ``posixpath`` splits them (written out where asked per file).
_POSIX = os.sep == "/" and os.altsep is None

#: Builds the settings of one scope from its configuration (None: no configuration).
MakeSettings = Callable[[Config | None], Settings]


class Scopes:
    """The settings of each file: those of the nearest configuration file above it."""

    def __init__(self, make: MakeSettings, fixed: Config | None = None, search: bool = True):
        """``fixed`` (``--config``) governs every file; ``search`` off (``--isolated``): none."""
        self._make = make
        self._fixed = fixed
        self._search = search and fixed is None
        self._by_directory: dict[str, str | None] = {}
        self._by_config: dict[str | None, Settings] = {}
        #: every file's settings, as asked (rules and stages ask per finding and per file)
        self._by_path: dict[str, Settings] = {}
        #: the same by the directory part of a path, as written (see :meth:`for_path`)
        self._by_head: dict[str, Settings] = {}
        #: names of directories a walk listed, until their configuration is looked up
        self._listed: dict[str, Collection[str]] = {}
        #: the absolute path of each directory a walk of a relative path listed
        self._relative: dict[str, str] = {}
        #: directories a walk listed with a ``.git`` among their names, and directories
        #: looked up that no walk listed (see :meth:`holds_git`)
        self._gitted: set[str] = set()
        self._unlisted: set[str] = set()

    def config_path_for_directory(self, directory: str) -> str | None:
        """The configuration file governing ``directory`` (None: defaults)."""
        return self._config_path(os.path.abspath(directory))

    def _config_path(self, directory: str) -> str | None:
        """:meth:`config_path_for_directory` of an absolute, normalized ``directory``
        (a walk asks for every directory it lists: each ``abspath`` less counts)."""
        if self._fixed is not None:
            return self._fixed.path
        if not self._search:
            return None
        if directory in self._by_directory:
            return self._by_directory[directory]
        names = self._listed.pop(directory, None)
        if names is None:
            self._unlisted.add(directory)
        # A directory a walk listed has no configuration file unless one of the names is
        # there, and is no git root without a ``.git`` entry: no system call is needed.
        if names is None or not _CONFIG_NAMES.isdisjoint(names):
            found = own_config_file(directory)
        else:
            found = None
        if found is None:
            parent = os.path.dirname(directory)
            at_top = parent == directory or (
                (names is None or ".git" in names)
                and os.path.exists(os.path.join(directory, ".git")))
            found = None if at_top else self._config_path(parent)
        self._by_directory[directory] = found
        return found

    def listed(self, directory: str, names: Collection[str]) -> None:
        """A walk listed ``directory``: its ``names`` answer :meth:`config_path_for_directory`.

        A walk lists a directory after its parent, whose answer is then mostly known: a
        directory listing no configuration name and no ``.git`` has its parent's (what
        :meth:`_config_path` would conclude, one step up), kept at once. A walk asks
        about every directory it lists (1,000 files in 978 directories: about a third of
        that walk's time went to these questions)."""
        if self._search:
            directory, parent = self._listed_absolute(directory)
            if ".git" in names:
                self._gitted.add(directory)
            self._unlisted.discard(directory)
            if directory not in self._by_directory:
                if (parent in self._by_directory and parent != directory
                        and ".git" not in names and _CONFIG_NAMES.isdisjoint(names)):
                    self._by_directory[directory] = self._by_directory[parent]
                else:
                    self._listed[directory] = names

    def entered(self, directory: str, names: Collection[str]) -> Settings:
        """:meth:`listed`, then :meth:`for_files_in`: a walk asks both of every directory
        it lists (at 1,000 files, 978 directories), here in one call. A directory below
        one whose files' settings are known (listed and asked, its name as written
        absolute), with no configuration name and no ``.git`` among its own, has its
        parent's configuration and settings, kept at once."""
        if self._search:
            head, sep, name = directory.rpartition(os.sep)
            if (sep and name and name != os.curdir and name != os.pardir
                    and ".git" not in names and _CONFIG_NAMES.isdisjoint(names)
                    and head in self._by_directory and directory not in self._by_directory):
                found = self._by_head.get(head)
                if found is not None:
                    self._unlisted.discard(directory)
                    self._by_directory[directory] = self._by_directory[head]
                    self._by_head[directory] = found
                    return found
        self.listed(directory, names)
        return self.for_files_in(directory)

    def _listed_absolute(self, directory: str) -> tuple[str, str]:
        """``os.path.abspath(directory)`` and its parent, for a directory a walk lists.

        A walk lists a directory after its parent: a name below a directory already
        listed or looked up (those are kept absolute and normalized) is absolute and
        normalized as it is written, with no string made (``abspath`` and ``dirname``
        in Python were ~15% of a 1,000-file walk's time)."""
        head, sep, name = directory.rpartition(os.sep)
        if (sep and name and name != os.curdir and name != os.pardir
                and (head in self._by_directory or head in self._listed)):
            return directory, head
        directory = self._absolute_of(directory)
        return directory, os.path.dirname(directory)

    def _absolute_of(self, directory: str) -> str:
        """``os.path.abspath(directory)``; a relative directory's from the nearest directory
        above it whose absolute path is kept, joined with the plain names below that (all
        kept): a walk lists ``./a/b`` and findings name ``a/b``, two spellings of each of
        a thousand directories whose ``abspath`` (a ``getcwd`` call each) was ~2,000 calls
        at 1,000 files."""
        absolute = self._relative.get(directory)
        if absolute is not None:
            return absolute
        below: list[tuple[str, str]] = []  # (spelling, its last name), deepest first
        current = directory
        if not os.path.isabs(directory):
            while True:
                head, sep, name = current.rpartition(os.sep)
                if not sep or not name or name == os.curdir or name == os.pardir:
                    break
                below.append((current, name))
                current = head
                if current in self._relative:
                    break
        absolute = self._relative.get(current)
        if absolute is None:
            absolute = os.path.abspath(current)
            if absolute != current:
                self._relative[current] = absolute
        for spelling, name in reversed(below):
            absolute = absolute + name if absolute.endswith(os.sep) else absolute + os.sep + name
            self._relative[spelling] = absolute
        return absolute

    def holds_git(self, directory: str) -> bool | None:
        """Does the absolute, normalized ``directory`` hold ``.git``, as a walk listed it?
        None when no walk listed it (unknown: ask the file system).

        Every directory a walk lists is a key of ``_by_directory`` or ``_listed`` (so
        are the directories looked up above it, which ``_unlisted`` holds): the
        placement of each job asks this of its directory and the ones above (a
        ``stat`` each was ~1.7 ms of a 1,000-file run)."""
        if directory in self._unlisted or (
                directory not in self._by_directory and directory not in self._listed):
            return None
        return directory in self._gitted

    def for_files_in(self, directory: str) -> Settings:
        """The settings of the files directly in ``directory`` (as a walk or a path spells
        it): what :meth:`for_path` answers for each of them (asked once per directory)."""
        found = self._by_head.get(directory)
        if found is None:
            if directory in self._by_directory or directory in self._listed:
                absolute = directory  # (absolute as written: told of it as it is)
            elif self._search:
                absolute = self._listed_absolute(directory)[0]
            else:
                absolute = directory  # (not looked up: the fixed or default scope)
            found = self._by_head[directory] = self._settings_of(self._config_path(absolute))
        return found

    def for_directory(self, directory: str) -> Settings:
        """The settings of the files directly in ``directory``."""
        return self._settings_of(self.config_path_for_directory(directory))

    def _settings_of(self, path: str | None) -> Settings:
        """The settings of configuration file ``path`` (None: the defaults), made once."""
        settings = self._by_config.get(path)
        if settings is None:
            config = self._fixed if self._fixed is not None else (
                load_file(path) if path is not None else None)
            settings = self._make(config)
            settings.scoped = self.for_path
            self._by_config[path] = settings
        return settings

    def for_path(self, path: str) -> Settings:
        """The settings of file ``path`` (for a directory: of the directory holding it)."""
        found = self._by_path.get(path)
        if found is None:
            if _POSIX:  # ``os.path.split``, written out (asked for every file found)
                cut = path.rfind("/") + 1
                head, tail = path[:cut], path[cut:]
                if head and head != "/" * len(head):
                    head = head.rstrip("/")
            else:
                head, tail = os.path.split(path)
            if tail and tail != os.curdir and tail != os.pardir:
                # ``head`` names the directory holding ``path`` as it is written: the
                # files of one directory (a walk asks about every entry) share one
                # lookup instead of making each path absolute; a directory a walk listed
                # (a split run's other process learns of the walk's directories as
                # listed, not asked: ~2,000 at 4,000 files) is absolute as written.
                found = self._by_head.get(head)
                if found is None:
                    found = self.for_files_in(head)
            else:
                found = self._settings_of(
                    self._config_path(os.path.dirname(os.path.abspath(path))))
            self._by_path[path] = found
        return found

    def configs(self) -> list[Settings]:
        """Every scope built so far."""
        return list(self._by_config.values())



def git_answers(settings: Settings) -> Callable[[str], bool | None] | None:
    """What tells whether a directory holds ``.git`` from what walks listed for
    ``settings`` (:meth:`Scopes.holds_git`); None without scopes."""
    scopes = getattr(settings.scoped, "__self__", None)
    return scopes.holds_git if isinstance(scopes, Scopes) else None


def sole_scope(settings: Settings) -> Callable[[], bool]:
    """What tells, when asked, whether every file a walk for ``settings`` found so far
    (not a file named on the command line) is judged by ``settings`` itself.

    A walk asks the scopes about every directory it lists before it yields the files
    there (:func:`spotlint.engine.reading.exclusion_in`), and every scope asked is made
    once (``_by_config``): while ``settings`` is the only one made, it is the one
    :meth:`Scopes.for_path` answers for each of those files, which need not be asked
    one by one. False once another is made (nested configuration files), or when the
    scopes are not known (the files are then asked about)."""
    if settings.scoped is None:
        return _always  # (one scope: ``for_path`` answers ``settings``)
    scopes = getattr(settings.scoped, "__self__", None)
    if not isinstance(scopes, Scopes):
        return _never
    made = scopes._by_config
    if len(made) != 1 or next(iter(made.values())) is not settings:
        return _never
    return lambda: len(made) == 1  # (scopes are only ever added)


def _always() -> bool:
    return True


def _never() -> bool:
    return False


def listing_hook(settings: Settings) -> Callable[[str, Collection[str]], None] | None:
    """What a walk for ``settings`` tells the directories it lists (their :class:`Scopes`)."""
    scopes = getattr(settings.scoped, "__self__", None)
    return scopes.listed if isinstance(scopes, Scopes) else None
