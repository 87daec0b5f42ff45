"""The split-run tests' spy (tests/support/splits.py)."""

from __future__ import annotations

import pytest
from support.splits import Splits, spy_on_splits


@pytest.fixture
def splits(monkeypatch: pytest.MonkeyPatch) -> Splits:
    return spy_on_splits(monkeypatch)
