from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from spotlint.finding import Finding
from spotlint.location import Location
from spotlint.report.sarif import HELP_URI, SarifReporter, line_hashes
from spotlint.result import RunResult
from spotlint.rule import Severity
from spotlint.value import replace


@pytest.fixture(scope="module")
def validator(sarif_schema: dict[str, Any]) -> jsonschema.Draft4Validator:
    return jsonschema.Draft4Validator(sarif_schema)


def render(result: RunResult, **kwargs: Any) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(SarifReporter(**kwargs).render(result))
    return out


def run_of(result: RunResult, **kwargs: Any) -> dict[str, Any]:
    run: dict[str, Any] = render(result, **kwargs)["runs"][0]
    return run


def strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from strings(v, f"{path}[{i}]")


def test_output_validates_against_the_sarif_schema(
    result: RunResult, clean: RunResult, validator: jsonschema.Draft4Validator
) -> None:
    for run in (result, clean):
        errors = sorted(validator.iter_errors(render(run)), key=str)
        assert errors == []


def test_clean_run_has_empty_results_and_all_rules(clean: RunResult) -> None:
    doc = render(clean)
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    assert len(doc["runs"]) == 1
    run = doc["runs"][0]
    assert run["results"] == []
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["SL101", "SL201", "SL301", "SL402"]


def test_driver_metadata(result: RunResult) -> None:
    driver = run_of(result)["tool"]["driver"]
    assert driver["name"] == "spotlint"
    assert driver["version"] == driver["semanticVersion"] == "0.1.0"
    assert driver["informationUri"] == "https://github.com/spotlint/spotlint"


def test_rule_descriptors_come_from_the_rule_docs(result: RunResult) -> None:
    rules = {r["id"]: r for r in run_of(result)["tool"]["driver"]["rules"]}
    driver = rules["SL101"]
    assert driver["name"] == "driver-on-spot"
    assert driver["shortDescription"]["text"] == "Driver on spot."
    assert driver["fullDescription"]["text"] == (
        "The Spark driver is scheduled on Spot capacity, where a reclaim kills the whole job."
    )
    url = "https://github.com/spotlint/spotlint/blob/main/docs/rules/SL101.md"
    assert driver["helpUri"] == url == HELP_URI.format(code="SL101")
    assert url in driver["help"]["text"] and f"]({url})" in driver["help"]["markdown"]
    assert "## How to fix" in driver["help"]["markdown"]
    assert driver["defaultConfiguration"]["level"] == "error"
    assert driver["properties"]["problem.severity"] == "error"
    assert driver["properties"]["precision"] == "high"
    assert driver["properties"]["tags"] == ["job"]
    levels = {code: r["defaultConfiguration"]["level"] for code, r in rules.items()}
    assert levels == {"SL101": "error", "SL201": "warning", "SL301": "note", "SL402": "warning"}
    assert rules["SL301"]["properties"]["problem.severity"] == "recommendation"
    # No doc: the descriptions fall back to the summary rather than being empty.
    assert rules["SL201"]["fullDescription"]["text"] == "Decommission disabled."


def test_long_docs_are_clipped_to_github_limits(
    repo: Path, build: Callable[..., RunResult]
) -> None:
    result = build(repo)
    long = result.rules[0].__class__(
        **{**result.rules[0].__dict__, "doc": "word " * 400 + "\n\n## How to fix\n\nx"}
    )
    result.rules[0] = long
    full = run_of(result)["tool"]["driver"]["rules"][0]["fullDescription"]["text"]
    assert len(full) <= 1024 and full.endswith("\u2026")


def test_no_required_string_is_empty(result: RunResult, clean: RunResult) -> None:
    for run in (result, clean):
        empty = [p for p, s in strings(render(run)) if not s.strip()]
        assert empty == []


def test_rule_index_points_at_the_rule_of_the_result(result: RunResult) -> None:
    run = run_of(result)
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == 4
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_a_finding_of_an_unlisted_rule_gets_a_descriptor(
    result: RunResult, validator: jsonschema.Draft4Validator
) -> None:
    stray = Finding(
        code="XP001", name="plugin-rule", severity=Severity.INFO, message="From a plugin.",
        location=Location("jobs/etl.yaml", 1, 1, 1, 5),
    )  # fmt: skip
    result.findings.append(stray)
    doc = render(result)
    assert list(validator.iter_errors(doc)) == []
    run = doc["runs"][0]
    res = next(r for r in run["results"] if r["ruleId"] == "XP001")
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["name"] == "plugin-rule"


