from __future__ import annotations

import pytest

from spotlint.location import Location, Node
from spotlint.model import ConfOrigin, ConfValue, Job, JobKind, SparkVersion
from spotlint.sparkconf.catalog import catalog
from spotlint.sparkconf.values import (
    effective_bool,
    is_quantity,
    parse_bool,
    parse_double,
    parse_int,
    parse_long,
    parse_size_bytes,
    parse_time_us,
    type_error,
)

LOC = Location("x.conf", 1, 1, 1, 1)


@pytest.mark.parametrize(
    ("text", "value"),
    [("true", True), ("TRUE", True), (" True ", True), ("false", False), ("FaLsE", False),
     ("yes", None), ("1", None), ("on", None), ("", None), ("t", None)],
)
def test_bool(text: str, value: bool | None) -> None:
    assert parse_bool(text) is value


def test_int_long_double() -> None:
    assert parse_int(" 42 ") == 42
    assert parse_int("-3") == -3
    assert parse_int("2147483648") is None
    assert parse_long("2147483648") == 2147483648
    assert parse_int("1.0") is None
    assert parse_int("10k") is None
    assert parse_double("0.5") == 0.5
    assert parse_double("1e3") == 1000.0
    assert parse_double("2d") == 2.0
    assert parse_double("half") is None


@pytest.mark.parametrize(
    ("text", "unit", "us"),
    [
        ("600s", "ms", 600_000_000),
        ("10min", "ms", 600_000_000),
        ("10m", "ms", 600_000_000),
        ("1h", "s", 3_600_000_000),
        ("2d", "s", 172_800_000_000),
        ("500ms", "s", 500_000),
        ("250us", "ms", 250),
        ("30", "ms", 30_000),
        ("30", "s", 30_000_000),
        (" 5S ", "ms", 5_000_000),
    ],
)
def test_time(text: str, unit: str, us: int) -> None:
    assert parse_time_us(text, unit) == us


@pytest.mark.parametrize("text", ["1.5s", "10sec", "ten", "", "5 s", "s"])
def test_time_rejects(text: str) -> None:
    assert parse_time_us(text) is None


@pytest.mark.parametrize(
    ("text", "unit", "n"),
    [("32k", "b", 32768), ("1m", "k", 1 << 20), ("2g", "b", 2 << 30), ("1GB", "b", 1 << 30),
     ("1tb", "b", 1 << 40), ("1p", "b", 1 << 50), ("100", "k", 102400), ("7b", "k", 7)],
)
def test_size(text: str, unit: str, n: int) -> None:
    assert parse_size_bytes(text, unit) == n


@pytest.mark.parametrize("text", ["1.5g", "1gib", "big", "-1m", ""])
def test_size_rejects(text: str) -> None:
    assert parse_size_bytes(text) is None


def test_quantity() -> None:
    assert is_quantity("500Gi")
    assert is_quantity("1.5G")
    assert is_quantity("100")
    assert not is_quantity("500GB")
    assert not is_quantity("lots")


def test_type_error_messages() -> None:
    cat = catalog()
    spec = cat.lookup("spark.decommission.enabled")
    assert spec is not None
    assert type_error(spec, "yes") is not None
    assert type_error(spec, "TRUE") is None
    frac = cat.lookup("spark.shuffle.file.buffer")
    assert frac is not None
    msg = type_error(frac, "1.5m")
    assert msg is not None and "fraction" in msg
    assert type_error(frac, "1m") is None
    timeout = cat.lookup("spark.dynamicAllocation.shuffleTracking.timeout")
    assert timeout is not None
    assert type_error(timeout, "10 minutes") is not None
    assert type_error(timeout, "600000") is None


def job(version: SparkVersion | None, **conf: str) -> Job:
    j = Job(name="j", kind=JobKind.SPARK_DEFAULTS, doc=Node({}, LOC), version=version)
    for key, value in conf.items():
        origin = ConfOrigin.SPARK_DEFAULTS_FILE
        j.conf.add(ConfValue(key.replace("_", "."), Node(value, LOC), origin))
    return j


KEY = "spark.dynamicAllocation.shuffleTracking.enabled"


def test_effective_bool_defaults_by_version() -> None:
    old = SparkVersion(3, 3, 2, source="t")
    new = SparkVersion(3, 4, 0, source="t")
    assert effective_bool(job(old), KEY) is False
    assert effective_bool(job(new), KEY) is True
    assert effective_bool(job(None), KEY) is True
    assert effective_bool(job(None), "spark.decommission.enabled") is False


def test_effective_bool_explicit_and_unknown() -> None:
    j = Job(name="j", kind=JobKind.SPARK_DEFAULTS, doc=Node({}, LOC))
    j.conf.add(ConfValue(KEY, Node("FALSE", LOC), ConfOrigin.SPARK_DEFAULTS_FILE))
    assert effective_bool(j, KEY) is False
    j2 = Job(name="j", kind=JobKind.SPARK_DEFAULTS, doc=Node({}, LOC))
    j2.conf.add(ConfValue(KEY, Node("${TRACK}", LOC, unknown=True), ConfOrigin.SPARK_DEFAULTS_FILE))
    assert effective_bool(j2, KEY) is None
    j3 = Job(name="j", kind=JobKind.SPARK_DEFAULTS, doc=Node({}, LOC))
    j3.conf.add(ConfValue(KEY, Node("yes", LOC), ConfOrigin.SPARK_DEFAULTS_FILE))
    assert effective_bool(j3, KEY) is None
