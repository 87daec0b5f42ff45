"""Issue 15, item 6: a fallback path on local disk is not durable, in every input format."""

from __future__ import annotations

from pathlib import Path

import pytest

from spotlint.config.settings import Settings
from spotlint.engine.run import lint

ON = ("spark.decommission.enabled", "spark.storage.decommission.enabled",
      "spark.storage.decommission.shuffleBlocks.enabled")
PATH_KEY = "spark.storage.decommission.fallbackStorage.path"

CONF = "spark.master k8s://https://example:443\n" + "".join(f"{k} true\n" for k in ON) + \
    f"{PATH_KEY} {{path}}\n"
APP = ("apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n"
       "metadata: {{name: a}}\nspec:\n  sparkConf:\n"
       + "".join(f'    {k}: "true"\n' for k in ON) + f'    {PATH_KEY}: "{{path}}"\n')
SUBMIT = ("spark-submit --master k8s://https://example:443 "
          + " ".join(f"--conf {k}=true" for k in ON) + f" --conf {PATH_KEY}={{path}} app.py\n")


@pytest.mark.parametrize(("name", "template"), [
    ("spark-defaults.conf", CONF), ("app.yaml", APP), ("run.sh", SUBMIT)])
@pytest.mark.parametrize("path", ["/mnt/fallback/", "file:///mnt/fallback/", "local:/tmp/x/"])
def test_local_fallback_path_is_reported(tmp_path: Path, name: str, template: str,
                                         path: str) -> None:
    target = tmp_path / name
    target.write_text(template.format(path=path))
    result = lint([str(target)], Settings(root=str(tmp_path), select=["SL203"]))
    [finding] = result.active
    assert "does not outlive the node" in finding.message
    line = target.read_text().splitlines()[finding.location.line - 1]
    assert line[finding.location.col - 1:].lstrip("\"").startswith(path)


def test_durable_fallback_path_is_quiet(tmp_path: Path) -> None:
    target = tmp_path / "spark-defaults.conf"
    target.write_text(CONF.format(path="s3a://bucket/fallback/"))
    result = lint([str(target)], Settings(root=str(tmp_path), select=["SL203"]))
    assert result.active == []
