"""The fixture harness: rule examples are both documentation and tests.

A rule's examples live in ``rules/examples/<CODE>/``: files or directories named
``bad-*`` and ``good-*``. A directory is one case whose files are linted
together (cross-document rules). Expected findings are marked where they occur:
a trailing ``# expect: SL101`` comment (several codes separated by commas) on
the line the finding starts at, or such a comment on a line of its own, about
the next line (needed in ``.conf`` files, where Spark reads a trailing ``#`` as
part of the value), or, for formats without comments (JSON, heredoc
lines of scripts), a sidecar ``<file>.expect`` holding ``<line> <CODE>`` lines.
Public, so plugin authors can test their rules the same way.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spotlint.config.settings import Settings
from spotlint.load.textpos import LINE_BREAK
from spotlint.plugins.manager import Registry, default_registry
from spotlint.result import RunResult

_EXPECT = re.compile(r"#\s*expect:\s*([A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)")
_SIDE_LINE = re.compile(r"^\s*(\d+)\s+([A-Z]+[0-9]+)\s*$")

Expectation = tuple[str, int, str]


@dataclass(frozen=True)
class Case:
    code: str
    name: str
    path: Path

    @property
    def bad(self) -> bool:
        return self.name.startswith("bad")

    @property
    def root(self) -> Path:
        return self.path if self.path.is_dir() else self.path.parent

    def files(self) -> list[Path]:
        if self.path.is_dir():
            return sorted(p for p in self.path.rglob("*") if p.is_file() and p.suffix != ".expect")
        return [self.path]


def examples_root() -> Path:
    return Path(str(resources.files("spotlint.rules").joinpath("examples")))


def cases(code: str | None = None, root: Path | None = None) -> Iterator[Case]:
    """Every example case, or those of one rule."""
    base = root or examples_root()
    if not base.is_dir():
        return
    for rule_dir in sorted(base.iterdir()):
        if not rule_dir.is_dir() or (code is not None and rule_dir.name != code):
            continue
        for entry in sorted(rule_dir.iterdir()):
            if entry.name.startswith(("bad", "good")) and entry.suffix != ".expect":
                yield Case(rule_dir.name, entry.name, entry)


def expected(case: Case) -> set[Expectation]:
    """Findings the case's markers announce, as (file relative to case root, line, code)."""
    found: set[Expectation] = set()
    for file in case.files():
        rel = os.path.relpath(file, case.root)
        sidecar = file.with_name(file.name + ".expect")
        if sidecar.is_file():
            for line in sidecar.read_text("utf-8").splitlines():
                match = _SIDE_LINE.match(line)
                if match:
                    found.add((rel, int(match.group(1)), match.group(2)))
        try:
            text = file.read_text("utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        pending: list[str] = []
        for number, line in enumerate(LINE_BREAK.split(text), start=1):
            match = _EXPECT.search(line)
            codes = [c.strip() for c in match.group(1).split(",")] if match else []
            if match and not line[: match.start()].strip():
                pending.extend(codes)  # a comment line of its own: about the next line
                continue
            for code in [*codes, *pending]:
                found.add((rel, number, code))
            pending = []
    return found


def run_case(case: Case, registry: Registry | None = None, only: str | None = None) -> RunResult:
    """Lint the case with only its rule (or ``only``) enabled."""
    from spotlint.engine import lint

    settings = Settings(root=str(case.root), select=[only or case.code])
    paths = [str(case.path)]
    return lint(paths, settings, registry or default_registry())


def actual(case: Case, result: RunResult) -> set[Expectation]:
    return {
        (os.path.relpath(f.location.path, case.root), f.location.line, f.code)
        for f in result.active
    }
