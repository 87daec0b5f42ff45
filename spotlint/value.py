"""Value classes written by hand, with the behaviour ``@dataclass`` would give them.

Every ``@dataclass`` compiles its ``__init__``, ``__repr__``, ``__eq__`` (and for a
frozen one ``__hash__``, ``__setattr__`` and ``__delattr__``) from generated
source each time the module is imported: about 0.3 ms for a plain class and
0.5 ms for a frozen one on CPython 3.11, which the ``.pyc`` cache cannot keep.
The model and rule classes alone cost ~11 ms of a one-file check that way (see
bench/README.md, "One-file latency"). Their modules write ``__init__`` by hand
(it is in the ``.pyc``) and inherit the rest from here:

- ``__repr__`` as a dataclass's: ``Name(field=value, ...)``, ``...`` on recursion;
- ``__eq__`` by value between instances of the very same class, comparing the
  fields' tuple as a dataclass does (so ``is`` short-cuts each field);
- :class:`Value` (mutable) is unhashable, as a dataclass with ``eq=True``;
  :class:`FrozenValue` hashes its fields' tuple and refuses assignment with
  :class:`dataclasses.FrozenInstanceError`, so frozen values keep working as
  dict keys and set members. (A frozen dataclass lets a subclass that is not a
  dataclass set attributes that are not fields; a frozen value refuses those
  too. ``dataclasses`` itself is imported only to raise.)

``FIELDS`` lists the fields in declaration order: the class's own annotations
after its bases' (``ClassVar`` excluded), as :func:`dataclasses.fields` would;
fields named in ``UNCOMPARED`` are left out of equality and hashing (a dataclass
field with ``compare=False``), those in ``UNSHOWN`` out of repr (``repr=False``).
:func:`replace` is :func:`dataclasses.replace` for these classes.
``tests/test_value.py`` holds every value class of the model and the rules to
the dataclass it replaces.
"""

from __future__ import annotations

from operator import attrgetter
from reprlib import recursive_repr

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar, TypeVar

    from typing_extensions import dataclass_transform

    T = TypeVar("T", bound=type)
else:
    def dataclass_transform(**kwargs: Any) -> Any:
        return lambda decorator: decorator


def _own_fields(cls: type) -> tuple[str, ...]:
    # not inspect.get_annotations: importing inspect is what this module saves
    annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
    return tuple([
        name for name, kind in annotations.items()
        if not str(kind).startswith(("ClassVar", "typing.ClassVar"))
    ])


class Value:
    """A mutable value class: fields set by its own ``__init__``; repr and equality generic."""

    # no instance dictionary of its own: a subclass may declare __slots__
    __slots__ = ()

    #: the fields in declaration order (bases' first), filled in for each subclass
    FIELDS: ClassVar[tuple[str, ...]] = ()
    #: fields left out of equality and hashing
    UNCOMPARED: ClassVar[tuple[str, ...]] = ()
    #: fields left out of repr
    UNSHOWN: ClassVar[tuple[str, ...]] = ()
    #: the fields repr shows
    _shown: ClassVar[tuple[str, ...]] = ()
    #: those fields' values of an instance as a tuple (what equality and hashing compare)
    _values: ClassVar[Any]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # (runs for each of the ~90 value classes at start-up, before anything else:
        # lists instead of generators, and no filtering where nothing is left out)
        super().__init_subclass__(**kwargs)
        fields = cls.FIELDS
        own = [n for n in _own_fields(cls) if n not in fields]
        if own:
            fields = cls.FIELDS = fields + tuple(own)
        else:
            cls.FIELDS = fields
        unshown, uncompared = cls.UNSHOWN, cls.UNCOMPARED
        cls._shown = tuple([n for n in fields if n not in unshown]) if unshown else fields
        names = tuple([n for n in fields if n not in uncompared]) if uncompared else fields
        if len(names) == 1:
            single = attrgetter(names[0])
            cls._values = lambda obj: (single(obj),)
        else:
            cls._values = attrgetter(*names) if names else (lambda obj: ())

    @recursive_repr()
    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{type(self).__qualname__}({fields})"

    def __eq__(self, other: object) -> bool:
        # defining __eq__ alone makes the class unhashable (__hash__ = None), as a
        # dataclass with eq=True and frozen=False is
        if other.__class__ is self.__class__:
            return bool(type(self)._values(self) == type(self)._values(other))
        return NotImplemented


class FrozenValue(Value):
    """An immutable value class: ``__init__`` sets fields with ``object.__setattr__``."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(type(self)._values(self))

    def __setattr__(self, name: str, value: Any) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")


#: For type checkers only, as every ``typing`` name in spotlint (the module is not
#: imported at run time: see :mod:`spotlint.cli.main`).
if TYPE_CHECKING:
    V = TypeVar("V", bound=Value)


@dataclass_transform(frozen_default=True)
def frozen(cls: T) -> T:
    """Mark a :class:`FrozenValue` class for type checkers; at run time it returns ``cls``.

    A type checker then reads the class as a frozen dataclass: its fields are
    read-only (and a subclass may override them with properties, as
    :class:`~spotlint.rule.LazyRule` does), and its own ``__init__`` is kept, as
    a dataclass keeps an ``__init__`` its class defines.
    """
    return cls


def replace(obj: V, /, **changes: Any) -> V:
    """A new ``obj`` with ``changes``, made through ``__init__`` as :func:`dataclasses.replace`
    makes it (an unknown name is a TypeError)."""
    values = {name: getattr(obj, name) for name in obj.FIELDS}
    values.update(changes)
    return type(obj)(**values)
