"""A rule's options as name, default and description, whichever way its class declares them.

A rule's ``options`` class is a frozen dataclass (as a plugin writes it, see
docs/architecture.md), or a value class (:class:`~spotlint.value.FrozenValue`) whose
``__init__`` gives every option its default and whose ``DESCRIPTIONS`` say what each
option is for. The built-in rules' options classes are value classes: a dataclass
needs :mod:`dataclasses` imported, and with it :mod:`inspect` (about 5 ms, 37 M
instructions), in every run that lints a Karpenter pool. The configuration (which
option names a rule takes) and the rule pages (defaults and descriptions) read both
kinds here; ``dataclasses`` is imported only for a dataclass.
"""

from __future__ import annotations

from spotlint.value import FrozenValue, Value, frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_set = object.__setattr__


@frozen
class OptionSpec(FrozenValue):
    """One option: its name (as the class spells it, with ``_``), default and description."""

    name: str
    default: Any
    description: str

    def __init__(self, name: str, default: Any, description: str) -> None:
        _set(self, "name", name)
        _set(self, "default", default)
        _set(self, "description", description)


def option_specs(options: type | None) -> list[OptionSpec]:
    """The options of an options class, in declaration order (none for anything else).

    A dataclass field without a default has None, as the rule pages always showed it.
    """
    if options is None:
        return []
    if getattr(options, "__dataclass_fields__", None) is not None:
        import dataclasses

        specs = []
        for field in dataclasses.fields(options):
            if field.default is not dataclasses.MISSING:
                default: Any = field.default
            elif field.default_factory is not dataclasses.MISSING:
                default = field.default_factory()
            else:
                default = None
            specs.append(OptionSpec(field.name, default,
                                    str(field.metadata.get("description", ""))))
        return specs
    if isinstance(options, type) and issubclass(options, Value):
        defaults = options()
        descriptions: dict[str, str] = getattr(options, "DESCRIPTIONS", {})
        return [OptionSpec(name, getattr(defaults, name), str(descriptions.get(name, "")))
                for name in options.FIELDS]
    return []
