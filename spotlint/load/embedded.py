"""Documents held inside other files, positioned in the file that holds them.

A Kubernetes manifest in a shell heredoc, a YAML block of a Markdown guide, a pod
template or a ``spark-defaults.conf`` in a ConfigMap value: each is a document of
its own format inside an *outer* file. It is read here by the loader of its
format, from its own *inner* text (the heredoc body after quote removal, the
fence body, the decoded string), and every position is then mapped back into
the outer file through an offset map (:mod:`spotlint.load.textpos`). Rules,
suppression comments, baselines and reporters then see an ordinary document of
the outer file; nothing downstream knows it was embedded.

The result is an :class:`EmbeddedFile`: a :class:`~spotlint.load.base.LoadedFile`
whose ``path`` and ``text`` are the outer file's (so positions, fingerprints and
fix placement refer to the file on disk), whose ``fmt`` is the inner format (so
document kinds match as for a file of that kind), plus the inner text and map
for readers that work on text (the shell-script reader).
"""

from __future__ import annotations

from collections.abc import Callable

from spotlint.load.base import Limits, LoadedFile, LoadError
from spotlint.load.textpos import OffsetMap, SourceText
from spotlint.location import Location, Node

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar

#: Formats an embedded document can have (the loaders of :mod:`spotlint.load.files`).
FORMATS = ("yaml", "json", "properties", "shell")


class EmbeddedFile(LoadedFile):
    """A document inside another file: see the module docstring.

    ``inner`` is the document's own text and ``offsets`` maps its indices to
    indices of ``text`` (the outer file's). ``origin`` says what held it, for
    messages and debugging (``heredoc of kubectl apply``, ```` ```yaml block````).
    """

    inner: str
    offsets: OffsetMap | None
    origin: str
    #: the name the document goes by where it is used, when it has one: the file a
    #: heredoc writes, a ConfigMap data key (``executor-template.yaml``)
    name: str
    #: (ConfigMap name, data key) of a ConfigMap value
    config_map: tuple[str, str] | None
    #: for a container's script: the ConfigMap value each mounted path shows
    mounts: Callable[[str], tuple[str, str] | None] | None
    #: inner text -> positions, built once
    _inner_source: SourceText | None

    #: as ``field(repr=False)``
    UNSHOWN: ClassVar[tuple[str, ...]] = ("mounts", "_inner_source")

    def __init__(
        self,
        path: str,
        text: str,
        fmt: str,
        documents: list[Node] | None = None,
        errors: list[LoadError] | None = None,
        embedded: list[LoadedFile] | None = None,
        self_contained: bool = False,
        templated: bool = False,
        plain_parse: bool = False,
        syntax: object | None = None,
        inner: str = "",
        offsets: OffsetMap | None = None,
        origin: str = "",
        name: str = "",
        config_map: tuple[str, str] | None = None,
        mounts: Callable[[str], tuple[str, str] | None] | None = None,
        _inner_source: SourceText | None = None,
    ) -> None:
        super().__init__(path, text, fmt, documents, errors, embedded, self_contained, templated,
                         plain_parse, syntax)
        self.inner = inner
        self.offsets = offsets
        self.origin = origin
        self.name = name
        self.config_map = config_map
        self.mounts = mounts
        self._inner_source = _inner_source


    @property
    def inner_source(self) -> SourceText:
        if self._inner_source is None:
            self._inner_source = SourceText(self.path, self.inner)
        return self._inner_source


#: A loader by format: ``(path, text, limits, fmt) -> LoadedFile``
#: (:func:`spotlint.load.files.load_text`, passed in so this module stays below it).
Reader = Callable[[str, str, Limits, str], LoadedFile]


def load_embedded(
    outer: SourceText,
    inner: str,
    offsets: OffsetMap,
    fmt: str,
    limits: Limits,
    origin: str,
    reader: Reader,
) -> EmbeddedFile:
    """Read ``inner`` as a document of ``fmt`` with ``reader`` and position it in ``outer``.

    Load errors (SL001) are positioned in the outer file too. A shell script is
    not parsed here: its one document is its text, as for a script file, and
    the script reader maps its words with ``offsets`` itself.
    """
    piece = EmbeddedFile(path=outer.path, text=outer.text, fmt=fmt, inner=inner,
                         offsets=offsets, origin=origin)
    mover = _Mover(piece.inner_source, offsets, outer)
    if fmt == "shell":
        first = mover.location(Location(outer.path, 1, 1, 1, 1))
        last = mover.index_location(max(len(inner) - 1, 0))
        piece.documents.append(Node(inner, Location(
            outer.path, first.line, first.col, last.end_line, last.end_col)))
        return piece
    loaded = reader(outer.path, inner, limits, fmt)
    piece.documents = [mover.tree(doc) for doc in loaded.documents]
    for error in loaded.errors:
        where = mover.location(Location(outer.path, error.line, error.col, error.line, error.col))
        piece.errors.append(LoadError(error.message, where.line, where.col))
    return piece


class _Mover:
    """Moves locations of the inner text to the outer file."""

    def __init__(self, inner: SourceText, offsets: OffsetMap, outer: SourceText) -> None:
        self.inner = inner
        self.offsets = offsets
        self.outer = outer

    def index_location(self, index: int) -> Location:
        target = self.offsets.outer(index)
        line, col = self.outer.position(target)
        return Location(self.outer.path, line, col, line, col)

    def location(self, loc: Location) -> Location:
        first = self.offsets.outer(self.inner.index(loc.line, loc.col))
        last = self.offsets.outer(self.inner.index(loc.end_line, loc.end_col))
        line, col = self.outer.position(first)
        end_line, end_col = self.outer.position(max(last, first))
        return Location(self.outer.path, line, col, end_line, end_col)

    def tree(self, root: Node) -> Node:
        """Every node of ``root`` (keys included) moved in place; shared nodes once."""
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            node.loc = self.location(node.loc)
            key = node.key
            if key is not None and id(key) not in seen:
                seen.add(id(key))
                key.loc = self.location(key.loc)
            if isinstance(node.value, dict):
                stack.extend(node.value.values())
            elif isinstance(node.value, list):
                stack.extend(node.value)
        return root


def embedded_documents(loaded: LoadedFile) -> list[Node]:
    """The documents of ``loaded`` and of everything embedded in it, outer first."""
    documents = list(loaded.documents)
    for piece in loaded.embedded:
        documents.extend(embedded_documents(piece))
    return documents
