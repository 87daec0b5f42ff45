"""A record's template-reference candidates are the same whether or not the references
of a run keep their candidates' answers (``records._candidates``' ``known``).

Held to the plain definition (``os.path.realpath`` of each existing candidate, else its
normalized form, relative to the root) over a tree with symlinked files and
directories, dangling links, a loop of links, ``..`` and names that do not exist,
each target asked from files in several directories, in several orders.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

from spotlint.index.records import _candidates


def _plain(target: str, rel: str, real_root: str) -> list[str]:
    """The definition the records used before directories were shared."""
    if target.startswith("file://"):
        target = target[len("file://"):]
    if "\x00" in target:
        return []
    base = os.path.dirname(os.path.join(real_root, rel))
    tries = [target] if os.path.isabs(target) else [
        os.path.join(base, target), os.path.join(real_root, target)]
    return [os.path.relpath(os.path.realpath(c) if os.path.lexists(c) else os.path.normpath(c),
                            real_root).replace(os.sep, "/") for c in tries]


def _tree(root: Path) -> None:
    for directory in ("jobs/team", "templates/spark", "other", "deep/a/b"):
        (root / directory).mkdir(parents=True)
    for name in ("templates/spark/driver.yaml", "templates/spark/executor.yaml",
                 "templates/base.yaml", "other/t.yaml", "deep/a/b/t.yaml", "jobs/team/job.yaml"):
        (root / name).write_text("kind: Pod\n")
    os.symlink("../templates/spark", root / "jobs/linked")  # a symlinked directory
    os.symlink("spark/driver.yaml", root / "templates/alias.yaml")  # a symlinked file
    os.symlink("missing.yaml", root / "templates/dangling.yaml")
    os.symlink("loop-b", root / "other/loop-a")
    os.symlink("loop-a", root / "other/loop-b")
    os.symlink(str(root / "deep/a"), root / "jobs/team/abs-link")  # absolute link
    os.symlink("..", root / "jobs/team/up")  # a link to a parent


TARGETS = [
    "templates/spark/driver.yaml", "spark/driver.yaml", "../templates/base.yaml",
    "../../templates/spark/executor.yaml", "linked/driver.yaml", "../linked/executor.yaml",
    "templates/alias.yaml", "templates/dangling.yaml", "other/loop-a", "other/loop-a/x.yaml",
    "abs-link/b/t.yaml", "up/linked/driver.yaml", "up/../other/t.yaml", "team/..",
    "templates/spark/", "templates/spark/.", "missing/x.yaml", "./job.yaml", "job.yaml",
    "file://templates/base.yaml", "templates", "..", ".", "", "a\x00b",
]


def test_kept_answers_are_the_plain_candidates(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    _tree(root)
    real_root = os.path.realpath(root)
    absolute = [str(root / t) for t in ("templates/base.yaml", "jobs/linked/driver.yaml")]
    (tmp_path / "repo-other").mkdir()  # (a sibling whose name starts with the root's)
    (tmp_path / "repo-other/x.yaml").write_text("kind: Pod\n")
    absolute += [real_root + "/templates/alias.yaml", "/nonexistent/x.yaml", "/",
                 real_root + "-other/x.yaml", real_root + "-other/missing.yaml"]
    rels = ["jobs/team/job.yaml", "jobs/job.yaml", "job.yaml", "jobs/linked/x.yaml",
            "deep/a/b/job.yaml"]
    rng = random.Random(15)
    targets = TARGETS + absolute
    known: dict[str, str] = {}
    for _ in range(4):  # (in several orders: what one asked first is kept for the next)
        rng.shuffle(targets)
        for target in targets:
            for rel in rels:
                expected = _plain(target, rel, real_root)
                assert _candidates(target, rel, real_root, known) == expected, (target, rel)
                assert _candidates(target, rel, real_root) == expected, (target, rel)
    assert known  # (the answers were kept)
