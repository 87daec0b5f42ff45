"""The index file: round trip, atomic replacement, corruption, bounds, parallel writers."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
from pathlib import Path

import pytest

from spotlint.index import store


def test_round_trip_and_gitignore(tmp_path: Path) -> None:
    directory = str(tmp_path / "cache")
    entries: dict[str, store.Entry] = {
        "a.yaml": [10, 123, {"pools": [{"node_class": None}]}, "", '{"pools":[]}']}
    assert store.save(directory, "index-v1-x.json", entries)
    assert store.load(directory, "index-v1-x.json") == entries
    # with the files whose handler role is unknown (only those of the index are kept)
    entries["b.yaml"] = [1, 2, {}, "", ""]
    entries["c.yaml"] = [1, 2, {}, "", ""]
    assert store.save(directory, "index-v1-x.json", entries, {}, {"b.yaml", "gone.yaml"})
    assert store.load_index(directory, "index-v1-x.json") == (entries, {}, {"b.yaml"})
    ignore = (tmp_path / "cache" / ".gitignore").read_text()
    assert "*" in ignore.splitlines()
    # no temporary file is left behind
    assert not [n for n in os.listdir(directory) if n.startswith(".tmp-")]


def test_summaries_are_stored_once_each(tmp_path: Path) -> None:
    directory = str(tmp_path / "cache")
    words = {"?": 2, "names": [], "words": " a b "}
    entries: dict[str, store.Entry] = {
        "a.yaml": [1, 2, {}, "", ""], "b.yaml": [1, 2, {}, "", ""],
        "c.yaml": [1, 2, {"?": 1, "names": []}, "", ""],
        "d.yaml": [1, 2, {"?": 1, "names": []}, "", ""],
        "e.yaml": [1, 2, {"?": 1, "names": ["x.yaml"]}, "", ""],
        "f.yaml": [1, 2, words, "", ""], "g.yaml": [1, 2, words, "", ""],
        "h.yaml": [1, 2, dict(words), "", ""]}
    assert store.save(directory, "index-v1-x.json", entries)
    with open(os.path.join(directory, "index-v1-x.json"), "rb") as handle:
        data = json.loads(handle.read())
    # every empty one once, others once per object (d's and h's are copies: their own)
    assert data["summaries"] == [{}, {"?": 1, "names": []}, {"?": 1, "names": []},
                                 {"?": 1, "names": ["x.yaml"]}, words, words]
    assert data["summary"] == [0, 0, 1, 2, 3, 4, 4, 5]
    assert store.load(directory, "index-v1-x.json") == entries


def test_corrupt_or_foreign_index_is_ignored(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    directory.mkdir()
    (directory / "index-v1-x.json").write_bytes(b'{"format": 2, "files": {"a.yaml": [1,')
    assert store.load(str(directory), "index-v1-x.json") == {}
    (directory / "index-v1-x.json").write_text(json.dumps({"format": 999, "files": {}}))
    assert store.load(str(directory), "index-v1-x.json") == {}
    # well-formed JSON whose columns are not all of their type and length: ignored whole
    good = {"format": store.FORMAT, "version": store.__version__, "paths": ["a.yaml", "b.yaml"],
            "sizes": [1, 3], "mtimes": [2, 4], "modules": ["", "m"], "details": ["", ""],
            "summaries": [{}, {"?": 1, "names": []}], "summary": [1, 0],
            "shared": {"k": "v", "x": 1}, "unknown_handlers": "01"}
    (directory / "index-v1-x.json").write_text(json.dumps(good))
    assert store.load_index(str(directory), "index-v1-x.json") == (
        {"a.yaml": [1, 2, {"?": 1, "names": []}, "", ""], "b.yaml": [3, 4, {}, "m", ""]},
        {"k": "v"}, {"b.yaml"})
    # any mark but "0" marks the file, whatever the character (ASCII or not)
    for marks, marked in [("x0", {"a.yaml"}), ("\u00e90", {"a.yaml"}), ("0\u4e00", {"b.yaml"}),
                          ("11", {"a.yaml", "b.yaml"}), ("00", set())]:
        (directory / "index-v1-x.json").write_text(json.dumps({**good, "unknown_handlers": marks}))
        assert store.load_index(str(directory), "index-v1-x.json")[2] == marked, marks
    for column, bad in [("paths", ["a.yaml", "a.yaml"]), ("paths", ["a.yaml", 2]),
                        ("paths", {"a.yaml": 1}), ("sizes", [1]), ("sizes", [1, "3"]),
                        ("mtimes", [2, True]), ("mtimes", [2, 4.0]), ("modules", ["", None]),
                        ("details", ["", {}]), ("summaries", [{}, []]), ("summary", [1, 2]),
                        ("summary", [-1, 0]), ("summary", [0]), ("shared", []),
                        ("unknown_handlers", "0"), ("unknown_handlers", None),
                        ("summaries", None), ("paths", None),
                        # paths leading out of the project, or that the system refuses
                        ("paths", ["a.yaml", "../b.yaml"]), ("paths", ["a.yaml", "c/../../b"]),
                        ("paths", ["a.yaml", "c/.."]), ("paths", ["/etc/b.yaml", "a.yaml"]),
                        ("paths", ["a.yaml", "b\x00.yaml"])]:
        (directory / "index-v1-x.json").write_text(json.dumps({**good, column: bad}))
        assert store.load_index(str(directory), "index-v1-x.json") == ({}, {}, set()), column
    # names that only look like a parent directory are kept
    dots = {**good, "paths": ["a..yaml", "c/..b/..."]}
    (directory / "index-v1-x.json").write_text(json.dumps(dots))
    assert list(store.load_index(str(directory), "index-v1-x.json")[0]) == ["a..yaml", "c/..b/..."]
    (directory / "index-v1-x.json").write_text("[" * 100_000)  # too deep for the decoder
    assert store.load(str(directory), "index-v1-x.json") == {}
    (directory / "index-v1-x.json").write_bytes(b"\xff\xfe not json")
    assert store.load(str(directory), "index-v1-x.json") == {}


def test_old_indexes_and_stale_temporaries_are_pruned(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    directory.mkdir()
    for number in range(store.MAX_INDEXES + 5):
        path = directory / f"index-v1-{number:04d}.json"
        path.write_text("{}")
        os.utime(path, (1000 + number, 1000 + number))
    stale = directory / ".tmp-dead.json"
    stale.write_text("partial")
    os.utime(stale, (1, 1))
    assert store.save(str(directory), "index-v1-new.json", {})
    left = sorted(n for n in os.listdir(directory) if n.startswith("index-"))
    assert len(left) == store.MAX_INDEXES
    assert "index-v1-new.json" in left
    assert "index-v1-0000.json" not in left  # the oldest went first
    assert not stale.exists()


def test_unwritable_directory_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert not store.save(str(blocker / "cache"), "index-v1-x.json", {})


def _writer(directory: str, name: str, worker: int) -> None:
    for round_ in range(60):
        entries: dict[str, store.Entry] = {
            f"w{worker}/f{i}.yaml": [i, round_, {"jobs": i, "refs": ["x" * 50] * 5}, "", ""]
            for i in range(300)
        }
        store.save(directory, name, entries)


def test_parallel_writers_never_corrupt(tmp_path: Path) -> None:
    directory = str(tmp_path / "cache")
    name = "index-v1-x.json"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_writer, args=(directory, name, n)) for n in range(3)]
    for process in workers:
        process.start()
    path = os.path.join(directory, name)
    seen = 0
    while any(p.is_alive() for p in workers):
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            continue
        # every read, at any moment, sees one whole index (never a torn or mixed file)
        assert len(json.loads(data)["paths"]) == 300
        seen += 1
    for process in workers:
        process.join()
        assert process.exitcode == 0
    final = store.load(directory, name)
    # the last writer won, whole: 300 entries of one worker's last round
    assert len(final) == 300
    assert len({path.split("/")[0] for path in final}) == 1
    assert {entry[1] for entry in final.values()} == {59}
    assert not [n for n in os.listdir(directory) if n.startswith(".tmp-")]


@pytest.mark.parametrize("builtin", [True, False], ids=["_blake2", "hashlib fallback"])
def test_names_and_digests_are_hashlibs_without_importing_it(
    monkeypatch: pytest.MonkeyPatch, builtin: bool
) -> None:
    """The index file's name and the 8-byte digests (Terraform module signatures, shared
    label keys) are what hashlib gave before: indexes already written stay valid."""
    monkeypatch.setattr(store, "_BLAKE2B", [])
    if not builtin:
        monkeypatch.setitem(sys.modules, "_blake2", None)  # (importing it fails)
    for data in (b"", b"main.tf:120:1796631904689762224/", "é".encode()):
        assert store.digest8(data) == hashlib.blake2b(data, digest_size=8).hexdigest()
    parts = ["/repo", "Limits()", "[]", "True", "None", "spotlint.recognize.x.Kind"]
    digest = hashlib.sha256("\0".join([str(store.FORMAT), store.__version__, *parts]).encode())
    assert store.key(parts) == f"index-v{store.FORMAT}-{digest.hexdigest()[:16]}.json"


def test_the_walk_ordered_entries_are_counted(tmp_path: Path) -> None:
    directory = str(tmp_path / "cache")
    entries: dict[str, store.Entry] = {
        "a.yaml": [1, 2, {}, "", ""], "b/c.yaml": [1, 2, {}, "", ""], "z.yaml": [1, 2, {}, "", ""]}
    assert store.save(directory, "index-v1-x.json", entries, ordered=2)
    table = store.load_table(directory, "index-v1-x.json")[0]
    assert table.paths == ["a.yaml", "b/c.yaml", "z.yaml"] and table.ordered == 2
    assert store.save(directory, "index-v1-x.json", entries, ordered=9)  # (at most all)
    assert store.load_table(directory, "index-v1-x.json")[0].ordered == 3
    assert store.save(directory, "index-v1-x.json", entries)  # (none said: none)
    assert store.load_table(directory, "index-v1-x.json")[0].ordered == 0
    with open(os.path.join(directory, "index-v1-x.json"), "rb") as handle:
        data = json.loads(handle.read())
    for bad in (-1, 4, "2", 2.0, None, True):
        with open(os.path.join(directory, "index-v1-x.json"), "w") as handle:
            handle.write(json.dumps({**data, "ordered": bad}))
        assert store.load_table(directory, "index-v1-x.json")[0].paths == [], bad
