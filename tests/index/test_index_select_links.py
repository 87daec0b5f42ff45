"""What selection reads for the jobs that use a given file (spotlint.index.select): the job,
the other files it uses, the pools nearest the files its documents are in; and the
ConfigMap files when a file in play holds one."""

from __future__ import annotations

from typing import Any

from spotlint.index.listing import walk_key
from spotlint.index.select import select

POOL = {"pools": [{"node_class": ""}]}


def _select(given: list[str], records: dict[str, dict[str, Any]]) -> list[str]:
    order = sorted(records, key=walk_key)
    chosen = select(given, records, order, mapped_clusters=False)
    # the same told each file's position in the walk's order (the index's run)
    positions = {path: at for at, path in enumerate(order)}
    assert select(given, records, order, mapped_clusters=False, positions=positions) == chosen
    return chosen


def test_a_job_using_a_given_template_brings_what_it_uses_and_its_pools() -> None:
    records: dict[str, dict[str, Any]] = {
        "t/template.yaml": {},
        "t/other.yaml": {},
        "t/pool.yaml": POOL,  # nearest the template
        "jobs/job.yaml": {"refs": ["t/template.yaml", "t/other.yaml"],
                          "sources": ["req/request.json"]},
        "req/request.json": {},
        "req/pool.yaml": POOL,  # nearest the job's request file
        "jobs/pool.yaml": POOL,  # nearest the job's own file
        "far/pool.yaml": POOL,
        "far/job.yaml": {"refs": ["t/unused.yaml"]},
    }
    assert _select(["t/template.yaml"], records) == [
        "jobs/job.yaml", "jobs/pool.yaml", "req/pool.yaml", "req/request.json",
        "t/other.yaml", "t/pool.yaml"]


def test_config_map_files_are_read_when_a_file_in_play_holds_one() -> None:
    records: dict[str, dict[str, Any]] = {
        "a/job.yaml": {"config_maps": [["spark", "x"]]},
        "b/maps.yaml": {"config_maps": [["other", "y"]]},
        "c/plain.yaml": {},
    }
    assert _select(["a/job.yaml"], records) == ["b/maps.yaml"]
    assert _select(["c/plain.yaml"], records) == []
    # a job using the given file brings them in too
    records["c/job.yaml"] = {"refs": ["c/plain.yaml"], "config_maps": [["z", "z"]]}
    assert _select(["c/plain.yaml"], records) == ["a/job.yaml", "b/maps.yaml", "c/job.yaml"]
