"""Shared test helpers: a CLI runner and paths to ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

os.environ.setdefault("SPOTLINT_DISABLE_PLUGIN_AUTOLOAD", "1")


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared is missing beside the clone ({SHARED})")
    return SHARED
