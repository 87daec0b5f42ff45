"""The cyclic collector is off while the index chooses a context, and restored after."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from spotlint.config.settings import Settings
from spotlint.index import context


def test_the_collector_is_off_meanwhile_and_restored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def inner(*args: object) -> None:
        seen.append(gc.isenabled())
        return None

    monkeypatch.setattr(context, "_indexed_context", inner)
    settings = Settings(root=str(tmp_path))
    was = gc.isenabled()
    try:
        gc.enable()
        assert context.indexed_context([str(tmp_path)], settings, [], str(tmp_path), None) is None
        assert seen == [False] and gc.isenabled()
        gc.disable()  # a caller that had it off keeps it off
        context.indexed_context([str(tmp_path)], settings, [], str(tmp_path), None)
        assert seen == [False, False] and not gc.isenabled()
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()


def test_an_error_restores_the_collector(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(context, "_indexed_context", failing)
    gc.enable()
    with pytest.raises(RuntimeError):
        context.indexed_context([], Settings(root=str(tmp_path)), [], str(tmp_path), None)
    assert gc.isenabled()
