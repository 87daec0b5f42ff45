"""What every loader returns, and the limits that keep hostile input bounded."""

from __future__ import annotations

from spotlint.location import Node
from spotlint.value import FrozenValue, Value, frozen, replace

_set = object.__setattr__

#: The deepest nesting later stages (schema validation, rules) handle within
#: Python's default recursion limit; ``max-depth`` is never effectively higher.
MAX_DEPTH_CEILING = 300


@frozen
class Limits(FrozenValue):
    """Resource ceilings; exceeding one is an SL001 finding that names the limit.

    This class is the single source of the limits: the command line
    (``--limit NAME=VALUE``), the configuration file's ``limits`` key and
    docs/safety.md all use the field names spelt with dashes (``max-file-bytes``).
    The defaults are far above any real Spark, Karpenter or eksctl file and low
    enough that one hostile file stays within a few hundred MB and seconds.
    """

    #: Bytes read from one file; larger files are not parsed at all.
    max_file_bytes: int
    #: Nesting of mappings and sequences inside one document (at most MAX_DEPTH_CEILING).
    max_depth: int
    #: Nodes that aliases may add when expanded ("billion laughs" guard).
    max_alias_expansion: int
    #: Documents (``---``) in one YAML file.
    max_documents: int
    #: Values (mapping keys and values, sequence items, properties, shell words)
    #: in one file: what bounds memory, since a small file can hold many tiny values.
    max_nodes: int
    #: Seconds spent reading, recognizing and checking one file, rules included:
    #: what bounds time, since a small file can still be slow to check.
    max_seconds_per_file: int

    def __init__(
        self,
        max_file_bytes: int = 20 * 1024 * 1024,
        max_depth: int = 200,
        max_alias_expansion: int = 100_000,
        max_documents: int = 1_000,
        max_nodes: int = 500_000,
        max_seconds_per_file: int = 10,
    ) -> None:
        _set(self, "max_file_bytes", max_file_bytes)
        _set(self, "max_depth", max_depth)
        _set(self, "max_alias_expansion", max_alias_expansion)
        _set(self, "max_documents", max_documents)
        _set(self, "max_nodes", max_nodes)
        _set(self, "max_seconds_per_file", max_seconds_per_file)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Every limit as spelt on the command line and in configuration files."""
        return tuple(name.replace("_", "-") for name in cls.FIELDS)

    def with_values(self, values: dict[str, int]) -> Limits:
        """A copy with some limits changed; names use dashes; ValueError if invalid."""
        changes: dict[str, int] = {}
        for name, value in values.items():
            if name not in self.names():
                raise ValueError(
                    f"unknown limit {name!r} (known: {', '.join(self.names())})"
                )
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"limit {name} must be a positive integer, got {value!r}")
            if name == "max-depth" and value > MAX_DEPTH_CEILING:
                raise ValueError(f"limit max-depth must be at most {MAX_DEPTH_CEILING}")
            changes[name.replace("-", "_")] = value
        return replace(self, **changes)


@frozen
class LoadError(FrozenValue):
    """A file (or one document of it) that could not be read; becomes SL001."""

    message: str
    line: int
    col: int

    def __init__(
        self,
        message: str,
        line: int = 1,
        col: int = 1,
    ) -> None:
        _set(self, "message", message)
        _set(self, "line", line)
        _set(self, "col", col)


class LoadedFile(Value):
    """One file's documents, in order, plus anything that went wrong reading it.

    ``text`` is kept so positions inside strings (``--conf k=v`` in a longer
    string) can be computed from the raw source, and so fixes can edit it.
    """

    path: str
    text: str
    fmt: str
    documents: list[Node]
    errors: list[LoadError]
    #: Documents held inside this file (a Markdown fence, a heredoc, a ConfigMap value),
    #: each a file of its own format whose positions are already in this file
    #: (see :mod:`spotlint.load.embedded`). Loaders add those they find; normalizers
    #: add those they find inside values.
    embedded: list[LoadedFile]
    #: The file is a context of its own (a Markdown guide): its pools judge only its
    #: jobs and its jobs see only its pools, so an example never stands for the cluster.
    self_contained: bool
    #: The file was read after neutralizing template syntax (spotlint.load.templated):
    #: its text is not what was parsed, so no edit of it can be checked, and none is offered.
    templated: bool
    #: libyaml read every event of ``text`` (this very text) without an error and met
    #: no anchor, alias or merge key: placing a fix in it may stop reading after the
    #: fix's targets, since nothing later can make the file unfixable
    #: (:func:`spotlint.fix.tree.compose`).
    plain_parse: bool
    #: A format's own parse result that recognizers need beyond the located values
    #: (a Terraform syntax tree, evaluated again with its module's variables).
    syntax: object | None
    #: ``text`` is the file's bytes exactly as read from disk, decoded as UTF-8 (no
    #: byte-order mark, nothing replaced, kept as given by the loader; not standard
    #: input nor an editor's text): what a reader of the file itself would get, so a
    #: report that needs the file's text (SARIF's line hashes) uses it instead of
    #: reading the file again.
    utf8: bool

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
        utf8: bool = False,
    ) -> None:
        self.path = path
        self.text = text
        self.fmt = fmt
        self.documents = [] if documents is None else documents
        self.errors = [] if errors is None else errors
        self.embedded = [] if embedded is None else embedded
        self.self_contained = self_contained
        self.templated = templated
        self.plain_parse = plain_parse
        self.syntax = syntax
        self.utf8 = utf8


class LimitExceeded(Exception):
    """Raised inside a loader when input breaks a limit or a safety rule."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
