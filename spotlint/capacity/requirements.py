"""Which catalog instance types a Karpenter pool's requirements admit.

Karpenter launches any instance type whose well-known labels satisfy every
requirement of the pool (requirements are ANDed, also when a key repeats). This
module replays that filter over the packaged catalog so SL402 can count the
types a NodePool admits and SL410 can see whether it admits tiny sizes.

Only keys that describe the instance type narrow the set (type, family,
category, generation, size, cpu, memory, arch, hypervisor, cpu manufacturer,
local NVMe, GPU count). Capacity type, zone, OS and custom labels constrain
other things and are ignored here.

**Unknown stays unknown.** A requirement with a template placeholder, a
non-integer bound, or an ``In`` value the catalog has never seen (a type newer
than the catalog, a typo) cannot be evaluated exactly: it is ignored (or its
unknown values are), and the result says ``exact=False`` so rules can stay
silent instead of guessing.

**Defaults when a requirement is absent** (Karpenter's v0.31 Provisioner docs,
https://karpenter.sh/v0.31/concepts/provisioners/, and its v1beta1 migration
guide, https://karpenter.sh/docs/upgrading/v1beta1-migration/):

- ``karpenter.sh/v1alpha5`` Provisioners were defaulted by Karpenter's webhook:
  ``kubernetes.io/arch In [amd64]`` when no arch requirement exists, and
  ``karpenter.k8s.aws/instance-category In [c, m, r]`` plus
  ``karpenter.k8s.aws/instance-generation Gt 2`` when the Provisioner pins no
  instance type. We apply the category default only when no type, family or
  category requirement exists and the generation default only when no type,
  family or generation requirement exists, so a Provisioner that names a family
  such as ``i3`` is never emptied by a default it would not have received.
- ``karpenter.sh/v1beta1`` and ``v1`` NodePools have no requirement defaulting at
  all (the v1beta1 migration guide removed it), so an absent key admits every
  value: both architectures, every family and size.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import compress
from operator import attrgetter

from spotlint.capacity.instances import Catalog, InstanceType, catalog
from spotlint.model import Requirement
from spotlint.value import FrozenValue, frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar

_set = object.__setattr__

_K8S_AWS = "karpenter.k8s.aws/"
_EKS = "eks.amazonaws.com/"

Labeler = Callable[[InstanceType], "str | None"]


def _nonzero(value: int) -> str | None:
    return str(value) if value else None


def _text(value: str) -> str | None:
    return value or None


#: A label's value from a type: the field it reads, and how a value is written as the
#: label (None: as it is). Grouping the catalog by a label groups by the field and
#: writes each distinct value once (the conversions are one-to-one).
_Field = tuple[str, "Callable[[Any], str | None] | None"]
_SUFFIX_FIELDS: dict[str, _Field] = {
    "instance-family": ("family", None),
    "instance-category": ("category", _text),
    "instance-generation": ("generation", str),
    "instance-size": ("size", None),
    "instance-cpu": ("vcpu", str),
    "instance-memory": ("memory_mib", str),
    "instance-local-nvme": ("local_nvme_gib", _nonzero),
    "instance-hypervisor": ("hypervisor", _text),
    "instance-cpu-manufacturer": ("cpu_manufacturer", _text),
    "instance-gpu-count": ("gpu_count", _nonzero),
}


def _labeler(field: str, convert: Callable[[Any], str | None] | None) -> Labeler:
    get = attrgetter(field)
    if convert is None:
        return get  # type: ignore[no-any-return]
    return lambda t: convert(get(t))


_SUFFIX_LABELS: dict[str, Labeler] = {
    suffix: _labeler(*field) for suffix, field in _SUFFIX_FIELDS.items()}
#: labeler -> its field and conversion (see :func:`_by_label`)
_FIELD_OF: dict[Labeler, _Field] = {
    _SUFFIX_LABELS[suffix]: field for suffix, field in _SUFFIX_FIELDS.items()}

#: Label key -> how a catalog type's value for it is computed. EKS Auto Mode
#: publishes the same facts under ``eks.amazonaws.com/``
#: (https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html); they are
#: assumed to carry the values Karpenter's labels carry.
def _name(t: InstanceType) -> str | None:
    return t.name


def _arch(t: InstanceType) -> str | None:
    return t.arch


_FIELD_OF[_name] = ("name", None)
_FIELD_OF[_arch] = ("arch", None)

LABELERS: dict[str, Labeler] = {
    "node.kubernetes.io/instance-type": _name,
    "beta.kubernetes.io/instance-type": _name,
    "kubernetes.io/arch": _arch,
    "beta.kubernetes.io/arch": _arch,
    **{_K8S_AWS + suffix: fn for suffix, fn in _SUFFIX_LABELS.items()},
    **{_EKS + suffix: fn for suffix, fn in _SUFFIX_LABELS.items()},
}

INSTANCE_TYPE_KEYS = frozenset(
    {"node.kubernetes.io/instance-type", "beta.kubernetes.io/instance-type"}
)
_NUMERIC = {"Gt", "Lt", "Gte", "Lte"}
_OPERATORS = {"In", "NotIn", "Exists", "DoesNotExist"} | _NUMERIC


def is_instance_key(key: str) -> bool:
    """True for label keys whose value is a fact about the instance type."""
    return key in LABELERS


@frozen
class Assumed(FrozenValue):
    """A requirement Karpenter's defaulting adds; it has no place in the file."""

    key: str
    operator: str
    values: tuple[str, ...]

    def __init__(self, key: str, operator: str, values: tuple[str, ...]) -> None:
        _set(self, "key", key)
        _set(self, "operator", operator)
        _set(self, "values", values)

    def __str__(self) -> str:
        return f"{self.key} {self.operator} [{', '.join(self.values)}]"


