"""The reporter contract and the helpers every output format shares.

A reporter turns one :class:`~spotlint.result.RunResult` into the text of one
output (a string; the CLI decides where it goes). Reporters are looked up by
format name through :data:`BUILTIN_REPORTERS`, which names a ``module:Class``
instead of importing it, so ``spotlint check`` only pays for the reporter it
actually uses (SARIF and JUnit pull in json/xml machinery a text run never
needs).

The helpers here exist so that every format agrees on the same facts: which
findings count, how a path becomes a repository-relative URI, how many of each
severity there are.
"""

from __future__ import annotations

import importlib
import inspect
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePath
from typing import Any, Protocol, runtime_checkable
from urllib.parse import quote

from spotlint.errors import UnknownFormatError
from spotlint.finding import Finding
from spotlint.result import RunResult
from spotlint.rule import Severity


@runtime_checkable
class Reporter(Protocol):
    """Anything that renders a whole run to one string."""

    def render(self, result: RunResult) -> str: ...


ReporterFactory = Callable[..., Reporter]

#: Format name -> ``"module:Class"``; imported lazily by :func:`get_reporter`.
BUILTIN_REPORTERS: dict[str, str] = {
    "text": "spotlint.report.text:TextReporter",
    "statistics": "spotlint.report.text:StatisticsReporter",
    "json": "spotlint.report.json:JsonReporter",
    "sarif": "spotlint.report.sarif:SarifReporter",
    "github": "spotlint.report.github:GithubReporter",
    "junit": "spotlint.report.junit:JunitReporter",
    "gitlab": "spotlint.report.gitlab:GitlabReporter",
}


def _load(target: str) -> ReporterFactory:
    module_name, _, attr = target.partition(":")
    factory: ReporterFactory = getattr(importlib.import_module(module_name), attr)
    return factory


def _accepted(factory: ReporterFactory, options: Mapping[str, Any]) -> dict[str, Any]:
    """The options ``factory`` takes, so the CLI can pass ``color=`` to every format."""
    try:
        params = inspect.signature(factory).parameters
    except (TypeError, ValueError):
        return dict(options)
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return dict(options)
    return {k: v for k, v in options.items() if k in params}


def get_reporter(
    name: str,
    extra: Mapping[str, ReporterFactory | str] | None = None,
    **options: Any,
) -> Reporter:
    """Build the reporter for format ``name``.

    ``extra`` holds plugin reporters (``{name: factory or "module:Class"}``, as
    the ``spotlint_reporters`` hook returns them); they may add formats but not
    replace a built-in one, so ``--format sarif`` always means the same thing.
    ``options`` (such as ``color=True``) go to the factory when its signature
    takes them and are dropped otherwise.
    """
    target: ReporterFactory | str | None = BUILTIN_REPORTERS.get(name)
    if target is None and extra:
        target = extra.get(name)
    if target is None:
        known = sorted({*BUILTIN_REPORTERS, *(extra or {})})
        raise UnknownFormatError(f"unknown output format {name!r} (choose from {', '.join(known)})")
    factory = _load(target) if isinstance(target, str) else target
    return factory(**_accepted(factory, options))


# -- shared facts ------------------------------------------------------------------


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.sort_key)


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts for every severity, most severe first, zeros included."""
    counts = Counter(f.severity.value for f in findings)
    order = sorted(Severity, key=lambda s: -s.rank)
    return {s.value: counts.get(s.value, 0) for s in order}


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def relative_path(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` with POSIX separators, or None if outside it."""
    if path in ("", "-"):
        return None
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive on Windows
        return None
    posix = PurePath(rel).as_posix()
    if posix == ".." or posix.startswith("../"):
        return None
    return posix


def display_path(path: str, root: str) -> str:
    """Repository-relative POSIX path when possible, else the path as given."""
    return relative_path(path, root) or PurePath(path).as_posix()


def path_uri(path: str, root: str) -> tuple[str, bool]:
    """A URI for ``path``: ``(relative, True)`` inside ``root``, else ``(file:///abs, False)``.

    Relative URIs are percent-encoded (spaces, ``%``, ``#``, ``?``, non-ASCII) so
    consumers that parse them as URI references get the real file name back.
    """
    rel = relative_path(path, root)
    if rel is not None:
        return quote(rel, safe="/"), True
    if path in ("", "-"):
        return "stdin", True
    return Path(os.path.abspath(path)).as_uri(), False


def directory_uri(path: str) -> str:
    """``file:///abs/dir/``: base URIs must end in a slash to resolve against."""
    uri = Path(os.path.abspath(path)).as_uri()
    return uri if uri.endswith("/") else uri + "/"
