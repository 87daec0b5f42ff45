"""May a file spell a node class's name? The words of a name, as the byte scan keeps them.

The scan (:mod:`.roles`) keeps every word of a file's text; a file may define a
node class only if it spells every word of the class's name (or, in Terraform,
builds it around an interpolation). Selection (:mod:`.select`) asks this for the
pools it reads, in the commit hook and in each process of a split run
(:mod:`spotlint.engine.parallel`). The split imports only this, not the scan:
the scan's module compiles 21 regular expressions at import, which a split run
compiled before its fork for one of them (~2 ms before the second core has work).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: What ends a word inside text (path separators, quotes, operators, spaces).
SEPARATORS = re.compile(rb"[\s/\\\"'`=:,;(){}\[\]<>|&*?$]+")

#: The name Karpenter linking gives a node class (or a pool's reference) without one
#: (:func:`spotlint.recognize.karpenter._name`): not spelt in the file.
UNNAMED = "<unnamed>"


def may_name(words: str | None, name: str,
             pieces: Iterable[tuple[str | None, str | None]] = ()) -> bool:
    """May a file whose words are ``words`` (None: unknown) define a node class called
    ``name``? Every word of the name must be one of the file's (a name is spelt whole,
    placeholders and all), or, in Terraform, the name may be built around an
    interpolation (``pieces``, see :func:`spotlint.index.roles._pieces`)."""
    spelt = name_words(name)
    if words is None or spelt is None or pieces_allow(pieces, name):
        return True
    return all(f" {p} " in words for p in spelt)


def name_words(name: str) -> list[str] | None:
    """The words a file defining a node class called ``name`` spells (see
    :func:`spotlint.index.roles._words`), None when it may spell none (no name, or not
    ASCII)."""
    if name == UNNAMED or not name.isascii():
        return None
    spelt = [p.decode("ascii") for p in SEPARATORS.split(name.lower().encode("ascii")) if p]
    return spelt or None


def pieces_allow(pieces: Iterable[tuple[str | None, str | None]], name: str) -> bool:
    """May a Terraform string built around an interpolation spell ``name``?"""
    lower = name.lower()
    return any((before is None or lower.startswith(before)) and (
        after is None or lower.endswith(after)) for before, after in pieces)
