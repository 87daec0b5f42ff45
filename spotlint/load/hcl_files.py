"""Terraform files (``.tf``, ``.tf.json``, ``.tfvars``) to a :class:`LoadedFile`.

The file's one document is its body evaluated without its module (variables
and locals unknown), in the shape of Terraform's JSON syntax
(``{"resource": {"aws_eks_node_group": {"name": {...}}}, "module": {...}}``),
so anything that walks documents sees located values. The syntax tree is kept
on ``LoadedFile.syntax`` for the Terraform recognizer, which evaluates it again
with the module directory's variables, locals and ``.tfvars``
(:mod:`spotlint.load.hcl_module`).

``.tf.json`` files are read as JSON; their strings are literal text, and a
string holding a ``${...}`` interpolation is an unknown value.
"""

from __future__ import annotations

from spotlint.load import hcl
from spotlint.load.base import Limits, LoadedFile, LoadError
from spotlint.load.hcl_eval import Evaluator
from spotlint.load.hcl_trees import kept_tree
from spotlint.load.textpos import SourceText
from spotlint.location import Location, Node

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Block types whose first label names a kind (``resource "aws_eks_node_group" "x"``).
TYPED_BLOCKS = ("resource", "data")


def is_terraform_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith((".tf", ".tf.json", ".tfvars"))


def terraform_format(name: str) -> str:
    return "terraform-json" if name.lower().endswith(".json") else "terraform"


def parse_source(path: str, text: str, limits: Limits, fmt: str) -> hcl.Body:
    """The syntax tree of a Terraform file; raises HclError."""
    if fmt == "terraform-json":
        return _json_body(path, text, limits)
    return kept_tree(path, text, limits) or hcl.parse(text, limits)


def load_terraform_text(path: str, text: str, limits: Limits, fmt: str) -> LoadedFile:
    loaded = LoadedFile(path=path, text=text, fmt=fmt)
    source = SourceText(path, text)
    try:
        body = parse_source(path, text, limits, fmt)
    except hcl.HclError as exc:
        line, col = source.position(min(exc.offset, len(text)))
        kind = "JSON" if fmt == "terraform-json" else "HCL"
        loaded.errors.append(LoadError(f"invalid {kind}: {exc.message}", line, col))
        return loaded
    except RecursionError:
        loaded.errors.append(LoadError(f"nesting deeper than {hcl.HCL_MAX_DEPTH} levels"))
        return loaded
    loaded.syntax = body
    loaded.documents.append(file_document(body, Evaluator(source)))
    return loaded


def file_document(body: hcl.Body, evaluator: Evaluator) -> Node:
    """The body as Terraform's JSON syntax shapes it (blocks nested by their labels)."""
    top: dict[str, Node] = {}
    root = Node(top, evaluator.loc(0, max(body.end, 1)))
    for attribute in body.attributes:
        key = Node(attribute.name, evaluator.loc(attribute.name_start, attribute.name_end))
        value = evaluator.value(attribute.expr)
        value.key = value.key or key
        top[attribute.name] = value
    for block in body.blocks:
        value = _LazyBody(evaluator, block.body, evaluator.loc(block.start, block.end))
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


#: The slot ``Node.value`` is kept in (a lazy body's property stands in front of it).
_VALUE_SLOT = Node.__dict__["value"]


class _LazyBody(Node):
    """A block's body in the file's document, evaluated when its value is first read.

    The document is built for the kinds that may claim it by its top-level keys and for
    the rules that walk documents; the Terraform kind evaluates the syntax tree again in
    the module's scope. A context file's record reads no block of it, so most bodies are
    never evaluated there. Evaluation has no side effect and gives the same nodes
    whenever it runs, so a value read later equals the one read at once.
    """

    __slots__ = ("_make",)

    def __init__(self, evaluator: Evaluator, body: hcl.Body, loc: Location) -> None:
        super().__init__(None, loc)
        self._make: tuple[Evaluator, hcl.Body] | None = (evaluator, body)

    @property  # type: ignore[override]
    def value(self) -> Any:
        make = self._make
        if make is not None:
            self._make = None
            _VALUE_SLOT.__set__(self, make[0].body(make[1]).value)
        return _VALUE_SLOT.__get__(self, Node)

    @value.setter
    def value(self, value: Any) -> None:
        self._make = None
        _VALUE_SLOT.__set__(self, value)

    def __reduce__(self) -> tuple[Any, ...]:
        """Copied or pickled as the plain node it stands for."""
        return (Node, (self.value, self.loc, self.key, self.tag, self.unknown))


# -- Terraform JSON syntax -------------------------------------------------------------


def _json_body(path: str, text: str, limits: Limits) -> hcl.Body:
    from spotlint.load.yaml_loader import load_yaml_text

    loaded = load_yaml_text(path, text, limits, fmt="json")
    if loaded.errors:
        error = loaded.errors[0]
        source = SourceText(path, text)
        raise hcl.HclError(error.message.removeprefix("invalid JSON: "),
                           source.index(error.line, error.col))
    if not loaded.documents or not loaded.documents[0].is_map:
        return hcl.Body(end=len(text))
    source = SourceText(path, text)
    return _body_of(loaded.documents[0], source, top=True)


def _span(node: Node, source: SourceText) -> tuple[int, int]:
    start = source.index(node.loc.line, node.loc.col)
    end = source.index(node.loc.end_line, node.loc.end_col) + 1
    return start, max(end, start + 1)


def _body_of(node: Node, source: SourceText, top: bool = False) -> hcl.Body:
    start, end = _span(node, source)
    body = hcl.Body(start=start, end=end)
    for name, child in node.items():
        key_start, key_end = _span(child.key or child, source)
        if top and child.is_map:
            depth = 2 if name in TYPED_BLOCKS else (0 if name in ("locals", "terraform") else 1)
            for labels, inner in _labelled(child, depth):
                _, inner_end = _span(inner, source)
                block = hcl.Block(
                    name, [(label, key_start, key_end) for label in labels],
                    _body_of(inner, source), key_start, inner_end, key_end,
                )
                if name == "locals":
                    body.attributes.extend(block.body.attributes)
                else:
                    body.blocks.append(block)
            continue
        expr = _expr_of(child, source)
        body.attributes.append(hcl.Attribute(name, key_start, key_end, expr, key_start, expr.end))
    return body


def _labelled(node: Node, depth: int) -> list[tuple[list[str], Node]]:
    if depth == 0:
        return [([], node)] if node.is_map else []
    found: list[tuple[list[str], Node]] = []
    for name, child in node.items():
        for labels, inner in _labelled(child, depth - 1):
            found.append(([name, *labels], inner))
    return found


def _expr_of(node: Node, source: SourceText) -> hcl.Expr:
    start, end = _span(node, source)
    if node.is_map:
        items = [
            hcl.ObjectItem(hcl.Template(*_span(child.key or child, source), [name]),
                           _expr_of(child, source), name)
            for name, child in node.items()
        ]
        return hcl.Object(start, end, items)
    if node.is_seq:
        return hcl.Tuple(start, end, [_expr_of(child, source) for child in node.elements()])
    if isinstance(node.value, str):
        if "${" in node.value or "%{" in node.value:
            return hcl.ForExpr(start, end)  # an interpolation: unknown
        return hcl.Template(start, end, [node.value])
    return hcl.Literal(start, end, node.value)
