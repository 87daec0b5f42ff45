"""Issue 15, item 11: EMR 6.0.0 does not carry Spark 3.0.

Apache Spark 3.0.0 was released in June 2020, after EMR 6.0.0 (March 2020);
EMR 6.1.0 is the first release line with Spark 3.0.
"""

from __future__ import annotations

from spotlint.location import Location, Node
from spotlint.sparkconf.versions import from_release_label, spark_for_release


def test_emr_6_0_is_spark_2_4_and_marked_unverified() -> None:
    row = spark_for_release((6, 0, 0))
    assert row is not None
    assert row.spark[:2] == (2, 4)
    assert not row.verified and not row.on_eks


def test_emr_6_1_is_the_first_spark_3_0_line() -> None:
    row = spark_for_release((6, 1, 0))
    assert row is not None and row.spark[:2] == (3, 0)
    version = from_release_label(Node("emr-6.0.0-latest", Location("r.json", 1, 1, 1, 1)))
    assert version is not None and not version.at_least(3, 0)
