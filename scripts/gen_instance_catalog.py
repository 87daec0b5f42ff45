"""Regenerate spotlint/data/instance_types.json, the packaged EC2 instance catalog.

The source is either the label map in ``shared/data/ec2-instance-types.json``
(one object of Karpenter node labels per type) or a newer copy of Karpenter's
generated page ``website/content/en/docs/reference/instance-types.md``, whose
``### `<type>` `` sections each hold a "Labels" table. Both carry the same
facts, so both paths end in the same label map and the same output.

The output is compact on purpose (one row per type, a field list once) so the
package stays small and diffs stay readable. The same rows are also written packed
for loading, with the catalog grouped by label value, next to it
(``instance_types.marshal``, :mod:`spotlint.capacity.packed`)::

    python scripts/gen_instance_catalog.py ../shared/data/ec2-instance-types.json
    python scripts/gen_instance_catalog.py instance-types.md --source-note "karpenter@<sha>"
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

FIELDS = (
    "vcpu",
    "memory_mib",
    "arch",
    "family",
    "size",
    "category",
    "generation",
    "local_nvme_gib",
    "hypervisor",
    "cpu_manufacturer",
    "gpu_count",
)

_LABEL = "karpenter.k8s.aws/"
_SECTION = re.compile(r"^###\s+`([^`]+)`\s*$")
_ROW = re.compile(r"^\s*\|\s*([^|]+?)\s*\|\s*([^|]*?)\s*\|\s*$")


def labels_from_markdown(text: str) -> dict[str, dict[str, str]]:
    """Rows of each type's "Labels" table (not "Resources") on the Karpenter page."""
    types: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    in_labels = False
    for line in text.splitlines():
        section = _SECTION.match(line)
        if section:
            current, in_labels = types.setdefault(section.group(1), {}), False
            continue
        if line.startswith("#"):
            in_labels = line.startswith("####") and "Labels" in line
            if not line.startswith("###"):
                current = None if not in_labels else current
            continue
        row = _ROW.match(line)
        if current is not None and in_labels and row:
            key, value = row.group(1).strip("` "), row.group(2).strip("` ")
            if "/" in key:
                current[key] = value
    return {name: labels for name, labels in types.items() if labels}


def _int(labels: dict[str, str], key: str) -> int:
    try:
        return int(labels.get(key, "0") or 0)
    except ValueError:
        return 0


def row_for(name: str, labels: dict[str, str]) -> list[object]:
    """One catalog row in FIELDS order."""
    return [
        _int(labels, _LABEL + "instance-cpu"),
        _int(labels, _LABEL + "instance-memory"),
        labels.get("kubernetes.io/arch", ""),
        labels.get(_LABEL + "instance-family", name.split(".", 1)[0]),
        labels.get(_LABEL + "instance-size", name.split(".", 1)[-1]),
        labels.get(_LABEL + "instance-category", ""),
        _int(labels, _LABEL + "instance-generation"),
        _int(labels, _LABEL + "instance-local-nvme"),
        labels.get(_LABEL + "instance-hypervisor", ""),
        labels.get(_LABEL + "instance-cpu-manufacturer", ""),
        _int(labels, _LABEL + "instance-gpu-count"),
    ]


def build(labels_by_type: dict[str, dict[str, str]], source: str) -> dict[str, object]:
    rows = {name: row_for(name, labels) for name, labels in sorted(labels_by_type.items())}
    return {"format": 1, "source": source, "fields": list(FIELDS), "types": rows}


def render(catalog: dict[str, object]) -> str:
    """JSON with one type per line: small, and diffs stay readable."""
    types = catalog["types"]
    assert isinstance(types, dict)
    head = {k: v for k, v in catalog.items() if k != "types"}
    lines = [json.dumps(head, separators=(",", ":"))[:-1] + ',"types":{']
    compact = (",", ":")
    entries = [f"{json.dumps(n)}:{json.dumps(row, separators=compact)}" for n, row in types.items()]
    lines.append(",\n".join(entries))
    lines.append("}}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="ec2-instance-types.json or instance-types.md")
    parser.add_argument(
        "-o", "--output", type=Path,
        default=Path(__file__).resolve().parents[1] / "spotlint" / "data" / "instance_types.json",
    )
    parser.add_argument(
        "--source-note",
        default="aws/karpenter-provider-aws@1d927085dd81a9df9301e613f371dac5b4d16bfe:"
        "website/content/en/docs/reference/instance-types.md (Apache-2.0)",
    )
    args = parser.parse_args(argv)
    text = args.source.read_text(encoding="utf-8")
    labels = labels_from_markdown(text) if args.source.suffix == ".md" else json.loads(text)
    if not labels:
        print(f"no instance types found in {args.source}", file=sys.stderr)
        return 1
    from spotlint.capacity.packing import pack

    catalog = build(labels, args.source_note)
    args.output.write_text(render(catalog), encoding="utf-8")
    packed = args.output.with_suffix(".marshal")
    packed.write_bytes(pack(catalog))
    print(f"wrote {len(labels)} types to {args.output} and {packed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
