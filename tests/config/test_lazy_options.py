"""Rule options in a configuration do not import the rules they configure.

Built-in rules' options are known from the schema (which checks their values),
so reading ``min-instance-types: 8`` leaves the pool rules unimported until a
pool is linted; options that do not fit the rule are still a configuration
error, raised when the rule runs.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from spotlint.config.settings import Settings
from spotlint.engine.checking import _options
from spotlint.errors import ConfigError
from spotlint.rule import Rule, Severity


def test_options_for_lazy_rules_do_not_import_them(tmp_path: Path) -> None:
    (tmp_path / ".spotlint.yaml").write_text(
        "min-instance-types: 8\ntiny-sizes: [nano]\nrules: {SL402: {min-instance-types: 9}}\n"
    )
    (tmp_path / "pod.yaml").write_text("apiVersion: v1\nkind: Pod\nspec: {}\n")
    code = (
        "import sys; from spotlint.cli.main import main\n"
        "try:\n    main(['check', '--force-exclude', 'pod.yaml'])\n"
        "except SystemExit as exit:\n    print(exit.code)\n"
        "print(sorted(m for m in sys.modules if m.startswith('spotlint.rules.pools')))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip().splitlines()[-2:] == ["0", "[]"], done.stdout + done.stderr


@dataclass(frozen=True)
class Picky:
    level: int = 1

    def __post_init__(self) -> None:
        if self.level > 3:
            raise ValueError("level must be at most 3")


def test_options_that_do_not_fit_are_a_configuration_error_when_the_rule_runs() -> None:
    rule = Rule(code="XP001", name="picky", severity=Severity.INFO, summary="", target="job",
                doc="", check=None, options=Picky)
    settings = Settings(rule_options={"XP001": {"level": 5}},
                        option_sources={"XP001": ".spotlint.yaml: rules.XP001.level"})
    with pytest.raises(ConfigError, match=r"\.spotlint\.yaml: rules\.XP001\.level: level must"):
        _options(rule, settings)
    assert _options(rule, Settings()) == Picky()
