"""What joins files' findings, from the project index, for a run shared by processes.

A run shared by several processes (:mod:`spotlint.engine.parallel`) gives each
process part of the files; what one file's findings need of another's is what
the commit hook's index already says (:mod:`spotlint.index`): each file's record
(its pools, node classes, handlers, the files its jobs use or are built from),
which files a given file's findings depend on, and how a pool file is built back
from its record without a parse. The engine sits below the index, so the
command line hands it this adapter (as it hands it the hook's context).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from spotlint.load.base import LoadedFile
    from spotlint.model import Project

#: The key marking the record of a file that is a context of its own (a Markdown guide),
#: which the index never records (it leaves guides out of the context it chooses).
SELF_CONTAINED = "self_contained"


#: :mod:`spotlint.index.records`, once imported (:func:`_index_records`).
_records: Any = None


def _index_records() -> Any:
    """:mod:`spotlint.index.records`, imported once: :meth:`IndexJoins.record` is asked for
    every file a part read (~290 a process at 1,000 files), and an import statement in
    it ran importlib's Python ``_handle_fromlist`` each time (~4 K instructions)."""
    global _records
    from spotlint.index import records

    _records = records
    return records


class IndexJoins:
    """:class:`spotlint.engine.parallel.Joins` from the project index's records.

    The index is imported when a run is about to be shared (:meth:`prepare`), once,
    before the fork: a run too small to share, or a one-file check, never imports it.
    """

    def __init__(self) -> None:
        #: Template-reference candidates' answers, kept for the run's next records
        #: (:func:`spotlint.index.records.describe`'s ``known``).
        self.known: dict[str, str] = {}

    def prepare(self) -> None:
        from spotlint.index import pools, records, select

        del pools, records, select

    def record(
        self, project: Project, key: str, rel: str, loaded: LoadedFile, reads: Sequence[str],
        real_root: str, rel_of: Callable[[str], str],
    ) -> dict[str, Any]:
        """The file's record, as :func:`spotlint.index.records.build` makes it, from the
        project it was recognized into (the file is not read again).

        Which other files its objects point into (a shell script's job built from the
        ``file://`` request it names, a Terraform pool of its module's variables) is
        looked for only where some may be.
        """
        index = _records or _index_records()
        record: dict[str, Any] = index.describe(project, rel, real_root, reads, key, rel_of,
                                                look_for_sources=index.may_point_elsewhere(
                                                    project, loaded),
                                                known=self.known)
        if record and loaded.self_contained:
            # A guide's pools judge only its own jobs: its record cannot stand in for
            # it (the pools would judge everyone's); where chosen, it is read again.
            record[SELF_CONTAINED] = True
        return record

    def choose(
        self, given: Sequence[str], records: dict[str, dict[str, Any]], order: Sequence[str],
        mapped: bool,
    ) -> set[str]:
        """The files the findings of ``given`` depend on, as the commit hook chooses them.

        A file whose objects point into a file no process reads (a request file outside
        the paths) makes findings there, which a serial run reports: no process would,
        so the run is not shared (:class:`~spotlint.engine.parallel.Unsupported`).
        """
        from spotlint.engine.parallel import Unsupported
        from spotlint.index.select import select

        known: set[str] | None = None
        for record in records.values():
            if "sources" not in record:
                continue  # (most records point nowhere: ~500 a process at 1,000 files)
            known = set(order) if known is None else known
            outside = [path for path in record["sources"] if path not in known]
            if outside:
                raise Unsupported(f"findings in {outside[0]}, which no process reads")
        return set(select(given, records, order, mapped_clusters=mapped))

    def stand_in(self, record: dict[str, Any], key: str) -> Callable[[Project], None] | None:
        """What adds the file's pools, node classes and handlers from its record, as the
        commit hook builds them from the index (without the record's trip through JSON
        text, which gives back what :func:`~spotlint.index.records.describe` made)."""
        from spotlint.index.pools import contribution_of, stands_in

        if not stands_in(record):
            return None
        return contribution_of(record, key, {})
