"""A first run imports what its Terraform records need while git lists the files
(spotlint.index.records.warm_up, called by spotlint.index.context.indexed_context), so
the two processes that record its pools do not each import it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import test_index_identity
from support.aged import age

from spotlint.config.settings import Settings
from spotlint.index import context
from spotlint.plugins.manager import default_registry

REPO = Path(__file__).resolve().parents[2]

#: After a YAML file's record (the given file of a commit hook's run) and warm_up, the
#: records of every Terraform example import no module of spotlint's.
_PROBE = """
import sys
from pathlib import Path
from spotlint.config.settings import Settings
from spotlint.index import records
from spotlint.plugins.manager import default_registry
root = Path(sys.argv[1])
settings, kinds = Settings(root=str(root)), default_registry().kinds
def record(path):
    records.build(str(path), path.name, str(root), settings, kinds)
record(root / "examples" / "pod-templates" / "driver.yaml")
if sys.argv[2] == "warm":
    records.warm_up()
before = set(sys.modules)
for path in sorted((root / "rules" / "examples").rglob("*.tf")):
    record(path)
print(" ".join(sorted(m for m in set(sys.modules) - before if m.startswith("spotlint"))))
"""


def _imported_by_terraform_records(warm: bool) -> list[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, str(REPO), "warm" if warm else "cold"],
                          capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_warm_up_imports_what_terraform_records_import() -> None:
    assert len(list((REPO / "rules" / "examples").rglob("*.tf"))) >= 10
    # (without it they import the HCL reader and the Terraform recognizers)
    assert "spotlint.load.hcl" in _imported_by_terraform_records(warm=False)
    assert _imported_by_terraform_records(warm=True) == []


class _Listing:
    """A listing that says whether git is still listing as told (whatever git did);
    ``result`` as it is."""

    def __init__(self, listing: object, pending: bool) -> None:
        self.listing = listing
        self.answer = pending

    def pending(self) -> bool:
        return self.answer

    def __getattr__(self, name: str) -> object:
        return getattr(self.listing, name)


@pytest.mark.parametrize("pending", [True, False])
def test_a_first_run_warms_up_while_git_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pending: bool,
) -> None:
    root = tmp_path / "repo"
    test_index_identity.generate(root)
    age(root)  # (so the first run's index is kept)
    calls: list[int] = []
    monkeypatch.setattr(context, "warm_up", lambda: calls.append(1))
    start = context.start_listing
    monkeypatch.setattr(context, "start_listing", lambda at: _Listing(start(at), pending))
    settings = Settings(root=str(root))
    kinds = default_registry().kinds
    given = [str(root / "team-a/pod-templates/driver.yaml")]
    assert context.indexed_context(given, settings, kinds, str(root), None) is not None
    # (git done already: nothing is imported ahead, the run waits for nothing)
    assert calls == ([1] if pending else [])
    # a run with an index records a few files at most: nothing is imported ahead
    calls.clear()
    assert context.indexed_context(given, settings, kinds, str(root), None) is not None
    assert calls == []
