"""The fingerprint digest finds its SHA-256 module once per process, not per finding.

Python does not remember a failed import: trying ``_sha2`` (3.12's name) on 3.11
for every finding searched ``sys.path`` each time, about 0.1 s of a 4,000-file run.
"""

from __future__ import annotations

import hashlib
import importlib
from typing import Any

import pytest

import spotlint.finding as finding


def test_the_module_is_looked_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    real = importlib.import_module

    def counting(name: str, package: str | None = None) -> Any:
        asked.append(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", counting)
    monkeypatch.setattr(finding, "_SHA256", [])
    digests = [finding.sha256_hex(b"finding %d" % n) for n in range(50)]
    assert digests == [hashlib.sha256(b"finding %d" % n).hexdigest() for n in range(50)]
    assert 1 <= len(asked) <= 2  # ``_sha2``, then ``_sha256`` where it is not there
