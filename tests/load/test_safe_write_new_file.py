"""write_atomic's temporary file, made without the tempfile module.

It must be new (created by this call: an existing file or symlink under the
chosen name is never opened), private to its owner, beside the target, named
with the target's prefix and spotlint's suffix, and unpredictable; a name that
is taken is replaced by another, and after many taken names the write fails
instead of looping forever.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from spotlint.load import safe_write
from spotlint.load.safe_write import new_file, write_atomic


def test_a_new_private_file_beside_the_target(tmp_path: Path) -> None:
    handle, path = new_file(str(tmp_path), ".report.json.", ".spotlint-tmp")
    try:
        os.write(handle, b"x")
    finally:
        os.close(handle)
    made = Path(path)
    assert made.parent == tmp_path and os.path.isabs(path)
    assert made.name.startswith(".report.json.") and made.name.endswith(".spotlint-tmp")
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert made.read_bytes() == b"x"
    other, second = new_file(str(tmp_path), ".report.json.", ".spotlint-tmp")
    os.close(other)
    assert second != path  # unpredictable names: two calls, two files


def test_a_taken_name_is_never_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draws = iter([b"\x00" * 8, b"\x01" * 8, b"\x00" * 8, b"\x02" * 8])
    monkeypatch.setattr(safe_write.os, "urandom", lambda n: next(draws))
    taken = tmp_path / (".t." + "00" * 8 + ".tmp")
    taken.write_bytes(b"someone else's")
    handle, path = new_file(str(tmp_path), ".t.", ".tmp")
    os.close(handle)
    assert Path(path).name == ".t." + "01" * 8 + ".tmp"
    assert taken.read_bytes() == b"someone else's"
    # a symlink under the drawn name is not followed: its target stays as it was
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    link = tmp_path / (".u." + "00" * 8 + ".tmp")
    link.symlink_to(victim)
    handle, path = new_file(str(tmp_path), ".u.", ".tmp")
    os.close(handle)
    assert Path(path).name == ".u." + "02" * 8 + ".tmp"
    assert victim.read_bytes() == b"keep" and link.is_symlink()


def test_every_name_taken_is_an_error_not_a_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safe_write.os, "urandom", lambda n: b"\x07" * n)
    (tmp_path / (".r." + "07" * 8 + ".tmp")).write_bytes(b"")
    with pytest.raises(FileExistsError):
        new_file(str(tmp_path), ".r.", ".tmp")


def test_write_atomic_keeps_the_mode_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_importing_it_does_not_import_tempfile() -> None:
    code = "import sys, spotlint.load.safe_write; print('tempfile' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
