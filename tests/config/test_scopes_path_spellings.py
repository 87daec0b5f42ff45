"""A file's scope is the same whichever way its path is written (Scopes.for_path's memo)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spotlint.config.files import Config
from spotlint.config.scopes import Scopes
from spotlint.config.settings import Settings


def _make(config: Config | None) -> Settings:
    return Settings(config_path=config.path if config is not None else None)


SPELLINGS = [
    "x.yaml", "./x.yaml", "a/x.yaml", "a/./x.yaml", "a//x.yaml", "a/b/x.yaml",
    "a/b/../x.yaml", "a/b/../b/x.yaml", "a/b/", "a/b/.", "a/b/..", "a/b", "a", ".", "..",
    "a/b/c/x.yaml", "a/b/c/..", "a/../a/b/c/y.yaml", "b/../a/b/x.yaml",
]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    for directory in ("", "a/b"):
        (tmp_path / directory / ".spotlint.yaml").write_text("select: [SL101]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_spelling_gets_the_scope_of_its_directory(tree: Path) -> None:
    shared = Scopes(_make)
    # asked in an order where a short spelling comes before a longer one of the same head
    for path in [*SPELLINGS, *reversed(SPELLINGS), *(str(tree / p) for p in SPELLINGS)]:
        fresh = Scopes(_make)
        expected = fresh.config_path_for_directory(os.path.dirname(os.path.abspath(path)))
        assert shared.for_path(path).config_path == expected, path


def test_the_nearest_configuration_decides(tree: Path) -> None:
    scopes = Scopes(_make)
    assert scopes.for_path("a/b/x.yaml").config_path == str(tree / "a" / "b" / ".spotlint.yaml")
    assert scopes.for_path("a/b/c/x.yaml").config_path == str(tree / "a" / "b" / ".spotlint.yaml")
    assert scopes.for_path("a/x.yaml").config_path == str(tree / ".spotlint.yaml")
    # "a/b" names the directory b itself: judged by the files of "a"
    assert scopes.for_path("a/b").config_path == str(tree / ".spotlint.yaml")
    assert scopes.for_path("a/b/").config_path == str(tree / ".spotlint.yaml")


def test_directories_a_walk_listed_get_the_same_configuration_with_fewer_stats(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree / "a" / "b" / "c" / ".spotlint.yml").mkdir()  # a directory, not a configuration
    (tree / "b" / "sub").mkdir()
    (tree / "b" / "sub" / ".git").write_text("gitdir: elsewhere\n")  # a worktree's top
    (tree / "b" / "sub" / "deeper").mkdir()
    from spotlint.config import scopes as scopes_module

    asked: list[str] = []
    real = scopes_module.own_config_file

    def counting(directory: str) -> str | None:
        asked.append(directory)
        return real(directory)

    monkeypatch.setattr(scopes_module, "own_config_file", counting)
    told = Scopes(_make)
    for directory, subdirs, files in os.walk(tree):
        told.listed(directory, {*subdirs, *files})
    directories = [d for d, _, _ in os.walk(tree)]
    answers = [told.config_path_for_directory(d) for d in directories]
    with_listing = len(asked)
    fresh = Scopes(_make)
    assert answers == [fresh.config_path_for_directory(d) for d in directories]
    assert with_listing < len(asked) - with_listing  # only where a configuration name is listed
    assert told.config_path_for_directory(str(tree / "b" / "sub" / "deeper")) is None


def test_directories_listed_as_a_walk_lists_them_get_their_parent_s_configuration(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A walk lists a directory, asks about it, then lists its subdirectories: a
    subdirectory with no configuration name and no ``.git`` is answered from its parent
    (the names of the others are looked at, as before)."""
    (tree / "a" / "b" / "c" / ".spotlint.yml").mkdir()  # a directory, not a configuration
    (tree / "a" / "b" / "c" / "d").mkdir()
    (tree / "b" / "sub").mkdir()
    (tree / "b" / "sub" / ".git").write_text("gitdir: elsewhere\n")  # a worktree's top
    (tree / "b" / "sub" / "deeper").mkdir()
    (tree / "b" / "sub" / "deeper" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tree / "b" / "sub" / "deeper" / "leaf").mkdir()
    (tree / "b" / "own").mkdir()
    (tree / "b" / "own" / ".spotlint.yml").write_text("select: [SL101]\n")
    (tree / "b" / "own" / "leaf").mkdir()
    from spotlint.config import scopes as scopes_module

    asked: list[str] = []
    real = scopes_module.own_config_file

    def counting(directory: str) -> str | None:
        asked.append(os.path.relpath(directory, tree))
        return real(directory)

    monkeypatch.setattr(scopes_module, "own_config_file", counting)
    told = Scopes(_make)
    answers = {}
    for directory, subdirs, files in os.walk(tree):  # (top down: a parent before its own)
        told.listed(directory, {*subdirs, *files})
        answers[directory] = told.for_path(os.path.join(directory, "x.yaml")).config_path
    looked_into = sorted(asked)
    fresh = Scopes(_make)
    for directory, answer in answers.items():
        assert answer == fresh.for_path(os.path.join(directory, "x.yaml")).config_path, directory
    assert answers[str(tree / "a" / "b" / "c" / "d")] == str(tree / "a" / "b" / ".spotlint.yaml")
    assert answers[str(tree / "b" / "sub" / "deeper" / "leaf")] is None  # above: a git root
    assert answers[str(tree / "b" / "own" / "leaf")] == str(tree / "b" / "own" / ".spotlint.yml")
    # only the directories listing a configuration name were looked into
    assert looked_into == sorted([".", os.path.join("a", "b"), os.path.join("a", "b", "c"),
                                    os.path.join("b", "sub", "deeper"), os.path.join("b", "own")])


