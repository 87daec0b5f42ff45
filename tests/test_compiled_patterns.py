"""Patterns kept by one run and given to ``re``'s cache by the next are ``re``'s own.

A run saves the patterns it compiled (``_sre.compile``'s arguments, as ``re``'s
compiler made them); a later import of spotlint gives them to ``re``'s cache. Each
given pattern must equal the one ``re``'s compiler makes now (pattern objects
compare their text, flags and compiled code), the modules' ``re.compile`` must
answer with it, and a table from another Python, a damaged one, or a ``re`` that
does not answer from its cache must change nothing. Nothing is written when
Python is told not to write bytecode, and only patterns the file lacks make it
written again.
"""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from spotlint import compiled_patterns as cp

pytestmark = pytest.mark.skipif(
    not isinstance(getattr(re, "_cache", None), dict) or cp._sre is None,
    reason="this Python's re keeps no such cache",
)

_SAVE = """
import sys
sys.pycache_prefix = {prefix!r}
sys.dont_write_bytecode = False
import spotlint.engine.run, spotlint.cli.check
from spotlint import compiled_patterns as c
print(c.save())
"""

_SEED = """
import json, re, sys
sys.pycache_prefix = {prefix!r}
import spotlint
from spotlint import compiled_patterns as c
cache = dict(re._cache)  # what spotlint's import gave, before any module compiled
import spotlint.engine.run, spotlint.cli.check
seeded = [key for key in cache if key in c._known]
same = [re._compiler.compile(p, f) == cache[(t, p, f)] for t, p, f in seeded]
used = [re.compile(p, f) is cache[(t, p, f)] for t, p, f in seeded]
print(json.dumps([len(seeded), all(same), all(used), c.table_path()]))
"""


def _run(code: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env=env)
    return done.stdout


def test_a_saved_run_gives_the_next_import_re_s_own_patterns(tmp_path: Path) -> None:
    prefix = str(tmp_path / "prefix")
    assert _run(_SAVE.format(prefix=prefix)).strip() == "True"
    count, same, used, path = json.loads(_run(_SEED.format(prefix=prefix)))
    assert path.startswith(prefix) and os.path.isfile(path)
    assert count > 20  # spotlint's modules, PyYAML's resolver: given, not compiled
    assert same  # each equals what re's compiler makes (text, flags and code)
    assert used  # and re.compile answers with it
    # a second save has nothing to add
    assert _run(_SAVE.format(prefix=prefix)).strip() == "False"


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty ``re`` cache, no table state, the table in ``tmp_path`` (modules there too)."""
    monkeypatch.syspath_prepend(str(tmp_path))
    path = tmp_path / "table.marshal"
    monkeypatch.setattr(cp, "table_path", lambda: str(path))
    monkeypatch.setattr(re, "_cache", cp._NotingCache())
    monkeypatch.setattr(cp, "_known", set())
    monkeypatch.setattr(cp, "_entries", [])
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return path


_PATTERNS = [("a(?P<x>b+)c", 0), ("[Kk]ind", re.IGNORECASE), ("^x$", re.M)]


def _import_compiling(directory: Path, name: str, patterns: list[tuple[Any, int]]) -> None:
    """Import a new module ``name`` that compiles ``patterns`` as it is imported."""
    lines = ["import re"] + [f"re.compile({text!r}, {int(flags)})" for text, flags in patterns]
    (directory / f"{name}.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    __import__(name)
    sys.modules.pop(name, None)


def _save_some(path: Path) -> None:
    _import_compiling(path.parent, f"compiling_{path.parent.name}", [*_PATTERNS, (rb"\d+", 0)])
    assert cp.save() is True
    assert path.is_file()


def test_seed_gives_what_save_kept(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _save_some(fresh)
    monkeypatch.setattr(re, "_cache", cp._NotingCache())
    monkeypatch.setattr(cp, "_known", set())
    monkeypatch.setattr(cp, "_entries", [])
    assert cp.seed() == 4
    for text, flags in _PATTERNS:
        given = re._cache[(str, text, int(flags))]
        assert re.compile(text, flags) is given
        assert given == re._compiler.compile(text, int(flags))  # type: ignore[attr-defined]
        assert given.groupindex == re._compiler.compile(text, int(flags)).groupindex  # type: ignore[attr-defined]
    assert re.compile(rb"\d+").match(b"42x").group() == b"42"
    assert cp.save() is False  # nothing new
    re.compile("compiled by a function, not an import")
    assert cp.save() is False  # (a run's input may make such patterns: never kept)
    _import_compiling(fresh.parent, f"compiling_more_{fresh.parent.name}", [("new one", 0)])
    assert cp.save() is True
    _, entries = marshal.loads(fresh.read_bytes())
    texts = [e[1] for e in entries]
    assert "new one" in texts and all(text in texts for text, _ in _PATTERNS)


def _write(path: Path, data: Any) -> None:
    path.write_bytes(marshal.dumps(data))


def test_a_table_from_another_python_is_not_used(fresh: Path) -> None:
    _save_some(fresh)
    stamp, entries = marshal.loads(fresh.read_bytes())
    _write(fresh, (("2.7.18", *stamp[1:]), entries))
    re._cache.clear()  # type: ignore[attr-defined]
    assert cp.seed() == 0
    assert re._cache == {}  # type: ignore[attr-defined]


@pytest.mark.parametrize("content", [b"", b"\x00garbage", marshal.dumps((1, 2, 3))])
def test_a_damaged_table_is_not_used(fresh: Path, content: bytes) -> None:
    fresh.write_bytes(content)
    assert cp.seed() == 0
    assert re._cache == {}  # type: ignore[attr-defined]
    assert re.compile("a+").match("aa")  # compiled as always


def test_bad_code_in_a_table_gives_nothing(fresh: Path) -> None:
    _save_some(fresh)
    stamp, entries = marshal.loads(fresh.read_bytes())
    first = entries[0]
    pattern, flags, code, groups, groupindex, indexgroup = first[3]
    broken = (*first[:3], (pattern, flags, [99999, *code], groups, groupindex, indexgroup))
    _write(fresh, (stamp, [broken, *entries[1:]]))
    re._cache.clear()  # type: ignore[attr-defined]
    assert cp.seed() == 0  # _sre refuses the code: the whole table is left
    assert re._cache == {}  # type: ignore[attr-defined]


def test_a_re_that_does_not_answer_from_its_cache_is_given_nothing(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _save_some(fresh)
    re._cache.clear()  # type: ignore[attr-defined]
    monkeypatch.setattr(re, "compile", lambda p, f=0: re._compiler.compile(p, f))  # type: ignore[attr-defined]
    assert cp.seed() == 0
    assert re._cache == {}  # type: ignore[attr-defined]


def test_nothing_is_written_when_python_writes_no_bytecode(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    _import_compiling(fresh.parent, f"compiling_quiet_{fresh.parent.name}", [("x+y", 0)])
    assert cp.save() is False
    assert not fresh.exists()


def test_the_table_sits_beside_the_module_s_bytecode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "pycache_prefix", None)
    path = cp.table_path()
    assert path is not None
    here = Path(cp.__file__).resolve().parent
    assert Path(path).parent == here / "__pycache__"
    assert Path(path).name == f"compiled_patterns.{sys.implementation.cache_tag}.marshal"
    monkeypatch.setattr(sys, "pycache_prefix", "/somewhere")
    assert cp.table_path() == os.path.join("/somewhere", str(here).lstrip(os.sep),
                                           Path(path).name)
