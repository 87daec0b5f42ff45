"""A Terraform module's signature (spotlint.index.context.module_signature) is the same
whether the listing's ``lstat`` of its files is used or every file is asked again."""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path

import pytest

from spotlint.index import context
from spotlint.index.context import RACY_NS, module_signature


def _reference(directory: str) -> str | None:
    """The signature as it was made before the listing's answers were used: a
    ``scandir``, each Terraform entry's ``is_file()`` and ``stat()``."""
    found: list[str] = []
    racy = time.time_ns() - RACY_NS
    try:
        for entry in sorted(os.scandir(directory), key=lambda e: e.name):
            if entry.is_file() and entry.name.lower().endswith((".tf", ".tfvars")):
                info = entry.stat()
                if info.st_mtime_ns > racy:
                    found = []
                    break
                found.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
        else:
            found.append("")
        return hashlib.blake2b("/".join(found).encode("utf-8", "surrogateescape"),
                               digest_size=8).hexdigest() if found else None
    except OSError:
        return None


def _old(path: Path) -> None:
    stamp = time.time_ns() - 60_000_000_000
    os.utime(path, ns=(stamp, stamp), follow_symlinks=False)


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_the_listings_answers_give_the_same_signature(tmp_path: Path) -> None:
    module = tmp_path / "infra" / "eks"
    module.mkdir(parents=True)
    for name, text in [("main.tf", "a = 1\n"), ("VARS.TFVARS", "b = 2\n"),
                       ("ignored.tf", "c = 3\n"), ("notes.txt", "x\n"), ("z.tfvars", "")]:
        (module / name).write_text(text)
        _old(module / name)
    (module / "dir.tf").mkdir()
    os.symlink(module / "main.tf", module / "linked.tf")
    os.symlink(module / "gone.tf", module / "broken.tf")
    # what the listing found (lstat: regular files; ignored.tf is ignored, so not listed)
    listed = {f"infra/eks/{name}": (os.lstat(module / name).st_size,
                                   os.lstat(module / name).st_mtime_ns)
              for name in ("main.tf", "VARS.TFVARS", "z.tfvars")}
    expected = _reference(str(module))
    assert expected is not None
    assert module_signature(str(module), {}, listed, "infra/eks") == expected
    assert module_signature(str(module), {}) == expected  # (the language server's call)
    # a listed size that differs (the file changed since) changes the signature
    changed = dict(listed, **{"infra/eks/main.tf": (99, listed["infra/eks/main.tf"][1])})
    assert module_signature(str(module), {}, changed, "infra/eks") != expected
    # the root's files, named without a directory
    for name in ("root.tf", "other.yaml"):
        (tmp_path / name).write_text("r = 1\n")
        _old(tmp_path / name)
    info = os.lstat(tmp_path / "root.tf")
    assert module_signature(str(tmp_path), {}, {"root.tf": (info.st_size, info.st_mtime_ns)},
                            "") == _reference(str(tmp_path))
    # a Terraform file changed just now (listed or not): no signature
    (module / "ignored.tf").write_text("c = 4\n")
    assert _reference(str(module)) is None
    assert module_signature(str(module), {}, listed, "infra/eks") is None


def test_an_unreadable_directory_has_no_signature(tmp_path: Path) -> None:
    assert module_signature(str(tmp_path / "missing"), {}, {}, "missing") is None
    known: dict[str, str | None] = {}
    module_signature(str(tmp_path), known)
    assert str(tmp_path) in known  # asked once per directory
    assert context.module_signature(str(tmp_path), known) == known[str(tmp_path)]
