"""Fingerprints hash with SHA-256 as ``hashlib`` does, without importing it."""

from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys

import pytest

from spotlint.finding import sha256_hex


@pytest.mark.parametrize(
    "data", [b"", b"abc", b"SL101\x00a.yaml\x00k: v", bytes(range(256)) * 40])
def test_the_digest_is_hashlibs(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_a_digest_does_not_import_hashlib() -> None:
    if not any(importlib.util.find_spec(name) for name in ("_sha256", "_sha2")):
        pytest.skip("this Python has no built-in SHA-256 module (hashlib is used)")
    script = ("import sys\nfrom spotlint.finding import sha256_hex\nsha256_hex(b'x')\n"
              "print('_hashlib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
