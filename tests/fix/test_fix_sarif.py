"""SARIF ``fixes``: schema-valid, and replaying their replacements gives the fixed file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from support.fix import CASES, GOLDEN, after_name

from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.fix.place import place_fixes
from spotlint.report.sarif import SarifReporter

#: cases fixed in one pass by one finding's fix, so its replacements alone give the golden file
ONE_PASS = ["sl201_sparkconf.yaml", "sl201_startjobrun.json", "sl202_storage_off.yaml",
            "sl209_rename.yaml", "sl201_defaults.conf"]


def _sarif(name: str, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    target = tmp_path / name
    shutil.copyfile(GOLDEN / name, target)
    result = place_fixes(lint([str(target)], Settings(root=str(tmp_path), select=CASES[name][0])))
    return target, json.loads(SarifReporter().render(result))


def _replay(text: str, replacements: list[dict[str, Any]]) -> str:
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def index(line: int, col: int) -> int:
        return starts[line - 1] + col - 1 if line <= len(lines) else len(text)

    spans = []
    for r in replacements:
        region = r["deletedRegion"]
        start = index(region["startLine"], region["startColumn"])
        end = index(region["endLine"], region["endColumn"])
        spans.append((start, end, r.get("insertedContent", {}).get("text", "")))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixes_validate_against_the_sarif_schema(
    name: str, tmp_path: Path, sarif_schema: dict[str, Any]
) -> None:
    _, doc = _sarif(name, tmp_path)
    errors = sorted(Draft4Validator(sarif_schema).iter_errors(doc), key=str)
    assert errors == []
    assert any("fixes" in r for r in doc["runs"][0]["results"])


@pytest.mark.parametrize("name", ONE_PASS)
def test_replacements_reproduce_the_fixed_file(name: str, tmp_path: Path) -> None:
    target, doc = _sarif(name, tmp_path)
    results = [r for r in doc["runs"][0]["results"] if "fixes" in r]
    assert len(results) == 1
    change = results[0]["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == name
    fixed = _replay(target.read_text(), change["replacements"])
    assert fixed == (GOLDEN / after_name(name)).read_text()
