"""Documents held in string values, handed to the engine as embedded documents.

Shared by the readers of workloads, ConfigMaps and Helm values: a string is
read as a document of a given format (:mod:`spotlint.load.embedded`), each of
its characters positioned where it is written in the file
(:func:`spotlint.load.textpos.string_offsets`), and queued with
``ctx.embed`` so every document kind sees it.
"""

from __future__ import annotations

from spotlint.load.embedded import EmbeddedFile, load_embedded
from spotlint.load.files import load_text
from spotlint.load.prefilter import is_relevant
from spotlint.load.textpos import string_offsets
from spotlint.location import Node
from spotlint.recognize.kinds import NormalizeContext


def relevant(fmt: str, text: str) -> bool:
    """May a document of ``fmt`` holding ``text`` matter (the file prefilter, per document)?"""
    data = text.encode("utf-8", "surrogatepass")
    if fmt == "properties":
        return b"spark." in data
    return is_relevant(data)


def embed_string(node: Node, fmt: str, ctx: NormalizeContext, origin: str,
                 name: str = "", report: bool = True) -> EmbeddedFile | None:
    """The document of format ``fmt`` held in string ``node``, handed to the engine.

    ``report`` off: a document guessed from its content that does not parse is
    not one, and nothing is reported about it (None is returned).
    """
    text = node.value if isinstance(node.value, str) else ""
    if not text.strip():
        return None
    offsets = string_offsets(node, ctx.source)
    piece = load_embedded(ctx.source, text, offsets, fmt, ctx.limits, origin, load_text)
    piece.name = name
    if piece.errors and not report and not any("max-" in e.message for e in piece.errors):
        return None
    ctx.embed(piece)
    return piece


def embed_script(node: Node, ctx: NormalizeContext, origin: str) -> EmbeddedFile | None:
    """A shell script held in a string value, read like a script file."""
    return embed_string(node, "shell", ctx, origin)
