"""``printable`` answers printable text without its pattern, and escapes the rest as before.

Its pattern is compiled on first use (a JSON run of clean text never needs it), and
text that ``str.isprintable`` accepts is returned as it is: every character the
pattern escapes is one ``isprintable`` refuses (checked here over every code point).
"""

from __future__ import annotations

import random
import re
import subprocess
import sys

from spotlint.report import escape
from spotlint.report.escape import printable


def _by_pattern(text: str) -> str:
    """The escaping as it was: the pattern's every match replaced."""
    return re.compile(escape._UNSAFE).sub(escape._escape, text)


def test_every_code_point_is_escaped_as_by_the_pattern() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert printable(char) == _by_pattern(char), hex(code)
        assert printable("a" + char + "b") == _by_pattern("a" + char + "b"), hex(code)


def test_mixed_text_is_escaped_as_by_the_pattern() -> None:
    rng = random.Random(3)
    pieces = ["a", " ", "\u00e9", "\u6f22", "\n", "\t", "\x1b", "\x7f", "\x9b", "\u200e",
              "\u202e", "\u2028", "\udcff", "\ud800", "\xa0", "\u00ad", "\ufeff", "\U0001f600"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert printable(text) == _by_pattern(text), ascii(text)


def test_importing_compiles_neither_pattern() -> None:
    code = (
        "import re, sys\n"
        "compiled = []\n"
        "real = re.compile\n"
        "re.compile = lambda p, f=0: compiled.append(p) or real(p, f)\n"
        "import spotlint.report.escape as e\n"
        "assert e._UNSAFE not in compiled and e._SURROGATE not in compiled, compiled\n"
        "assert e.printable('plain text') == 'plain text'\n"
        "assert e._unsafe.cache_info().currsize == 0\n"
        "assert e.printable('a\\x1b') == 'a\\\\e'\n"
        "assert e._unsafe.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
