"""What a walk decides from a directory's own listing: virtualenvs and ignore files."""

from __future__ import annotations

from pathlib import Path

from spotlint.load.discover import discover


def _found(root: Path) -> list[str]:
    return sorted(str(Path(c.path).relative_to(root)) for c in discover([str(root)], str(root)))


def test_a_virtualenv_below_the_root_is_not_walked(tmp_path: Path) -> None:
    (tmp_path / "env" / "lib").mkdir(parents=True)
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (tmp_path / "env" / "lib" / "a.yaml").write_text("kind: Pod\n")
    (tmp_path / "env" / "b.yaml").write_text("kind: Pod\n")
    (tmp_path / "c.yaml").write_text("kind: Pod\n")
    assert _found(tmp_path) == ["c.yaml"]


def test_a_walked_root_that_is_a_virtualenv_is_still_walked(tmp_path: Path) -> None:
    (tmp_path / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (tmp_path / "a.yaml").write_text("kind: Pod\n")
    assert _found(tmp_path) == ["a.yaml"]


def test_a_directory_named_pyvenv_cfg_does_not_make_a_virtualenv(tmp_path: Path) -> None:
    (tmp_path / "sub" / "pyvenv.cfg").mkdir(parents=True)
    (tmp_path / "sub" / "a.yaml").write_text("kind: Pod\n")
    assert _found(tmp_path) == ["sub/a.yaml"]


def test_ignore_files_at_each_level_are_read_where_listed(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".gitignore").write_text("skip-*.yaml\n")
    (tmp_path / "a" / ".gitignore").write_text("b/\n")
    (tmp_path / "a" / "b" / "x.yaml").write_text("kind: Pod\n")
    (tmp_path / "a" / "keep.yaml").write_text("kind: Pod\n")
    (tmp_path / "a" / "skip-me.yaml").write_text("kind: Pod\n")
    assert _found(tmp_path) == ["a/keep.yaml"]
