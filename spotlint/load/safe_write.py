"""Writing files so that a failure never leaves one damaged.

Every file spotlint writes (``--fix`` edits, ``--output`` reports,
``--write-baseline``) goes through :func:`write_atomic`: the bytes go to a new
temporary file in the same directory, are flushed to disk, and then replace the
target in one ``rename``. A full disk, a killed process or an encoding error
leaves either the old file or the new one, never a truncated mix, and an
existing report is not emptied by a run that failed before writing it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable

from spotlint.errors import WriteError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO

__all__ = ["WriteError", "check_writable", "write_atomic"]


def write_atomic(path: str, data: bytes | Iterable[bytes]) -> None:
    """Replace ``path``'s content with ``data`` atomically (see the module docstring).

    ``data`` may come in pieces (a large report's chunks, encoded one by one as
    they are written), so the whole content never sits in memory twice.

    A symlink is written through (its target is replaced, the link stays); a
    target that is not a regular file (``/dev/stdout``, a FIFO) is written to
    directly, as renaming over it would replace the device node. The file's
    permission bits are kept, and a read-only file is not replaced. Raises
    :class:`WriteError`.
    """
    target = os.path.realpath(path) if os.path.islink(path) else path
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc)) from None
    if mode is not None and not stat.S_ISREG(mode):
        _write_in_place(path, target, data)
        return
    if mode is not None and not os.access(target, os.W_OK):
        # Renaming over it would succeed; a read-only file is a refusal to respect.
        raise WriteError(path, "Permission denied (the file is read-only)")
    directory = os.path.dirname(target) or "."
    try:
        handle, temp = new_file(directory, f".{os.path.basename(target)}.", ".spotlint-tmp")
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc)) from None
    try:
        with os.fdopen(handle, "wb") as out:
            _write_all(out, data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, stat.S_IMODE(mode) if mode is not None else _default_mode())
        os.replace(temp, target)
    except BaseException as exc:
        # Whatever stopped the write (a full disk, a piece that failed to encode,
        # an interrupt), the temporary file goes and the target stays as it was.
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise WriteError(path, exc.strerror or str(exc)) from None
        raise


def check_writable(path: str) -> str | None:
    """Why ``path`` cannot be written (its directory is missing or not writable), or None.

    Asked before a run starts, so a typo in ``--output`` is a usage error and
    not a lost report at the end.
    """
    directory = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        return f"{path} is a directory"
    if not os.path.isdir(directory):
        return f"directory {os.path.dirname(path) or '.'} does not exist"
    if os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode):
        return None  # a device or FIFO: opened for writing as is
    if not os.access(directory, os.W_OK | os.X_OK):
        return f"directory {os.path.dirname(path) or '.'} is not writable"
    return None


#: How a temporary file is created: by this call alone (never an existing file or a
#: symlink's target), readable and writable by its owner only, as ``tempfile.mkstemp``.
_NEW_FILE_FLAGS = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                   | getattr(os, "O_BINARY", 0))


def new_file(directory: str, prefix: str, suffix: str) -> tuple[int, str]:
    """A new file in ``directory`` under an unpredictable name: its descriptor and path.

    What ``tempfile.mkstemp`` does, without importing :mod:`tempfile` (with shutil,
    random and their imports: ~2 ms before a run with ``--output`` forks).
    """
    for _ in range(100):
        path = os.path.abspath(os.path.join(directory, prefix + os.urandom(8).hex() + suffix))
        try:
            return os.open(path, _NEW_FILE_FLAGS, 0o600), path
        except FileExistsError:
            continue  # taken (by chance, or by someone guessing): another name
    raise FileExistsError(errno.EEXIST, "no usable temporary file name found")


def _write_all(out: BinaryIO, data: bytes | Iterable[bytes]) -> None:
    if isinstance(data, bytes):
        out.write(data)
        return
    for piece in data:
        out.write(piece)


def _write_in_place(path: str, target: str, data: bytes | Iterable[bytes]) -> None:
    try:
        with open(target, "wb") as out:
            _write_all(out, data)
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc)) from None


def _default_mode() -> int:
    """0o666 minus the umask, as ``open()`` would have created the file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