@frozen
class Admission(FrozenValue):
    """The outcome: the admitted type names, and how far to trust the count.

    ``exact`` is False when some requirement could not be evaluated (placeholder,
    value unknown to the catalog); ``types`` is then a lower bound at best.
    ``narrowing`` lists the file's requirements that remove catalog types;
    ``assumed`` the defaults that were applied.
    """

    types: frozenset[str]
    exact: bool
    narrowing: tuple[Requirement, ...]
    assumed: tuple[Assumed, ...]

    #: An answer of :func:`admitted_types` is a mask of ``_cat``'s types (:func:`_names`),
    #: named only when ``types`` is first read: the rules mostly count it, ask its
    #: families or the few of a size (a set of ~700 names per distinct answer was
    #: ~15 us). An Admission made from names has neither.
    _mask: ClassVar[int | None] = None
    _cat: ClassVar[Catalog | None] = None

    def __init__(
        self, types: frozenset[str], exact: bool, narrowing: tuple[Requirement, ...],
        assumed: tuple[Assumed, ...],
    ) -> None:
        _set(self, "types", types)
        _set(self, "exact", exact)
        _set(self, "narrowing", narrowing)
        _set(self, "assumed", assumed)

    @classmethod
    def _of_mask(
        cls, mask: int, cat: Catalog, exact: bool, narrowing: tuple[Requirement, ...],
        assumed: tuple[Assumed, ...],
    ) -> Admission:
        made = cls.__new__(cls)
        _set(made, "_mask", mask)
        _set(made, "_cat", cat)
        _set(made, "exact", exact)
        _set(made, "narrowing", narrowing)
        _set(made, "assumed", assumed)
        return made

    def __getattr__(self, name: str) -> Any:
        # (only for an attribute the instance lacks: ``types`` of a mask not named yet)
        if name == "types" and self._mask is not None and self._cat is not None:
            types = _names(self._mask, self._cat)
            _set(self, "types", types)
            return types
        raise AttributeError(name)

    def __reduce__(self) -> tuple[type[Admission], tuple[Any, ...]]:
        # pickled by its fields, as one made from names (not with the catalog)
        return type(self), (self.types, self.exact, self.narrowing, self.assumed)

    def count(self) -> int:
        """How many types are admitted (``len(types)``, counted from the mask when known)."""
        return len(self.types) if self._mask is None else self._mask.bit_count()

    def labelled(self, key: str, values: frozenset[str], cat: Catalog | None = None,
                 ) -> frozenset[str]:
        """The admitted types whose label ``key`` (an instance key) has one of ``values``."""
        cat = self._cat or cat or catalog()
        groups = _by_label(key, cat)
        wanted = 0
        for value in values:
            wanted |= groups.get(value, 0)
        if self._mask is not None:
            return _names(self._mask & wanted, cat)
        return self.types & _names(wanted, cat)

    def families(self, cat: Catalog | None = None) -> frozenset[str]:
        """The families of the admitted types (memoized per answer: pools share answers)."""
        mask = self._mask
        if mask is not None:
            cat = self._cat or cat or catalog()
            memo_key: tuple[str, object] = ("families of mask", mask)
        else:
            cat = cat or catalog()
            memo_key = ("families", self.types)
        hit = cat.memo.get(memo_key)
        if hit is None:
            if mask is not None:
                # the families whose group (a mask, :func:`_by_label`) the answer meets,
                # ~180 ANDs instead of a family looked up for each of hundreds of names
                # (~10 us against ~26)
                groups = _by_label(_FAMILY_KEY, cat)
                found = frozenset([family for family, group in groups.items() if group & mask])
            else:  # (a map over the names: an admission holds hundreds)
                found = frozenset(map(cat.column("family").get, self.types))
            hit = cat.memo[memo_key] = found - {None} if None in found else found
        return hit  # type: ignore[return-value]


