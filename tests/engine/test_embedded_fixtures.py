"""Embedded documents, construct by construct: bad fixtures give exactly the marked
findings, positioned in the outer file; good ones give none.

``tests/fixtures/embedded/<CODE>/`` holds a bad and a good case for each way
configuration hides in other files (heredocs, Markdown blocks, Kubernetes Jobs
and CronJobs, Argo templates, ConfigMap values, Helm charts, sed templates),
marked like the rule examples (``# expect:`` or a ``.expect`` sidecar) and run
with only that rule enabled.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spotlint.testing import Case, actual, cases, expected, run_case

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "embedded"
CASES = list(cases(root=FIXTURES))


def _construct(case: Case) -> str:
    """``bad-heredoc-kubectl.sh`` -> ``heredoc``: the way the configuration is held."""
    return case.name.split("-")[1].split(".")[0]


def test_every_construct_has_bad_and_good_cases() -> None:
    constructs = {_construct(c) for c in CASES}
    assert {"heredoc", "guide", "configmap", "job", "cronjob", "argo", "helm", "templated",
            "backticks"} <= constructs
    for construct in constructs:
        kinds = {c.bad for c in CASES if _construct(c) == construct}
        assert kinds == {True, False}, f"{construct} needs a bad and a good case"


@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}/{c.name}" for c in CASES])
def test_embedded_case(case: Case) -> None:
    result = run_case(case)
    want = expected(case)
    got = actual(case, result)
    assert got == want, f"expected {sorted(want)}, got {sorted(got)}"
    if case.bad:
        assert want, "a bad case must announce at least one finding"
