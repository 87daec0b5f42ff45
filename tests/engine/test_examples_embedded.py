"""The bundled examples: the guide and the heredoc script give their findings in place."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from spotlint.config.settings import Settings
from spotlint.engine.run import lint

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_examples_guide_and_script_findings() -> None:
    result = lint([str(EXAMPLES)], Settings(root=str(EXAMPLES.parent)))
    found = Counter(
        (Path(f.location.path).name, f.location.line, f.code) for f in result.active
        if f.location.path.endswith(("spark-on-spot.md", "submit-backfill.sh")))
    assert found == Counter({
        ("spark-on-spot.md", 14, "SL407"): 1,  # the guide's pool has no limits
        ("spark-on-spot.md", 54, "SL201"): 1,  # decommissioning spelt the wrong way
        ("spark-on-spot.md", 54, "SL209"): 1,
        ("spark-on-spot.md", 69, "SL210"): 1,  # s3://<<bucket>> lacks its '/'
        ("submit-backfill.sh", 28, "SL303"): 1,
        ("submit-backfill.sh", 34, "SL101"): 1,  # the driver pinned to Spot
    })
    suppressed = [f for f in result.findings if f.suppression is not None]
    assert [(Path(f.location.path).name, f.code) for f in suppressed] == [
        ("spark-on-spot.md", "SL105")]
    assert len(result.active) == 42  # 36 before the guide and the script
