"""Is the edited file the original data plus exactly the intended change?

Both texts are parsed with the format's own reader (ruamel.yaml for YAML, the
json module for JSON, spotlint's properties reader for ``.conf``); the effects
of the applied changes are replayed on the original data, and the result must
equal the edited data. Anything else (a re-indented block that changed
nesting, a duplicate key, a string that became a boolean, a broken quote) means
the file is left as it was.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from ruamel.yaml import YAML

from spotlint.fix.render import as_text
from spotlint.fix.resolve import Effect
from spotlint.load.files import parse_json
from spotlint.load.properties import load_properties_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Mismatch(Exception):
    """The edited text does not parse to the expected data; the message says how."""


class _Expect:
    """A value that equals whatever satisfies ``test`` (strings edited word-wise)."""

    def __init__(
        self, test: Callable[[Any], bool], shown: str, words: list[str] | None = None
    ) -> None:
        self.test = test
        self.shown = shown
        self.words = words

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and self.test(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return self.shown


def parse(
    path: str, text: str, fmt: str, what: str = "the edited file no longer parses"
) -> list[Any]:
    """Every document of ``text`` as plain data; raises :class:`Mismatch` if it does not parse."""
    try:
        if fmt == "json":
            return [parse_json(text)]
        if fmt == "properties":
            doc = load_properties_text(path, text).documents[0]
            return [{k: v.value for k, v in doc.items()}]
        yaml = YAML(typ="safe", pure=True)
        yaml.allow_duplicate_keys = False
        return list(yaml.load_all(text))
    except Exception as exc:
        first = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
        raise Mismatch(f"{what}: {first}") from exc


def expected(before: list[Any], effects: list[Effect], fmt: str) -> list[Any]:
    data = copy.deepcopy(before)
    for effect in effects:
        _replay(data, effect, fmt)
    return data


def check(path: str, old: str, new: str, fmt: str, effects: list[Effect]) -> None:
    """Raise :class:`Mismatch` unless ``new`` is ``old`` plus ``effects``."""
    try:
        want = expected(parse(path, old, fmt, "ruamel.yaml cannot round-trip it"), effects, fmt)
    except (KeyError, IndexError, TypeError, AttributeError) as exc:
        raise Mismatch(f"the fix does not match the file's structure ({exc})") from exc
    got = parse(path, new, fmt)
    if want != got:
        raise Mismatch("the edited file does not read back as the original plus the fix")


def _parent(data: list[Any], path: tuple[Any, ...]) -> Any:
    node: Any = data
    for item in path[:-1]:
        node = node[item]
    return node


def _replay(data: list[Any], effect: Effect, fmt: str) -> None:
    path = effect.path
    if effect.kind == "set":
        value = as_text(effect.payload) if fmt == "properties" else effect.payload
        _parent(data, path)[path[-1]] = value
    elif effect.kind == "rename":
        parent = _parent(data, path)
        parent[effect.payload] = parent.pop(path[-1])
    elif effect.kind == "insert":
        keys, value = effect.payload
        node = _parent(data, (*path, None))
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = value
    elif effect.kind == "segment":
        parent = _parent(data, path)
        parent[path[-1]] = _segment(parent[path[-1]], *effect.payload)
    elif effect.kind == "append":
        parent = _parent(data, path)
        before = parent[path[-1]]
        base = before.words if isinstance(before, _Expect) else before.split()
        if base is None:
            raise Mismatch("one string edited twice in different ways")
        words = [*base, *effect.payload]
        parent[path[-1]] = _Expect(lambda s: s.split() == words, " ".join(words), words)


def _segment(before: Any, old: str, new: str, offset: int) -> Any:
    if isinstance(before, _Expect):
        return before
    if offset >= 0:
        return before[:offset] + new + before[offset + len(old) :]
    words = before.split()

    def test(after: str) -> bool:
        changed = [(a, b) for a, b in zip(words, after.split(), strict=False) if a != b]
        return (len(after.split()) == len(words) and len(changed) == 1
                and changed[0][0].replace(old, new, 1) == changed[0][1])

    return _Expect(test, f"{before!r} with {old!r} -> {new!r}")
