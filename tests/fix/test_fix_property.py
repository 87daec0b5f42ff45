"""Property: whatever the layout, a fixed file still parses and lints with fewer findings.

"Fewer" is counted over the rules whose fixes were applied: turning a feature
on may legitimately surface a follow-up about it (SL203, fallback storage,
appears once decommissioning migrates shuffle blocks), but never a new error.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spotlint.cli.fixing import fix_paths
from spotlint.config.settings import Settings
from spotlint.engine import lint
from spotlint.fix.place import place_fixes
from spotlint.rule import Severity

KEYS = {
    "spark.executor.instances": ["4", "10"],
    "spark.decommission.enabled": ["false", "FALSE", "true", "yes"],
    "spark.storage.decommission.enabled": ["false", "true"],
    "spark.dynamicAllocation.enabled": ["true", "false"],
    "spark.dynamicAllocation.shuffleTracking.enabled": ["false", "true"],
    "spark.kubernetes.driver.ownPersistentVolumeClaim": ["false", "true"],
}
QUOTES = ['"{}"', "'{}'"]


@st.composite
def spark_applications(draw: st.DrawFn) -> str:
    indent = " " * draw(st.sampled_from([2, 4]))
    version = draw(st.sampled_from(["3.3.2", "3.5.1", "4.0.0"]))
    keys = draw(st.lists(st.sampled_from(sorted(KEYS)), unique=True, min_size=1))
    lines = ["apiVersion: sparkoperator.k8s.io/v1beta2", "kind: SparkApplication",
             "metadata:", f"{indent}name: generated", "spec:",
             f'{indent}sparkVersion: "{version}"', f"{indent}sparkConf:"]
    for key in keys:
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", f"{indent * 2}# about {key}"])))
        value = draw(st.sampled_from(QUOTES)).format(draw(st.sampled_from(KEYS[key])))
        comment = draw(st.sampled_from(["", "  # note"]))
        lines.append(f"{indent * 2}{key}: {value}{comment}")
    if draw(st.booleans()):
        lines += [f"{indent}driver:", f"{indent * 2}cores: 1"]
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spark_applications())
def test_fixed_file_parses_and_has_fewer_findings(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "app.yaml"
        target.write_text(text)
        config = Settings(root=tmp)
        before = place_fixes(lint([str(target)], config)).active
        outcome = fix_paths([str(target)], config, None, unsafe=True)
        assert outcome.messages == []
        fixable = [f for f in before if f.fix is not None and f.fix.edits]
        if not fixable:
            assert outcome.changed == []
            return
        fixed = outcome.fixed[str(target)].decode()
        assert yaml.safe_load(fixed)["kind"] == "SparkApplication"
        comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
        assert [line for line in fixed.splitlines() if line in comments] == comments
        assert outcome.result is not None
        after = outcome.result.active
        codes = {f.code for f in fixable}
        assert sum(f.code in codes for f in after) < sum(f.code in codes for f in before)
        assert not any(f.fix is not None and f.fix.edits for f in after)
        errors = {f.code for f in before if f.severity is Severity.ERROR}
        assert {f.code for f in after if f.severity is Severity.ERROR} <= errors
