"""Which project files one editor lint must read, kept in memory between lints.

Reading the whole project for every keystroke (what ``spotlint check FILE``
does without the index) costs a walk, a byte scan of every file and a parse
of every relevant one: about 200 ms in a 1,000-file repository, far above
what an editor can show while typing. The command line narrows that set
through the persistent index (:mod:`spotlint.index`); the server keeps the
same per-file records in memory instead and narrows with the same
:func:`~spotlint.index.select.select`, so the context read for a document is
the one ``check FILE`` reads through the index.

What is kept, per project and settings:

* the listing: the project's candidate files in the walk's order (a walk of
  the tree, done on the first lint and again after the editor reports a file
  created or deleted);
* each file's record, keyed by its size and ``st_mtime_ns`` (and, for
  Terraform, its module directory's files), so only files changed since the
  last lint are read again. A document open in the editor is recorded from
  its editor text at each lint, so an unsaved pool edit is seen.

A record newer than :data:`~spotlint.index.context.RACY_NS` is not trusted
(the file may change again within the same timestamp tick). When the records
cannot answer exactly (other configuration files in the project govern some
files), :meth:`ProjectContext.narrowed` returns None and the session reads
the whole project as before.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence

from spotlint.config.settings import Settings
from spotlint.index.context import (
    RACY_NS,
    TERRAFORM_SUFFIXES,
    module_signature,
    other_config_in,
)
from spotlint.index.records import Record, build
from spotlint.index.select import select
from spotlint.load.files import MARKDOWN_SUFFIXES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: (size, st_mtime_ns, Terraform module signature) of a recorded file
Key = tuple[int, int, str | None]


class ProjectContext:
    """Records of one project's files, for one settings (one configuration)."""

    def __init__(self, root: str, settings: Settings, kinds: Sequence[Any]) -> None:
        self.root = os.path.abspath(root)
        self.settings = settings
        self.kinds = kinds
        self._real_root = os.path.realpath(self.root)
        self._listing: list[str] | None = None
        self._nested = False
        self._records: dict[str, tuple[Key, Record]] = {}

    def forget_listing(self) -> None:
        """A file was created or deleted: walk the project again at the next lint."""
        self._listing = None

    def narrowed(self, path: str, overlay: Mapping[str, bytes]) -> list[str] | None:
        """The context files ``path`` needs (absolute), or None: read the whole project."""
        rel = self._rel(path)
        if rel is None:
            return None
        listing = self._list()
        if self._nested:
            return None
        records: dict[str, Record] = {}
        modules: dict[str, str | None] = {}
        now = time.time_ns()
        for name in (*listing, rel) if rel not in listing else listing:
            full = os.path.join(self.root, name.replace("/", os.sep))
            if full in overlay:
                records[name] = build(full, name, self._real_root, self.settings, self.kinds,
                                      overlay=overlay)
                continue
            record = self._record(name, full, modules, now)
            if record is not None:
                records[name] = record
        chosen = select([rel], records, listing, mapped_clusters=bool(self.settings.clusters))
        return [os.path.join(self.root, name.replace("/", os.sep)) for name in chosen]

    # -- records ---------------------------------------------------------------------

    def _record(
        self, name: str, full: str, modules: dict[str, str | None], now: int
    ) -> Record | None:
        try:
            info = os.stat(full)
        except OSError:
            self._records.pop(name, None)
            return None
        module = (module_signature(os.path.dirname(full), modules)
                  if name.lower().endswith(TERRAFORM_SUFFIXES) else "")
        key: Key = (info.st_size, info.st_mtime_ns, module)
        kept = self._records.get(name)
        if kept is not None and kept[0] == key:
            return kept[1]
        record = build(full, name, self._real_root, self.settings, self.kinds)
        if module is not None and now - info.st_mtime_ns > RACY_NS:
            self._records[name] = (key, record)
        else:
            self._records.pop(name, None)
        return record

    # -- the listing -----------------------------------------------------------------

    def _list(self) -> list[str]:
        if self._listing is None:
            self._listing, self._nested = self._walk()
            known = set(self._listing)
            for name in [n for n in self._records if n not in known]:
                del self._records[name]
        return self._listing

    def _walk(self) -> tuple[list[str], bool]:
        """The candidate files in walk order, as a full run reads context, and whether a
        configuration file other than the governing one sits in the project."""
        from spotlint.engine.reading import exclusion
        from spotlint.load.discover import discover

        listing: list[str] = []
        directories: set[str] = set()
        for candidate in discover([self.root], self.root, exclusion(self.settings)):
            if candidate.problem is not None:
                continue
            directories.add(os.path.dirname(candidate.path))
            if candidate.path.lower().endswith(MARKDOWN_SUFFIXES):
                continue
            rel = self._rel(candidate.path)
            if rel is not None:
                listing.append(rel)
        nested = other_config_in(directories, self.settings)
        return listing, nested

    def _rel(self, path: str) -> str | None:
        rel = os.path.relpath(os.path.abspath(path), self.root)
        if rel == os.pardir or rel.startswith(os.pardir + os.sep):
            return None
        return rel.replace(os.sep, "/")
