"""How a rule is declared: metadata, documentation and check in one place.

``@rule(...)`` wraps a check function into a frozen :class:`Rule`; it registers
nothing (the rule bundle's ``spotlint_rules`` hook returns an explicit list). A
check is a pure function over one model object and yields :class:`Violation`;
the engine stamps code, severity and path, so a rule cannot misreport them.

The classes here are :mod:`spotlint.value` classes written out, as in
:mod:`spotlint.model`: they behave as the (frozen) dataclasses they were, and
importing them compiles nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from operator import attrgetter
from types import GenericAlias

from spotlint.capacity import CapacityLabels
from spotlint.config.settings import Settings
from spotlint.config.severity import Severity as Severity
from spotlint.location import Location, Node
from spotlint.model import Project
from spotlint.value import FrozenValue, Value, frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Generic

    from typing_extensions import TypeVar

    #: A rule's options type; a rule without options gets ``RuleContext[None]``.
    OptionsT = TypeVar("OptionsT", default=None)
else:
    Any = OptionsT = object  # (subscripted below at run time, where any argument would do)

    class Generic:
        """``typing.Generic`` as far as a run uses it: ``RuleContext[...]`` (see
        :mod:`spotlint.cli.main`: ``typing`` is not imported at run time)."""

        __slots__ = ()

        def __class_getitem__(cls, params: object) -> object:
            return cls if cls is Generic else GenericAlias(cls, params)

_set = object.__setattr__

def _reduce_by_fields(self: FrozenValue) -> tuple[type, tuple[Any, ...]]:
    """``__reduce__`` of a slotted frozen value: made again from its fields (the
    default would set its slots through ``setattr``, which a frozen value refuses).
    The values findings carry are slotted: a run makes hundreds of each, and an
    instance dictionary was most of making one."""
    return (type(self), tuple([getattr(self, name) for name in self.FIELDS]))


if TYPE_CHECKING:
    _V = TypeVar("_V", bound=FrozenValue)


def _by_fields(cls: type[_V]) -> type[_V]:
    """Give ``cls`` :func:`_reduce_by_fields` with its fields read in one C call (an
    ``attrgetter`` of them, as :class:`~spotlint.finding.Finding` has): a split run's
    process sends its findings' fixes, edits and changes pickled, on the run's
    critical path, and the generic one made a list and called ``getattr`` per field
    (a fifth of pickling the findings at 1,000 files). A subclass gets the generic one."""
    fields = cls.FIELDS
    assert len(fields) > 1  # (one name: attrgetter gives the value, not a tuple)
    get = attrgetter(*fields)

    def __reduce__(self: _V) -> tuple[type, tuple[Any, ...]]:
        if type(self) is not cls:
            return _reduce_by_fields(self)
        return (cls, get(self))

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


#: What a rule's check receives: one of these model object kinds.
TARGETS = ("job", "pool", "template", "project", "engine")


@_by_fields
@frozen
class Edit(FrozenValue):
    """Replace the text between two (1-based, end-exclusive) positions of one file."""

    __slots__ = ("col", "end_col", "end_line", "line", "path", "text")

    path: str
    line: int
    col: int
    end_line: int
    end_col: int
    text: str

    def __init__(
        self, path: str, line: int, col: int, end_line: int, end_col: int, text: str,
    ) -> None:
        _set(self, "path", path)
        _set(self, "line", line)
        _set(self, "col", col)
        _set(self, "end_line", end_line)
        _set(self, "end_col", end_col)
        _set(self, "text", text)


@_by_fields
@frozen
class SetValue(FrozenValue):
    """Make the scalar (a key or a value) starting at ``at`` read ``value``.

    ``at`` may also point inside a string (a ``--conf k=v`` item of a
    ``sparkSubmitParameters`` string): then ``old`` is the text found there and
    only that segment is replaced. A ``bool``/``int`` value is written as a typed
    scalar where the format has types; a ``str`` stays a string.
    """

    __slots__ = ("at", "old", "value")

    at: Location
    value: str | bool | int
    old: str | None

    def __init__(self, at: Location, value: str | bool | int, old: str | None = None) -> None:
        _set(self, "at", at)
        _set(self, "value", value)
        _set(self, "old", old)


@_by_fields
@frozen
class InsertKey(FrozenValue):
    """Add ``keys[-1]: value`` to the mapping starting at ``into``.

    Missing intermediate mappings named by ``keys[:-1]`` are created. For a
    ``.conf`` file ``into`` is the file and the key becomes a new line.
    """

    __slots__ = ("into", "keys", "value")

    into: Location
    keys: tuple[str, ...]
    value: str | bool | int

    def __init__(self, into: Location, keys: tuple[str, ...], value: str | bool | int) -> None:
        _set(self, "into", into)
        _set(self, "keys", keys)
        _set(self, "value", value)


@_by_fields
@frozen
class AppendArgs(FrozenValue):
    """Append words (``--conf k=v``) to the spark-submit argument string starting at ``to``."""

    __slots__ = ("args", "to")

    to: Location
    args: tuple[str, ...]

    def __init__(self, to: Location, args: tuple[str, ...]) -> None:
        _set(self, "to", to)
        _set(self, "args", args)


#: What a rule asks for; :mod:`spotlint.fix` resolves it into text edits against the file.
Change = SetValue | InsertKey | AppendArgs


@_by_fields
@frozen
class Fix(FrozenValue):
    """A remedy for one finding.

    Rules describe it as ``changes`` on located model values (they never see file
    text); the engine resolves them into concrete ``edits`` against the file,
    which reporters (SARIF ``fixes``) and ``--fix`` use. ``safe`` fixes cannot
    change what the job means beyond the rule's intent; unsafe ones need
    ``--unsafe-fixes``.
    """

    __slots__ = ("changes", "description", "edits", "safe")

    description: str
    edits: tuple[Edit, ...]
    safe: bool
    changes: tuple[Change, ...]

    def __init__(
        self, description: str, edits: tuple[Edit, ...] = (), safe: bool = True,
        changes: tuple[Change, ...] = (),
    ) -> None:
        _set(self, "description", description)
        _set(self, "edits", edits)
        _set(self, "safe", safe)
        _set(self, "changes", changes)


@_by_fields
@frozen
class Violation(FrozenValue):
    """What a check yields: where, what, and optionally related places and a fix."""

    __slots__ = ("at", "fix", "message", "related")

    at: Node | Location
    message: str
    related: tuple[Node | Location, ...]
    fix: Fix | None

    def __init__(
        self, at: Node | Location, message: str, related: tuple[Node | Location, ...] = (),
        fix: Fix | None = None,
    ) -> None:
        _set(self, "at", at)
        _set(self, "message", message)
        _set(self, "related", related)
        _set(self, "fix", fix)

    @property
    def location(self) -> Location:
        return self.at.loc if isinstance(self.at, Node) else self.at


class RuleContext(Value, Generic[OptionsT]):
    """What a check may consult besides its target.

    ``project`` is everything the run read; ``options`` an instance of the
    rule's ``options`` class (its defaults unless the configuration sets them;
    :meth:`Rule.run` fills them in), None for a rule without options;
    ``settings`` the run's settings; ``capacity`` the run's capacity-label table;
    ``reported`` says which files the run reports on (None: every file): a project
    rule may leave out the work whose findings would lie in other files (a commit
    hook's run reads a whole directory of pools as context for one job, and drops
    every finding in them).
    A check that takes options says so in its signature:
    ``ctx: RuleContext[DiversityOptions]``.
    """

    project: Project
    #: typed by the rule's own signature; None only for rules without options
    options: OptionsT
    settings: Settings
    capacity: CapacityLabels
    reported: Callable[[str], bool] | None

    def __init__(
        self,
        project: Project | None = None,
        options: OptionsT = None,  # type: ignore[assignment]
        settings: Settings | None = None,
        capacity: CapacityLabels | None = None,
        reported: Callable[[str], bool] | None = None,
    ) -> None:
        self.project = Project() if project is None else project
        self.options = options
        self.settings = Settings() if settings is None else settings
        self.capacity = CapacityLabels() if capacity is None else capacity
        self.reported = reported


Check = Callable[[Any, RuleContext[Any]], Iterable[Violation]]


@frozen
class Rule(FrozenValue):
    """A rule: its metadata, its documentation and its check (None for engine rules)."""

    code: str
    name: str
    severity: Severity
    summary: str
    target: str
    doc: str
    check: Check | None
    applies_to: tuple[str, ...]
    options: type | None
    module: str
    fixable: bool
    tags: tuple[str, ...]

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        summary: str,
        target: str,
        doc: str,
        check: Check | None,
        applies_to: tuple[str, ...] = (),
        options: type | None = None,
        module: str = "",
        fixable: bool = False,
        tags: tuple[str, ...] = (),
    ) -> None:
        for attr, value in (
            ("code", code), ("name", name), ("severity", severity), ("summary", summary),
            ("target", target), ("doc", doc), ("check", check), ("applies_to", applies_to),
            ("options", options), ("module", module), ("fixable", fixable), ("tags", tags),
        ):
            _set(self, attr, value)

    def run(self, target: Any, ctx: RuleContext[Any]) -> Iterator[Violation]:
        """The check's violations on ``target``, with the options' defaults when none are given."""
        if self.check is None:
            return
        if self.options is not None and ctx.options is None:
            ctx = RuleContext(ctx.project, self.options(), ctx.settings, ctx.capacity)
        yield from self.check(target, ctx)

    @property
    def title(self) -> str:
        return f"{self.code} {self.name}"

    def doc_sections(self) -> dict[str, str]:
        """The docstring split on ``## `` headings; the lead paragraph under ``""``."""
        sections: dict[str, str] = {}
        current = ""
        lines: list[str] = []
        for line in (self.doc or "").strip().splitlines():
            if line.startswith("## "):
                sections[current] = "\n".join(lines).strip()
                current, lines = line[3:].strip(), []
            else:
                lines.append(line)
        sections[current] = "\n".join(lines).strip()
        return sections


