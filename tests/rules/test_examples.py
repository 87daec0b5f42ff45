"""Every rule example is a test: bad cases give exactly the marked findings, good ones none."""

from __future__ import annotations

import pytest

from spotlint.testing import Case, actual, cases, expected, run_case

ALL_CASES = list(cases())


@pytest.mark.parametrize("case", ALL_CASES, ids=[f"{c.code}/{c.name}" for c in ALL_CASES])
def test_example(case: Case) -> None:
    result = run_case(case)
    want = expected(case)
    got = actual(case, result)
    assert got == want, f"expected {sorted(want)}, got {sorted(got)}"
    if case.bad:
        assert want, "a bad example must announce at least one finding"
        assert all(code == case.code for _, _, code in want)
