"""The HCL syntax classes behave as the ``@dataclass(eq=False)`` classes they replace.

The reference reader (``tests/support/hcl_reference.py``) keeps the dataclasses as
they were; each hand-written class of :mod:`spotlint.load.hcl` must take the same
fields in the same order (positionally and by name), default them alike (a fresh
list where the dataclass had a ``default_factory``), show the same repr, and compare
and hash by identity.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from typing import Any

import pytest
from support import hcl_reference as old

from spotlint.load import hcl

NAMES = sorted(
    name for name, obj in vars(old).items()
    if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == old.__name__
)


def test_every_reference_class_has_its_counterpart() -> None:
    assert len(NAMES) == 19
    ours = {name for name, obj in vars(hcl).items()
            if isinstance(obj, type) and issubclass(obj, hcl._Syntax) and obj is not hcl._Syntax}
    assert ours == set(NAMES)


def _values(names: list[str], tag: str) -> dict[str, Any]:
    return {name: f"{name}-{tag}" for name in names}


@pytest.mark.parametrize("name", NAMES)
def test_fields_init_and_repr_are_the_dataclass_ones(name: str) -> None:
    ours, ref = getattr(hcl, name), getattr(old, name)
    fields = [f.name for f in dataclasses.fields(ref)]
    assert list(ours.FIELDS) == fields
    parameters = list(inspect.signature(ours.__init__).parameters.values())[1:]
    assert [p.name for p in parameters] == fields
    values = _values(fields, "a")
    by_name, positional = ours(**values), ours(*values.values())
    expected = ref(**values)
    for field in fields:
        assert getattr(by_name, field) == getattr(positional, field) == values[field]
    assert repr(by_name) == repr(expected).replace(f"{old.__name__}.", "")
    assert by_name != ours(**values) and by_name == by_name  # identity, as eq=False
    assert len({by_name, positional}) == 2  # hashable by identity
    copied = pickle.loads(pickle.dumps(by_name))
    assert [getattr(copied, f) for f in fields] == list(values.values())
    assert [getattr(copy.deepcopy(by_name), f) for f in fields] == list(values.values())


@pytest.mark.parametrize("name", NAMES)
def test_defaults_are_the_dataclass_ones(name: str) -> None:
    ours, ref = getattr(hcl, name), getattr(old, name)
    required = {f.name: f"{f.name}-x" for f in dataclasses.fields(ref)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    first, second, expected = ours(**required), ours(**required), ref(**required)
    for f in dataclasses.fields(ref):
        assert getattr(first, f.name) == getattr(expected, f.name), f.name
        if f.default_factory is not dataclasses.MISSING:  # a fresh container each time
            assert getattr(first, f.name) is not getattr(second, f.name), f.name


def test_no_instance_dictionary() -> None:
    """Slots all the way down: a misspelt attribute fails instead of being kept."""
    literal = hcl.Literal(0, 1, 2)
    with pytest.raises(AttributeError):
        literal.valeu = 3  # type: ignore[attr-defined]
