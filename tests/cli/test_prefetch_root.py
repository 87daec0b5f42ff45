"""``spotlint check FILE`` starts git's listing first thing, for the project it guesses.

The guess is the configuration's own ``work_tree(start_directory(paths))``, taken from
:mod:`spotlint.config.roots`: importing :mod:`spotlint.config.files` (~3 ms) came
before git started, and a first run then waited for git's listing that much longer.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from spotlint.cli.check import CheckOptions, _prefetch_listing
from spotlint.config.roots import start_directory
from spotlint.index import listing
from spotlint.load.ignore import work_tree


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for rel in ("a/x.yaml", "a/b/y.yml", "c/d/e/deep.yaml", "top.yaml"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("kind: Pod\n")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def test_the_guess_is_the_configurations(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[str] = []
    monkeypatch.setattr(listing, "prefetch", started.append)
    monkeypatch.chdir(repo / "a")
    outside = repo.parent / "outside"
    outside.mkdir()
    (outside / "o.yaml").write_text("kind: Pod\n")
    for paths in (["x.yaml"], ["b/y.yml", "../c/d/e/deep.yaml"], [str(repo / "top.yaml")],
                  [str(outside / "o.yaml")], ["x.yaml", str(outside / "o.yaml")]):
        started.clear()
        _prefetch_listing(CheckOptions(paths=paths))
        expected = work_tree(start_directory(paths))
        assert started == ([expected] if expected else []), paths
    assert started == []  # (the last: the common directory is above the repository)
    started.clear()
    _prefetch_listing(CheckOptions(paths=["x.yaml"]))
    assert started == [str(repo)]


def test_git_starts_for_that_project_before_the_configuration_is_imported(
    repo: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[str] = []
    monkeypatch.setattr(listing, "prefetch", started.append)
    monkeypatch.chdir(repo)
    _prefetch_listing(CheckOptions(paths=["a/x.yaml", "c/d/e/deep.yaml"]))
    assert started == [str(repo)]
    script = (
        "import sys\n"
        "from spotlint.cli.check import CheckOptions, _prefetch_listing\n"
        "from spotlint.index import listing\n"
        "_prefetch_listing(CheckOptions(paths=['a/x.yaml']))\n"
        "assert list(listing._PREFETCHED) == [sys.argv[1]], listing._PREFETCHED\n"
        "print(sorted(m for m in ('spotlint.config.files', 'spotlint.load.discover')"
        " if m in sys.modules))\n"
        "listing.discard_prefetched()\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(repo)], cwd=repo,
                          capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
