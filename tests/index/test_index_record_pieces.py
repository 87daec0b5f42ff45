"""The pieces a first run's records are shared out in (spotlint.index.context._record_pieces)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spotlint.config.settings import Settings
from spotlint.index import context, forked, records
from spotlint.plugins.manager import default_registry


def test_a_modules_terraform_files_make_one_piece_taken_first() -> None:
    stale = ["a.yaml", "m/main.tf", "b.yaml", "n/x.tf", "m/vars.TF", "c.yaml", "m/t.tfvars",
             "d.yaml", "j/k.tf.json", "e.sh"]
    assert context._record_pieces(stale) == [
        ["m/main.tf", "m/vars.TF", "m/t.tfvars"], ["n/x.tf"], ["j/k.tf.json"],
        ["a.yaml", "b.yaml"], ["c.yaml", "d.yaml"], ["e.sh"]]
    assert context._record_pieces([]) == []
    assert context._record_pieces(["main.tf", "x.yaml"]) == [["main.tf"], ["x.yaml"]]


_NODE_GROUP = """\
resource "aws_eks_node_group" "{name}" {{
  cluster_name  = "c"
  capacity_type = var.capacity
  instance_types = ["m5.large", "m5a.large"]
  scaling_config {{
    min_size = 0
    max_size = 3
  }}
}}
"""
_NODE_POOL = """\
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: pool-{n}
spec:
  template:
    spec:
      requirements:
        - key: karpenter.sh/capacity-type
          operator: In
          values: ["spot"]
"""


@pytest.mark.skipif(not forked.can_fork(), reason="no fork on this platform")
def test_records_shared_out_are_each_files_own(tmp_path: Path) -> None:
    stale: list[str] = []
    for module in ("m", "n"):
        (tmp_path / module).mkdir()
        capacity = "SPOT" if module == "m" else "ON_DEMAND"
        (tmp_path / module / "variables.tf").write_text(
            f'variable "capacity" {{\n  default = "{capacity}"\n}}\n')
        for name in ("a", "b"):
            (tmp_path / module / f"{name}.tf").write_text(_NODE_GROUP.format(name=name))
            stale.append(f"{module}/{name}.tf")
    for n in range(9):
        (tmp_path / f"pool{n}.yaml").write_text(_NODE_POOL.format(n=n))
        stale.insert(n % len(stale), f"pool{n}.yaml")
    settings = Settings(root=str(tmp_path))
    kinds = default_registry().kinds
    real_root = os.path.realpath(tmp_path)
    assert len(stale) >= context.PARALLEL_FROM  # (shared with a forked child)
    built = context._build_all(stale, str(tmp_path), real_root, settings, kinds)
    assert list(built) == stale
    for rel in stale:
        strings: dict[str, str] = {}
        summary, text = records.split(records.build(
            str(tmp_path / rel), rel, real_root, settings, kinds), strings)
        assert built[rel] == (summary, text, strings), rel
    assert "SPOT" in built["m/a.tf"][1] and "ON_DEMAND" in built["n/b.tf"][1]
