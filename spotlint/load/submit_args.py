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
    tokens: list[Token] = []
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
        tokens.append(Token("".join(parts), start, i, quoted))
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
    tokens = split_words(value)
    items: list[ConfItem] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        word = token.text
        pair: Token | None = None
        if word in ("--conf", "-c") and index + 1 < len(tokens):
            pair = tokens[index + 1]
            index += 2
        elif word.startswith("--conf="):
            pair = Token(word[len("--conf=") :], token.start + 7, token.end, token.quoted)
            index += 1
        elif word in FLAG_CONFS and index + 1 < len(tokens):
            arg = tokens[index + 1]
            key_loc = mapper.locate(token.start, len(word))
            key = Node(FLAG_CONFS[word], key_loc)
            items.append(ConfItem(key, _value_node(arg.text, mapper, arg, 0, key)))
            index += 2
            continue
        else:
            index += 1
            continue
        text = pair.text
        if "=" not in text:
            continue
        key_text, val_text = text.split("=", 1)
        lead = 1 if value[pair.start : pair.start + 1] in ("'", '"') else 0
        key_loc = mapper.locate(pair.start + lead, len(key_text))
        key = Node(key_text.strip(), key_loc)
        items.append(
            ConfItem(key, _value_node(val_text, mapper, pair, lead + len(key_text) + 1, key))
        )
    return items


def _value_node(text: str, mapper: StringMapper, token: Token, skip: int, key: Node) -> Node:
    loc = mapper.locate(token.start + skip, max(len(text), 1))
    unknown = has_placeholder(text) or (
        mapper.node.unknown and has_placeholder(mapper.value[token.start : token.end])
    )
    return Node(text.strip(), loc, key=key, unknown=unknown)
