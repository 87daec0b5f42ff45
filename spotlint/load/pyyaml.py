"""PyYAML, imported without compiling the one pattern of it that costs most to compile.

``import yaml`` runs PyYAML's pure-Python reader module, whose class body compiles
``Reader.NON_PRINTABLE``: a negated character class reaching U+10FFFF, which
Python's regular expression compiler lays out code point by code point (about
8 ms, in every process that imports PyYAML: a one-file check, each commit-hook
run). spotlint parses with libyaml and never runs that reader, but other code in
the process may, so the pattern must still be there and match what it matched.

``re.compile`` answers a pattern text it has compiled before from its cache. Before
PyYAML is imported, the cache is given, under that very text, the same set of
characters listed instead of negated (every code point the class leaves out),
which compiles in about half a millisecond and matches exactly the same
characters (tests/load/test_pyyaml_import.py compares all 1,114,112 code points):
``Reader.NON_PRINTABLE`` is that pattern, and only its ``pattern`` text tells.
When PyYAML is already imported, or ``re`` keeps no such cache (another Python),
nothing is given and PyYAML compiles its own; when the cache holds PyYAML's own
pattern already (kept by an earlier run: :mod:`spotlint.compiled_patterns`),
that one serves.
"""

from __future__ import annotations

import re
import sys

#: PyYAML's pattern (``yaml/reader.py``, ``Reader.NON_PRINTABLE``), as its source spells it.
NON_PRINTABLE = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"
#: The characters it matches, listed: every code point it leaves out.
NON_PRINTABLE_LISTED = "[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]"


def _give_reader_pattern() -> bool:
    """Put the listed pattern in ``re``'s cache under PyYAML's text; True if it was.

    Not when the cache holds that text already: PyYAML's own pattern, kept by an
    earlier run (:mod:`spotlint.compiled_patterns`), costs less still.
    """
    cache = getattr(re, "_cache", None)
    if "yaml.reader" in sys.modules or not isinstance(cache, dict):
        return False
    if (str, NON_PRINTABLE, 0) in cache:
        return False
    cache[(str, NON_PRINTABLE, 0)] = re.compile(NON_PRINTABLE_LISTED)
    return True


_give_reader_pattern()

import yaml  # noqa: E402  (after the cache is given the pattern)

__all__ = ["yaml"]
