"""fix.conf.IMPLIED is the set of origins ConfOrigin.implied says take effect unwritten."""

from __future__ import annotations

from spotlint.fix.conf import IMPLIED
from spotlint.model import ConfOrigin


def test_implied_set_is_the_property() -> None:
    assert IMPLIED  # the operator's defaults at least
    for origin in ConfOrigin:
        assert (origin in IMPLIED) is origin.implied, origin