class LazyRule(Rule):
    """A built-in rule known by its index entry until anything else about it is read.

    The generated index (``spotlint.rules.index``) gives code, name, severity and
    target, which is all that selection, suppressions and stamping need; the
    rule's concern package (``concern``, exporting ``RULES``) is imported the
    first time its check, doc, summary or options are asked for. ``needs`` names
    the :class:`~spotlint.model.Project` attributes of which one must be non-empty
    for the rule to find anything: the engine skips the rule without importing
    it otherwise, which keeps a pre-commit run on one pod template from
    importing every job and pool rule.
    """

    concern: str
    needs: tuple[str, ...]

    def __init__(
        self, code: str, name: str, severity: Severity, target: str, concern: str,
        needs: tuple[str, ...],
    ) -> None:
        # Rule is frozen; like the dataclass's own __init__, set each known field once.
        for attr, value in (
            ("code", code), ("name", name), ("severity", severity), ("target", target),
            ("concern", concern), ("needs", needs),
        ):
            object.__setattr__(self, attr, value)

    @cached_property
    def loaded(self) -> Rule:
        """The real rule, from its concern package (imported on the first call)."""
        module = importlib.import_module(self.concern)
        found: Rule = next(r for r in module.RULES if r.code == self.code)
        return found

    @property
    def summary(self) -> str:
        return self.loaded.summary

    @property
    def doc(self) -> str:
        return self.loaded.doc

    @property
    def check(self) -> Check | None:
        return self.loaded.check

    @property
    def applies_to(self) -> tuple[str, ...]:
        return self.loaded.applies_to

    @property
    def options(self) -> type | None:
        return self.loaded.options

    @property
    def module(self) -> str:
        return self.loaded.module

    @property
    def fixable(self) -> bool:
        return self.loaded.fixable

    @property
    def tags(self) -> tuple[str, ...]:
        return self.loaded.tags

    def __eq__(self, other: object) -> bool:
        """Equal to the same index entry; comparing never imports the concern."""
        if not isinstance(other, LazyRule):
            return NotImplemented
        return (self.code, self.concern) == (other.code, other.concern)

    def __hash__(self) -> int:
        return hash((self.code, self.concern))

    def __repr__(self) -> str:
        return f"LazyRule({self.code} {self.name}, from {self.concern})"


def rule(
    *,
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    target: str,
    doc: str | None,
    applies_to: tuple[str, ...] = (),
    options: type | None = None,
    fixable: bool = False,
) -> Callable[[Check], Rule]:
    """Declare a rule around its check function."""
    if target not in TARGETS:
        raise ValueError(f"unknown rule target {target!r}")

    def wrap(check: Check) -> Rule:
        return Rule(
            code=code,
            name=name,
            severity=severity,
            summary=summary,
            target=target,
            doc=doc or "",
            check=check,
            applies_to=applies_to,
            options=options,
            module=check.__module__,
            fixable=fixable,
        )

    return wrap


def engine_rule(
    *,
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    doc: str | None,
    applies_to: tuple[str, ...] = (),
) -> Rule:
    """A rule whose findings the engine itself emits (parse errors, schema errors)."""
    return Rule(
        code=code,
        name=name,
        severity=severity,
        summary=summary,
        target="engine",
        doc=doc or "",
        check=None,
        applies_to=applies_to,
    )
