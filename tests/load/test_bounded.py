"""read_bounded gives what ``open(path, "rb").read(limit + 1)`` gives, sized to the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spotlint.load.bounded import read_bounded


def _plain(path: Path | str, limit: int) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(limit + 1)


@pytest.mark.parametrize("size", [0, 1, 99, 100, 101, 102, 70_000, 200_000])
@pytest.mark.parametrize("limit", [0, 1, 100, 65_536, 150_000, 20 * 1024 * 1024])
def test_the_same_bytes_as_a_plain_read(tmp_path: Path, size: int, limit: int) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(bytes(i % 251 for i in range(size)))
    got = read_bounded(str(path), limit)
    assert got == _plain(path, limit)
    assert len(got) == min(size, limit + 1)


def test_a_file_longer_than_its_size_when_opened_is_read_on(tmp_path: Path) -> None:
    # /proc files say size 0 and hold text: the read goes on past the size to the limit
    status = Path("/proc/self/status")
    if not status.exists():
        pytest.skip("no /proc here")
    assert os.stat(status).st_size == 0
    got = read_bounded(str(status), 1_000_000)
    assert got.startswith(b"Name:") and len(got) > 100
    assert len(read_bounded(str(status), 10)) == 11


def test_errors_are_oserrors_as_with_open(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_bounded(str(tmp_path / "missing.yaml"), 100)
    with pytest.raises(IsADirectoryError):
        read_bounded(str(tmp_path), 100)
