"""A ``.conf`` file's fixes are placed among the entries the loader read, not read again.

The run keeps each ``.conf`` file's loaded entries on its source
(``Source.properties``, only when read without an error); the fixes placed from
them must equal the fixes placed by reading the text again, and a file the
loader refused is read again as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.fix import resolve
from spotlint.fix.place import place_fixes
from spotlint.location import Location
from spotlint.result import RunResult
from spotlint.rule import Fix
from spotlint.value import replace

ROOT = Path(__file__).resolve().parents[2]
CONF = "spark.master  k8s://https://k8s\nspark.decommission.enabled  true\n"


def _placed(result: RunResult, keep: bool) -> list[tuple[str, Location, Fix | None]]:
    sources = {path: source if keep else replace(source, properties=None)
               for path, source in result.sources.items()}
    placed = place_fixes(replace(result, sources=sources))
    return [(f.code, f.location, f.fix) for f in placed.findings]


def _same(top: Path) -> int:
    """Fixes placed from kept entries equal fixes placed by reading again; how many
    were placed in ``.conf`` files."""
    result = lint([str(top)], Settings(root=str(top), select=["ALL"]))
    for source in result.sources.values():
        if source.properties is not None:
            assert source.fmt == "properties" and source.properties.text is source.text
    assert _placed(result, True) == _placed(result, False)
    return sum(1 for _, loc, fix in _placed(result, True)
               if fix is not None and fix.edits and loc.path.endswith(".conf"))


def test_examples() -> None:
    assert _same(ROOT / "examples") > 0


def test_corpus(corpus: Path) -> None:
    _same(corpus)


def test_kept_entries_are_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "spark-defaults.conf").write_text(CONF)
    result = lint([str(tmp_path)], Settings(root=str(tmp_path), select=["ALL"]))
    reads: list[str] = []
    real = resolve.load_properties_text  # type: ignore[attr-defined]

    def counted(path: str, text: str) -> object:
        reads.append(path)
        return real(path, text)

    monkeypatch.setattr(resolve, "load_properties_text", counted)
    kept = _placed(result, True)
    assert reads == [] and any(fix is not None and fix.edits for *_, fix in kept)
    assert _placed(result, False) == kept and reads  # without them: read again, same fixes
