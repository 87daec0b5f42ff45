"""Evaluating Terraform values: what is known, what stays unknown, and where it is shown."""

from __future__ import annotations

from pathlib import Path

from spotlint.load import hcl
from spotlint.load.base import Limits
from spotlint.load.hcl_eval import ENCODED_TAG, FILE_TAG, Evaluator, known
from spotlint.load.hcl_module import module_scope
from spotlint.load.textpos import SourceText
from spotlint.location import Node


def _eval(tmp_path: Path, main: str, **files: str) -> dict[str, Node]:
    for name, text in files.items():
        (tmp_path / name.replace("_", ".", 1) if name.endswith("tfvars") else tmp_path / name
         ).write_text(text)
    path = tmp_path / "main.tf"
    path.write_text(main)
    source = SourceText(str(path), main)
    body = hcl.parse(main)
    scope, _ = module_scope(str(path), (body, source), str(tmp_path), Limits())
    ev = Evaluator(source, scope)
    return {a.name: ev.value(a.expr) for a in body.attributes}


def test_literals_locals_and_functions(tmp_path: Path) -> None:
    values = _eval(tmp_path, '''\
locals {
  base = { capacity = "SPOT", types = ["m5.xlarge"] }
}
merged = merge(local.base, { types = concat(local.base.types, ["m5a.xlarge"]) })
picked = lookup(local.base, "missing", "ON_DEMAND")
first  = try(local.base.nothing, "fallback")
cond   = 1 + 1 == 2 ? upper("spot") : "x"
text   = "${local.base.capacity}-${2 * 3}"
''')
    assert values["merged"].plain() == {"capacity": "SPOT", "types": ["m5.xlarge", "m5a.xlarge"]}
    assert values["picked"].value == "ON_DEMAND"
    assert values["first"].value == "fallback"
    assert values["cond"].value == "SPOT"
    assert values["text"].value == "SPOT-6"


def test_unknown_values_are_marked_and_never_guessed(tmp_path: Path) -> None:
    values = _eval(tmp_path, '''\
a = module.eks.cluster_name
b = var.undeclared
c = "prefix-${data.x.y}"
d = [for x in ["a"] : x]
e = merge({a = 1}, var.undeclared)
f = each.value
''')
    for name in "abcdef":
        assert values[name].unknown, name
        assert not known(values[name])
    assert values["c"].value == '"prefix-${data.x.y}"'


def test_variables_from_defaults_and_tfvars(tmp_path: Path) -> None:
    values = _eval(
        tmp_path,
        "types = var.types\ncapacity = var.capacity\nzones = var.zones\n",
        **{
            "variables.tf": (
                'variable "types" { default = ["m5.xlarge"] }\n'
                'variable "capacity" { default = "ON_DEMAND" }\n'
                'variable "zones" { default = ["a"] }\n'
            ),
            "terraform.tfvars": 'capacity = "SPOT"\n',
            "prod.tfvars": 'zones = ["b"]\ncapacity = "SPOT"\n',
        },
    )
    assert values["capacity"].value == "SPOT"  # terraform.tfvars over the default
    assert values["types"].plain() == ["m5.xlarge"]
    # From variables.tf, another file: shown where main.tf uses it.
    assert values["types"].loc.path.endswith("main.tf") and values["types"].loc.line == 1
    assert values["zones"].unknown  # prod.tfvars may be passed with -var-file


def test_encoding_and_file_functions_keep_what_recognizers_need(tmp_path: Path) -> None:
    values = _eval(tmp_path, '''\
body = yamlencode({ kind = "NodePool" })
ref  = templatefile("${path.module}/x.yaml", {})
''')
    assert values["body"].tag == ENCODED_TAG and values["body"].plain() == {"kind": "NodePool"}
    assert values["ref"].tag == FILE_TAG and values["ref"].value == "./x.yaml"
    assert values["ref"].unknown


def test_reference_cycles_are_unknown(tmp_path: Path) -> None:
    values = _eval(tmp_path, "locals {\n  a = local.b\n  b = local.a\n}\nx = local.a\n")
    assert values["x"].unknown
