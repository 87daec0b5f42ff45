"""Options classes: a value class and a dataclass declaring the same options read alike.

The built-in rules' options classes are value classes (:mod:`spotlint.config.options`);
a plugin's may be a frozen dataclass. The configuration and the rule pages see the
same names, defaults and descriptions either way, and a built-in options class
behaves as the frozen dataclass it replaced (init, equality, hashing, no assignment).
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from typing import Any

import pytest

from spotlint.config.options import OptionSpec, option_specs
from spotlint.plugins.manager import default_registry
from spotlint.value import FrozenValue

#: The built-in rules' options as their dataclasses declared them before they were
#: value classes: (name, default, description).
BUILTIN = {
    "SL402": [("min_instance_types", 10, "Fewest instance types a Spot pool should admit.")],
    "SL410": [("tiny_sizes", ("nano", "micro", "small", "medium"),
               "Instance sizes too small for Spark executors.")],
}


def _reference(code: str) -> Any:
    """The frozen dataclass a built-in options class replaced."""
    return dataclasses.make_dataclass(
        f"{code}Options",
        [(name, Any, dataclasses.field(default=default, metadata={"description": text}))
         for name, default, text in BUILTIN[code]],
        frozen=True,
    )


def test_every_builtin_options_class_is_listed_here() -> None:
    with_options = {r.code: r.options for r in default_registry().rules if r.options is not None}
    assert set(with_options) == set(BUILTIN)
    for options in with_options.values():
        assert issubclass(options, FrozenValue)
        assert not dataclasses.is_dataclass(options)


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_specs_equal_the_dataclass_ones(code: str) -> None:
    options = next(r.options for r in default_registry().rules if r.code == code)
    expected = [OptionSpec(*entry) for entry in BUILTIN[code]]
    assert option_specs(options) == expected
    assert option_specs(_reference(code)) == expected


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_builtin_options_behave_as_the_frozen_dataclass(code: str) -> None:
    options = next(r.options for r in default_registry().rules if r.code == code)
    reference = _reference(code)
    names = [name for name, _, _ in BUILTIN[code]]
    assert options() == options() and hash(options()) == hash(options())
    for name, default, _ in BUILTIN[code]:
        assert getattr(options(), name) == getattr(reference(), name) == default
    given = {name: f"given-{name}" for name in names}
    assert [getattr(options(**given), n) for n in names] == list(given.values())
    assert options(**given) != options()
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(options(), names[0], 1)
    with pytest.raises(TypeError):
        options(unknown=1)
    with pytest.raises(TypeError):
        reference(unknown=1)


def test_a_dataclass_field_without_default_shows_none_and_a_plain_class_no_options() -> None:
    @dataclasses.dataclass(frozen=True)
    class Required:
        level: int
        names: tuple[str, ...] = dataclasses.field(default_factory=tuple)

    assert option_specs(Required) == [OptionSpec("level", None, ""), OptionSpec("names", (), "")]
    assert option_specs(None) == []
    assert option_specs(int) == []


def test_a_run_linting_a_pool_does_not_import_dataclasses(tmp_path: Any) -> None:
    pool = tmp_path / "pool.yaml"
    pool.write_text(
        "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: spot\nspec:\n"
        "  template:\n    spec:\n      requirements:\n"
        "        - key: karpenter.sh/capacity-type\n          operator: In\n"
        "          values: [spot]\n"
        "        - key: node.kubernetes.io/instance-type\n          operator: In\n"
        "          values: [m5.large]\n"
    )
    script = (
        "import sys\nfrom spotlint.cli.main import main\ntry:\n    main(sys.argv[1:])\n"
        "finally:\n    sys.stderr.write('dataclasses: %s\\n' % ('dataclasses' in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "check", "--isolated", "--jobs", "1", str(pool)],
        capture_output=True, text=True, cwd=tmp_path, check=False)
    assert "SL402" in done.stdout  # the pool rules ran, with their options
    assert "dataclasses: False" in done.stderr
