"""The fix loop over the shared corpus of real configurations: safe, convergent, idempotent."""

from __future__ import annotations

import shutil
from pathlib import Path

from spotlint.cli.fixing import fix_paths
from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.fix.apply import write


def test_corpus_fixes_converge_and_break_nothing(corpus: Path, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(corpus, root)
    settings = Settings(root=str(root))
    before = lint([str(root)], settings).active
    outcome = fix_paths([str(root)], settings, None, unsafe=True)
    assert outcome.changed, "the corpus has fixable findings"
    # Files left alone are the ones ruamel cannot round-trip (duplicate keys).
    assert all("cannot round-trip" in m for m in outcome.messages)
    write(outcome)
    after = lint([str(root)], settings).active
    broken = {"SL001", "SL002"}
    assert sum(f.code in broken for f in after) == sum(f.code in broken for f in before)
    assert len(after) < len(before)
    again = fix_paths([str(root)], settings, None, unsafe=True)
    assert again.changed == []
    refused = {m.split(": left unchanged", 1)[0] for m in outcome.messages}
    assert {f.location.path for f in after if f.fix is not None} <= refused
