"""Shared test helpers: a CLI runner and paths to ../shared."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

os.environ.setdefault("SPOTLINT_DISABLE_PLUGIN_AUTOLOAD", "1")


def require_shared(*parts: str) -> Path:
    """A path under ../shared, or skip the calling test when the clone has nothing beside it.

    CI checks the repository out with ../shared beside it, so these tests run there;
    a fresh clone on its own still passes, with the reason shown by ``pytest -rs``.
    """
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)} beside the clone (absent: {path})")
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return require_shared()


@pytest.fixture(scope="session")
def corpus() -> Path:
    return require_shared("corpus")


@pytest.fixture(scope="session")
def sarif_schema() -> dict[str, Any]:
    """The OASIS SARIF 2.1.0 schema (draft-04) from ../shared/data; skips when absent."""
    path = require_shared("data", "sarif-schema-2.1.0.json")
    schema: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return schema