#: The label whose grouping of the catalog gives each family's mask (Admission.families).
_FAMILY_KEY = _K8S_AWS + "instance-family"


def _defaults(requirements: Sequence[Requirement], api_version: str) -> list[Assumed]:
    if not api_version.endswith("/v1alpha5"):
        return []
    keys = {r.key for r in requirements}
    pinned = bool(keys & (INSTANCE_TYPE_KEYS | {_K8S_AWS + "instance-family"}))
    assumed = []
    if not keys & {"kubernetes.io/arch", "beta.kubernetes.io/arch"}:
        assumed.append(Assumed("kubernetes.io/arch", "In", ("amd64",)))
    if not pinned and _K8S_AWS + "instance-category" not in keys:
        assumed.append(Assumed(_K8S_AWS + "instance-category", "In", ("c", "m", "r")))
    if not pinned and _K8S_AWS + "instance-generation" not in keys:
        assumed.append(Assumed(_K8S_AWS + "instance-generation", "Gt", ("2",)))
    return assumed


def _test(operator: str, values: tuple[str, ...], label: str | None) -> bool:
    if operator == "In":
        return label is not None and label in values
    if operator == "NotIn":
        return label is None or label not in values
    if operator == "Exists":
        return label is not None
    if operator == "DoesNotExist":
        return label is None
    if label is None:
        return False
    try:
        have, bound = int(label), int(values[0])
    except (ValueError, IndexError):
        return False
    return {
        "Gt": have > bound, "Lt": have < bound, "Gte": have >= bound, "Lte": have <= bound,
    }[operator]


def _evaluable(req: Requirement | Assumed) -> bool:
    if isinstance(req, Requirement) and req.unknown:
        return False
    if req.operator not in _OPERATORS:
        return False
    if req.operator in _NUMERIC:
        return len(req.values) == 1 and req.values[0].lstrip("-").isdigit()
    return True


def _admits(key: str, operator: str, values: tuple[str, ...], cat: Catalog) -> tuple[int, bool]:
    """Every catalog type one requirement admits, as a mask (:func:`_names`), memoized
    by its value in ``cat``.

    Pools repeat the same requirements (``instance-category In [c, m, r]``,
    ``arch In [amd64]``). A new one is answered from the catalog's types grouped
    by their value for ``key`` (:func:`_by_label`): ``In`` takes the groups of its
    values, ``NotIn``, ``Exists`` and ``DoesNotExist`` what the groups of their
    values leave, and a numeric bound tests each distinct value once instead of
    every type (a key has a few to a few dozen values, the catalog has about a
    thousand types).
    """
    memo_key = ("admits", key, operator, values)
    hit = cat.memo.get(memo_key)
    if hit is None and LABELERS[key] is _name and operator not in _NUMERIC:
        hit = cat.memo[memo_key] = _admits_names(operator, values, cat)
    if hit is None:
        exact = True
        if operator in ("In", "NotIn"):
            domain = _domain(key, cat)
            known = tuple(v for v in values if v in domain)
            exact = len(known) == len(values)
            values = known
        groups = _by_label(key, cat)
        kept = 0
        if operator in ("In", "NotIn"):
            for value in values:
                kept |= groups[value]
            if operator == "NotIn":
                kept = _all(cat) & ~kept
        elif operator == "Exists":
            kept = _all(cat) & ~groups.get(None, 0)
        elif operator == "DoesNotExist":
            kept = groups.get(None, 0)
        else:
            for label, mask in groups.items():
                if _test(operator, values, label):
                    kept |= mask
        hit = cat.memo[memo_key] = (kept, exact)
    return hit  # type: ignore[return-value]


