"""The YAML 1.2 table of ``fix/render`` answers as ruamel.yaml does.

A fix writes a value plain only when YAML 1.1 (libyaml) and YAML 1.2 both read
it back as the same string. The 1.2 answer comes from a table of ruamel.yaml's
resolver patterns (so JSON and SARIF runs do not import ruamel.yaml); here it
is compared with ruamel.yaml loading the scalar, over every plain scalar the
writer may be asked about: resolver edge cases, random words, and the scalars
of the example files and of the corpus.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from ruamel.yaml import YAML

from spotlint.fix import render
from spotlint.fix.render import _PLAIN_SAFE, yaml12_is_string

REPO = Path(__file__).resolve().parents[2]
_RUAMEL = YAML(typ="safe", pure=True)

EDGE_TEXT = """
true True TRUE false False FALSE yes no on off y n Yes NO On OFF tRue
1 -1 +1 0 00 007 08 0o17 0o8 0O17 0b101 0b2 0x1F 0xg 1_000 _1 1_ -_ +_ 0_ 0b_ 0x_ 0o_
1.5 1. .5 -.5 +.5 ._ 1e5 1E-5 1.5e+3 1e 1.e5 -1e5 .5e5 .5e+5 1_0.5 1__2
.inf -.inf +.inf .Inf .INF .iNf .nan .NaN .NAN -.nan nan inf
1:20 1:20.5 190:20:30 -1:20 1:60 0:20
null Null NULL nULL ~ nil None
2001-12-14 2001-12-14t21:59:43.10-05:00 2001-12-14T21:59:43Z 2001-1-4 20011214 2001-12-1
2001-12-14T21:59:43.10 2001-12-14T2:59:43+05 2001-12-14T21:59:43+05:00 1999-99-99
= == a= <<  --- ... -- - + . .. @a %a a%b a@b a:b a::b a:1 -a +a .a _a /a a/b
spot on-demand ON_DEMAND karpenter.sh/capacity-type s3a://bucket/x 3g 2048m 0.8 4 true
"""
EDGES = EDGE_TEXT.split()


def _ruamel_is_string(text: str) -> bool:
    try:
        return bool(_RUAMEL.load(text) == text)
    except Exception:
        return False


def _old_plain_is_string(text: str) -> bool:
    """The writer's question answered by both readers, as it was asked before the table."""
    if not _PLAIN_SAFE.match(text) or text.endswith(":"):
        return False
    try:
        v11 = yaml.load(text, Loader=yaml.CSafeLoader)
    except Exception:
        return False
    return bool(v11 == text and _ruamel_is_string(text))


def _random_words(count: int) -> list[str]:
    rng = random.Random(1212)
    pieces = ["0", "1", "7", "9", "_", ".", "-", "+", "e", "E", "x", "o", "b", "a", "f",
              ":", "=", "inf", "nan", "Inf", "NaN", "true", "null", "T", "Z", "t", "/",
              "2001-12-14", "59", "00"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(count)]


def _scalars_of(folder: Path) -> set[str]:
    found: set[str] = set()
    for path in sorted(folder.rglob("*.y*ml")):
        try:
            events = list(yaml.parse(path.read_text("utf-8"), Loader=yaml.CSafeLoader))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        found.update(e.value for e in events
                     if isinstance(e, yaml.ScalarEvent) and e.value and not e.style)
    return found


def _words() -> list[str]:
    words = set(EDGES) | set(_random_words(6000)) | _scalars_of(REPO / "examples")
    return sorted(w for w in words if _PLAIN_SAFE.match(w))


def test_edge_cases_are_typed_as_ruamel_types_them() -> None:
    def itself(text: str) -> bool:
        try:
            return bool(yaml.load(text, Loader=yaml.CSafeLoader) == text)
        except (yaml.YAMLError, ValueError):
            return False

    read_as_itself = [t for t in EDGES if itself(t)]
    assert len(read_as_itself) > 40
    for text in read_as_itself:
        assert yaml12_is_string(text) == _ruamel_is_string(text), text


def test_the_writers_question_has_the_same_answer() -> None:
    render._plain_is_string.cache_clear()
    differ = [w for w in _words() if render._plain_is_string(w) != _old_plain_is_string(w)]
    assert differ == []


def test_corpus_scalars_have_the_same_answer(corpus: Path) -> None:
    render._plain_is_string.cache_clear()
    words = sorted(w for w in _scalars_of(corpus) if _PLAIN_SAFE.match(w))
    assert len(words) > 500
    assert [w for w in words if render._plain_is_string(w) != _old_plain_is_string(w)] == []


def test_the_table_is_ruamels_own_patterns() -> None:
    """Every YAML 1.2 pattern of ruamel's resolver is in the table, for the same
    first characters (a new ruamel version changing them fails here)."""
    from ruamel.yaml.resolver import implicit_resolvers

    def squash(pattern: str) -> str:
        return re.sub(r"\s+", "", pattern)

    ruamel = set()
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) not in versions:
            continue
        body = squash(regexp.pattern).removeprefix("^(?:").removesuffix(")$")
        if tag.endswith(":null"):  # its '' alternative is the empty scalar, never asked
            assert body.endswith("|") and "" in first
            body, first = body[:-1], [c for c in first if c]
        ruamel.add(("".join(sorted(first)), body))
    ours = {("".join(sorted(first)), squash(pattern)) for first, pattern in render._YAML12_TYPES}
    assert ours == ruamel


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_json_or_sarif_run_does_not_import_ruamel(fmt: str) -> None:
    code = ("import sys; from spotlint.cli.main import main\n"
            "try:\n main(['check', 'examples', '--exit-zero', '--format', sys.argv[1]])\n"
            "except SystemExit: pass\n"
            "sys.stderr.write('RUAMEL' if 'ruamel.yaml' in sys.modules else 'NONE')")
    done = subprocess.run([sys.executable, "-c", code, fmt], cwd=REPO, capture_output=True,
                          text=True, check=False)
    assert done.stderr.endswith("NONE"), done.stderr[-500:]
    assert '"edits"' in done.stdout or '"artifactChanges"' in done.stdout  # fixes placed
