from __future__ import annotations

import pytest

from spotlint.location import Location, Node
from spotlint.sparkconf.versions import (
    EMR_RELEASES,
    emr_release_for,
    from_image,
    from_release_label,
    from_spark_version,
)


def n(value: object, unknown: bool = False) -> Node:
    return Node(value, Location("f.yaml", 3, 5, 3, 20), unknown=unknown)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3.5.0", (3, 5, 0)), ("3.1.1", (3, 1, 1)), ("v3.4", (3, 4, 0)), (" 3.3.2 ", (3, 3, 2)),
     ("3.5.1-amzn-0", (3, 5, 1))],
)
def test_spark_version(text: str, expected: tuple[int, int, int]) -> None:
    v = from_spark_version(n(text))
    assert v is not None
    assert (v.major, v.minor, v.patch) == expected
    assert v.source == "sparkVersion"
    assert v.node is not None and v.node.loc.line == 3


@pytest.mark.parametrize("text", ["latest", "", "three", "${SPARK_VERSION}", "{{ .Values.v }}"])
def test_spark_version_none(text: str) -> None:
    assert from_spark_version(n(text)) is None


def test_placeholder_node_is_none() -> None:
    assert from_spark_version(n("3.5.0", unknown=True)) is None
    assert from_release_label(n("emr-6.6.0-latest", unknown=True)) is None
    assert from_image(n("apache/spark:3.5.1", unknown=True)) is None


@pytest.mark.parametrize(
    ("label", "spark", "emr"),
    [
        ("emr-6.6.0-latest", (3, 2, 0), "6.6.0"),
        ("emr-7.1.0", (3, 5, 0), "7.1.0"),
        ("emr-6.12.0-20230701", (3, 4, 0), "6.12.0"),
        ("emr-6.10.0-java11-latest", (3, 3, 1), "6.10.0"),
        ("emr-6.14.0-java17-al2023-latest", (3, 4, 1), "6.14.0"),
        ("emr-6.10.0-spark-rapids-latest", (3, 3, 1), "6.10.0"),
        ("notebook-spark/emr-6.10.0-latest", (3, 3, 1), "6.10.0"),
        ("emr-5.32.0-latest", (2, 4, 7), "5.32.0"),
        ("emr-6.3.0-latest", (3, 1, 1), "6.3.0"),
        ("emr-6.10.1-latest", (3, 3, 1), "6.10.1"),
        ("emr-7.99.0-latest", (3, 5, 6), "7.99.0"),
    ],
)
def test_release_label(label: str, spark: tuple[int, int, int], emr: str) -> None:
    v = from_release_label(n(label))
    assert v is not None
    assert (v.major, v.minor, v.patch) == spark
    assert v.emr_release == emr
    assert v.source == "releaseLabel"


@pytest.mark.parametrize("label", ["emr-4.0.0", "6.6.0", "emr-6.6", "${RELEASE}", "emr-8.0.0"])
def test_release_label_none(label: str) -> None:
    assert from_release_label(n(label)) is None


@pytest.mark.parametrize(
    ("image", "spark"),
    [
        ("apache/spark:3.5.1", (3, 5, 1)),
        ("spark:3.5.0-scala2.12-java11-python3-ubuntu", (3, 5, 0)),
        ("public.ecr.aws/emr-on-eks/spark/emr-6.10.0:latest", (3, 3, 1)),
        ("895885662937.dkr.ecr.us-west-2.amazonaws.com/spark/emr-6.12.0:latest", (3, 4, 0)),
        ("emr-7.1.0:20240321", (3, 5, 0)),
        ("gcr.io/spark-operator/spark:v3.1.1", (3, 1, 1)),
        ("apache/spark-py:v3.4.0", (3, 4, 0)),
        ("123.dkr.ecr.us-east-1.amazonaws.com/my-spark:emr-6.6.0-latest", (3, 2, 0)),
        ("apache/spark:3.5.1@sha256:abcdef", (3, 5, 1)),
    ],
)
def test_image(image: str, spark: tuple[int, int, int]) -> None:
    v = from_image(n(image))
    assert v is not None
    assert (v.major, v.minor, v.patch) == spark
    assert v.source == "image"


@pytest.mark.parametrize(
    "image",
    [
        "myorg/etl-job:1.2.3", "spark:latest", "nginx:1.25", "${IMAGE}", "registry/spark",
        "python:3.11",
    ],
)
def test_image_unrecognized(image: str) -> None:
    assert from_image(n(image)) is None


def test_emr_release_for() -> None:
    assert emr_release_for((3, 1)) == "6.3"
    assert emr_release_for((3, 2)) == "6.6"
    assert emr_release_for((3, 3)) == "6.8"
    assert emr_release_for((3, 4)) == "6.12"
    assert emr_release_for((3, 5)) == "7.0"
    # Spark 3.0 first shipped on EMR on EKS with 6.2 (6.0/6.1 are EC2 only).
    assert emr_release_for((3, 0)) == "6.2"
    assert emr_release_for((4, 0)) is None


def test_table_ascending() -> None:
    emrs = [r.emr for r in EMR_RELEASES]
    assert emrs == sorted(emrs)
    # Spark only grows within one EMR major line: 5.x and 6.x were released side
    # by side, and 6.0.0 (Spark 2.4.4) is older than 5.36.0 (Spark 2.4.8).
    for major in {r.emr[0] for r in EMR_RELEASES}:
        sparks = [r.spark for r in EMR_RELEASES if r.emr[0] == major]
        assert sparks == sorted(sparks), major
