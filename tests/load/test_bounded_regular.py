"""read_bounded(regular_only=True): a regular file reads as before; anything else put
where a walk saw a file (a FIFO, a directory) is refused without waiting."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spotlint.engine.reading import FileSet
from spotlint.load import bounded
from spotlint.load.base import Limits
from spotlint.load.bounded import read_bounded
from spotlint.load.discover import Candidate


def test_a_regular_file_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\n" * 1000)
    assert read_bounded(str(path), 100, regular_only=True) == read_bounded(str(path), 100)
    assert read_bounded(str(path), 10**6, regular_only=True) == path.read_bytes()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "job.yaml"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        read_bounded(str(fifo), 100, regular_only=True)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        read_bounded(str(tmp_path), 100, regular_only=True)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_swapped_in_after_the_walk_is_sl001(tmp_path: Path) -> None:
    fifo = tmp_path / "job.yaml"
    os.mkfifo(fifo)  # the walk saw a regular file here (Candidate.real set)
    files = FileSet(Limits(), {}, [])
    loaded = files.take(Candidate(str(fifo), explicit=False, real=str(fifo)))
    assert loaded is not None
    assert [e.message for e in loaded.errors] == ["cannot read file: not a regular file"]
    assert [f.code for f in files.findings] == ["SL001"]


@pytest.mark.skipif(not bounded.NOFOLLOW, reason="no O_NOFOLLOW here")
def test_no_follow_refuses_a_link_and_reads_a_file_as_before(tmp_path: Path) -> None:
    """``no_follow``: a symbolic link is not opened (its status would be its target's, not
    the link's own that ``lstat`` gives); a regular file reads the same, its status given."""
    target = tmp_path / "f.yaml"
    target.write_bytes(b"a: 1\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert read_bounded(str(link), 100, True) == b"a: 1\n"  # (followed without it)
    status: list[os.stat_result] = []
    with pytest.raises(OSError):
        read_bounded(str(link), 100, True, status, no_follow=True)
    assert status == []
    assert read_bounded(str(target), 100, True, status, no_follow=True) == b"a: 1\n"
    assert status[0].st_size == 5 and status[0].st_mtime_ns == target.lstat().st_mtime_ns
