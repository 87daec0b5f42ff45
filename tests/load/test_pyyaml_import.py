"""PyYAML imported through spotlint.load.pyyaml: its reader's pattern listed, same matches.

The listed pattern must match exactly the code points PyYAML's negated class
matches (all 1,114,112 of them are compared), the pure-Python reader must still
refuse what it refused, with the same message and position, and the pattern is
given only while PyYAML is not imported yet.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from spotlint.load.pyyaml import NON_PRINTABLE, NON_PRINTABLE_LISTED

_EVERY_CODE_POINT = "".join(map(chr, range(0x110000)))


def _fresh(code: str, bytecode: Path) -> str:
    """What ``code`` prints in a new interpreter (nothing imported before it; bytecode,
    and patterns an earlier run kept, looked for in the empty ``bytecode``)."""
    prelude = f"import sys\nsys.pycache_prefix = {str(bytecode)!r}\n"
    done = subprocess.run([sys.executable, "-c", prelude + code], capture_output=True,
                          text=True, check=True)
    return done.stdout


def test_the_listed_pattern_matches_exactly_what_pyyaml_s_pattern_matches() -> None:
    # re.UNICODE is the default for text patterns: the flag only keeps the cache
    # (which may hold the listed pattern under this text) from answering.
    negated = re.compile(NON_PRINTABLE, re.UNICODE)
    listed = re.compile(NON_PRINTABLE_LISTED, re.UNICODE)
    assert negated.pattern != listed.pattern
    matched = [m.start() for m in negated.finditer(_EVERY_CODE_POINT)]
    assert len(matched) > 2000  # controls, C1 controls, surrogates, U+FFFE/U+FFFF
    assert [m.start() for m in listed.finditer(_EVERY_CODE_POINT)] == matched


_READ = """
import json, yaml
errors = []
texts = ("a: \\x07\\n", "b: [1, \\x85x, \\x1f]\\n", "ok: \\u00e9\\ufffd\\n", "\\ud7ff: \\ufffe")
for text in texts:
    try:
        yaml.load(text, Loader=yaml.SafeLoader)  # the pure-Python reader
        errors.append(None)
    except yaml.YAMLError as exc:
        errors.append(str(exc))
print(json.dumps([yaml.reader.Reader.NON_PRINTABLE.pattern, errors]))
"""


def test_the_pure_python_reader_refuses_what_it_refused(tmp_path: Path) -> None:
    import json

    given_pattern, given = json.loads(
        _fresh("import spotlint.load.yaml_loader\n" + _READ, tmp_path))
    own_pattern, own = json.loads(_fresh(_READ, tmp_path))
    assert given_pattern == NON_PRINTABLE_LISTED  # spotlint's import gave the listed pattern
    assert own_pattern == NON_PRINTABLE  # the text PyYAML compiles, as given here
    assert given == own
    assert given[0] is not None and "special characters are not allowed" in given[0]
    assert given[2] is None


def test_nothing_is_given_once_pyyaml_is_imported(tmp_path: Path) -> None:
    out = _fresh(
        "import yaml, re\n"
        "import spotlint.load.pyyaml as p\n"
        "pattern = yaml.reader.Reader.NON_PRINTABLE.pattern\n"
        "print(p._give_reader_pattern(), pattern == p.NON_PRINTABLE)",
        tmp_path,
    )
    assert out.split() == ["False", "True"]
