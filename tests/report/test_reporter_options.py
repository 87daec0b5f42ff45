"""Reporter options are filtered by the factory's parameters, as inspect reads them."""

from __future__ import annotations

import functools
import inspect
import subprocess
import sys
from typing import Any

import pytest

from spotlint.report.base import BUILTIN_REPORTERS, _accepted, _load, _plain_parameters

OPTIONS = {"color": True, "show": "info", "quiet": False, "args": 1, "kwargs": 2, "self": 3}


def _by_inspect(factory: Any, options: dict[str, Any]) -> dict[str, Any]:
    """What _accepted answered before it read code objects (inspect.signature)."""
    try:
        params = inspect.signature(factory).parameters
    except (TypeError, ValueError):
        return dict(options)
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return dict(options)
    return {k: v for k, v in options.items() if k in params}


class Plain:
    def __init__(self, color: bool = False, *, show: str = "warning") -> None: ...


class Starred:
    def __init__(self, *args: Any, quiet: bool = False) -> None: ...


class Keywords:
    def __init__(self, **kwargs: Any) -> None: ...


class NoInit:
    pass


class OwnNew:
    def __new__(cls, color: bool = False) -> OwnNew:
        return super().__new__(cls)


class Signed:
    __signature__ = inspect.Signature([inspect.Parameter("quiet", inspect.Parameter.KEYWORD_ONLY)])

    def __init__(self, color: bool = False) -> None: ...


class Meta(type):
    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return super().__call__()


class WithMeta(metaclass=Meta):
    def __init__(self, color: bool = False) -> None: ...


def function(color: bool = False, show: str = "") -> None: ...


@functools.wraps(function)
def wrapped(*args: Any, **kwargs: Any) -> None: ...


FACTORIES: list[Any] = [
    *(_load(target) for target in BUILTIN_REPORTERS.values()),
    Plain, Starred, Keywords, NoInit, OwnNew, Signed, WithMeta, function, wrapped,
    functools.partial(function, color=False), dict, len, lambda quiet=True: None,
]


@pytest.mark.parametrize("factory", FACTORIES, ids=repr)
def test_options_are_those_inspect_accepts(factory: Any) -> None:
    assert _accepted(factory, OPTIONS) == _by_inspect(factory, OPTIONS)


def test_the_built_in_reporters_are_read_without_inspect() -> None:
    for target in BUILTIN_REPORTERS.values():
        assert _plain_parameters(_load(target)) is not None, target
    script = ("import sys\nfrom spotlint.report.base import get_reporter\n"
              "get_reporter('text', color=True)\nprint('inspect' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
