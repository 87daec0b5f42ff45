"""The packaged instance catalog: shape, known facts, suggestions, lazy loading."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from spotlint.capacity import instances
from spotlint.capacity.instances import catalog, closest, lookup
from spotlint.capacity.packed import unpack

REPO = Path(__file__).resolve().parents[2]


def test_shipped_file_shape() -> None:
    text = resources.files("spotlint").joinpath("data/instance_types.json").read_text("utf-8")
    data = json.loads(text)
    assert data["format"] == 1
    fields = data["fields"]
    assert fields[:8] == [
        "vcpu", "memory_mib", "arch", "family", "size", "category", "generation", "local_nvme_gib",
    ]
    assert len(data["types"]) > 1000
    for name, row in data["types"].items():
        assert len(row) == len(fields), name
        values = dict(zip(fields, row, strict=True))
        assert values["vcpu"] > 0 and values["memory_mib"] > 0, name
        assert values["arch"] in ("amd64", "arm64"), name
        assert name.startswith(values["family"] + "."), name


def test_known_types() -> None:
    m5 = lookup("m5.xlarge")
    assert m5 is not None
    assert (m5.vcpu, m5.memory_mib, m5.arch, m5.family, m5.size, m5.category, m5.generation) == (
        4, 16384, "amd64", "m5", "xlarge", "m", 5,
    )
    assert not m5.local_nvme
    c5n = lookup("c5n.4xlarge")
    assert c5n is not None and c5n.memory_mib == 43008 and c5n.vcpu == 16
    m5d = lookup("m5d.xlarge")
    assert m5d is not None and m5d.local_nvme and m5d.local_nvme_gib == 150
    graviton = lookup("m6g.large")
    assert graviton is not None and graviton.arch == "arm64"
    assert lookup("m5.xlarg") is None


def test_ratio_is_exact_mib_per_vcpu() -> None:
    c4, c5 = lookup("c4.large"), lookup("c5.large")
    assert c4 is not None and c5 is not None
    assert c4.mib_per_vcpu == 1920 and c5.mib_per_vcpu == 2048
    assert "3840 MiB" in c4.describe()


def test_closest_suggestion() -> None:
    assert closest("m5.xlarg") == "m5.xlarge"
    assert closest("c5.4xlrage") == "c5.4xlarge"
    assert closest("t3.mediun") == "t3.medium"
    assert closest("m5.xlarge") == "m5.xlarge"
    assert closest("zzzzzz") is None


def test_closest_answers_are_remembered_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Memoized answers equal fresh ones; past the bound nothing more is kept."""
    names = ["m5.xlarg", "zzzzzz", "r6g.lage", "c5.4xlrage", "m5.xlarge"]
    fresh = instances.Catalog(dict((t.name, t) for t in catalog()))
    assert [fresh.closest(n) for n in names] == [fresh.closest(n) for n in names]
    assert [fresh.closest(n) for n in names] == [fresh._closest(n) for n in names]
    assert ("closest", "zzzzzz") in fresh.memo and fresh.memo[("closest", "zzzzzz")] is None
    monkeypatch.setattr(instances, "_MEMO_BOUND", 0)
    bounded = instances.Catalog(dict((t.name, t) for t in catalog()))
    assert [bounded.closest(n) for n in names] == [fresh._closest(n) for n in names]
    assert not bounded.memo


def test_retired_families_are_real() -> None:
    assert catalog().is_real("p3.2xlarge")
    assert not catalog().is_real("p3.huge")
    assert not catalog().is_real("m5.xlarg")


def test_catalog_loads_lazily() -> None:
    code = (
        "import sys, spotlint.capacity.instances, spotlint.recognize.karpenter,"
        " spotlint.recognize.eksctl;"
        "print(spotlint.capacity.instances.catalog.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert out.stdout.strip() == "0", out.stderr
    assert instances.catalog() is instances.catalog()


def test_generator_reproduces_shipped_file(shared: Path, tmp_path: Path) -> None:
    source = shared / "data" / "ec2-instance-types.json"
    target = tmp_path / "out.json"
    subprocess.run(
        [sys.executable, "scripts/gen_instance_catalog.py", str(source), "-o", str(target)],
        cwd=REPO, check=True, capture_output=True,
    )
    shipped = (REPO / "spotlint" / "data" / "instance_types.json").read_text("utf-8")
    assert target.read_text("utf-8") == shipped
    # and the same catalog packed next to it (marshal's bytes may differ by interpreter)
    packed = (REPO / "spotlint" / "data" / "instance_types.marshal").read_bytes()
    assert unpack((tmp_path / "out.marshal").read_bytes()) == unpack(packed)


def test_generator_reads_markdown(tmp_path: Path) -> None:
    page = tmp_path / "instance-types.md"
    page.write_text(
        "## m5 Family\n### `m5.large`\n#### Labels\n | Label | Value |\n |--|--|\n"
        " |karpenter.k8s.aws/instance-cpu|2|\n |karpenter.k8s.aws/instance-memory|8192|\n"
        " |karpenter.k8s.aws/instance-family|m5|\n |karpenter.k8s.aws/instance-size|large|\n"
        " |kubernetes.io/arch|amd64|\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.json"
    subprocess.run(
        [sys.executable, "scripts/gen_instance_catalog.py", str(page), "-o", str(target)],
        cwd=REPO, check=True, capture_output=True,
    )
    data = json.loads(target.read_text("utf-8"))
    assert data["types"]["m5.large"][:5] == [2, 8192, "amd64", "m5", "large"]


def test_rows_in_field_order_and_by_name_give_the_same_catalog() -> None:
    """The packaged file's rows are taken positionally; a file listing its fields in
    another order (or fewer of them) is read by name: both give the same types."""
    data = json.loads((REPO / "spotlint" / "data" / "instance_types.json").read_text("utf-8"))
    fields = list(data["fields"])
    assert tuple(fields) == instances.InstanceType.FIELDS[1:]  # the positional path is taken
    positional = instances._parse(data)

    def by_name(order: list[str]) -> instances.Catalog:
        return instances._parse({
            "fields": order,
            "types": {n: [dict(zip(fields, row, strict=True))[f] for f in order]
                      for n, row in data["types"].items()},
        })

    every = by_name(list(reversed(fields)))
    assert list(every.names()) == list(positional.names())
    assert [every.get(n) for n in every.names()] == list(positional)
    defaulted = by_name(fields[:-1])  # gpu_count left to its default, 0
    assert [defaulted.get(n) for n in defaulted.names() if positional.get(n).gpu_count == 0] == [
        t for t in positional if t.gpu_count == 0]
    short = {"fields": fields, "types": {"m5.xlarge": data["types"]["m5.xlarge"][:-1]}}
    with pytest.raises(ValueError):
        instances._parse(short)
    with pytest.raises(ValueError):
        instances._parse({**short, "fields": list(reversed(fields))})
