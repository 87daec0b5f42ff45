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
    """The packed form of the catalog file's content ``data`` (its JSON, parsed)."""
    fields = tuple(data["fields"])
    names = tuple(data["types"])
    return marshal.dumps({
        "format": FORMAT,
        "source": str(data.get("source", "")),
        "fields": fields,
        "names": names,
        "rows": tuple(tuple(data["types"][name]) for name in names),
        "groups": groupings(_parse(data)),
    })
