"""Read at most a limit of a file's bytes, sized to the file.

``open(path, "rb").read(limit + 1)`` (how a limit on file size is usually
kept) makes a buffer of ``limit + 1`` bytes before reading and shrinks it
afterwards: with the 20 MB default of ``max-file-bytes`` that is a 20 MB
allocation (and its release) for every file, about 18 microseconds each, most
of the cost of reading a small file. A commit hook's first run scans every file
of the project, 4,000 files in the bench: 89 ms of CPU to read them that way,
18 ms this way.
"""

from __future__ import annotations

import os
import stat

_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
#: Opening without waiting: a FIFO opened for reading would wait for a writer.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
#: Opening a symbolic link (the last part of the path) fails (``ELOOP``) instead of
#: opening what it leads to: 0 where the system has no such flag.
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
#: What is asked of the file past the size it had when opened (a file may grow).
_MORE = 65536


def read_bounded(path: str, limit: int, regular_only: bool = False,
                 status_out: list[os.stat_result] | None = None,
                 no_follow: bool = False) -> bytes:
    """The first ``limit + 1`` bytes of the file (all of it when shorter), as
    ``open(path, "rb").read(limit + 1)`` gives them; raises OSError as it does. A
    regular file read whole in one read, as long as ``fstat`` said, is not asked
    for more (one system call less a file).

    ``regular_only`` is for a path a directory walk found to be a regular file
    (so no ``stat`` is spent on it again): should something else be there by
    now, it is opened without waiting (``O_NONBLOCK``, which regular files
    ignore) and refused with ``OSError(0, "not a regular file")``.

    ``status_out`` receives the file's ``fstat``, taken before the read (what was read
    is the file as that status tells it, unless it changed meanwhile with its time
    set back).

    ``no_follow``: a symbolic link is not followed (:data:`NOFOLLOW`): opening it raises
    OSError, so the status is the file's own, as ``lstat`` would give it.
    """
    flags = _FLAGS | _NONBLOCK if regular_only else _FLAGS
    fd = os.open(path, flags | NOFOLLOW if no_follow else flags)
    try:
        status = os.fstat(fd)
        if status_out is not None:
            status_out.append(status)
        if regular_only and not stat.S_ISREG(status.st_mode):
            raise OSError(0, "not a regular file")
        size = status.st_size
        wanted = limit + 1
        data = os.read(fd, min(size, limit) + 1)
        if not data or len(data) >= wanted:
            return data
        if len(data) == size and stat.S_ISREG(status.st_mode):
            # The whole file, as large as when it was opened: a regular file's read
            # stops short of what was asked only at its end, so the read that would
            # find the end is not made (a file still being written may be longer by
            # now; this is the file as it was a moment earlier).
            return data
        parts = [data]
        total = len(data)
        while total < wanted:
            more = os.read(fd, min(_MORE, wanted - total))
            if not more:
                break
            parts.append(more)
            total += len(more)
        return b"".join(parts) if len(parts) > 1 else data
    finally:
        os.close(fd)
