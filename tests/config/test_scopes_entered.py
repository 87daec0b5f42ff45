"""``Scopes.entered`` (what a walk tells each directory it lists) answers and leaves the
scopes as ``listed`` followed by ``for_files_in`` do, whatever the walk's spelling, the
nested configuration files and work trees on the way; and a walk through it finds the
same files, judged alike."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spotlint.cli.check import CheckOptions, configure
from spotlint.config.files import Config
from spotlint.config.scopes import Scopes
from spotlint.config.settings import Settings
from spotlint.engine import reading
from spotlint.plugins.manager import default_registry


def _make(config: Config | None) -> Settings:
    return Settings(config_path=config.path if config is not None else None)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    for directory in ("a/b/c/d", "a/e", "f/g/h", "f/sub/deeper", "i"):
        (tmp_path / directory).mkdir(parents=True)
    for directory in ("", "a/b", "f/g/h"):
        (tmp_path / directory / ".spotlint.yaml").write_text("select: [SL101]\n")
    (tmp_path / "f" / "sub" / ".git").write_text("gitdir: elsewhere\n")  # a worktree's top
    (tmp_path / "a" / "e" / ".spotlint.yml").mkdir()  # a directory, not a configuration
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _listings(top: str) -> list[tuple[str, set[str]]]:
    """The directories a walk of ``top`` lists, parents first, as it spells them."""
    return [(d, {*subdirs, *files}) for d, subdirs, files in os.walk(top)]


@pytest.mark.parametrize("spelling", ["absolute", ".", "a/..", "absolute/"])
def test_entered_is_listed_then_for_files_in(tree: Path, spelling: str) -> None:
    top = {"absolute": str(tree), "absolute/": str(tree) + "/"}.get(spelling, spelling)
    for start in (None, top, os.path.join(top, "a")):  # (what the scopes knew before)
        one, two = Scopes(_make), Scopes(_make)
        if start is not None:
            one.for_directory(start)
            two.for_directory(start)
        for directory, names in _listings(top):
            told = one.entered(directory, names)
            two.listed(directory, names)
            assert told.config_path == two.for_files_in(directory).config_path, directory
            assert told is one.for_files_in(directory)  # (kept for the files' questions)
        assert one._by_directory == two._by_directory
        assert {d: s.config_path for d, s in one._by_head.items()} == {
            d: s.config_path for d, s in two._by_head.items()}
        assert one._by_config.keys() == two._by_config.keys()
        assert one._listed == two._listed
        assert one._gitted == two._gitted and one._unlisted == two._unlisted
        for directory, names in _listings(top):
            for path in [directory, *(os.path.join(directory, n) for n in names)]:
                absolute = os.path.abspath(path)
                assert one.holds_git(absolute) == two.holds_git(absolute)
                assert one.for_path(path).config_path == two.for_path(path).config_path
                assert one.config_path_for_directory(path) == two.config_path_for_directory(
                    path)


def test_a_walk_through_it_finds_and_judges_the_same_files(
    tree: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    for directory in ("a/b/c/d", "a/e", "f/g/h", "f/sub/deeper", "i", ""):
        (tree / directory / "pod.yaml").write_text("kind: Pod\n")
    (tree / "a" / "b" / ".spotlint.yaml").write_text("exclude: ['c/d/*']\n")

    def walked() -> list[tuple[str, str | None]]:
        settings = configure(CheckOptions(paths=[str(tree)]), default_registry()).settings
        listings: list[reading.Listing] = []
        found = [(c.path, settings.for_path(c.path).config_path)
                 for c in reading.candidates([str(tree)], settings, listings)]
        assert len(listings) == 13  # (every directory but .git)
        return found

    fused = walked()
    monkeypatch.setattr(Scopes, "entered", lambda self, directory, names: (
        self.listed(directory, names), self.for_files_in(directory))[1])
    assert fused == walked()
    assert str(tree / "a" / "b" / "c" / "d" / "pod.yaml") not in [p for p, _ in fused]
    assert len({config for _, config in fused}) == 4  # (f/sub, a work tree, has none)
