"""A spy on runs shared by several processes (spotlint.engine.parallel), for their tests.

A comparison of a split run with a serial one proves nothing if the split fell back
to one process without anyone noticing, so every such test asserts what happened.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from spotlint.engine import parallel


@dataclass
class Splits:
    """What the runs under test did: splits that reported, splits given up (and why)."""

    done: int = 0
    given_up: list[str] = field(default_factory=list)
    #: deal the pieces out in turn instead of letting two processes race for them (this
    #: process takes those whose number has this parity): neighbours then always end up
    #: in different processes
    alternate: int | None = None


def spy_on_splits(monkeypatch: pytest.MonkeyPatch) -> Splits:
    """Count the splits of the runs to come; files are spread one per piece, so
    neighbours (a job and its template, a pool and the jobs it hosts) often end up in
    different processes and the records must carry what joins them."""
    seen = Splits()
    real_split = parallel.split_run
    real_take = parallel._take_pieces
    parent = os.getpid()

    def spy(*args: Any, **kwargs: Any) -> Any:
        try:
            result = real_split(*args, **kwargs)
        except parallel.Unsupported as exc:
            seen.given_up.append(str(exc))
            raise
        seen.done += 1
        return result

    def take(fd: int) -> Iterable[int]:
        if seen.alternate is None:
            return real_take(fd)
        mine = seen.alternate if os.getpid() == parent else 1 - seen.alternate
        return itertools.count(mine, 2)  # (reading stops at the first piece past the walk)

    monkeypatch.setattr(parallel, "split_run", spy)
    monkeypatch.setattr(parallel, "_take_pieces", take)
    monkeypatch.setattr(parallel, "CHUNK", 1)
    return seen


#: A request file, and two jobs built from it elsewhere (a script's start-job-run and a
#: Kubernetes Job's container script) whose findings lie in it: its process must read
#: them (their records name it among their sources).
REQUEST = """\
{
  "name": "from-file",
  "releaseLabel": "emr-6.10.0-latest",
  "jobDriver": {"sparkSubmitJobDriver": {"entryPoint": "e",
    "sparkSubmitParameters": "--conf spark.executor.cores=2"}},
  "configurationOverrides": {"applicationConfiguration": [{"classification":
    "spark-defaults", "properties": {"spark.decommission.enabled": "false",
    "spark.dynamicAllocation.enabled": "true"}}]}
}
"""
SUBMIT_JOB = """\
apiVersion: batch/v1
kind: Job
metadata:
  name: submit
spec:
  template:
    spec:
      containers:
      - name: submit
        image: amazon/aws-cli
        command: ["/bin/sh", "-c"]
        args:
        - |
          aws emr-containers start-job-run --cli-input-json file://../scripts/req.json \\
            --release-label emr-6.1.0-latest
"""


@contextmanager
def held_in_forked(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> Iterator[int]:
    """``owner.name``, called in a process forked from this one, first waits for a byte
    on the pipe end this gives (this process calls it unchanged): a test holds a split
    run's other process at that call and lets it go when it chooses."""
    closed, opened = os.pipe()
    parent = os.getpid()
    real = getattr(owner, name)

    def held(*args: Any) -> Any:
        if os.getpid() != parent:
            os.read(closed, 1)
        return real(*args)

    monkeypatch.setattr(owner, name, held)
    try:
        yield opened
    finally:
        os.close(opened)
        os.close(closed)


def request_tree(root: Path) -> Path:
    (root / "scripts").mkdir(parents=True)
    (root / "k8s").mkdir()
    (root / "scripts" / "req.json").write_text(REQUEST)
    (root / "scripts" / "run.sh").write_text(
        "aws emr-containers start-job-run --cli-input-json file://req.json"
        " --release-label emr-6.2.0-latest\n")
    (root / "k8s" / "submit-job.yaml").write_text(SUBMIT_JOB)
    return root
