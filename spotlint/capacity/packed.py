"""The instance catalog packed for loading: its rows and its label groupings, marshalled.

``spotlint/data/instance_types.json`` is the catalog of record (one readable row per
type, reviewed in diffs); ``spotlint/data/instance_types.marshal`` holds the same
rows plus what a pool's requirements are answered from, the catalog's types grouped
by each label's value, each group a mask of the types
(:func:`spotlint.capacity.requirements.groupings`), and is what a run loads. Both
are written by ``scripts/gen_instance_catalog.py`` (:func:`spotlint.capacity.packing.pack`);
``tests/capacity/test_packed_catalog.py`` holds the packed file equal to what the JSON
file gives.

Why: the JSON took ~1.1 ms to parse and grouping the catalog by the eight labels a
pool usually names ~2.4 ms in each process of a split run (a Python loop over the
1,363 types per label); :mod:`marshal` reads rows and groupings in ~0.5 ms. marshal
is the interpreter's own format for code objects (built in: nothing to import); a
file it cannot read (another format version) or that is missing leaves the catalog
to the JSON file, and the groupings to be computed.
"""

from __future__ import annotations

import marshal
from collections.abc import Mapping

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: The packed file's layout; a file with another is not used.
FORMAT = 2

#: Label values by the field they are read from, then the types with it as a mask (bit
#: ``i``: the catalog's ``i``-th type, :func:`spotlint.capacity.requirements._names`).
Groupings = Mapping[str, Mapping["str | None", int]]


def unpack(blob: bytes) -> dict[str, Any]:
    """The content :func:`spotlint.capacity.packing.pack` made (``ValueError`` when
    ``blob`` is not one)."""
    try:
        data = marshal.loads(blob)
    except (EOFError, TypeError) as exc:
        raise ValueError(f"not a packed catalog: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a packed catalog of this format")
    names, rows = data.get("names"), data.get("rows")
    if not (isinstance(names, tuple) and isinstance(rows, tuple) and len(names) == len(rows)
            and isinstance(data.get("groups"), dict) and isinstance(data.get("fields"), tuple)):
        raise ValueError("a packed catalog without its names, rows or groupings")
    return data
