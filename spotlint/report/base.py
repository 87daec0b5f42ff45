"""The reporter contract and the helpers every output format shares.

A reporter turns one :class:`~spotlint.result.RunResult` into the text of one
output (a string; the CLI decides where it goes). The format names users pass
to ``--format`` are one table: the plugin registry's reporters
(:attr:`spotlint.plugins.manager.Registry.reporters`), to which the built-in
plugin contributes :data:`BUILTIN_REPORTERS` and any plugin its own. Entries
name a ``module:Class`` instead of importing it, so ``spotlint check`` only
pays for the reporter it actually uses (SARIF and JUnit pull in json/xml
machinery a text run never needs).

A reporter whose ``wants_edits`` attribute is true (SARIF, JSON) is given
findings whose fixes are placed as text edits; the others get them unplaced,
which is enough to count them and much cheaper. A reporter may also offer
``render_chunks(result)``, the same text as a list of pieces: the CLI then
writes them one by one instead of holding the whole report in one string
(JSON and SARIF do, for large runs).

The helpers here exist so that every format agrees on the same facts: which
findings count, how a path becomes a repository-relative URI, how many of each
severity there are.
"""

from __future__ import annotations

import importlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from operator import attrgetter
from types import FunctionType

from spotlint.errors import UnknownFormatError
from spotlint.finding import SORT_KEY, Finding
from spotlint.rule import Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from spotlint.report.protocol import Reporter as Reporter

    ReporterFactory = Callable[..., Reporter]
else:
    ReporterFactory = Callable[..., object]  # (``Reporter``: :func:`__getattr__`)


def __getattr__(name: str) -> object:
    """``Reporter`` (:mod:`.protocol`), imported when first asked for: it imports
    ``typing``, which a run does not otherwise import."""
    if name == "Reporter":
        from spotlint.report.protocol import Reporter

        return Reporter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Format name -> ``"module:Class"`` of the built-in plugin; imported lazily by
#: :func:`get_reporter`. ``statistics`` is what ``--statistics`` turns ``text`` into.
BUILTIN_REPORTERS: dict[str, str] = {
    "text": "spotlint.report.text:TextReporter",
    "concise": "spotlint.report.text:ConciseReporter",
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
    plain = _plain_parameters(factory)
    if plain is not None:
        names, var_keyword = plain
    else:
        import inspect  # ~5 ms (ast, dis, tokenize): only for factories read otherwise

        try:
            params = inspect.signature(factory).parameters
        except (TypeError, ValueError):
            return dict(options)
        names = frozenset(params)
        var_keyword = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    if var_keyword:
        return dict(options)
    return {k: v for k, v in options.items() if k in names}


_VAR_POSITIONAL, _VAR_KEYWORDS = 0x04, 0x08  # CO_VARARGS, CO_VARKEYWORDS of a code object


def _plain_parameters(factory: object) -> tuple[frozenset[str], bool] | None:
    """What :func:`inspect.signature` says of a plain factory, read from its code.

    Plain: a Python function, or a class of metaclass ``type`` whose ``__new__`` is
    ``object``'s and whose ``__init__`` is a Python function (or ``object``'s), with no
    ``__signature__``, ``__wrapped__`` or ``__text_signature__`` to honour
    (``tests/report/test_reporter_options.py`` holds it to inspect). Returns
    (every parameter name, whether it takes ``**kwargs``); None for anything else.
    """
    function: Any = factory
    if isinstance(factory, type):
        cls: Any = factory
        new, function = cls.__new__, cls.__init__
        if type(cls) is not type or new is not object.__new__:
            return None
        if function is object.__init__ and not hasattr(cls, "__signature__"):
            return frozenset(), False  # no parameters at all
    if (type(function) is not FunctionType or hasattr(factory, "__signature__")
            or hasattr(function, "__signature__") or hasattr(function, "__wrapped__")):
        return None
    code = function.__code__
    count = code.co_argcount + code.co_kwonlyargcount
    if code.co_flags & _VAR_POSITIONAL:
        count += 1  # the *args name is a parameter too
    names = code.co_varnames[1 if isinstance(factory, type) else 0:count]
    return frozenset(names), bool(code.co_flags & _VAR_KEYWORDS)


def get_reporter(
    name: str,
    reporters: Mapping[str, ReporterFactory | str] | None = None,
    **options: Any,
) -> Reporter:
    """Build the reporter for format ``name`` from ``reporters`` (default: the built-ins).

    ``reporters`` maps format names to a factory or ``"module:Class"``: the
    registry's table, built-ins and plugins together. ``options`` (such as
    ``color=True``) go to the factory when its signature takes them and are
    dropped otherwise.
    """
    table = BUILTIN_REPORTERS if reporters is None else reporters
    target = table.get(name)
    if target is None:
        known = sorted(table)
        raise UnknownFormatError(f"unknown output format {name!r} (choose from {', '.join(known)})")
    factory = _load(target) if isinstance(target, str) else target
    return factory(**_accepted(factory, options))


# -- shared facts ------------------------------------------------------------------


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=SORT_KEY)


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts for every severity, most severe first, zeros included."""
    counts = Counter(map(_SEVERITY, findings))  # (counted by member, named once each)
    order = sorted(Severity, key=lambda s: -s.rank)
    return {s.value: counts.get(s, 0) for s in order}


_SEVERITY = attrgetter("severity")


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def relative_path(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` with POSIX separators, or None if outside it.

    Compared by name first, then by real path: a root given through a symlink
    (``--root /link/to/repo``) still holds the files found under its target.
    """
    if path in ("", "-"):
        return None
    rel = _relative(absolute(path), absolute(root))
    if rel is None:
        try:
            rel = _relative(os.path.realpath(path), os.path.realpath(root))
        except (OSError, ValueError):
            return None
    return rel


