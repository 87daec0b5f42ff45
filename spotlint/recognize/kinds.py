"""The document-kind protocol and the context normalizers write into.

A document kind says cheaply whether a document is its kind (``matches``), names
the JSON Schema of the fields it reads (``schema``, validated by the engine for
SL002 before ``normalize`` runs), and turns the document into model objects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spotlint.load.base import Limits, LoadedFile
from spotlint.load.textpos import SourceText
from spotlint.location import Node
from spotlint.model import Project
from spotlint.value import Value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol
else:
    Protocol = object  # (a plain base at run time: nothing tests against it)


class InvalidField(Value):
    """A field with the wrong shape (SL002), found while normalizing."""

    node: Node
    message: str
    #: SL002 for a wrong shape; SL001 when an embedded document breaks a limit.
    code: str

    def __init__(
        self,
        node: Node,
        message: str,
        code: str = "SL002",
    ) -> None:
        self.node = node
        self.message = message
        self.code = code


class NormalizeContext(Value):
    """Per-file state handed to ``normalize``: the file, the project, problems found."""

    file: LoadedFile
    project: Project
    root: str
    #: The run's limits, for documents read while normalizing (embedded JSON, file:// args).
    limits: Limits
    invalid: list[InvalidField]
    #: Asks the run to read and recognize another file (the real path of a file inside
    #: the root that a Terraform ``file()`` names) as if it were given on the command
    #: line, once this file is done. None: nothing can be read from here.
    read_file: Callable[[str], None] | None
    _source: SourceText | None

    def __init__(
        self,
        file: LoadedFile,
        project: Project,
        root: str = ".",
        limits: Limits | None = None,
        invalid: list[InvalidField] | None = None,
        read_file: Callable[[str], None] | None = None,
        _source: SourceText | None = None,
    ) -> None:
        self.file = file
        self.project = project
        self.root = root
        self.limits = Limits() if limits is None else limits
        self.invalid = [] if invalid is None else invalid
        self.read_file = read_file
        self._source = _source

    @property
    def source(self) -> SourceText:
        if self._source is None:
            self._source = SourceText(self.file.path, self.file.text)
        return self._source

    def report_invalid(self, node: Node, message: str) -> None:
        self.invalid.append(InvalidField(node, message))

    def report_unreadable(self, node: Node, message: str) -> None:
        """A document embedded in ``node`` (a JSON argument...) was refused by a limit."""
        self.invalid.append(InvalidField(node, message, "SL001"))

    def embed(self, piece: LoadedFile) -> None:
        """Recognize ``piece``, a document found inside one of this file's values, next.

        ``piece`` (see :mod:`spotlint.load.embedded`) is positioned in this file;
        the engine runs it through every document kind like a file of its format
        once this file's own documents are done.
        """
        self.file.embedded.append(piece)


class DocumentKind(Protocol):
    """What a recognizer provides; built-in and plugin kinds alike.

    A kind may also say which documents its ``matches`` can accept at all, as
    ``document_kinds``: the kinds of document (``api_group(doc)[2]``: the text of
    its ``kind``, ``""`` when it has none) outside which ``matches`` is always False.
    It is then asked only about documents of those kinds (:class:`KindTable`); a kind
    without it is asked about every document.
    """

    name: str
    schema: str | None

    def matches(self, doc: Node, file: LoadedFile) -> bool: ...

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None: ...


class KindTable:
    """The kinds to ask about a document, in their order, by the document's kind.

    The engine asks each kind's ``matches`` in turn until one says yes. Most kinds
    accept only a few kinds of document (a NodePool, a SparkApplication) and say no
    to every other one after reading its ``apiVersion`` and ``kind``: about 25 calls
    a document. A kind that declares ``document_kinds`` is asked only about
    documents of those kinds; one that does not (it reads other things: the file's
    format, a Helm values file's keys; or a plugin's) about every document, as
    before. The first kind that matches is the same, since the kinds left out could
    not have matched.
    """

    def __init__(self, kinds: Sequence[Any]) -> None:
        self.kinds = tuple(kinds)
        declared = [getattr(kind, "document_kinds", None) for kind in self.kinds]
        texts = {text for accepted in declared if accepted is not None for text in accepted}
        #: the kinds asked about a document of a declared kind, by its kind text
        self.by_text = {
            text: tuple(kind for kind, accepted in zip(self.kinds, declared, strict=True)
                        if accepted is None or text in accepted)
            for text in texts}
        #: the kinds asked about any other document: those declaring nothing
        self.rest = tuple(kind for kind, accepted in zip(self.kinds, declared, strict=True)
                          if accepted is None)

    def asked(self, doc: Node) -> tuple[Any, ...]:
        """The kinds that may match ``doc``, in order."""
        try:
            text = api_group(doc)[2]
        except Exception:
            return self.kinds  # (asked as before, the kind that meets the error names it)
        return self.by_text.get(text, self.rest)


def kind_table(kinds: Sequence[Any]) -> KindTable:
    """The table of ``kinds``, made once for a run's kinds (kept for the next file)."""
    table = _TABLE[0]
    if table is None or table.kinds != tuple(kinds):
        table = _TABLE[0] = KindTable(kinds)
    return table


#: The last table :func:`kind_table` made.
_TABLE: list[KindTable | None] = [None]


def link_kinds(kinds: Sequence[object], project: Project) -> None:
    """Let each kind that has one run its ``link(project)`` once every file is normalized.

    Some facts join documents that may sit in any file, in any order: a
    Karpenter NodePool learns its cluster from the node class it references.
    A kind that needs this defines ``link``; the others are left alone.
    """
    for kind in kinds:
        link = getattr(kind, "link", None)
        if callable(link):
            link(project)


def api_group(doc: Node) -> tuple[str, str, str]:
    """(group, version, kind) of a Kubernetes-style document; empty strings if absent.

    Every kind's ``matches`` asks this of each document in turn (about 14,000
    times for 2,400 documents), so the last answer is kept with the document and
    the two nodes it was read from.
    """
    value = doc.value
    if isinstance(value, dict):
        api = value.get("apiVersion")
        kind = value.get("kind") or value.get("Kind")
    else:
        api = kind = None
    last = _LAST
    if last[0] is doc and last[1] is api and last[2] is kind:
        answer: tuple[str, str, str] = last[3]
        return answer
    api_text = api.text() if api is not None else ""
    kind_text = kind.text() if kind is not None else ""
    group, _, version = (api_text or "").rpartition("/")
    if not group and version:
        group, version = "", version
    answer = (group, version, kind_text or "")
    last[:] = [doc, api, kind, answer]
    return answer


#: The last document :func:`api_group` answered for, the nodes it read and its answer.
_LAST: list[Any] = [None, None, None, None]
