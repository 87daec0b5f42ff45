"""spotlint's hand-written value classes behave as the dataclasses they replace.

Each class built on :class:`spotlint.value.Value` (the model, the rule API, and
the other classes of the one-file check's path) is compared with a dataclass made from its own
fields (``dataclasses.make_dataclass``, frozen when the class is): same
``__init__`` order, same repr, equality over every field, hashing when frozen,
no assignment when frozen, fresh default containers, pickling.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pickle
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from spotlint import model, rule
from spotlint.value import FrozenValue, Value

ROOT = Path(__file__).resolve().parents[1]


def _classes() -> list[type[Value]]:
    """Every value class spotlint defines: modules whose source declares one are imported."""
    declares = re.compile(r"^class \w+\((Frozen)?Value\b", re.M)
    found: list[type[Value]] = []
    for path in sorted((ROOT / "spotlint").rglob("*.py")):
        if not declares.search(path.read_text(encoding="utf-8")):
            continue
        parts = path.relative_to(ROOT).with_suffix("").parts
        module = importlib.import_module(".".join(parts))
        for obj in vars(module).values():
            if (isinstance(obj, type) and issubclass(obj, Value)
                    and obj.__module__ == module.__name__
                    and obj not in (Value, FrozenValue, rule.LazyRule)):
                found.append(obj)
    return found


CLASSES = _classes()


class Token:
    """A distinct, picklable, hashable argument value."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def __repr__(self) -> str:
        return f"Token({self.name})"


def _parameters(cls: type) -> list[inspect.Parameter]:
    return list(inspect.signature(cls.__init__).parameters.values())[1:]


def _reference(cls: type[Value]) -> Any:
    """The dataclass ``cls`` replaces (fields and frozenness, no defaults needed here)."""
    return dataclasses.make_dataclass(
        cls.__name__,
        [(name, Any, dataclasses.field(repr=name not in cls.UNSHOWN,
                                       compare=name not in cls.UNCOMPARED))
         for name in cls.FIELDS],
        frozen=issubclass(cls, FrozenValue))


def _tokens(cls: type, tag: str = "") -> dict[str, Token]:
    return {name: Token(f"{name}{tag}") for name in cls.FIELDS}


def test_the_model_and_rule_classes_are_value_classes() -> None:
    names = {cls.__name__ for cls in CLASSES}
    assert {"Job", "Pool", "Project", "Requirement", "PodPlacement", "ConfValue"} <= names
    assert len(CLASSES) >= 19


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_init_takes_every_field_in_declaration_order(cls: type[Value]) -> None:
    assert [p.name for p in _parameters(cls)] == list(cls.FIELDS)
    own = [n for n, kind in vars(cls).get("__annotations__", {}).items()
           if "ClassVar" not in str(kind)]
    assert list(cls.FIELDS)[-len(own):] == own
    positional = cls(*_tokens(cls).values())
    keyword = cls(**_tokens(cls))
    for name, token in _tokens(cls).items():
        assert getattr(positional, name) == token, name
        assert getattr(keyword, name) == token, name


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_repr_equality_and_hash_are_the_dataclass_ones(cls: type[Value]) -> None:
    ref = _reference(cls)
    values = _tokens(cls)
    ours, theirs = cls(**values), ref(**values)
    assert repr(ours) == repr(theirs)
    assert ours == cls(**values)
    assert ours != ref(**values)  # another class is never equal, as with dataclasses
    assert (ours == object()) is False
    for name in cls.FIELDS:  # every field takes part in equality, unless it says not
        changed = cls(**{**values, name: Token("other")})
        assert (ours == changed) is (name in cls.UNCOMPARED), name
    if issubclass(cls, FrozenValue):
        assert hash(ours) == hash(theirs)
        assert {ours: 1}[cls(**values)] == 1
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(ours, cls.FIELDS[0], Token("x"))
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(ours, cls.FIELDS[0])
    else:
        with pytest.raises(TypeError):
            hash(ours)
        setattr(ours, cls.FIELDS[0], Token("x"))
        assert getattr(ours, cls.FIELDS[0]) == Token("x")
    copy = pickle.loads(pickle.dumps(ours))
    assert copy == ours and copy is not ours


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_default_containers_are_fresh_per_instance(cls: type[Value]) -> None:
    """A field whose type has no None but whose parameter defaults to None was a
    ``default_factory`` field: leaving it out gives a new (equal) value each time."""
    required = {p.name: Token(p.name) for p in _parameters(cls)
                if p.default is inspect.Parameter.empty}
    annotations: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        annotations.update(vars(klass).get("__annotations__", {}))
    factories = [p.name for p in _parameters(cls)
                 if p.default is None and "None" not in str(annotations[p.name])
                 and annotations[p.name] != "OptionsT"]  # RuleContext.options: None
    first, second = cls(**required), cls(**required)
    for name in factories:
        value = getattr(first, name)
        assert value is not None, name
        other = getattr(second, name)
        assert value is not other and type(value) is type(other), name
        assert not isinstance(value, (list, dict, set)) or value == other, name


def test_recursive_repr_does_not_loop() -> None:
    placement = model.PodPlacement(None, None)  # type: ignore[arg-type]
    template = model.PodTemplate(placement, None, "t")  # type: ignore[arg-type]
    template.referenced_by.append(template)  # type: ignore[arg-type]
    assert "referenced_by=[...]" in repr(template)


def test_replace_makes_a_new_value_through_init() -> None:
    from spotlint.config.settings import Settings
    from spotlint.location import Location
    from spotlint.value import replace

    loc = Location("a.yaml", 1, 2, 3, 4)
    moved = replace(loc, path="b.yaml")
    assert moved == Location("b.yaml", 1, 2, 3, 4) and loc.path == "a.yaml"
    settings = Settings(select=["SL1"], scoped=lambda path: Settings())
    plain = replace(settings, scoped=None)
    assert plain.scoped is None and plain.select == ["SL1"] and plain == settings
    with pytest.raises(TypeError):
        replace(loc, colour=1)


def test_zones_order_as_a_dataclass_with_order_does() -> None:
    from spotlint.placement.zones import Zone

    ref = dataclasses.make_dataclass("Zone", [("value", str), ("kind", str)], order=True)
    pairs = [("b", "name"), ("a", "id"), ("a", "name"), ("b", "id"), ("a", "name")]
    ours = sorted(Zone(v, k) for v, k in pairs)
    theirs = sorted(ref(v, k) for v, k in pairs)
    assert [(z.value, z.kind) for z in ours] == [(z.value, z.kind) for z in theirs]
    assert Zone("a", "id") <= Zone("a", "id") < Zone("a", "name") > Zone("a", "id")
    assert Zone("b") >= Zone("a")
    with pytest.raises(TypeError):
        assert Zone("a") < ("a", "name")  # type: ignore[operator]


def test_replace_s_type_variable_is_made_for_type_checkers_only() -> None:
    """As every ``typing`` name in spotlint: importing ``typing`` was ~12 M instructions
    of a run's start-up (and a bound given by name, a ``typing.ForwardRef``, compiles the
    name on import: a process's first ``compile`` sets up Python's AST types, ~1 ms)."""
    script = "import sys, spotlint.value as v; print(hasattr(v, 'V'), 'typing' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["False", "False"]
