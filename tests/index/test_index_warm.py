"""What keeps a warm run cheap does not change its findings.

Label keys most pools share are stored once (the index's shared strings); a
damaged record is parsed instead of built back; a file changed too recently
to be trusted does not make the run rewrite the whole index.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from spotlint.cli.check import CheckOptions, run_check
from spotlint.config.settings import Settings
from spotlint.index import store
from spotlint.index.context import indexed_context
from spotlint.index.roles import PARTIAL
from spotlint.plugins.manager import default_registry

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TEMPLATE = "pod-templates/driver.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    default_registry()  # the rules package is found from the repository, before chdir
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES, root)
    (root / ".spotlint.yaml").unlink()  # one scope: the index is asked directly below
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    old = time.time_ns() - 60_000_000_000  # files older than the racy window
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            os.utime(path, ns=(old, old))
    monkeypatch.chdir(root)
    monkeypatch.delenv("SPOTLINT_CACHE_DIR", raising=False)
    return root


def _check(path: str, no_cache: bool, out: Path) -> str:
    run_check(CheckOptions(paths=[path], formats=["json"], outputs=[str(out)],
                           exit_zero=True, no_cache=no_cache, force_exclude=True))
    return out.read_text()


def _index(root: Path) -> Path:
    found = list((root / ".spotlint_cache").glob("index-*.json"))
    assert len(found) == 1
    return found[0]


def _columns_and_details(index: Path) -> tuple[dict[str, Any], list[str]]:
    """An index file's columns (its first line) and its details' lines (format 13)."""
    first, *lines = index.read_text().split("\n")
    assert lines and lines.pop() == ""
    return json.loads(first), lines


def test_shared_label_keys_are_stored_once_and_read_back(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    whole = _check(TEMPLATE, True, out)
    assert _check(TEMPLATE, False, out) == whole  # builds the index
    data, texts = _columns_and_details(_index(repo))
    assert data["shared"], "no label keys were shared"
    refs = [pool["label_keys"]["ref"] for text in texts
            for pool in json.loads(text).get("pools", ())
            if isinstance(pool["label_keys"], dict)]
    assert refs and set(refs) <= set(data["shared"])
    assert _check(TEMPLATE, False, out) == whole  # pools built back through the table
    settings = Settings(root=str(repo))
    found = indexed_context([TEMPLATE], settings, default_registry().kinds, str(repo), None)
    assert found is not None and found.known


def test_a_damaged_record_is_parsed_instead(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    whole = _check(TEMPLATE, True, out)
    _check(TEMPLATE, False, out)
    index = _index(repo)
    data, texts = _columns_and_details(index)
    data["shared"] = {}  # every shared reference now dangles
    for at, text in enumerate(texts):
        details = json.loads(text)
        for pool in details.get("pools", ()):
            pool.pop("kind", None)
        texts[at] = json.dumps(details)
    index.write_text("\n".join([json.dumps(data), *texts, ""]))
    settings = Settings(root=str(repo))
    found = indexed_context([TEMPLATE], settings, default_registry().kinds, str(repo), None)
    assert found is not None and found.paths and not found.known
    assert _check(TEMPLATE, False, out) == whole


def test_a_file_changed_just_now_does_not_rewrite_the_index(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    _check(TEMPLATE, False, out)
    index = _index(repo)
    before = index.stat().st_mtime_ns
    stored = store.load(str(index.parent), index.name)
    assert TEMPLATE in stored
    (repo / TEMPLATE).write_text((repo / TEMPLATE).read_text() + "# edited\n")
    whole = _check(TEMPLATE, True, out)
    assert _check(TEMPLATE, False, out) == whole
    assert index.stat().st_mtime_ns == before  # its record is too recent to keep anyway
    # once the edit is old enough, the record is stored again
    old = time.time_ns() - 60_000_000_000
    os.utime(repo / TEMPLATE, ns=(old, old))
    assert _check(TEMPLATE, False, out) == whole
    assert store.load(str(index.parent), index.name)[TEMPLATE][1] == old


def test_a_listing_started_ahead_is_the_one_used(repo: Path) -> None:
    """``spotlint check FILE`` starts git before importing its rules; the index takes
    that listing, and one nobody asked for is ended."""
    from spotlint.index import listing

    root = str(repo)
    listing.prefetch(root)
    ahead = listing._PREFETCHED[root]
    assert listing.start_listing(root) is ahead
    assert TEMPLATE in (ahead.result() or [])
    again = listing.start_listing(root)  # taken once: a new listing now
    assert again is not ahead and again.result() == ahead.result()
    listing.prefetch(root)
    unused = listing._PREFETCHED[root]
    listing.discard_prefetched()
    assert not listing._PREFETCHED
    if unused.process is not None:  # (started by subprocess, where git is not spawned)
        assert unused.process.returncode is not None
    else:  # ended and waited for
        assert unused.pid is None and unused.fd is None


def test_the_index_holds_the_walk_order_then_unlisted_files(repo: Path, tmp_path: Path) -> None:
    (repo / ".gitignore").write_text("ignored.yaml\n")
    ignored = repo / "ignored.yaml"
    ignored.write_text((repo / TEMPLATE).read_text())
    old = time.time_ns() - 60_000_000_000
    for n in range(3):  # files a scan finds alike: roles, no names
        (repo / "notes").mkdir(exist_ok=True)
        (repo / "notes" / f"{n}.sh").write_text(f"echo {n} ConfigMap\n")
        os.utime(repo / "notes" / f"{n}.sh", ns=(old, old))
    os.utime(ignored, ns=(old, old))
    out = tmp_path / "out.json"
    whole = _check("ignored.yaml", True, out)
    assert _check("ignored.yaml", False, out) == whole
    index = _index(repo)
    table = store.load_table(str(index.parent), index.name)[0]
    from spotlint.index.listing import walk_order

    assert table.paths[-1] == "ignored.yaml" and table.ordered == len(table.paths) - 1
    listed = table.paths[:table.ordered]
    assert listed == sorted(listed, key=walk_order)
    # the next run lists the same files: the same findings, its order taken as it is
    assert _check(TEMPLATE, False, out) == _check(TEMPLATE, True, out)
    # scanned files alike (the same roles, no names) share one stored summary
    data = _columns_and_details(index)[0]
    texts = [json.dumps(summary, sort_keys=True) for summary in data["summaries"]
             if summary.keys() == {PARTIAL, "names"}]
    assert texts and len(texts) == len(set(texts))
    alike = {data["summary"][data["paths"].index(f"notes/{n}.sh")] for n in range(3)}
    assert len(alike) == 1 and data["summaries"][alike.pop()] == {PARTIAL: 8, "names": []}
