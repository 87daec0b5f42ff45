"""spotlint.cli.bytecode: a module of ours with a valid cache is imported from it in fewer
steps, to the same module; anything else is left to Python's own import."""

from __future__ import annotations

import importlib
import importlib.util
import os
import py_compile
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from spotlint.cli import bytecode
from spotlint.cli.bytecode import Finder

SOURCE = "VALUE = 41\n\ndef answer():\n    return VALUE + 1\n"


def _cache(source: Path, mode: py_compile.PycInvalidationMode | None = None) -> Path:
    """Write ``source``'s timestamp cache where Python reads it (or as ``mode`` says)."""
    cached = importlib.util.cache_from_source(str(source))
    py_compile.compile(str(source), cfile=cached, doraise=True,
                       invalidation_mode=mode or py_compile.PycInvalidationMode.TIMESTAMP)
    return Path(cached)


def _run(spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_a_module_with_a_valid_cache_is_read_from_it(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_text(SOURCE)
    cached = _cache(source)
    # The code is the cache's: a source changed with its size and time kept (which
    # Python's own check does not see either) is not read.
    stat = source.stat()
    source.write_text(SOURCE.replace("41", "40"))
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    spec = Finder().find_spec("spotlint.mod", [str(tmp_path)])
    assert spec is not None
    assert spec.origin == str(source) and spec.cached == str(cached)
    assert spec.submodule_search_locations is None
    module = _run(spec)
    assert module.answer() == 42
    assert module.__file__ == str(source) and module.__cached__ == str(cached)


def test_the_module_is_the_one_pythons_own_import_makes(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_text(SOURCE)
    _cache(source)
    ours = Finder().find_spec("spotlint.mod", [str(tmp_path)])
    theirs = importlib.util.spec_from_file_location("spotlint.mod", str(source))
    assert ours is not None and theirs is not None
    mine, default = _run(ours), _run(theirs)
    assert sorted(vars(mine)) == sorted(vars(default))
    for name in ("__name__", "__file__", "__cached__", "__package__", "VALUE"):
        assert getattr(mine, name) == getattr(default, name)
    assert mine.answer.__code__.co_filename == str(source)


def test_a_package_is_found_with_its_path(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text(SOURCE)
    cached = _cache(package / "__init__.py")
    spec = Finder().find_spec("spotlint.pkg", [str(tmp_path)])
    assert spec is not None
    assert spec.submodule_search_locations == [str(package)]
    assert spec.origin == str(package / "__init__.py") and spec.cached == str(cached)
    assert _run(spec).answer() == 42


@pytest.mark.parametrize("change", ["stale", "missing", "hash-based", "other magic", "short"])
def test_a_cache_python_would_not_use_is_left_to_python(tmp_path: Path, change: str) -> None:
    source = tmp_path / "mod.py"
    source.write_text(SOURCE)
    cached = _cache(source, py_compile.PycInvalidationMode.CHECKED_HASH
                    if change == "hash-based" else None)
    if change == "stale":  # edited since it was cached: the size differs
        source.write_text(SOURCE + "OTHER = 1\n")
    elif change == "missing":
        cached.unlink()
    elif change == "other magic":
        cached.write_bytes(b"\0\0\r\n" + cached.read_bytes()[4:])
    elif change == "short":
        cached.write_bytes(cached.read_bytes()[:12])
    assert Finder().find_spec("spotlint.mod", [str(tmp_path)]) is None


def test_a_stale_cache_of_the_same_size_is_told_by_its_time(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_text(SOURCE)
    _cache(source)
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert Finder().find_spec("spotlint.mod", [str(tmp_path)]) is None


@pytest.mark.parametrize("case", ["top level", "no source", "extension", "namespace", "paths"])
def test_what_python_would_find_otherwise_is_left_to_it(tmp_path: Path, case: str) -> None:
    source = tmp_path / "mod.py"
    source.write_text(SOURCE)
    _cache(source)
    name, path = "spotlint.mod", [str(tmp_path)]
    if case == "top level":  # (looked for along sys.path, in its order: Python's)
        name, path = "mod", None  # type: ignore[assignment]
    elif case == "no source":  # a cache alone (Python reads a sourceless .pyc beside it)
        name = "spotlint.other"
    elif case == "extension":  # an extension module is imported ahead of the source
        (tmp_path / f"mod.{sys.implementation.cache_tag}-x86_64-linux-gnu.so").write_bytes(b"")
    elif case == "namespace":  # a directory without __init__ beside the module
        (tmp_path / "mod").mkdir()
    else:
        path = [str(tmp_path), str(tmp_path / "elsewhere")]
    assert Finder().find_spec(name, path) is None


def test_a_listing_is_kept_until_caches_are_invalidated(tmp_path: Path) -> None:
    finder = Finder()
    assert finder.find_spec("spotlint.mod", [str(tmp_path)]) is None
    source = tmp_path / "mod.py"
    source.write_text(SOURCE)
    _cache(source)
    assert finder.find_spec("spotlint.mod", [str(tmp_path)]) is None  # (the listing kept)
    finder.invalidate_caches()
    assert finder.find_spec("spotlint.mod", [str(tmp_path)]) is not None


def test_a_reload_reads_the_source_again(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_text(SOURCE)
    _cache(source)
    spec = Finder().find_spec("spotlint.mod", [str(tmp_path)])
    assert spec is not None and spec.loader is not None
    module = _run(spec)
    source.write_text(SOURCE.replace("41", "6"))
    spec.loader.exec_module(module)  # what a reload does with the same loader
    assert module.answer() == 7


def _imported_by(*flags: str) -> list[str]:
    """How a fresh interpreter running the command's entry point imports a module of ours."""
    script = (
        "import sys\n"
        "from spotlint.cli.main import main\n"
        "try:\n"
        "    main(['rules'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "import spotlint.cli.bytecode as b, spotlint.engine.paths as p\n"
        "print(sum(isinstance(f, b.Finder) for f in sys.meta_path), type(p.__loader__).__name__)\n"
    )
    env = {**os.environ}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    done = subprocess.run([sys.executable, *flags, "-c", script], capture_output=True,
                          text=True, env=env, check=True, cwd=Path(__file__).parent)
    return done.stdout.strip().splitlines()[-1].split()


def test_the_command_line_installs_it_once_where_caches_are_read() -> None:
    import spotlint.engine.paths

    # (a first run writes the caches, the second reads them)
    _imported_by()
    count, loader = _imported_by()
    assert count == "1"
    writable = os.access(os.path.dirname(spotlint.engine.paths.__file__), os.W_OK)
    assert loader == ("_Cached" if writable else "SourceFileLoader")
    assert _imported_by("-O") == ["0", "SourceFileLoader"]  # (-O reads other caches)


def test_without_the_magic_number_nothing_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Python whose importlib keeps the bytecode magic number elsewhere: Python's own
    import does everything, start-up does not fail."""
    assert bytecode.usable()  # (this Python: the finder is used)
    monkeypatch.setattr(bytecode, "MAGIC_NUMBER", None)
    assert not bytecode.usable()
    before = list(sys.meta_path)
    try:
        bytecode.install()
        assert sys.meta_path == before
    finally:
        sys.meta_path[:] = before


def test_install_is_done_once() -> None:
    before = list(sys.meta_path)
    try:
        bytecode.install()
        bytecode.install()
        assert sum(isinstance(f, Finder) for f in sys.meta_path) == 1
    finally:
        sys.meta_path[:] = before


def test_without_a_cache_directory_no_cache_is_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An install that wrote no caches (``pip install --no-compile``) costs a listing, not
    two failed system calls a module."""
    (tmp_path / "mod.py").write_text(SOURCE)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text(SOURCE)

    looked: list[str] = []
    real_open, real_stat = os.open, os.stat

    def watched(real: Any) -> Any:
        def call(path: Any, *args: Any, **kwargs: Any) -> Any:
            if str(path).startswith(str(tmp_path)):
                looked.append(str(path))
            return real(path, *args, **kwargs)
        return call

    monkeypatch.setattr(os, "open", watched(real_open))
    monkeypatch.setattr(os, "stat", watched(real_stat))
    finder = Finder()
    assert finder.find_spec("spotlint.mod", [str(tmp_path)]) is None
    assert finder.find_spec("spotlint.pkg", [str(tmp_path)]) is None
    assert looked == []


def test_a_module_of_another_package_is_read_from_its_cache(tmp_path: Path) -> None:
    """(PyYAML's and ``json``'s modules, imported by every command.)"""
    source = tmp_path / "mod.py"
    source.write_text(SOURCE)
    cached = _cache(source)
    ours = Finder().find_spec("elsewhere.mod", [str(tmp_path)])
    theirs = importlib.machinery.PathFinder.find_spec("elsewhere.mod", [str(tmp_path)])
    assert ours is not None and theirs is not None
    assert (ours.origin, ours.cached, ours.submodule_search_locations) == (
        theirs.origin, theirs.cached, theirs.submodule_search_locations) == (
        str(source), str(cached), None)
    mine, default = _run(ours), _run(theirs)
    assert sorted(vars(mine)) == sorted(vars(default))
    assert mine.answer() == default.answer() == 42


class _Claiming:
    """A meta path finder ahead of Python's path finder that answers for one name."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.asked: list[str] = []

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        self.asked.append(fullname)
        if fullname != self.name:
            return None
        return importlib.machinery.ModuleSpec(fullname, None)


@pytest.mark.parametrize("case", ["claimed", "no path finder", "path hook", "importer kept"])
def test_another_package_s_module_python_would_find_otherwise_is_left_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str,
) -> None:
    source = tmp_path / "mod.py"
    source.write_text(SOURCE)
    _cache(source)
    finder = Finder()
    path = [str(tmp_path)]
    others = [f for f in sys.meta_path if not isinstance(f, Finder)]
    if case == "claimed":  # another finder ahead of the path finder answers for it
        claiming = _Claiming("elsewhere.mod")
        monkeypatch.setattr(sys, "meta_path", [finder, claiming, *others])
    elif case == "no path finder":
        monkeypatch.setattr(sys, "meta_path", [finder, *(
            f for f in others if f is not importlib.machinery.PathFinder)])
    elif case == "path hook":  # a hook of its own may read the directory otherwise
        monkeypatch.setattr(sys, "path_hooks", [lambda entry: None, *sys.path_hooks])
    else:  # an importer other than the default file finder kept for the directory
        monkeypatch.setitem(sys.path_importer_cache, str(tmp_path), object())
    assert finder.find_spec("elsewhere.mod", path) is None
    if case == "claimed":
        assert claiming.asked == ["elsewhere.mod"]
        monkeypatch.setattr(sys, "meta_path", [finder, _Claiming("other.mod"), *others])
        assert finder.find_spec("elsewhere.mod", path) is not None  # (it asked, none answered)