def _walk_tops(tree: Path) -> list[str]:
    return [".", "./", "a", "a/", "./a//b", str(tree), str(tree) + "/", str(tree / "a" / "b")]


@pytest.mark.parametrize("spelling", range(8))
def test_the_files_in_a_listed_directory_get_what_for_path_gives_each(
    tree: Path, spelling: int
) -> None:
    """A walk (of a relative or absolute path, however written) tells the scopes each
    directory, then asks once for the settings of the files in it: the same as asking
    for each file, and as a scope that was never told of the walk."""
    (tree / "a" / "b" / "c" / "d").mkdir()
    (tree / "b" / "sub").mkdir()
    (tree / "b" / "sub" / ".git").write_text("gitdir: elsewhere\n")  # a worktree's top
    (tree / "b" / "sub" / "deeper").mkdir()
    (tree / "b" / "own").mkdir()
    (tree / "b" / "own" / ".spotlint.yml").write_text("select: [SL101]\n")
    top = _walk_tops(tree)[spelling]
    told = Scopes(_make)
    asked: list[tuple[str, str | None]] = []
    for directory, subdirs, files in os.walk(top):  # (top down, as the walk lists)
        told.listed(directory, {*subdirs, *files})
        asked.append((directory, told.for_files_in(directory).config_path))
    assert len(asked) >= 3
    for directory, config_path in asked:
        fresh = Scopes(_make)
        assert config_path == fresh.for_path(os.path.join(directory, "x.yaml")).config_path
        assert config_path == told.for_path(os.path.join(directory, "x.yaml")).config_path
        assert told.for_files_in(directory) is told.for_path(os.path.join(directory, "y.yaml"))
    by_place = {os.path.relpath(os.path.abspath(d), tree): c for d, c in asked}
    assert by_place[os.path.join("a", "b", "c", "d")] == str(tree / "a" / "b" / ".spotlint.yaml")
    if "b" in by_place:  # (walks of the whole tree)
        assert by_place[os.path.join("b", "sub", "deeper")] is None  # above: a git root
        assert by_place[os.path.join("b", "own")] == str(tree / "b" / "own" / ".spotlint.yml")
        assert by_place["a"] == str(tree / ".spotlint.yaml")