def test_results_levels_locations_and_uris(result: RunResult) -> None:
    run = run_of(result)
    first = run["results"][0]
    assert first["ruleId"] == "SL101" and first["level"] == "error"
    assert first["message"]["text"].startswith("Driver may run on Spot")
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "jobs/etl.yaml", "uriBaseId": "%SRCROOT%"}
    # Location ends are inclusive, SARIF's are exclusive.
    assert physical["region"] == {"startLine": 8, "startColumn": 7, "endLine": 8, "endColumn": 39}
    related = first["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "pools/spot%20pool.yaml"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == Path.cwd().as_uri() + "/"
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert invocation["workingDirectory"]["uri"] == Path.cwd().as_uri() + "/"
    assert [r["level"] for r in run["results"]] == ["error", "warning", "warning", "note"]


def test_absolute_paths_inside_the_root_become_relative(
    repo: Path, build: Callable[..., RunResult]
) -> None:
    result = build(repo)
    result.root = str(repo)
    result.findings = [
        replace(f, location=Location(str(repo / f.location.path), 3, 1, 3, 2))
        for f in result.findings
    ]
    os.chdir("/")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in run_of(result)["results"]
    }
    assert uris == {"jobs/etl.yaml", "pools/spot%20pool.yaml"}


def test_out_of_range_positions_are_clamped(
    result: RunResult, validator: jsonschema.Draft4Validator
) -> None:
    broken = Finding(
        code="SL101", name="driver-on-spot", severity=Severity.ERROR, message="Parse error.",
        location=Location("jobs/etl.yaml", 0, 0, 0, 0),
    )  # fmt: skip
    inverted = Finding(
        code="SL101", name="driver-on-spot", severity=Severity.ERROR, message="Inverted.",
        location=Location("jobs/etl.yaml", 5, 9, 4, 2),
    )  # fmt: skip
    doc = render(RunResult(findings=[broken, inverted], rules=result.rules, root="."))
    assert list(validator.iter_errors(doc)) == []
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in doc["runs"][0]["results"]]
    assert regions == [
        {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1},
        {"startLine": 5, "startColumn": 9, "endLine": 5, "endColumn": 9},
    ]


def test_suppressed_findings_are_kept_with_suppressions(result: RunResult) -> None:
    results = run_of(result)["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"] == [
        {
            "kind": "inSource",
            "justification": "driver is tiny and retried",
            "properties": {"spotlintKind": "inline"},
        }
    ]
    others = [r for r in results if r["message"]["text"] != "Suppressed on purpose."]
    assert all("suppressions" not in r for r in others)


def test_baseline_suppressions_are_external(result: RunResult) -> None:
    from spotlint.finding import Suppression

    f = result.findings[0]
    result.findings[0] = replace(f, suppression=Suppression("baseline"))
    sup = run_of(result)["results"][0]["suppressions"]
    assert sup == [{"kind": "external", "properties": {"spotlintKind": "baseline"}}]


def test_fixes_become_artifact_changes(result: RunResult) -> None:
    res = next(r for r in run_of(result)["results"] if "fixes" in r)
    assert res["fixes"] == [
        {
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "jobs/etl.yaml", "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            # Edit ends are already exclusive: no shift.
                            "deletedRegion": {
                                "startLine": 10, "startColumn": 33, "endLine": 10, "endColumn": 40,
                            },
                            "insertedContent": {"text": '"true"'},
                        }
                    ],
                }
            ],
            "description": {"text": "Enable decommissioning"},
        }
    ]  # fmt: skip


def _fingerprints(run: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    return [(r["ruleId"], r["partialFingerprints"]) for r in run["results"]]


def test_fingerprints_survive_unrelated_lines_inserted_above(
    repo: Path, build: Callable[..., RunResult]
) -> None:
    before = run_of(build(repo))
    moved = run_of(build(repo, above="# owned by the data platform team\n---\n"))
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in moved["results"]]
    assert lines[:2] == [10, 12]  # the job findings moved down two lines ...
    assert _fingerprints(moved) == _fingerprints(before)  # ... and kept their identity
    for _, prints in _fingerprints(before):
        assert set(prints) == {"spotlint/v1", "primaryLocationLineHash"}


