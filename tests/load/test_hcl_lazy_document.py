"""A Terraform file's document evaluates each block's body when first read, and a module's
scope hands the trees it parsed to the files' own reads.

Both are exact by construction; these tests hold them to the eager document and a fresh
parse on every Terraform file of the examples, rule examples, test fixtures and (when
present) ``../shared/corpus``: the same values, positions, keys, tags, node for node.
"""

from __future__ import annotations

import copy
import pickle
from pathlib import Path
from typing import Any

from spotlint.load import hcl, hcl_module, hcl_trees
from spotlint.load.base import Limits
from spotlint.load.hcl_eval import Evaluator
from spotlint.load.hcl_files import load_terraform_text
from spotlint.load.textpos import SourceText
from spotlint.location import Node

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


def _files() -> list[Path]:
    roots = [REPO / "examples", REPO / "rules" / "examples", REPO / "tests", SHARED / "corpus"]
    found = [p for root in roots if root.is_dir() for p in sorted(root.rglob("*"))
             if p.is_file() and p.name.lower().endswith((".tf", ".tfvars"))]
    assert len(found) >= 20
    return found


def _dump(node: Node | None) -> Any:
    """A node as plain data: value, position, key, tag, unknown (recursively)."""
    if node is None:
        return None
    value = node.value
    if isinstance(value, dict):
        shown: Any = {k: _dump(v) for k, v in value.items()}
    elif isinstance(value, list):
        shown = [_dump(v) for v in value]
    else:
        shown = value
    key = node.key
    return (type(value).__name__, shown, node.loc, key.value if key else None,
            key.loc if key else None, node.tag, node.unknown)


def _eager(path: str, text: str) -> Node:
    """The document as it was built before: every block evaluated at once."""
    body = hcl.parse(text, Limits())
    evaluator = Evaluator(SourceText(path, text))
    top: dict[str, Node] = {}
    root = Node(top, evaluator.loc(0, max(body.end, 1)))
    for attribute in body.attributes:
        key = Node(attribute.name, evaluator.loc(attribute.name_start, attribute.name_end))
        value = evaluator.value(attribute.expr)
        value.key = value.key or key
        top[attribute.name] = value
    for block in body.blocks:
        value = evaluator.body(block.body)
        value.loc = evaluator.loc(block.start, block.end)
        holder = top.setdefault(
            block.type, Node({}, evaluator.loc(block.start, block.end),
                             Node(block.type, evaluator.loc(block.start, block.type_end))))
        labels = [label for label, _, _ in block.labels]
        if not labels:
            holder.value.setdefault("", value)
            continue
        for label in labels[:-1]:
            holder = holder.value.setdefault(label, Node({}, value.loc))
        value.key = Node(labels[-1], value.loc)
        holder.value[labels[-1]] = value
    return root


def test_the_lazy_document_is_the_eager_one() -> None:
    checked = 0
    for path in _files():
        text = path.read_text("utf-8", "replace")
        try:
            expected = _dump(_eager(str(path), text))
        except (hcl.HclError, RecursionError):
            continue
        loaded = load_terraform_text(str(path), text, Limits(), "terraform")
        assert not loaded.errors
        document = loaded.documents[0]
        assert _dump(document) == expected, path
        # copied and pickled as plain nodes, equal to the original
        assert _dump(copy.deepcopy(load_terraform_text(
            str(path), text, Limits(), "terraform").documents[0])) == expected
        assert _dump(pickle.loads(pickle.dumps(load_terraform_text(
            str(path), text, Limits(), "terraform").documents[0]))) == expected
        checked += 1
    assert checked >= 20


def test_blocks_are_evaluated_only_when_read(tmp_path: Path) -> None:
    text = 'resource "a" "b" {\n  x = 1\n}\nmodule "m" {\n  y = [2]\n}\n'
    document = load_terraform_text("main.tf", text, Limits(), "terraform").documents[0]
    body = document.value["resource"].value["a"].value["b"]
    assert body._make is not None  # type: ignore[attr-defined]
    assert body.is_map and body.value["x"].value == 1
    assert body._make is None  # type: ignore[attr-defined]
    later = document.value["module"].value["m"]
    later.value = {"z": Node(3, later.loc)}  # set before read: never evaluated
    assert list(later.value) == ["z"]


def _shape(node: Any) -> Any:
    if isinstance(node, (list, tuple)):
        return [_shape(item) for item in node]
    fields = getattr(node, "__dataclass_fields__", None)
    if fields is None and isinstance(node, hcl._Syntax):
        fields = type(node).FIELDS
    if fields is None:
        return node
    return (type(node).__name__, *((name, _shape(getattr(node, name))) for name in fields))


def test_a_tree_parsed_for_the_module_scope_is_the_files_own(tmp_path: Path) -> None:
    main = 'locals {\n  a = "x"\n}\nresource "r" "s" {\n  v = local.a\n}\n'
    variables = 'variable "v" {\n  default = 1\n}\n'
    (tmp_path / "main.tf").write_text(main)
    (tmp_path / "variables.tf").write_text(variables)
    limits = Limits()
    main_path, other = str(tmp_path / "main.tf"), str(tmp_path / "variables.tf")

    def scope() -> None:
        hcl_module._cache.clear()
        hcl_module.module_scope(main_path, None, str(tmp_path), limits)

    scope()
    kept = hcl_trees.kept_tree(other, variables, limits)
    assert kept is not None and _shape(kept) == _shape(hcl.parse(variables, limits))
    assert hcl_trees.kept_tree(other, variables, limits) is None  # handed out once
    scope()
    assert hcl_trees.kept_tree(other, variables + "\n", limits) is None  # another text
    scope()
    loaded = load_terraform_text(other, variables, limits, "terraform")
    assert _shape(loaded.syntax) == _shape(hcl.parse(variables, limits))
    assert hcl_trees.kept_tree(other, variables, limits) is None  # the read took it
