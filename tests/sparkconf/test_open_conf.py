"""An open conf (a template writes keys into it): unset keys are unknown, not missing."""

from __future__ import annotations

import pytest

from spotlint.location import Location, Node
from spotlint.model import Conf, ConfOrigin, ConfValue
from spotlint.sparkconf.values import lacks_trailing_slash

AT = Node({}, Location("a.yaml", 3, 3, 3, 12), unknown=True)


def test_an_open_conf_answers_unknown_for_keys_it_does_not_show() -> None:
    conf = Conf()
    written = Node("true", Location("a.yaml", 4, 5, 4, 9))
    conf.add(ConfValue("spark.a", written, ConfOrigin.SPARK_CONF))
    assert conf.get("spark.b") is None and "spark.b" not in conf and not conf.is_open
    conf.open(AT)
    got = conf.get("spark.b")
    assert got is not None and got.unknown and got.origin is ConfOrigin.TEMPLATE
    assert got.node.loc == AT.loc and "spark.b" in conf and conf.is_open
    assert not got.origin.rewritable
    assert [v.key for v in conf] == ["spark.a"] and len(conf) == 1
    value = conf.get("spark.a")
    assert value is not None and value.node is written


@pytest.mark.parametrize("text,lacks", [
    ("s3://bucket/fallback", True),
    ("s3://bucket/fallback/", False),
    ("s3://<<bucket>>", True),
    ("s3://${BUCKET}", True),
    ("s3://{BUCKET}/fallback", True),
    ("s3://${BUCKET}/", False),
    ("s3a://bucket/${PREFIX}", None),
    ("${FALLBACK_PATH}", None),
    ("hdfs://nn:8020/${DIR}/x", True),
])
def test_a_placeholder_hides_only_what_depends_on_it(text: str, lacks: bool | None) -> None:
    assert lacks_trailing_slash(text) is lacks