def test_a_walk_below_a_listed_directory_makes_no_path_absolute_again(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The directories a walk lists under one it listed are absolute as written (or made
    so from their parent's, for a relative walk): ``abspath`` is asked for the top only."""
    for n in range(6):
        (tree / "a" / f"d{n}" / "e").mkdir(parents=True)
    from spotlint.config import scopes as scopes_module

    real_abspath = os.path.abspath
    for top in (str(tree), "."):
        calls: list[str] = []

        def counting(path: str, calls: list[str] = calls) -> str:
            calls.append(path)
            return real_abspath(path)

        told = Scopes(_make)
        monkeypatch.setattr(scopes_module.os.path, "abspath", counting)
        listed = 0
        for directory, subdirs, files in os.walk(top):
            told.listed(directory, {*subdirs, *files})
            told.for_files_in(directory)
            listed += 1
        monkeypatch.undo()
        assert listed > 12
        assert calls == [top], top


@pytest.mark.parametrize("spelling", range(8))
def test_files_in_directories_only_listed_get_their_scope_without_abspath(
    tree: Path, monkeypatch: pytest.MonkeyPatch, spelling: int
) -> None:
    """A split run's other process is told the directories the walk lists after the
    fork (``listed``) but asks per file (``for_path``): a file in a listed directory
    gets the scope a fresh Scopes gives it, with no path made absolute again."""
    (tree / "a" / "b" / "c" / "d").mkdir()
    (tree / "b" / "sub").mkdir()
    (tree / "b" / "sub" / ".git").write_text("gitdir: elsewhere\n")  # a worktree's top
    (tree / "b" / "own").mkdir()
    (tree / "b" / "own" / ".spotlint.yml").write_text("select: [SL101]\n")
    from spotlint.config import scopes as scopes_module

    top = _walk_tops(tree)[spelling]
    told = Scopes(_make)
    files: list[str] = []
    for directory, _subdirs, names in os.walk(top):
        told.listed(directory, {*_subdirs, *names})
        files += [os.path.join(directory, name) for name in ("x.yaml", "y.yaml")]
    assert len(files) >= 6
    expected = [Scopes(_make).for_path(path).config_path for path in files]
    real_abspath = os.path.abspath
    calls: list[str] = []

    def counting(path: str) -> str:
        calls.append(path)
        return real_abspath(path)

    with monkeypatch.context() as patched:
        patched.setattr(scopes_module.os.path, "abspath", counting)
        answers = [told.for_path(path).config_path for path in files]
    assert answers == expected
    # (at most the top, spelled otherwise by os.path.join: "./" listed, "." asked)
    assert len(calls) <= 1, calls


def test_relative_directories_are_made_absolute_from_their_parents(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A walk of ``.`` and the findings name each directory in two spellings (``./a/b``,
    ``a/b``): each is made absolute from the nearest directory above it already known,
    and equals ``os.path.abspath`` of it, whatever the spelling."""
    spellings = [*(os.path.dirname(p) for p in SPELLINGS), "a/b/c", "./a/b/c", "a//b/c",
                 "a/b/../b/c", "../" + tree.name + "/a/b", "", "./", "a/./b", str(tree / "a")]
    scopes = Scopes(_make)
    for directory in [*spellings, *reversed(spellings)]:
        assert scopes._absolute_of(directory) == os.path.abspath(directory), directory

    made: list[str] = []
    real = os.path.abspath

    def counting(path: str) -> str:
        made.append(path)
        return real(path)

    monkeypatch.setattr(os.path, "abspath", counting)
    deep = Scopes(_make)
    for directory in ("./a", "./a/b", "./a/b/c", "a/b", "a/b/c", "a", "b", "b/x/y", "b/x"):
        assert deep._absolute_of(directory) == real(directory)
    assert made == [".", "a", "b"]  # each top-level spelling once; the rest from above
