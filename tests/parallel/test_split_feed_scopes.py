"""A forked process told of the directories the walk lists (its feed) has its scopes keep
each directory's configuration and the settings of its files, as the walk's own scopes do:
the files it reads there are judged with no file-system question and no lookup of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

from spotlint.cli.check import CheckOptions, configure
from spotlint.config import scopes as scopes_module
from spotlint.engine import parallel
from spotlint.plugins.manager import default_registry


def test_the_feed_s_directories_are_entered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / ".spotlint.yaml").write_text("ignore: [SL102]\n")
    (tmp_path / "a" / "b").mkdir(parents=True)
    settings = configure(CheckOptions(paths=[str(tmp_path)]), default_registry()).settings
    scopes = settings.scoped.__self__  # type: ignore[union-attr]
    hook = parallel._listing_hook(settings)
    asked: list[str] = []
    monkeypatch.setattr(scopes_module, "own_config_file", lambda d: asked.append(d))
    hook(str(tmp_path), {".spotlint.yaml", "a"})
    hook(str(tmp_path / "a"), {"b", "x.yaml"})
    hook(str(tmp_path / "a" / "b"), {"y.yaml"})
    assert scopes._by_head[str(tmp_path / "a" / "b")] is settings  # (kept as it was told)
    found: list[str] = []
    real_files_in = scopes.for_files_in
    monkeypatch.setattr(scopes, "for_files_in", lambda d: found.append(d) or real_files_in(d))
    for path in (tmp_path / "a" / "x.yaml", tmp_path / "a" / "b" / "y.yaml"):
        assert settings.for_path(str(path)) is settings
    assert asked == [] and found == []  # (no stat, no lookup of the files' directories)
    assert scopes.holds_git(str(tmp_path / "a")) is False


def test_without_scopes_the_feed_tells_nobody() -> None:
    from spotlint.config.settings import Settings

    assert parallel._listing_hook(Settings())("/x", {"y"}) is None
