"""Loaders: bytes to located value trees (format knowledge, part one)."""

from __future__ import annotations

from spotlint.load.base import Limits, LoadedFile, LoadError

__all__ = ["Limits", "LoadError", "LoadedFile"]
