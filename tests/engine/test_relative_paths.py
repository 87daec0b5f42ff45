"""relative() gives what the relpath-based definition gives, for paths in and out of
the root, relative and absolute, and odd roots."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from spotlint.config.settings import Settings
from spotlint.engine.paths import inside, relative


def _by_definition(path: str, settings: Settings) -> str:
    if path == "-" or path == settings.stdin_filename:
        return path
    absolute = os.path.abspath(path)
    root = os.path.abspath(settings.root)
    if not inside(absolute, root):
        return absolute
    return os.path.relpath(absolute, root).replace(os.sep, "/")


def test_equals_the_relpath_definition(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    rng = random.Random(27)
    parts = ["a", "b", "..", ".", "", "c.yaml", "a b", "é"]
    roots = ["/", "//", "//x", ".", "a", "a/", "a/b/..", str(tmp_path), str(tmp_path) + "/a",
             "/tmp", "/tmp/"]
    for _ in range(4000):
        root = rng.choice(roots)
        path = "/".join(rng.choice(parts) for _ in range(rng.randint(1, 5)))
        if rng.random() < 0.4:
            path = rng.choice(["/", str(tmp_path) + "/", "//", "/tmp/"]) + path
        settings = Settings(root=root)
        assert relative(path, settings) == _by_definition(path, settings), (path, root)
        # (the root made absolute once by a caller asking for many paths: the same)
        assert relative(path, settings, os.path.abspath(root)) == _by_definition(
            path, settings), (path, root)
    assert relative("-", Settings(root="/")) == "-"
