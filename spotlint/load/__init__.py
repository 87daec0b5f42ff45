"""Loaders: bytes to located value trees (format knowledge, part one)."""

from __future__ import annotations

from spotlint.load.base import LoadedFile, LoadError, Limits

__all__ = ["Limits", "LoadError", "LoadedFile"]
