"""libyaml's parse events as plain tuples, lists and marks while spotlint reads a file.

PyYAML's C parser (``yaml._yaml.CParser``) reports each event by calling one of
PyYAML's event classes, looked up by name in its module's globals at every call:
``ScalarEvent(anchor, tag, implicit, value, start_mark, end_mark, style)``. Those
classes are pure Python, and making one (a call of the class, ``__init__`` storing
each argument as an attribute) costs about four times what calling a function
that hands its arguments back costs. spotlint's YAML builder reads each event once,
right away, and keeps nothing of it but its fields. Over the Spark-heavy 1k corpus
loading every parsed file took 982 M instructions with PyYAML's classes, 858 M
with the shapes below (4.5% of a whole ``--jobs 1`` run).

While :func:`begin` .. :func:`end` is in effect, the parser's module is given these
functions in place of five of the classes; an event then arrives as:

====================================  ===================================================
scalar                                a tuple ``(anchor, tag, implicit, value, start_mark,
                                      end_mark, style)``: the class's arguments
mapping start, sequence start         a list ``[anchor, tag, implicit, start_mark,
                                      flow_style, is_map]``
mapping end, sequence end             its end mark (the builder knows what it closes)
alias                                 PyYAML's class, as always
stream, document                      PyYAML's classes; with ``begin(documents=True)``:
  document start                      its start mark
  stream end                          :data:`STREAM_END` (its type: :class:`StreamEnd`)
  stream start, document end          None
====================================  ===================================================

The three shapes the builder reads have three types (``tuple``, ``list``,
``yaml._yaml.Mark``), which is how it tells them apart. The stream and document
events are read around it, by the YAML loader, which asks for them plain too (a
file's four: ~8,000 instructions as PyYAML's Python classes, ~2,400 as these) and
reads either shape: those are plain only when the outermost :func:`begin` asks, and
any :func:`begin` inside it puts PyYAML's classes back for them (a reader of its own
events, such as the fix spans' walk, gets the shapes it asked for). :func:`plain`
gives the same shape for one of PyYAML's events, for a parser that makes those
(PyYAML's pure-Python parser where libyaml is missing).

Only the C parser's module globals change, only between :func:`begin` and
:func:`end`, and :func:`end` always puts PyYAML's classes back (calls nest: the
outermost :func:`end` does). Nothing but spotlint's builder runs a parser in that
time: spotlint reads files in one thread (the CLI, each process of a split run, and
the language server's event loop each have one), and the builder calls no code of
anyone else's. Code reading PyYAML's events at any other time (``yaml.parse``,
spotlint's fix spans) sees PyYAML's classes.
"""

from __future__ import annotations

from spotlint.load.pyyaml import yaml

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

try:  # pragma: no branch - libyaml is present on every supported platform wheel
    import yaml._yaml as _parser_module
except ImportError:  # pragma: no cover
    _parser_module = None  # type: ignore[assignment]

#: The parser's marks: what a collection's end event becomes (its end mark).
MARK: Any = _parser_module.Mark if _parser_module is not None else yaml.error.Mark


def _scalar(*fields: Any) -> tuple[Any, ...]:
    return fields


def _mapping_start(
    anchor: Any, tag: Any, implicit: Any, start: Any, end: Any, flow: Any,
) -> list[Any]:
    return [anchor, tag, implicit, start, flow, True]


def _sequence_start(
    anchor: Any, tag: Any, implicit: Any, start: Any, end: Any, flow: Any,
) -> list[Any]:
    return [anchor, tag, implicit, start, flow, False]


def _collection_end(start: Any, end: Any) -> Any:
    return end


class StreamEnd:
    """The type of :data:`STREAM_END` (``check_event`` asks for an event by its type)."""

    __slots__ = ()


#: What the stream's end event becomes.
STREAM_END = StreamEnd()


def _document_start(start: Any, *rest: Any) -> Any:
    return start


def _stream_end(*marks: Any) -> StreamEnd:
    return STREAM_END


def _nothing(*fields: Any) -> None:
    return None


#: PyYAML's classes by the name the parser calls them, and what stands in for each.
_PYYAML = {
    name: getattr(yaml.events, name)
    for name in ("ScalarEvent", "MappingStartEvent", "SequenceStartEvent",
                 "MappingEndEvent", "SequenceEndEvent", "StreamStartEvent", "StreamEndEvent",
                 "DocumentStartEvent", "DocumentEndEvent")
}
_PLAIN = {
    "ScalarEvent": _scalar,
    "MappingStartEvent": _mapping_start,
    "SequenceStartEvent": _sequence_start,
    "MappingEndEvent": _collection_end,
    "SequenceEndEvent": _collection_end,
}
#: The stream's and documents' stand-ins (``begin(documents=True)``).
_DOCUMENTS = {
    "StreamStartEvent": _nothing,
    "StreamEndEvent": _stream_end,
    "DocumentStartEvent": _document_start,
    "DocumentEndEvent": _nothing,
}
_PLAIN_DOCUMENTS = {**_PLAIN, **_DOCUMENTS}
#: PyYAML's classes for the stream and documents.
_PYYAML_DOCUMENTS = {name: _PYYAML[name] for name in _DOCUMENTS}
_depth = [0]
#: The parser module's globals, where its code looks the names up.
_globals: dict[str, Any] = vars(_parser_module) if _parser_module is not None else {}


def begin(documents: bool = False) -> None:
    """From now until the matching :func:`end`, libyaml's parser makes plain events;
    the stream's and documents' too when ``documents`` (only in the outermost)."""
    if _parser_module is None:  # pragma: no cover
        return
    if _depth[0] == 0:
        # (one call for all the names: this runs for every file)
        _globals.update(_PLAIN_DOCUMENTS if documents else _PLAIN)
    else:
        _globals.update(_PYYAML_DOCUMENTS)
    _depth[0] += 1


def end() -> None:
    """PyYAML's event classes back (when this ends the outermost :func:`begin`)."""
    if _parser_module is None:  # pragma: no cover
        return
    _depth[0] -= 1
    if _depth[0] <= 0:
        _depth[0] = 0
        _globals.update(_PYYAML)


def in_effect(parser: Any) -> bool:
    """Does ``parser`` make plain events now (libyaml's parser, inside :func:`begin`)?"""
    return (
        _parser_module is not None
        and isinstance(parser, _parser_module.CParser)
        and getattr(_parser_module, "ScalarEvent", None) is _scalar
    )


def plain(event: Any) -> Any:
    """The shape :func:`begin` gives ``event`` (one of PyYAML's events); others unchanged."""
    cls = type(event)
    if cls is _PYYAML["ScalarEvent"]:
        return (event.anchor, event.tag, event.implicit, event.value, event.start_mark,
                event.end_mark, event.style)
    if cls is _PYYAML["MappingStartEvent"] or cls is _PYYAML["SequenceStartEvent"]:
        return [event.anchor, event.tag, event.implicit, event.start_mark, event.flow_style,
                cls is _PYYAML["MappingStartEvent"]]
    if cls is _PYYAML["MappingEndEvent"] or cls is _PYYAML["SequenceEndEvent"]:
        mark = event.end_mark
        if type(mark) is MARK:
            return mark
        # (PyYAML's pure-Python parser's marks, where libyaml's parser is there too)
        return MARK(mark.name, mark.index, mark.line, mark.column, None, None)
    return event
