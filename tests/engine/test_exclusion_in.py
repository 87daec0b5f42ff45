"""A walk asks the configuration about exclusions once per directory
(spotlint.engine.reading.exclusion_in), not once per entry: the files it finds are
those asking about every entry finds, with nested configuration files that exclude
files, turn Markdown off, or neither, at several depths."""

from __future__ import annotations

from pathlib import Path

from spotlint.cli.check import CheckOptions, configure
from spotlint.engine.reading import exclusion, exclusion_in
from spotlint.load.discover import discover
from spotlint.plugins.manager import default_registry

POD = "apiVersion: v1\nkind: Pod\n"


def _tree(root: Path) -> None:
    for directory in ("", "a", "a/b", "a/b/c", "d", "d/e", "f", "f/g"):
        here = root / directory
        here.mkdir(parents=True, exist_ok=True)
        for name in ("pod.yaml", "skip.yaml", "guide.md", "job.sh"):
            (here / name).write_text(POD)
        (here / "vendor").mkdir(exist_ok=True)
        (here / "vendor" / "pod.yaml").write_text(POD)
    (root / "a" / ".spotlint.yaml").write_text("exclude: [skip.yaml, 'b/vendor']\n")
    (root / "a" / "b" / "c" / ".spotlint.yaml").write_text("markdown: false\n")
    (root / "d" / ".spotlint.yaml").write_text("markdown: false\nexclude: ['*.sh']\n")
    (root / "f" / "g" / ".spotlint.yaml").write_text("select: [SL101]\n")


def _found(root: Path, by_directory: bool) -> list[str]:
    settings = configure(CheckOptions(paths=[str(root)]), default_registry()).settings
    within = exclusion_in(settings) if by_directory else None
    return [c.path for c in discover([str(root)], str(root), exclusion(settings),
                                     excluded_in=within)]


def test_asking_per_directory_finds_what_asking_per_entry_finds(tmp_path: Path) -> None:
    _tree(tmp_path)
    each = _found(tmp_path, by_directory=False)
    assert _found(tmp_path, by_directory=True) == each
    relative = {str(Path(p).relative_to(tmp_path)) for p in each}
    assert "a/skip.yaml" not in relative and "a/b/vendor/pod.yaml" not in relative
    assert "a/b/c/guide.md" not in relative and "d/guide.md" not in relative
    assert "d/job.sh" not in relative and "d/e/job.sh" not in relative
    assert {"guide.md", "a/guide.md", "f/g/guide.md", "a/vendor/pod.yaml",
            "f/skip.yaml"} <= relative