def test_sarif_carries_the_engine_fingerprint(result: RunResult) -> None:
    prints = [r["partialFingerprints"]["spotlint/v1"] for r in run_of(result)["results"]]
    assert prints == [f.fingerprint for f in sorted(result.findings, key=lambda f: f.sort_key)]
    assert len(set(prints)) == len(prints)


def test_line_hash_is_that_of_the_finding_line(result: RunResult) -> None:
    first = run_of(result)["results"][0]
    text = Path("jobs/etl.yaml").read_text()
    assert first["partialFingerprints"]["primaryLocationLineHash"] == line_hashes(text)[8]


def test_line_hash_uses_given_texts_and_can_be_turned_off(result: RunResult) -> None:
    texts = {"jobs/etl.yaml": "changed\n" * 20}
    first = run_of(result, texts=texts)["results"][0]
    expected = line_hashes(texts["jobs/etl.yaml"])[8]
    assert first["partialFingerprints"]["primaryLocationLineHash"] == expected
    off = run_of(result, line_hashes=False)["results"][0]
    assert set(off["partialFingerprints"]) == {"spotlint/v1"}


def test_unreadable_files_get_no_line_hash(result: RunResult) -> None:
    Path("jobs/etl.yaml").unlink()
    first = run_of(result)["results"][0]
    assert set(first["partialFingerprints"]) == {"spotlint/v1"}


# Expected values from github/codeql-action src/fingerprints.test.ts, the
# implementation upload-sarif runs; matching them is what makes our value agree.
CODEQL_VECTORS = [
    ("", ["c129715d7a2bc9a3:1"]),
    (" a\nb\n  \t\tc\n d", [
        "271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1",
    ]),
    (" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", [
        "8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1",
        "c6805c5e1288b612:1", "b86d3392aea1be30:1", "e6ceba753e1a442:1",
    ]),
    *[
        (text, [
            "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1",
            "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1",
            "c129715d7a2bc9a3:1",
        ])
        for text in (
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
            " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
            " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
            " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
        )
    ],
    ("Lorem ipsum dolor sit amet.\n" * 10, [
        *(f"a7f2ff13bc495cf2:{n}" for n in range(1, 7)),
        "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1",
        "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1",
    ]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CODEQL_VECTORS)
def test_line_hashes_match_codeql_action(text: str, expected: list[str]) -> None:
    hashes = line_hashes(text)
    assert [hashes[n] for n in sorted(hashes)] == expected
    assert sorted(hashes) == list(range(1, len(expected) + 1))


def test_line_hashes_window_counts_utf16_units_like_javascript() -> None:
    # charCodeAt sees an astral character as two units, so 50 emoji fill the
    # 100-unit window and what follows them no longer changes line 1's hash.
    emoji = "\U0001f600" * 50
    assert line_hashes(emoji + "A\n")[1] == line_hashes(emoji + "B\n")[1]
    assert line_hashes("\u00e9" * 50 + "A\n")[1] != line_hashes("\u00e9" * 50 + "B\n")[1]


@pytest.mark.skipif(
    os.environ.get("SPOTLINT_SARIF_VALIDATOR") != "1",
    reason="set SPOTLINT_SARIF_VALIDATOR=1 to run the Microsoft SARIF validator via npx",
)
def test_microsoft_sarif_multitool_accepts_the_output(result: RunResult, repo: Path) -> None:
    npx = shutil.which("npx")
    if npx is None:
        if os.environ.get("CI") == "true":
            pytest.fail("SPOTLINT_SARIF_VALIDATOR=1 and CI=true but npx is not installed")
        pytest.skip("npx is not installed")
    out = repo / "spotlint.sarif"
    out.write_text(SarifReporter().render(result))
    # Arguments without ';': npx hands them to a shell. Default rule kinds and
    # levels (SARIF rules, error and warning); notes are advice, not defects.
    proc = subprocess.run(
        [npx, "--yes", "@microsoft/sarif-multitool", "validate", str(out),
         "--output", str(repo / "validation.sarif"), "--log", "ForceOverwrite"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads((repo / "validation.sarif").read_text())
    problems = [
        f"{r['ruleId']} {r['level']}: {r['message'].get('text', r['message'])}"
        for run in report["runs"]
        for r in run.get("results", [])
        if r.get("level", "warning") in ("error", "warning")
    ]
    assert problems == []
