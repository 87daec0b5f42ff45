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


@pytest.mark.parametrize("size", [1, 100, 70_000])
def test_a_regular_file_read_whole_is_read_once(
    tmp_path: Path, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A regular file whose first read gives all ``fstat`` said it holds is not asked
    for more; one that gives less is (a read stopped short, or a size that says less:
    /proc), so the bytes are a plain read's."""
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * size)
    reads: list[int] = []
    real_read = os.read

    def counted(fd: int, count: int) -> bytes:
        reads.append(count)
        return real_read(fd, count)

    monkeypatch.setattr(os, "read", counted)
    assert read_bounded(str(path), 10**6) == _plain(path, 10**6)
    assert reads == [size + 1]
    reads.clear()
    first = [True]

    def short(fd: int, count: int) -> bytes:  # a first read that stops halfway
        reads.append(count)
        if first[0]:
            first[0] = False
            count = max(count // 2, 1)
        return real_read(fd, count)

    monkeypatch.setattr(os, "read", short)
    assert read_bounded(str(path), 10**6) == _plain(path, 10**6)
    assert len(reads) >= (2 if size > 1 else 1)
