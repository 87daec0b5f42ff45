"""The real-world corpus in ../shared: no crash, and SL001 only on files that do not parse."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from spotlint.config.settings import Settings
from spotlint.engine import lint


def _manifest(corpus: Path) -> dict[str, str]:
    kinds: dict[str, str] = {}
    with open(corpus / "MANIFEST.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            kinds[row["repo"].replace("/", "__") + "/" + row["path"]] = row["kind"]
    return kinds


def test_corpus_lints_without_crash_and_parse_errors_only_on_broken_files(shared: Path) -> None:
    corpus = shared / "corpus"
    kinds = _manifest(corpus)
    result = lint([str(corpus)], Settings(root=str(corpus)))
    assert len(result.files) >= 300
    parse_errors = {
        os.path.relpath(f.location.path, corpus) for f in result.findings if f.code == "SL001"
    }
    valid_with_errors = {p for p in parse_errors if "unparseable" not in kinds.get(p, "")}
    assert valid_with_errors == set()
    unparseable = {p for p, k in kinds.items() if "unparseable" in k}
    # Every file the corpus marks as not parseable as stored is reported, except
    # templated files that parse once their placeholders are neutralized.
    assert parse_errors <= unparseable and len(parse_errors) >= 8


def test_corpus_every_input_kind_is_recognized(shared: Path) -> None:
    from spotlint.engine.run import Run
    from spotlint.plugins.manager import default_registry

    corpus = shared / "corpus"
    result = lint([str(corpus)], Settings(root=str(corpus), select=["SL2", "SL4", "SL1"]))
    codes = {f.code for f in result.findings}
    # Jobs from conf maps, StartJobRun JSON and scripts, and pools of both provisioners.
    assert {"SL201", "SL409", "SL402", "SL102"} <= codes
    assert Run is not None and default_registry().kinds
