"""Every fix against a golden before/after pair, byte for byte, then once more (idempotence)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.fix import CASES, GOLDEN, after_name, fix_copy


@pytest.mark.parametrize("name", sorted(CASES))
def test_fix_matches_golden_file(name: str, tmp_path: Path) -> None:
    select, unsafe = CASES[name]
    target, outcome = fix_copy(name, tmp_path, select, unsafe)
    want = (GOLDEN / after_name(name)).read_bytes()
    assert outcome.fixed[str(target)] == want
    assert outcome.applied >= 1 and not outcome.messages
    assert outcome.result is not None
    assert [f.code for f in outcome.result.active if f.code in select] == []
    assert target.read_bytes() == (GOLDEN / name).read_bytes(), "the loop itself writes nothing"


@pytest.mark.parametrize("name", sorted(CASES))
def test_comments_and_blank_lines_survive(name: str) -> None:
    before = (GOLDEN / name).read_text().splitlines()
    after = (GOLDEN / after_name(name)).read_text().splitlines()
    kept = [line for line in before if not line.strip() or line.lstrip().startswith("#")]
    assert [line for line in after if line in kept] == kept


@pytest.mark.parametrize("name", sorted(CASES))
def test_second_fix_changes_nothing(name: str, tmp_path: Path) -> None:
    select, unsafe = CASES[name]
    fixed = tmp_path / name
    fixed.write_bytes((GOLDEN / after_name(name)).read_bytes())
    (tmp_path / "again").mkdir()
    target = tmp_path / "again" / name
    target.write_bytes(fixed.read_bytes())
    from spotlint.cli.fixing import fix_paths
    from spotlint.config.settings import Settings

    outcome = fix_paths([str(target)], Settings(root=str(tmp_path), select=select), None, unsafe)
    assert outcome.changed == [] and outcome.applied == 0
    assert outcome.result is not None and outcome.result.active == []
