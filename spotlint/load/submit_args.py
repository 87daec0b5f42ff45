"""``spark-submit`` argument strings (EMR ``sparkSubmitParameters``) to conf items.

The string is split like a POSIX shell would split it (quotes and backslashes),
keeping each token's offset, so every ``--conf key=value`` item yields key and
value nodes positioned inside the original string. Dedicated flags that set
confs (``--num-executors`` and friends) are mapped to their conf keys.
"""

from __future__ import annotations

import re

from spotlint.load.placeholders import has_placeholder
from spotlint.load.textpos import StringMapper
from spotlint.location import Node
from spotlint.value import FrozenValue, frozen

_set = object.__setattr__


FLAG_CONFS = {
    "--num-executors": "spark.executor.instances",
    "--executor-memory": "spark.executor.memory",
    "--executor-cores": "spark.executor.cores",
    "--driver-memory": "spark.driver.memory",
    "--driver-cores": "spark.driver.cores",
    "--total-executor-cores": "spark.cores.max",
    "--name": "spark.app.name",
    "--class": "spark.submit.mainClass",
    "--properties-file": "spark.submit.propertiesFile",
}


@frozen
class Token(FrozenValue):
    text: str
    start: int
    end: int
    quoted: bool

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        quoted: bool,
    ) -> None:
        _set(self, "text", text)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "quoted", quoted)


def split_words(value: str) -> list[Token]:
    """POSIX-like word splitting that remembers where each word started."""
    return [Token(text, start, end, quoted) for text, start, end, quoted in _words(value)]


#: A word of a text without quotes or backslashes: a run of anything but blanks.
_WORD = re.compile(r"[^ \t\r\n]+")
_span = re.Match.span


def _words(value: str) -> list[tuple[str, int, int, bool]]:
    """:func:`split_words`' words as ``(text, start, end, quoted)``, without making a
    :class:`Token` of each (:func:`conf_items` reads each word once). A text without
    quotes or backslashes (nearly every argument string) is split by one pattern: its
    words are the runs of anything but blanks, each its own text."""
    if "'" not in value and '"' not in value and "\\" not in value:
        return [(value[start:end], start, end, False)
                for start, end in map(_span, _WORD.finditer(value))]
    tokens: list[tuple[str, int, int, bool]] = []
    i, n = 0, len(value)
    while i < n:
        while i < n and value[i] in " \t\r\n":
            i += 1
        if i >= n:
            break
        start, parts, quoted = i, [], False
        while i < n and value[i] not in " \t\r\n":
            ch = value[i]
            if ch in "'\"":
                quoted = True
                close = value.find(ch, i + 1)
                if close == -1:
                    close = n
                inner = value[i + 1 : close]
                parts.append(inner.replace('\\"', '"') if ch == '"' else inner)
                i = close + 1
            elif ch == "\\" and i + 1 < n:
                parts.append(value[i + 1])
                i += 2
            else:
                plain = _PLAIN.match(value, i)  # a run of ordinary characters, copied at once
                stop = plain.end() if plain is not None else i + 1
                parts.append(value[i:stop])
                i = stop
        tokens.append(("".join(parts), start, i, quoted))
    return tokens


#: Characters with no meaning to :func:`split_words` (not a blank, quote or backslash).
_PLAIN = re.compile(r"[^ \t\r\n'\"\\]+")


@frozen
class ConfItem(FrozenValue):
    key: Node
    value: Node

    def __init__(
        self,
        key: Node,
        value: Node,
    ) -> None:
        _set(self, "key", key)
        _set(self, "value", value)


def conf_items(node: Node, mapper: StringMapper) -> list[ConfItem]:
    """Every ``--conf``/``-c`` item and conf-setting flag inside ``node``'s string."""
    value = mapper.value
    tokens = _words(value)
    count = len(tokens)
    items: list[ConfItem] = []
    index = 0
    while index < count:
        word, start, end, _ = tokens[index]
        if word in ("--conf", "-c") and index + 1 < count:
            text, start, end, _ = tokens[index + 1]
            index += 2
        elif word.startswith("--conf="):
            text, start = word[len("--conf=") :], start + 7
            index += 1
        elif word in FLAG_CONFS and index + 1 < count:
            arg, arg_start, arg_end, _ = tokens[index + 1]
            key = mapper.node_at(FLAG_CONFS[word], start, len(word))
            items.append(_item(key, _value_node(arg, mapper, arg_start, arg_end, 0, key)))
            index += 2
            continue
        else:
            index += 1
            continue
        if "=" not in text:
            continue
        key_text, val_text = text.split("=", 1)
        lead = 1 if value[start : start + 1] in ("'", '"') else 0
        key = mapper.node_at(key_text.strip(), start + lead, len(key_text))
        items.append(
            _item(key, _value_node(val_text, mapper, start, end, lead + len(key_text) + 1, key))
        )
    return items


_new_item = object.__new__


def _item(key: Node, value: Node) -> ConfItem:
    """``ConfItem(key, value)``, its two fields set without calling the class."""
    item: ConfItem = _new_item(ConfItem)
    _set(item, "key", key)
    _set(item, "value", value)
    return item


def _value_node(
    text: str, mapper: StringMapper, start: int, end: int, skip: int, key: Node,
) -> Node:
    unknown = has_placeholder(text) or (
        mapper.node.unknown and has_placeholder(mapper.value[start:end])
    )
    return mapper.node_at(text.strip(), start + skip, max(len(text), 1), key, unknown)