def _admits_names(operator: str, values: tuple[str, ...], cat: Catalog) -> tuple[int, bool]:
    """:func:`_admits` for an instance-type key: each type is its own group (grouping
    the catalog by name, one group per type, cost more than the rest of the groupings)."""
    if operator == "Exists":
        return _all(cat), True
    if operator == "DoesNotExist":
        return 0, True
    positions = _positions(cat)
    known = 0
    exact = True  # (a value the catalog does not know: inexact)
    for value in values:
        at = positions.get(value)
        if at is None:
            exact = False
        else:
            known |= 1 << at
    return (known if operator == "In" else _all(cat) & ~known), exact


# A set of catalog types is a mask here: the int whose bit ``i`` is set when the
# catalog's ``i``-th type is in it. A pool's requirements are ANDed over sets of
# hundreds of names each: an ``&`` of two masks is ~0.1 us where one of two
# frozensets of names was 5-50 us (~0.1 ms a pool at 1,000 files, in each process).


def _all(cat: Catalog) -> int:
    """The mask of every type of the catalog."""
    return (1 << len(cat)) - 1


def _positions(cat: Catalog) -> dict[str, int]:
    """Each type's position in the catalog (its bit: ``1 << position``), by name
    (memoized; made in C: a dictionary of each type's bit made 1,363 large ints in
    Python, ~0.2 ms in each process of a split run, for the few names pools write)."""
    hit = cat.memo.get("positions")
    if hit is None:
        names = cat.names()
        hit = cat.memo["positions"] = dict(zip(names, range(len(names)), strict=True))
    return hit  # type: ignore[return-value]


#: ``format(mask, "b")``'s digits as the bytes 0 and 1, for ``itertools.compress``
_DIGITS = bytes.maketrans(b"01", b"\x00\x01")


def _names(mask: int, cat: Catalog) -> frozenset[str]:
    """The names of the types in ``mask`` (memoized: pools repeat their answers, and
    one set per answer is kept instead of one per pool)."""
    memo_key = ("names", mask)
    hit = cat.memo.get(memo_key)
    if hit is None:
        order = cat.memo.get("name order")
        if order is None:
            order = cat.memo["name order"] = tuple(cat.names())
        # (the lowest bit is the first type: the digits reversed, then picked in C)
        digits = format(mask, "b")[::-1].encode("ascii").translate(_DIGITS)
        hit = cat.memo[memo_key] = frozenset(compress(order, digits))  # type: ignore[arg-type]
    return hit  # type: ignore[return-value]


def _by_label(key: str, cat: Catalog) -> Mapping[str | None, int]:
    """The catalog's types grouped by their value for label ``key``, each group a mask
    (:func:`_names`), memoized by the function computing the value: the Karpenter and
    EKS Auto Mode spellings of a label, and a label's beta spelling, share one
    grouping. The packaged catalog comes with them (:mod:`spotlint.capacity.packed`)."""
    labeler = LABELERS[key]
    memo_key = ("by label", labeler)
    hit = cat.memo.get(memo_key)
    if hit is None:
        field, convert = _FIELD_OF[labeler]
        shipped = cat.groups
        if shipped is not None and field in shipped:
            hit = cat.memo[memo_key] = shipped[field]
        else:
            hit = cat.memo[memo_key] = _grouped(cat, field, convert)
    return hit  # type: ignore[return-value]


