"""``sole_scope``: while the settings a walk was started with are the only scope made,
every file the walk found is judged by them (a split run then asks no file's scope on
its own); once a nested configuration file is met, the files are asked about again."""

from __future__ import annotations

from pathlib import Path

from spotlint.cli.check import CheckOptions, configure
from spotlint.config.scopes import sole_scope
from spotlint.config.settings import Settings
from spotlint.engine.reading import candidates
from spotlint.plugins.manager import default_registry

POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"


def _tree(root: Path, nested: str | None = None) -> Path:
    for name in ("a", "b", "c", "d"):
        (root / name).mkdir()
        (root / name / "pod.yaml").write_text(POD)
    if nested is not None:
        (root / nested / ".spotlint.yaml").write_text("ignore: [SL101]\n")
    return root


def _walked(root: Path) -> list[tuple[str, bool, bool]]:
    """Each file the walk finds: its path, whether ``sole_scope`` says it is judged by
    the walk's settings when it is found, and whether it is."""
    settings = configure(CheckOptions(paths=[str(root)]), default_registry()).settings
    sole = sole_scope(settings)
    return [(c.path, sole(), settings.for_path(c.path) is settings)
            for c in candidates([str(root)], settings)]


def test_one_configuration_judges_every_walked_file(tmp_path: Path) -> None:
    (tmp_path / ".spotlint.yaml").write_text("ignore: [SL102]\n")
    walked = _walked(_tree(tmp_path))
    assert len(walked) == 5  # (the configuration file is a candidate too)
    assert all(sole and judged for _, sole, judged in walked)


def test_a_nested_configuration_ends_it_before_its_files(tmp_path: Path) -> None:
    walked = _walked(_tree(tmp_path, nested="c"))
    said = {Path(path).relative_to(tmp_path).as_posix(): sole for path, sole, _ in walked}
    assert said == {"a/pod.yaml": True, "b/pod.yaml": True, "c/.spotlint.yaml": False,
                    "c/pod.yaml": False, "d/pod.yaml": False}
    # (what it says is always true; when it says nothing, the files are asked about)
    assert all(judged for _, sole, judged in walked if sole)
    assert not all(judged for _, _, judged in walked)


def test_without_scopes_the_settings_judge_every_file() -> None:
    assert sole_scope(Settings())() is True
    other = Settings()
    other.scoped = lambda path: other  # (not a Scopes: its answers are not known)
    assert sole_scope(other)() is False


def test_settings_that_are_not_the_scopes_only_one_are_not_sole(tmp_path: Path) -> None:
    _tree(tmp_path, nested="c")
    settings = configure(CheckOptions(paths=[str(tmp_path)]), default_registry()).settings
    settings.for_path(str(tmp_path / "c" / "pod.yaml"))  # (a second scope is made)
    assert sole_scope(settings)() is False
