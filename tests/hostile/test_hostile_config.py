"""The configuration file is read like any scanned file: same loader, same limits.

``.spotlint.yaml`` comes with the repository under review, so a 600-byte alias
bomb there once took a minute and 2.5 GB before a MemoryError. It is now a
configuration error naming the limit, within the memory and time the hostile
tests allow every run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_support import CANARY_NAME, CANARY_TEXT, run_cli

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
) + "select: [*i]\n"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (BOMB, "max-alias-expansion"),
        ("select: !!python/object/apply:os.system [echo]\n", "unsupported YAML tag"),
        ("exclude: " + "[" * 5000 + "]" * 5000 + "\n", "max-depth"),
        ("select: [SL1]\n---\nselect: [SL2]\n", "one YAML document"),
    ],
)
def test_a_hostile_configuration_is_a_configuration_error(
    tmp_path: Path, text: str, says: str
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / CANARY_NAME).write_text(CANARY_TEXT)
    (tmp_path / ".spotlint.yaml").write_text(text)
    run = run_cli(["check", "."], tmp_path, timeout=30)
    assert run.returncode == 2, run.stderr
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith("spotlint: error: ") and says in line
    assert "internal error" not in line and "MemoryError" not in line
