"""Packing the instance catalog for loading (:mod:`spotlint.capacity.packed`): what
``scripts/gen_instance_catalog.py`` writes next to the JSON catalog of record.

Kept apart from :mod:`.packed` (which a run imports to read the file): packing
needs the catalog's groupings (:mod:`.requirements`), which import the catalog
(:mod:`.instances`), which imports :mod:`.packed`; nothing a run imports imports
this module.
"""

from __future__ import annotations

import marshal

from spotlint.capacity.instances import _parse
from spotlint.capacity.packed import FORMAT
from spotlint.capacity.requirements import groupings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def pack(data: dict[str, Any]) -> bytes:
    """The packed form of the catalog file's content ``data`` (its JSON, parsed), each
    distinct text and number in it one object (:func:`_shared`)."""
    fields = tuple(data["fields"])
    names = tuple(data["types"])
    return marshal.dumps(_shared({
        "format": FORMAT,
        "source": str(data.get("source", "")),
        "fields": fields,
        "names": names,
        "rows": tuple(tuple(data["types"][name]) for name in names),
        "groups": groupings(_parse(data)),
    }, {}))


def _shared(value: Any, seen: dict[tuple[type, Any], Any]) -> Any:
    """``value`` with every text and integer equal to one met before (in ``seen``) made
    that same object, through tuples and dicts.

    marshal writes an object it meets again as a reference to the first, and loading
    makes it once; but equal values parsed apart (each row's ``"nitro"``, ``"aws"``,
    ``"x86_64"``, from the JSON) are distinct objects, each written and made whole. The
    rows held 6,728 texts of 238 values and 1,838 large integers of 118: shared, a run
    loads the catalog (before a split run's fork) in ~102 page faults instead of ~231,
    and in about two thirds of the time (marshal.loads 1.65 -> 0.9 ms on the session 19
    host). (Keyed by type too: ``True`` and ``1`` are equal, not the same value.)
    """
    if isinstance(value, tuple):
        return tuple(_shared(item, seen) for item in value)
    if isinstance(value, dict):
        return {_shared(key, seen): _shared(item, seen) for key, item in value.items()}
    if isinstance(value, (str, int)):
        return seen.setdefault((type(value), value), value)
    return value