def absolute(path: str) -> str:
    """``os.path.abspath(path)``; a POSIX path already absolute and normal (no empty,
    ``.`` or ``..`` component, no final separator: what a run's paths under an
    absolute root are) is its own answer, without being split and joined again
    (SARIF asks for every file with a finding, and for the root each time)."""
    if (os.sep == "/" and path[:1] == "/" and "//" not in path and "/." not in path
            and path[-1] != "/"):
        return path
    return os.path.abspath(path)


def _relative(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` (both absolute and normalized), POSIX form, or None."""
    prefix = root if root.endswith(os.sep) else root + os.sep
    if path.startswith(prefix) and len(path) > len(prefix):
        # relpath's answer when the root's components lead the path's (every file
        # under the root), without its splitting and joining of both paths again
        rest = path[len(prefix):]
        return rest if os.sep == "/" else rest.replace(os.sep, "/")
    try:
        rel = os.path.relpath(path, root)
    except ValueError:  # another drive on Windows
        return None
    # relpath's answer is normalized: only the separator differs from the POSIX form
    posix = rel if os.sep == "/" else rel.replace(os.sep, "/")
    if posix == ".." or posix.startswith("../"):
        return None
    return posix


def display_path(path: str, root: str) -> str:
    """Repository-relative POSIX path when possible, else the path as given."""
    found = relative_path(path, root)
    if found is not None:
        return found
    from pathlib import PurePath  # pathlib costs a few ms to import: only when needed

    return PurePath(path).as_posix()


@lru_cache(maxsize=4096)
def path_uri(path: str, root: str) -> tuple[str, bool]:
    """A URI for ``path``: ``(relative, True)`` inside ``root``, else ``(file:///abs, False)``.

    Memoized: SARIF asks for every result and every artifact (thousands per run,
    a few hundred distinct paths), and each answer costs path normalization.

    Relative URIs are percent-encoded (spaces, ``%``, ``#``, ``?``, non-ASCII) so
    consumers that parse them as URI references get the real file name back;
    the bytes encoded are the file system's, so a name that is not valid UTF-8
    keeps its exact bytes.
    """
    rel = relative_path(path, root)
    if rel is not None:
        return _quote(os.fsencode(rel)), True
    if path in ("", "-"):
        return "stdin", True
    return _file_uri(os.path.abspath(path)), False


def directory_uri(path: str) -> str:
    """``file:///abs/dir/``: base URIs must end in a slash to resolve against."""
    uri = _file_uri(os.path.abspath(path))
    return uri if uri.endswith("/") else uri + "/"


#: What ``urllib.parse.quote(..., safe="/")`` leaves as it is.
_URI_SAFE = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/"
_URI_KEPT = frozenset(_URI_SAFE)


def _quote(raw: bytes) -> str:
    """``urllib.parse.quote(raw, safe="/")``, without importing urllib.parse (with
    pathlib, ipaddress and the rest, ~5 ms a SARIF run paid for a few paths):
    every byte outside the unreserved characters and ``/`` as ``%XX``."""
    if not raw.rstrip(_URI_SAFE):
        return raw.decode("ascii")
    return "".join(chr(b) if b in _URI_KEPT else f"%{b:02X}" for b in raw)


def _file_uri(absolute: str) -> str:
    """``pathlib.Path(absolute).as_uri()`` for a normalized absolute path (POSIX:
    ``file://`` and the quoted bytes; elsewhere pathlib itself)."""
    if os.name != "posix":
        from pathlib import Path

        return Path(absolute).as_uri()
    return "file://" + _quote(os.fsencode(absolute))
