"""The bundled examples: the guide and the heredoc script give their findings in place."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from spotlint.config.files import load_config_into
from spotlint.config.settings import Settings
from spotlint.engine.run import lint
from spotlint.plugins.manager import default_registry

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_examples_guide_and_script_findings() -> None:
    settings = Settings(root=str(EXAMPLES.parent))
    # examples/.spotlint.yaml, as `spotlint check examples/` reads it (its `clusters:`)
    assert load_config_into(settings, [str(EXAMPLES)], None, default_registry().rules)
    result = lint([str(EXAMPLES)], settings)
    found = Counter(
        (Path(f.location.path).name, f.location.line, f.code) for f in result.active
        if f.location.path.endswith(("spark-on-spot.md", "submit-backfill.sh")))
    assert found == Counter({
        ("spark-on-spot.md", 14, "SL407"): 1,  # the guide's pool has no limits
        ("spark-on-spot.md", 54, "SL201"): 1,  # decommissioning spelt the wrong way
        ("spark-on-spot.md", 54, "SL209"): 1,
        ("spark-on-spot.md", 69, "SL210"): 1,  # s3://<<bucket>> lacks its '/'
        ("submit-backfill.sh", 28, "SL303"): 1,
        ("submit-backfill.sh", 31, "SL106"): 1,  # ... where only the tainted Spot pool is
        ("submit-backfill.sh", 34, "SL101"): 1,  # the driver pinned to Spot
        ("submit-backfill.sh", 36, "SL107"): 1,  # executors on a two-zone pool
    })
    suppressed = [f for f in result.findings if f.suppression is not None]
    assert [(Path(f.location.path).name, f.code) for f in suppressed] == [
        ("spark-on-spot.md", "SL105")]
    assert len(result.active) == 41  # 42 before examples/.spotlint.yaml mapped the clusters
