"""The packed instance catalog (rows and label groupings, marshalled) says what the JSON
catalog of record says, and a run falls back to the JSON file when it cannot read it."""

from __future__ import annotations

import json
import marshal
import shutil
from pathlib import Path

import pytest

from spotlint.capacity import instances
from spotlint.capacity.instances import Catalog, catalog, load
from spotlint.capacity.packed import FORMAT, unpack
from spotlint.capacity.packing import pack
from spotlint.capacity.requirements import (
    _FIELD_OF,
    LABELERS,
    _admits,
    _by_label,
    _names,
    groupings,
)

DATA = Path(__file__).resolve().parents[2] / "spotlint" / "data"


def _record() -> dict[str, object]:
    return json.loads((DATA / "instance_types.json").read_text("utf-8"))  # type: ignore[no-any-return]


def test_shipped_packed_file_is_the_json_file_packed() -> None:
    """Regenerate both with scripts/gen_instance_catalog.py when this fails."""
    assert unpack((DATA / "instance_types.marshal").read_bytes()) == unpack(pack(_record()))


def _objects(value: object, out: dict[int, object]) -> dict[int, object]:
    """Every text and integer object in ``value`` (through tuples and dicts), by id."""
    if isinstance(value, tuple):
        for item in value:
            _objects(item, out)
    elif isinstance(value, dict):
        for key, item in value.items():
            _objects(key, out)
            _objects(item, out)
    elif isinstance(value, (str, int)):
        out[id(value)] = value
    return out


def test_shipped_packed_file_makes_each_value_once() -> None:
    """Equal texts and numbers are one object in the packed file (written once, loaded
    once: fewer objects to make before a split run's fork), as pack() writes them."""
    for blob in ((DATA / "instance_types.marshal").read_bytes(), pack(_record())):
        objects = list(_objects(unpack(blob), {}).values())
        distinct = {(type(value), value) for value in objects}
        assert len(objects) == len(distinct) > 1_000


def test_pack_keeps_equal_values_of_other_types_apart() -> None:
    from spotlint.capacity.packing import _shared

    shared = _shared(({"a": 1, "b": True}, (1, True, 1.0, "1", 1)), {})
    assert shared == ({"a": 1, "b": True}, (1, True, 1.0, "1", 1))
    assert [type(v) for v in shared[1]] == [int, bool, float, str, int]
    assert shared[1][4] is shared[1][0] is shared[0]["a"]
    assert shared[0]["b"] is True


def test_packed_catalog_has_the_json_catalogs_types_in_order() -> None:
    packed, record = catalog(), instances._parse(_record())
    assert packed.groups is not None and record.groups is None
    assert packed.names() == record.names()
    assert list(packed) == list(record)
    assert packed.source == record.source != ""


def test_shipped_groupings_are_the_computed_ones() -> None:
    packed = catalog()
    computed = groupings(instances._parse(_record()))
    assert packed.groups == computed
    # every label key (but the names, their own groups) is answered from them
    assert {field for field, _ in _FIELD_OF.values()} - {"name"} == set(computed)
    for key in LABELERS:
        packed.memo.clear()
        if key.endswith("instance-type"):
            continue
        grouped = _by_label(key, packed)
        assert any(grouped is by_field for by_field in packed.groups.values()), key


def test_answers_from_shipped_and_computed_groupings_are_equal() -> None:
    packed = catalog()
    plain = Catalog({t.name: t for t in packed}, packed.source)
    cases = [("karpenter.k8s.aws/instance-category", "In", ("c", "m", "r")),
             ("karpenter.k8s.aws/instance-generation", "Gt", ("4",)),
             ("kubernetes.io/arch", "NotIn", ("arm64",)),
             ("karpenter.k8s.aws/instance-gpu-count", "DoesNotExist", ()),
             ("karpenter.k8s.aws/instance-local-nvme", "Exists", ()),
             ("eks.amazonaws.com/instance-family", "In", ("m5", "nosuch"))]
    for key, operator, values in cases:
        packed.memo.clear()
        answer = _admits(key, operator, values, packed)
        assert answer == _admits(key, operator, values, plain), (key, operator)
        assert _names(answer[0], packed) == _names(answer[0], plain) != frozenset()


@pytest.mark.parametrize("blob", [
    b"", b"not marshal", marshal.dumps([1, 2]), marshal.dumps({"format": FORMAT + 1}),
    marshal.dumps({"format": FORMAT, "names": ("a",), "rows": (), "groups": {},
                   "fields": ()}),
])
def test_unpack_refuses_what_pack_did_not_make(blob: bytes) -> None:
    with pytest.raises(ValueError):
        unpack(blob)


def _directory(tmp_path: Path, packed: bytes | None) -> str:
    shutil.copy(DATA / "instance_types.json", tmp_path / "instance_types.json")
    if packed is not None:
        (tmp_path / "instance_types.marshal").write_bytes(packed)
    return str(tmp_path)


def test_load_reads_the_packed_file(tmp_path: Path) -> None:
    loaded = load(_directory(tmp_path, (DATA / "instance_types.marshal").read_bytes()))
    assert loaded.groups == catalog().groups and list(loaded) == list(catalog())


@pytest.mark.parametrize("packed", [
    None, b"\x00garbage", marshal.dumps({"format": FORMAT + 1}),
    # a packed file of other fields (a newer layout): its rows are not taken
    marshal.dumps({**unpack((DATA / "instance_types.marshal").read_bytes()),
                   "fields": ("vcpu",)}),
])
def test_load_falls_back_to_the_json_file(tmp_path: Path, packed: bytes | None) -> None:
    loaded = load(_directory(tmp_path, packed))
    assert loaded.groups is None
    assert list(loaded) == list(catalog())


def test_types_are_made_when_asked_for_and_equal_the_json_ones(tmp_path: Path) -> None:
    cat = load(_directory(tmp_path, (DATA / "instance_types.marshal").read_bytes()))
    record = instances._parse(_record())
    assert cat._types == {}  # nothing made by loading
    m5 = cat.get("m5.xlarge")
    assert m5 == record.get("m5.xlarge") and cat.get("m5.xlarge") is m5
    assert list(cat._types) == ["m5.xlarge"]
    assert cat.get("m5.xlarg") is None and "m5.xlarg" not in cat._types
    assert "m5.large" in cat and len(cat) == len(record) and cat.names() == record.names()
    for field in instances.InstanceType.FIELDS:
        cat.memo.clear()
        assert cat.column(field) == {t.name: getattr(t, field) for t in record}, field
    assert cat.families() == frozenset(t.family for t in record)
    assert cat.is_real("m5.large") and cat.closest("m5.xlarg") == "m5.xlarge"
    assert len(cat._types) == 1  # none of those made the others
    assert cat.column("local_nvme") == {t.name: t.local_nvme for t in record}  # a property
    assert list(cat) == list(record)  # every one, in catalog order, when iterated
    assert cat.get("m5.xlarge") is m5


def test_a_packed_row_of_other_length_leaves_the_catalog_to_the_json_file(
        tmp_path: Path) -> None:
    data = unpack((DATA / "instance_types.marshal").read_bytes())
    rows = list(data["rows"])
    rows[3] = rows[3][:-1]
    loaded = load(_directory(tmp_path, marshal.dumps({**data, "rows": tuple(rows)})))
    assert loaded.groups is None and list(loaded) == list(catalog())
