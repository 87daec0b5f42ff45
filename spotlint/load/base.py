"""What every loader returns, and the limits that keep hostile input bounded."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from spotlint.location import Node

#: The deepest nesting later stages (schema validation, rules) handle within
#: Python's default recursion limit; ``max-depth`` is never effectively higher.
MAX_DEPTH_CEILING = 300


@dataclass(frozen=True)
class Limits:
    """Resource ceilings; exceeding one is an SL001 finding that names the limit.

    This dataclass is the single source of the limits: the command line
    (``--limit NAME=VALUE``), the configuration file's ``limits`` key and
    docs/safety.md all use the field names spelt with dashes (``max-file-bytes``).
    The defaults are far above any real Spark, Karpenter or eksctl file and low
    enough that one hostile file stays within a few hundred MB and seconds.
    """

    #: Bytes read from one file; larger files are not parsed at all.
    max_file_bytes: int = 20 * 1024 * 1024
    #: Nesting of mappings and sequences inside one document (at most MAX_DEPTH_CEILING).
    max_depth: int = 200
    #: Nodes that aliases may add when expanded ("billion laughs" guard).
    max_alias_expansion: int = 100_000
    #: Documents (``---``) in one YAML file.
    max_documents: int = 1_000
    #: Values (mapping keys and values, sequence items, properties, shell words)
    #: in one file: what bounds memory, since a small file can hold many tiny values.
    max_nodes: int = 500_000
    #: Seconds spent reading, recognizing and checking one file, rules included:
    #: what bounds time, since a small file can still be slow to check.
    max_seconds_per_file: int = 10

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Every limit as spelt on the command line and in configuration files."""
        return tuple(f.name.replace("_", "-") for f in fields(cls))

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


@dataclass(frozen=True)
class LoadError:
    """A file (or one document of it) that could not be read; becomes SL001."""

    message: str
    line: int = 1
    col: int = 1


@dataclass
class LoadedFile:
    """One file's documents, in order, plus anything that went wrong reading it.

    ``text`` is kept so positions inside strings (``--conf k=v`` in a longer
    string) can be computed from the raw source, and so fixes can edit it.
    """

    path: str
    text: str
    fmt: str
    documents: list[Node] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    #: Documents held inside this file (a Markdown fence, a heredoc, a ConfigMap value),
    #: each a file of its own format whose positions are already in this file
    #: (see :mod:`spotlint.load.embedded`). Loaders add those they find; normalizers
    #: add those they find inside values.
    embedded: list[LoadedFile] = field(default_factory=list)
    #: The file is a context of its own (a Markdown guide): its pools judge only its
    #: jobs and its jobs see only its pools, so an example never stands for the cluster.
    self_contained: bool = False
    #: The file was read after neutralizing template syntax (spotlint.load.templated):
    #: its text is not what was parsed, so no edit of it can be checked, and none is offered.
    templated: bool = False
    #: libyaml read every event of ``text`` (this very text) without an error and met
    #: no anchor, alias or merge key: placing a fix in it may stop reading after the
    #: fix's targets, since nothing later can make the file unfixable
    #: (:func:`spotlint.fix.tree.compose`).
    plain_parse: bool = False
    #: A format's own parse result that recognizers need beyond the located values
    #: (a Terraform syntax tree, evaluated again with its module's variables).
    syntax: object | None = None


class LimitExceeded(Exception):
    """Raised inside a loader when input breaks a limit or a safety rule."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
