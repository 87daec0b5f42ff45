"""A small, realistic run for every reporter test: three rules, two files, one
suppressed finding, one fixable finding, one related location, real fingerprints.

Tests chdir into a temporary repository so finding paths are relative, as they
are when a user runs ``spotlint check`` from the repository root.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from spotlint.finding import Finding, Fingerprinter, Suppression
from spotlint.location import Location
from spotlint.result import RunResult
from spotlint.rule import Edit, Fix, Rule, Severity

DRIVER_DOC = """\
The Spark driver is scheduled on Spot capacity, where a reclaim kills the whole job.

## Why it matters

Executors can be replaced after a Spot interruption; the driver cannot.

## How to fix

Pin the driver to on-demand nodes with a `nodeSelector`.
"""

ETL = """\
apiVersion: sparkoperator.k8s.io/v1beta2
kind: SparkApplication
metadata:
  name: etl
spec:
  driver:
    nodeSelector:
      karpenter.sh/capacity-type: spot
  sparkConf:
    spark.decommission.enabled: "false"
"""

POOL = """\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: spot
"""


def make_rule(code: str, name: str, severity: Severity, doc: str = "") -> Rule:
    return Rule(
        code=code,
        name=name,
        severity=severity,
        summary=f"{name.replace('-', ' ').capitalize()}.",
        target="job",
        doc=doc,
        check=None,
    )


RULES = [
    make_rule("SL101", "driver-on-spot", Severity.ERROR, DRIVER_DOC),
    make_rule("SL201", "decommission-disabled", Severity.WARNING),
    make_rule("SL301", "no-pdb", Severity.INFO),
    make_rule("SL402", "unused-rule", Severity.WARNING),
]
BY_CODE = {r.code: r for r in RULES}


def finding(
    fp: Fingerprinter,
    texts: dict[str, str],
    code: str,
    loc: Location,
    message: str,
    **extra: object,
) -> Finding:
    rule = BY_CODE[code]
    return Finding(
        code=code,
        name=rule.name,
        severity=rule.severity,
        message=message,
        location=loc,
        fingerprint=fp(code, message, loc, texts.get(loc.path)),
        **extra,  # type: ignore[arg-type]
    )


def build_result(root: Path, above: str = "", pool_name: str = "pools/spot pool.yaml") -> RunResult:
    """Write the files under ``root`` and return the run a real engine would report.

    ``above`` is inserted at the top of the job file, moving its findings down.
    """
    etl = above + ETL
    texts = {"jobs/etl.yaml": etl, pool_name: POOL}
    for path, text in texts.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    etl_lines = etl.splitlines()
    selector = next(i for i, line in enumerate(etl_lines, 1) if "capacity-type" in line)
    decom = next(i for i, line in enumerate(etl_lines, 1) if "decommission" in line)
    fp = Fingerprinter()
    fix = Fix(
        description="Enable decommissioning",
        edits=(Edit("jobs/etl.yaml", decom, 33, decom, 40, '"true"'),),
    )
    findings = [
        finding(
            fp,
            texts,
            "SL101",
            Location("jobs/etl.yaml", selector, 7, selector, 38),
            "Driver may run on Spot: nodeSelector selects capacity-type 'spot'.",
            related=(Location(pool_name, 2, 1, 2, 14),),
        ),
        finding(
            fp,
            texts,
            "SL201",
            Location("jobs/etl.yaml", decom, 5, decom, 30),
            "spark.decommission.enabled is false; executors lose shuffle data on reclaim.",
            fix=fix,
        ),
        finding(
            fp,
            texts,
            "SL301",
            Location(pool_name, 4, 9, 4, 12),
            "No PodDisruptionBudget for the Spark driver.",
        ),
        finding(
            fp,
            texts,
            "SL201",
            Location(pool_name, 1, 1, 1, 10),
            "Suppressed on purpose.",
            suppression=Suppression("inline", "driver is tiny and retried"),
        ),
    ]
    return RunResult(
        findings=findings,
        files=["jobs/etl.yaml", pool_name, "jobs/clean.yaml"],
        rules=list(RULES),
        root=".",
        tool_version="0.1.0",
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def result(repo: Path) -> RunResult:
    return build_result(repo)


@pytest.fixture
def clean(repo: Path) -> RunResult:
    return RunResult(files=["a.yaml", "b.yaml"], rules=list(RULES), root=".", tool_version="0.1.0")


@pytest.fixture
def build() -> Callable[..., RunResult]:
    """``build(root, above=..., pool_name=...)`` for tests that need a variant run."""
    return build_result


@pytest.fixture
def rules() -> list[Rule]:
    return list(RULES)
