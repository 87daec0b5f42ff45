"""Terraform on the command line: discovered, never "invalid YAML", imported only when read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from spotlint.config.settings import Settings
from spotlint.engine import lint

NODE_GROUP = '''\
resource "aws_eks_node_group" "spot" {
  cluster_name   = "analytics"
  capacity_type  = "SPOT"
  instance_types = ["m5.xlarge"]
}
'''


def test_a_folder_of_tf_files_is_linted(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(NODE_GROUP)
    (tmp_path / "terraform.tfvars").write_text('region = "eu-west-1"\n')
    (tmp_path / "extra.tf.json").write_text('{"locals": {"a": 1}}\n')
    result = lint([str(tmp_path)], Settings(root=str(tmp_path)))
    assert {Path(p).name for p in result.files} >= {"main.tf"}
    codes = {f.code for f in result.findings}
    assert "SL402" in codes and "SL001" not in codes


def test_a_tf_file_named_explicitly_is_not_yaml(tmp_path: Path) -> None:
    path = tmp_path / "main.tf"
    path.write_text(NODE_GROUP + 'locals {\n  x = { a = 1 }\n}\n')
    result = lint([str(path)], Settings(root=str(tmp_path)))
    assert "SL001" not in {f.code for f in result.findings}
    broken = tmp_path / "broken.tf"
    broken.write_text('resource "x" "y" {\n  a = \n}\n')
    result = lint([str(broken)], Settings(root=str(tmp_path)))
    errors = [f for f in result.findings if f.code == "SL001"]
    assert len(errors) == 1 and "HCL" in errors[0].message and errors[0].location.line == 2


def test_the_hcl_reader_is_imported_only_for_terraform(tmp_path: Path) -> None:
    yaml_file = tmp_path / "pod.yaml"
    yaml_file.write_text("apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n")
    tf_file = tmp_path / "main.tf"
    tf_file.write_text(NODE_GROUP)
    script = (
        "import sys\n"
        "from spotlint.cli.main import main\n"
        "try:\n"
        "    main(['check', '--isolated', '--force-exclude', sys.argv[1]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('hcl imported: %s\\n' % ('spotlint.load.hcl' in sys.modules))\n"
    )
    for target, expected in ((yaml_file, "False"), (tf_file, "True")):
        done = subprocess.run(
            [sys.executable, "-c", script, str(target)],
            capture_output=True, text=True, cwd=tmp_path, check=False,
        )
        assert f"hcl imported: {expected}" in done.stderr, done.stderr
