"""IndexJoins.choose refuses a split whose records point into a file no process reads
(findings there would be reported by nobody), whichever record it is among many that
point nowhere; records pointing only into read files are chosen from as the hook does."""

from __future__ import annotations

import pytest

from spotlint.cli.joins import IndexJoins
from spotlint.engine.parallel import Unsupported


def _records(outside: bool) -> dict[str, dict[str, object]]:
    records: dict[str, dict[str, object]] = {f"jobs/j{n}.yaml": {"jobs": 1} for n in range(50)}
    records["scripts/run.sh"] = {"jobs": 1, "sources": [
        "requests/elsewhere.json" if outside else "jobs/j3.yaml"]}
    return records


def test_a_source_no_process_reads_refuses_the_split() -> None:
    records = _records(outside=True)
    with pytest.raises(Unsupported, match=r"requests/elsewhere\.json, which no process reads"):
        IndexJoins().choose(["jobs/j1.yaml"], records, sorted(records), mapped=False)


def test_sources_among_the_files_read_are_chosen_from() -> None:
    records = _records(outside=False)
    chosen = IndexJoins().choose(["jobs/j3.yaml"], records, sorted(records), mapped=False)
    assert chosen == {"scripts/run.sh"}  # (its job is built from the given file)
    assert IndexJoins().choose(["jobs/j1.yaml"], records, sorted(records), mapped=False) == set()
