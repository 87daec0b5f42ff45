"""Where a job's repository ends (the nearest directory holding ``.git``) is answered
from what the run's walk listed, without a ``stat`` per job directory
(Scopes.holds_git, ScopeFinder's ``holds_git``); directories no walk listed are asked
of the file system, as before."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from placement_support import nodepool

from spotlint.config.files import Config
from spotlint.config.scopes import Scopes, git_answers
from spotlint.config.settings import Settings
from spotlint.placement import clusters
from spotlint.placement.clusters import NEAREST, NONE, ScopeFinder


def _make(config: Config | None) -> Settings:
    return Settings(config_path=config.path if config is not None else None)


def _tree(root: Path) -> Path:
    (root / "top" / "repo-a" / ".git").mkdir(parents=True)
    (root / "top" / "repo-a" / "jobs" / "deep").mkdir(parents=True)
    (root / "top" / "repo-b" / "sub").mkdir(parents=True)
    (root / "top" / "repo-b" / "sub" / ".git").write_text("gitdir: elsewhere\n")  # (a worktree)
    (root / "top" / "plain" / "jobs").mkdir(parents=True)
    return root / "top"


@pytest.fixture
def git_stats(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The directories the finder asks the file system about ``.git`` from now on."""
    asked: list[str] = []
    real = clusters._holds_git

    def counting(directory: str) -> bool:
        asked.append(directory)
        return real(directory)

    monkeypatch.setattr(clusters, "_holds_git", counting)
    return asked


def test_a_listed_directory_s_git_is_known_and_others_are_not(tmp_path: Path) -> None:
    top = _tree(tmp_path)
    scopes = Scopes(_make)
    scopes.for_directory(str(tmp_path))  # (looked up before any walk, as configure does)
    for directory, subdirs, files in os.walk(top):
        subdirs[:] = [d for d in subdirs if d != ".git"]  # (a walk skips .git)
        scopes.listed(directory, {*subdirs, *files, *(
            [".git"] if os.path.exists(os.path.join(directory, ".git")) else [])})
    listed = [d for d, _, _ in os.walk(top) if ".git" not in Path(d).parts]
    assert len(listed) >= 7
    for directory in listed:
        assert scopes.holds_git(directory) is os.path.exists(os.path.join(directory, ".git"))
    assert scopes.holds_git(str(top / "repo-a")) is True
    assert scopes.holds_git(str(top / "repo-b" / "sub")) is True  # (a .git file: a worktree)
    assert scopes.holds_git(str(top / "plain" / "jobs")) is False
    # looked up, never listed (above the walk), or never seen: the file system is asked
    assert scopes.holds_git(str(tmp_path)) is None
    assert scopes.holds_git(os.path.dirname(str(tmp_path))) is None
    assert scopes.holds_git(str(top / "elsewhere")) is None
    # once a walk lists a directory looked up before, its listing answers
    scopes.listed(str(tmp_path), {"top", ".git"})
    assert scopes.holds_git(str(tmp_path)) is True
    settings = scopes.for_path(str(top / "plain" / "jobs" / "x.yaml"))
    answers = git_answers(settings)
    assert answers is not None and answers(str(top / "repo-a")) is True
    assert git_answers(Settings()) is None


def test_the_finder_takes_the_listed_answers_and_asks_the_rest(
    tmp_path: Path, git_stats: list[str],
) -> None:
    top = _tree(tmp_path)
    pool = nodepool("p", "spot", path=str(top / "pools.yaml"))
    asked = git_stats
    jobs = top / "plain" / "jobs" / "a.yaml"
    # the listing says plain/ is a repository's top (it is not, on disk): believed
    told = {str(top / "plain" / "jobs"): False, str(top / "plain"): True}
    finder = ScopeFinder([pool], holds_git=told.get)
    assert finder.scope(str(jobs)).how == NONE
    assert asked == []
    # unknown directories are asked of the file system: no repository up to the pools
    finder = ScopeFinder([pool], holds_git=lambda directory: None)
    scope = finder.scope(str(jobs))
    assert scope.how == NEAREST and [p.name for p in scope.pools] == ["p"]
    assert str(top / "plain" / "jobs") in asked and str(top / "plain") in asked
    # inside repo-a (its .git on disk): the pools above it are out of reach either way
    repo_job = str(top / "repo-a" / "jobs" / "deep" / "b.yaml")
    assert ScopeFinder([pool]).scope(repo_job).how == NONE
    assert ScopeFinder([pool], holds_git=lambda directory: None).scope(repo_job).how == NONE


POOL = """\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: spot-pool
spec:
  template:
    spec:
      requirements:
        - key: karpenter.sh/capacity-type
          operator: In
          values: [spot]
"""


def test_a_run_asks_the_file_system_only_above_its_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, git_stats: list[str],
) -> None:
    """A run's jobs get the same scopes as when every directory was asked (a job in a
    nested repository does not reach the pools above it), and no directory the walk
    listed is asked again."""
    from support.cli import DRIVER_ON_SPOT

    from spotlint.cli.check import CheckOptions, configure
    from spotlint.engine.run import lint
    from spotlint.plugins.manager import default_registry

    top = _tree(tmp_path)
    (top / "pools.yaml").write_text(POOL)
    for job in ("plain/jobs/a.yaml", "repo-a/jobs/deep/b.yaml", "repo-b/sub/c.yaml"):
        (top / job).write_text(DRIVER_ON_SPOT)

    def run() -> list[tuple[str, str, str]]:
        settings = configure(CheckOptions(paths=[str(top)]), default_registry()).settings
        found = lint([str(top)], settings, workers=1).findings
        return sorted((os.path.relpath(f.location.path, top), f.code, f.message) for f in found)

    asked = git_stats
    listed = run()
    assert asked and all(not d.startswith(str(top)) for d in asked)  # (above the walk only)
    monkeypatch.setattr(clusters.ScopeFinder, "__init__", _unlisted(clusters.ScopeFinder.__init__))
    assert run() == listed  # the same findings when every directory is asked
    assert any(d.startswith(str(top)) for d in asked)


def _unlisted(init):  # type: ignore[no-untyped-def]
    """``ScopeFinder.__init__`` told nothing of what the walk listed."""

    def without(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.pop("holds_git", None)
        return init(self, *args[:5], **kwargs)

    return without
