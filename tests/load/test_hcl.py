"""The HCL2 reader: every syntax form Terraform files use, with exact positions."""

from __future__ import annotations

import pytest

from spotlint.load import hcl
from spotlint.load.base import Limits
from spotlint.load.hcl_eval import Evaluator
from spotlint.load.hcl_files import load_terraform_text
from spotlint.load.textpos import SourceText

TEXT = '''\
# comment
resource "aws_eks_node_group" "spot" {
  capacity_type  = "SPOT" // trailing comment
  instance_types = ["m5.xlarge", "m5a.xlarge"]
  labels = {
    "team/name" = "spark"
    role        : "exec"
  }
  /* block
     comment */
  scaling_config {
    min_size = 0
  }
  taint {
    key    = "spot"
    effect = "NO_SCHEDULE"
  }
}
'''


def _value(text: str, path: str = "main.tf"):  # type: ignore[no-untyped-def]
    loaded = load_terraform_text(path, text, Limits(), "terraform")
    assert not loaded.errors, loaded.errors
    return loaded


def test_attributes_blocks_and_positions() -> None:
    doc = _value(TEXT).documents[0]
    group = doc.path("resource", "aws_eks_node_group", "spot")
    assert group is not None
    capacity = group.get("capacity_type")
    assert capacity is not None and capacity.value == "SPOT"
    assert (capacity.loc.line, capacity.loc.col) == (3, 20)
    assert capacity.key is not None and (capacity.key.loc.line, capacity.key.loc.col) == (3, 3)
    types = group.get("instance_types")
    assert types is not None and [t.value for t in types.elements()] == ["m5.xlarge", "m5a.xlarge"]
    second = types.value[1]
    assert (second.loc.line, second.loc.col, second.loc.end_col) == (4, 34, 45)
    labels = group.get("labels")
    assert labels is not None and labels.plain() == {"team/name": "spark", "role": "exec"}
    assert [b.plain() for b in group.get("taint").elements()] == [  # type: ignore[union-attr]
        {"key": "spot", "effect": "NO_SCHEDULE"}]
    assert group.path("scaling_config") is not None


def test_heredoc_template_escapes_and_directives() -> None:
    text = (
        'a = <<-EOT\n    one ${var.x}\n      two\n    EOT\n'
        'b = "x\\ty \\u00e9 $${literal} %%{literal}"\n'
        'c = "%{ if true }yes%{ endif }"\n'
        'd = <<EOT\nkeep\nEOT\n'
    )
    body = hcl.parse(text)
    a = body.attribute("a")
    assert a is not None and isinstance(a.expr, hcl.Template) and a.expr.heredoc
    assert a.expr.strip == 4
    ev = Evaluator(SourceText("m.tf", text))
    assert ev.value(a.expr).unknown  # an interpolation of an unknown variable
    b = body.attribute("b")
    assert b is not None and ev.value(b.expr).value == "x\ty \u00e9 ${literal} %{literal}"
    c = body.attribute("c")
    assert c is not None and ev.value(c.expr).unknown  # a directive: not evaluated
    d = body.attribute("d")
    assert d is not None and ev.value(d.expr).value == "keep\n"


def test_expressions_of_every_form_parse() -> None:
    text = '''\
x = var.a ? [for s in var.l : upper(s) if s != ""] : {for k, v in var.m : k => v...}
y = module.vpc.private_subnets[*].id
z = -1 + 2 * 3 >= 4 && !false || null == null
w = provider::aws::arn_parse("arn")
v = local.items.0.name
u = concat(var.a, [1, 2]...)
t = (1 + 2) % 3
'''
    body = hcl.parse(text)
    assert [a.name for a in body.attributes] == ["x", "y", "z", "w", "v", "u", "t"]


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ('a = "unterminated\n', 1, 5),
        ("a = [1, 2\n", 2, 1),
        ("resource x {\n", 2, 1),
        ("a = <<EOT\nnever closed\n", 1, 5),
        ("a 1\n", 1, 3),
        # a digit of another script (str.isdigit) is no number: an error, not a crash
        ("a = \u0663\n", 1, 5),
        ("a = [1, \u00b2]\n", 1, 9),
    ],
)
def test_syntax_errors_are_sl001_at_the_position(text: str, line: int, col: int) -> None:
    loaded = load_terraform_text("bad.tf", text, Limits(), "terraform")
    assert loaded.errors and not loaded.documents
    error = loaded.errors[0]
    assert error.message.startswith("invalid HCL")
    assert (error.line, error.col) == (line, col)


def test_nesting_and_size_limits_stop_hostile_input() -> None:
    deep = "a = " + "[" * 500 + "]" * 500 + "\n"
    loaded = load_terraform_text("deep.tf", deep, Limits(), "terraform")
    assert loaded.errors and "nesting deeper" in loaded.errors[0].message
    many = "a = [" + ",".join("1" for _ in range(200)) + "]\n"
    loaded = load_terraform_text("many.tf", many, Limits(max_nodes=50), "terraform")
    assert loaded.errors and "max-nodes" in loaded.errors[0].message


def test_json_syntax_reads_blocks_and_literals() -> None:
    text = (
        '{"resource": {"aws_eks_node_group": {"spot": {\n'
        '  "capacity_type": "SPOT",\n  "instance_types": ["m5.xlarge"],\n'
        '  "cluster_name": "${var.cluster}"}}},\n'
        ' "variable": {"cluster": {"default": "analytics"}}}\n'
    )
    loaded = load_terraform_text("main.tf.json", text, Limits(), "terraform-json")
    assert not loaded.errors
    group = loaded.documents[0].path("resource", "aws_eks_node_group", "spot")
    assert group is not None
    capacity = group.get("capacity_type")
    assert capacity is not None and capacity.value == "SPOT" and capacity.loc.line == 2
    cluster = group.get("cluster_name")
    assert cluster is not None and cluster.unknown  # an interpolation in JSON syntax
