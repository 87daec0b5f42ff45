"""A script's ``file://`` request is read through what the request file's text names.

The job ``aws emr-containers start-job-run ... --configuration-overrides
file://overrides.json`` builds takes its pod template from the request file. The
scan keeps a request spelt whole as a name (the script may use that file) and as a
request: a given template draws the script in when the request file's own text
names it (the scan's names of that file), or when that text is not known (a file
the index did not scan). A name that may be anything (``file://$REQ``) may name
any file, as before. Every file of such a tree checked alone, cold then warm,
gives the whole-project run's findings; an unrelated file no longer records the
script.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from spotlint.cli.check import CheckOptions, run_check
from spotlint.index import store
from spotlint.index.roles import PARTIAL
from spotlint.plugins.manager import default_registry

REPO = Path(__file__).resolve().parents[2]
OVERRIDES = """\
{
  "applicationConfiguration": [{
    "classification": "spark-defaults",
    "properties": {
      "spark.kubernetes.driver.podTemplateFile": "../templates/driver.yaml",
      "spark.dynamicAllocation.enabled": "true"
    }
  }]
}
"""
SCRIPT = """\
aws emr-containers start-job-run --virtual-cluster-id abc --name nightly \\
  --execution-role-arn arn:aws:iam::1:role/r --release-label emr-6.10.0-latest \\
  --job-driver '{"sparkSubmitJobDriver": {"entryPoint": "s3://b/e.py"}}' \\
  --configuration-overrides file://REQUEST
"""


def generate(root: Path, request: str) -> None:
    """A template in scope of an eksctl cluster, and a script whose request names it."""
    for directory in ("emr", "templates", "eks"):
        (root / directory).mkdir(parents=True)
    (root / "emr" / "overrides.json").write_text(OVERRIDES)
    (root / "emr" / "overrides.txt").write_text(OVERRIDES)  # not a file the index scans
    (root / "emr" / "run.sh").write_text(SCRIPT.replace("REQUEST", request))
    shutil.copy(REPO / "examples" / "pod-templates" / "driver.yaml", root / "templates")
    shutil.copy(REPO / "examples" / "eksctl" / "cluster.yaml", root / "eks")
    stamp = time.time_ns() - 60_000_000_000  # a minute old: entries are kept
    for path in root.rglob("*.*"):
        os.utime(path, ns=(stamp, stamp))
    subprocess.run(["git", "init", "-q", str(root)], check=True)


def check(path: str, no_cache: bool, out: Path) -> str:
    run_check(CheckOptions(paths=[path], formats=["json"], outputs=[str(out)],
                           exit_zero=True, no_cache=no_cache))
    return out.read_text()


@pytest.mark.parametrize("request_name", ["overrides.json", "overrides.txt", "$REQUEST",
                                          "missing.json"])
def test_each_file_alone_cold_then_warm(
    request_name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    default_registry()
    root = tmp_path / "repo"
    generate(root, request_name)
    monkeypatch.chdir(root)
    monkeypatch.delenv("SPOTLINT_CACHE_DIR", raising=False)
    out = tmp_path / "out.json"
    files = ["templates/driver.yaml", "emr/run.sh", "emr/overrides.json", "eks/cluster.yaml"]
    whole = {path: check(path, True, out) for path in files}
    if request_name.startswith("overrides"):  # the script's job uses the template
        assert "nightly" in whole["templates/driver.yaml"]
    for path in files:
        shutil.rmtree(root / ".spotlint_cache", ignore_errors=True)
        assert check(path, False, out) == whole[path], f"cold: {path}"
    for path in reversed(files):
        assert check(path, False, out) == whole[path], f"warm: {path}"


def test_an_unrelated_file_leaves_the_script_only_scanned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The cluster's first run does not parse the script (it used to: a ``file://`` named
    any file); with a request that may be anything, it still does."""
    default_registry()
    out = tmp_path / "out.json"
    for request_name, recorded in (("overrides.json", False), ("$REQUEST", True)):
        root = tmp_path / request_name.strip("$")
        generate(root, request_name)
        monkeypatch.chdir(root)
        monkeypatch.delenv("SPOTLINT_CACHE_DIR", raising=False)
        check("eks/cluster.yaml", False, out)
        (index,) = (root / ".spotlint_cache").glob("index-*.json")
        entry = store.load(str(index.parent), index.name)["emr/run.sh"]
        assert (PARTIAL not in entry[2]) == recorded, request_name