def _grouped(
    cat: Catalog, field: str, convert: Callable[[Any], str | None] | None,
) -> dict[str | None, int]:
    """:func:`_by_label`'s groups computed."""
    # grouped by the field's value, each written as the label once per value
    # (not once per type: str() of a thousand vCPU counts was half the grouping)
    groups: dict[Any, int] = {}
    for at, value in enumerate(cat.column(field).values()):
        groups[value] = groups.get(value, 0) | 1 << at
    return {(value if convert is None else convert(value)): mask
            for value, mask in groups.items()}


def groupings(cat: Catalog) -> dict[str, dict[str | None, int]]:
    """Every grouping :func:`_by_label` makes, by the field it reads (the packed
    catalog's, :func:`spotlint.capacity.packing.pack`). Names are their own groups
    (answered without grouping, :func:`_admits_names`): not among them."""
    return {field: _grouped(cat, field, convert)
            for labeler, (field, convert) in _FIELD_OF.items() if labeler is not _name}


def _domain(key: str, cat: Catalog) -> frozenset[str | None]:
    """Every value the catalog's types have for label ``key`` (memoized)."""
    memo_key = ("domain", key)
    hit = cat.memo.get(memo_key)
    if hit is None:  # the values the types are grouped by (one pass over the catalog)
        hit = cat.memo[memo_key] = frozenset(_by_label(key, cat))
    return hit  # type: ignore[return-value]


def admitted_types(
    requirements: Sequence[Requirement],
    api_version: str = "karpenter.sh/v1",
    cat: Catalog | None = None,
) -> Admission:
    """Evaluate ``requirements`` (one pool's, ANDed) over the catalog.

    The answer depends only on the requirements' keys, operators, values and
    whether they are unknown (and the API version), and pools repeat their
    requirements: it is memoized by those, with the narrowing requirements kept
    as positions so each pool gets its own (they point into its file).
    """
    cat = cat or catalog()
    memo_key = ("admission", api_version,
                tuple((r.key, r.operator, r.values, r.unknown) for r in requirements))
    hit = cat.memo.get(memo_key)
    if hit is None:
        hit = cat.memo[memo_key] = _admitted(requirements, api_version, cat)
    answer: tuple[int, bool, tuple[int, ...], tuple[Assumed, ...]]
    answer = hit  # type: ignore[assignment]
    mask, exact, narrowing, assumed = answer
    return Admission._of_mask(
        mask, cat, exact, tuple(requirements[i] for i in narrowing), assumed)


def _admitted(
    requirements: Sequence[Requirement], api_version: str, cat: Catalog
) -> tuple[int, bool, tuple[int, ...], tuple[Assumed, ...]]:
    """:func:`admitted_types`' answer, with the narrowing requirements by position."""
    # Each requirement's answer is a memoized mask of the catalog's types (:func:`_names`):
    # the first is taken as it is, the others intersect it.
    admitted = _all(cat)
    exact = True
    narrowing: list[int] = []
    assumed = _defaults(requirements, api_version)
    every: list[Requirement | Assumed] = [*requirements, *assumed]
    for index, req in enumerate(every):
        if not is_instance_key(req.key):
            continue
        if not _evaluable(req):
            exact = False
            continue
        mask, req_exact = _admits(req.key, req.operator, req.values, cat)
        kept = mask & admitted
        exact = exact and req_exact
        if isinstance(req, Requirement) and kept != admitted:  # (kept is within admitted)
            narrowing.append(index)
        admitted = kept
    return admitted, exact, tuple(narrowing), tuple(assumed)


def admitted_by(req: Requirement, cat: Catalog | None = None) -> frozenset[str]:
    """What one requirement alone admits (to find the one that narrows most)."""
    cat = cat or catalog()
    if not is_instance_key(req.key) or not _evaluable(req):
        return frozenset(cat.names())
    return _names(_admits(req.key, req.operator, req.values, cat)[0], cat)


def admitted_count(req: Requirement, cat: Catalog | None = None) -> int:
    """How many types :func:`admitted_by` gives (counted, not named)."""
    cat = cat or catalog()
    if not is_instance_key(req.key) or not _evaluable(req):
        return len(cat)
    return _admits(req.key, req.operator, req.values, cat)[0].bit_count()
