"""Terraform expressions to located values: what spotlint can know without running Terraform.

Known are literals, collections of known values, ``var.x`` (the module
directory's ``.tfvars`` or the variable's ``default``), ``local.x``,
``path.module``, and a few pure functions whose result follows from known
arguments (``merge``, ``concat``, ``lookup``, ``coalesce``, ``try``...).
Everything else (resources, data sources, module outputs, ``each``, ``count``,
``for`` expressions, functions not listed) is an *unknown* value: a
:class:`~spotlint.location.Node` with ``unknown`` set and its source text as
value, so that no finding is built on a guess.

Positions: a value read where it is used keeps its own position. A value that
comes from another file (a variable's default in ``variables.tf``, a
``.tfvars`` entry) is reported at the reference that brings it in, so findings
stay in the file that uses it. ``file()`` and ``templatefile()`` become a
:data:`FILE_TAG` node naming the path; ``yamlencode``/``jsonencode`` keep the
structure they encode (tagged :data:`ENCODED_TAG`), for the recognizers of
embedded Kubernetes objects.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator

from spotlint.load import hcl
from spotlint.load.textpos import SourceText
from spotlint.location import Location, Node, located, new_location
from spotlint.value import Value

#: tag of a ``file(path)`` / ``templatefile(path, vars)`` value (the path is its value)
FILE_TAG = "hcl-file"
#: tag of a ``yamlencode(...)`` / ``jsonencode(...)`` value (the encoded structure)
ENCODED_TAG = "hcl-encoded"
#: tag of an unknown value
UNKNOWN_TAG = "hcl"
#: tag of a value Terraform itself would reject (a missing key): ``try`` moves past it
_ERROR_TAG = "hcl-error"


class Definition(Value):
    """Where a variable's value or a local is written: its expression and file."""

    expr: hcl.Expr
    source: SourceText

    def __init__(self, expr: hcl.Expr, source: SourceText) -> None:
        self.expr = expr
        self.source = source


class Scope(Value):
    """What ``var.`` and ``local.`` mean in one module directory."""

    variables: dict[str, Definition]
    locals: dict[str, Definition]
    #: variables whose value several non-automatic ``.tfvars`` files disagree on
    ambiguous: set[str]

    def __init__(
        self, variables: dict[str, Definition] | None = None,
        locals: dict[str, Definition] | None = None, ambiguous: set[str] | None = None,
    ) -> None:
        self.variables = {} if variables is None else variables
        self.locals = {} if locals is None else locals
        self.ambiguous = set() if ambiguous is None else ambiguous


class Evaluator:
    """Evaluates the expressions of one file against its module's :class:`Scope`."""

    def __init__(self, source: SourceText, scope: Scope | None = None) -> None:
        self.source = source
        self.scope = scope or Scope()
        self._resolving: set[tuple[str, str]] = set()
        self._cache: dict[tuple[str, str], Node] = {}

    # -- positions ------------------------------------------------------------------
    def loc(self, start: int, end: int) -> Location:
        """Where the text from ``start`` to ``end`` is (as ``source.position`` of each end
        gives it; the end's line is searched for only when it is not the start's: most
        values are on one line, and a value's location is made for every value)."""
        starts = self.source.line_starts
        line = bisect_right(starts, start)
        last = end - 1 if end > start else start
        if line < len(starts) and last >= starts[line]:
            end_line = bisect_right(starts, last)
        else:
            end_line = line
        return new_location(self.source.path, line, start - starts[line - 1] + 1,
                            end_line, last - starts[end_line - 1] + 1)

    def node(self, value: object, start: int, end: int, tag: str = "",
             unknown: bool = False) -> Node:
        """``Node(value, self.loc(start, end), None, tag, unknown)`` without the
        :class:`Location` in between (:func:`located`): the evaluator makes a node for
        every value of every Terraform file, and the location object was made only
        for the node to copy its five fields. (The span is worked out as :meth:`loc` does,
        written out again: a shared helper, one more call a node, cost a whole
        Terraform run 1.1% more instructions, 2,600 -> 2,630 M over 105 files.)"""
        starts = self.source.line_starts
        line = bisect_right(starts, start)
        last = end - 1 if end > start else start
        if line < len(starts) and last >= starts[line]:
            end_line = bisect_right(starts, last)
        else:
            end_line = line
        return located(value, self.source.path, line, start - starts[line - 1] + 1,
                       end_line, last - starts[end_line - 1] + 1, tag, unknown)

    def raw(self, expr: hcl.Expr) -> str:
        return self.source.text[expr.start : expr.end]

    def unknown(self, expr: hcl.Expr, tag: str = UNKNOWN_TAG) -> Node:
        text = self.raw(expr)
        if len(text) > 200:
            text = text[:200] + "..."
        return self.node(text, expr.start, expr.end, tag, True)

    # -- bodies ---------------------------------------------------------------------
    def body(self, body: hcl.Body, key: Node | None = None) -> Node:
        """A block body as a mapping: attributes by name, nested blocks as lists of mappings.

        ``dynamic`` blocks generate nested blocks from data: their block type
        becomes an unknown entry.
        """
        items: dict[str, Node] = {}
        for attribute in body.attributes:
            name = self.node(attribute.name, attribute.name_start, attribute.name_end)
            items[attribute.name] = _keyed(self.value(attribute.expr), name)
        for block in body.blocks:
            if block.type == "dynamic" and block.labels:
                label, start, end = block.labels[0]
                name = Node(label, self.loc(start, end))
                unknown = Node(self.source.text[block.start : block.start + 60], self.loc(
                    block.start, block.end), tag=UNKNOWN_TAG, unknown=True)
                items.setdefault(label, _keyed(unknown, name))
                continue
            name = Node(block.type, self.loc(block.start, block.type_end))
            inner = self.body(block.body)
            inner.loc = self.loc(block.start, block.end)
            existing = items.get(block.type)
            if existing is not None and existing.is_seq and existing.tag == "blocks":
                existing.value.append(inner)
            else:
                items[block.type] = Node(
                    [inner], self.loc(block.start, block.end), name, tag="blocks")
        start = body.start
        return Node(items, self.loc(start, max(body.end, start + 1)), key)

    # -- expressions ----------------------------------------------------------------
    def value(self, expr: hcl.Expr) -> Node:
        method = _DISPATCH.get(type(expr))
        if method is None:
            return self.unknown(expr)
        return method(self, expr)

    def _literal(self, expr: hcl.Expr) -> Node:
        assert isinstance(expr, hcl.Literal)
        return self.node(expr.value, expr.start, expr.end)

    def _template(self, expr: hcl.Expr) -> Node:
        assert isinstance(expr, hcl.Template)
        pieces: list[str] = []
        for part in expr.parts:
            if isinstance(part, str):
                pieces.append(part)
                continue
            value = self.value(part)
            text = value.text() if not value.unknown else None
            if text is None:
                return self.unknown(expr)
            pieces.append(text)
        text = "".join(pieces)
        if expr.heredoc and expr.strip:
            text = "".join(
                line[expr.strip :] if line[: expr.strip].strip() == "" else line.lstrip(" \t")
                for line in text.splitlines(keepends=True)
            )
        return self.node(text, expr.start, expr.end)

    def _tuple(self, expr: hcl.Expr) -> Node:
        assert isinstance(expr, hcl.Tuple)
        items = [self.value(item) for item in expr.items]
        return self.node(items, expr.start, expr.end)

    def _object(self, expr: hcl.Expr) -> Node:
        assert isinstance(expr, hcl.Object)
        items: dict[str, Node] = {}
        unknown_keys = False
        for item in expr.items:
            name = item.name
            if name is None:
                key_value = self.value(item.key)
                name = key_value.text() if key_value.is_scalar and not key_value.unknown else None
            if name is None:
                unknown_keys = True
                continue
            key = self.node(name, item.key.start, item.key.end)
            items[name] = _keyed(self.value(item.value), key)
        node = self.node(items, expr.start, expr.end)
        if unknown_keys:
            node.tag = "partial"
        return node

    def _conditional(self, expr: hcl.Expr) -> Node:
        assert isinstance(expr, hcl.Conditional)
        assert expr.cond is not None and expr.yes is not None and expr.no is not None
        cond = self.value(expr.cond)
        if cond.unknown or not isinstance(cond.value, bool):
            return self.unknown(expr)
        return self.value(expr.yes if cond.value else expr.no)

    def _unary(self, expr: hcl.Expr) -> Node:
        assert isinstance(expr, hcl.Unary) and expr.operand is not None
        operand = self.value(expr.operand)
        v = operand.value
        if not operand.unknown:
            if expr.op == "!" and isinstance(v, bool):
                return Node(not v, self.loc(expr.start, expr.end))
            if expr.op == "-" and isinstance(v, (int, float)) and not isinstance(v, bool):
                return Node(-v, self.loc(expr.start, expr.end))
        return self.unknown(expr)

    def _binary(self, expr: hcl.Expr) -> Node:
        assert isinstance(expr, hcl.Binary)
        assert expr.left is not None and expr.right is not None
        left, right = self.value(expr.left), self.value(expr.right)
        if left.unknown or right.unknown or not (left.is_scalar and right.is_scalar):
            return self.unknown(expr)
        a, b = left.value, right.value
        result: object = None
        op = expr.op
        if op in ("==", "!="):
            result = (a == b and type(a) is type(b)) == (op == "==")
        elif op in ("&&", "||") and isinstance(a, bool) and isinstance(b, bool):
            result = (a and b) if op == "&&" else (a or b)
        elif _number(a) and _number(b):
            assert isinstance(a, (int, float)) and isinstance(b, (int, float))
            if op == "+":
                result = a + b
            elif op == "-":
                result = a - b
            elif op == "*":
                result = a * b
            elif op in ("<", ">", "<=", ">="):
                result = {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
            else:
                return self.unknown(expr)
        else:
            return self.unknown(expr)
        return Node(result, self.loc(expr.start, expr.end))

    def _variable(self, expr: hcl.Expr) -> Node:
        return self.unknown(expr)

    def _getattr(self, expr: hcl.Expr) -> Node:
        assert isinstance(expr, hcl.GetAttr) and expr.obj is not None
        obj = expr.obj
        if isinstance(obj, hcl.Variable):
            if obj.name == "var":
                return self.reference("var", expr.name, expr)
            if obj.name == "local":
                return self.reference("local", expr.name, expr)
            if obj.name == "path" and expr.name in ("module", "root"):
                return Node(".", self.loc(expr.start, expr.end), tag="path")
            return self.unknown(expr)
        base = self.value(obj)
        if base.unknown or not base.is_map:
            return self.unknown(expr)
        child = base.get(expr.name)
        if child is None:
            return self.unknown(expr, _ERROR_TAG)
        return child

    def _index(self, expr: hcl.Expr) -> Node:
        assert isinstance(expr, hcl.Index) and expr.obj is not None and expr.key is not None
        base, key = self.value(expr.obj), self.value(expr.key)
        if base.unknown or key.unknown:
            return self.unknown(expr)
        if base.is_seq and isinstance(key.value, int) and not isinstance(key.value, bool):
            items = base.value
            if 0 <= key.value < len(items):
                found: Node = items[key.value]
                return found
            return self.unknown(expr, _ERROR_TAG)
        if base.is_map and key.is_scalar:
            child = base.get(key.text() or "")
            return child if child is not None else self.unknown(expr, _ERROR_TAG)
        return self.unknown(expr)

    def reference(self, kind: str, name: str, expr: hcl.Expr) -> Node:
        """``var.name`` or ``local.name``: evaluated where written, shown where used if apart."""
        table = self.scope.variables if kind == "var" else self.scope.locals
        definition = table.get(name)
        if definition is None or (kind == "var" and name in self.scope.ambiguous):
            return self.unknown(expr)
        key = (kind, name)
        if key in self._resolving:  # a cycle: Terraform rejects it too
            return self.unknown(expr)
        if key not in self._cache:
            self._resolving.add(key)
            try:
                if definition.source is self.source or definition.source.path == self.source.path:
                    value = self.value(definition.expr)
                else:
                    other = Evaluator(definition.source, self.scope)
                    other._resolving = self._resolving
                    value = other.value(definition.expr)
            finally:
                self._resolving.discard(key)
            self._cache[key] = value
        value = self._cache[key]
        if value.loc.path != self.source.path:
            return relocated(value, self.loc(expr.start, expr.end))
        return value

    def _splat(self, expr: hcl.Expr) -> Node:
        return self.unknown(expr)

    def _call(self, expr: hcl.Expr) -> Node:
        assert isinstance(expr, hcl.Call)
        name = expr.name
        function = _FUNCTIONS.get(name)
        if function is None or expr.expand:
            return self.unknown(expr)
        return function(self, expr)


_DISPATCH: dict[type, Callable[[Evaluator, hcl.Expr], Node]] = {
    hcl.Literal: Evaluator._literal,
    hcl.Template: Evaluator._template,
    hcl.Tuple: Evaluator._tuple,
    hcl.Object: Evaluator._object,
    hcl.Conditional: Evaluator._conditional,
    hcl.Unary: Evaluator._unary,
    hcl.Binary: Evaluator._binary,
    hcl.Variable: Evaluator._variable,
    hcl.GetAttr: Evaluator._getattr,
    hcl.Index: Evaluator._index,
    hcl.Call: Evaluator._call,
}


def _keyed(node: Node, key: Node) -> Node:
    """``node`` as the value of ``key`` (a copy when it already sits under another key)."""
    if node.key is not None and node.key is not key:
        node = Node(node.value, node.loc, key, node.tag, node.unknown)
    else:
        node.key = key
    return node


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def relocated(node: Node, loc: Location) -> Node:
    """A copy of ``node`` with every position (keys too) moved to ``loc``."""
    if node.is_map:
        value: object = {
            name: _keyed(relocated(child, loc), Node(name, loc))
            for name, child in node.items()
        }
    elif node.is_seq:
        value = [relocated(child, loc) for child in node.elements()]
    else:
        value = node.value
    return Node(value, loc, None, node.tag, node.unknown)


def known(node: Node) -> bool:
    """True when nothing inside ``node`` is unknown."""
    if node.unknown or node.tag == "partial":
        return False
    if node.is_map:
        return all(known(child) for _, child in node.items())
    if node.is_seq:
        return all(known(child) for child in node.elements())
    return True


def walk(node: Node) -> Iterator[Node]:
    yield node
    for child in node.value.values() if node.is_map else node.elements():
        yield from walk(child)


# -- functions -----------------------------------------------------------------------


def _args(ev: Evaluator, expr: hcl.Call) -> list[Node]:
    return [ev.value(arg) for arg in expr.args]


def _merge(ev: Evaluator, expr: hcl.Call) -> Node:
    items: dict[str, Node] = {}
    for arg in _args(ev, expr):
        if arg.value is None and not arg.unknown:
            continue
        if arg.unknown or not arg.is_map or arg.tag == "partial":
            return ev.unknown(expr)
        items.update(arg.value)
    return Node(items, ev.loc(expr.start, expr.end))


def _concat(ev: Evaluator, expr: hcl.Call) -> Node:
    items: list[Node] = []
    for arg in _args(ev, expr):
        if arg.unknown or not arg.is_seq:
            return ev.unknown(expr)
        items.extend(arg.value)
    return Node(items, ev.loc(expr.start, expr.end))


def _distinct(ev: Evaluator, expr: hcl.Call) -> Node:
    args = _args(ev, expr)
    if len(args) != 1 or args[0].unknown or not args[0].is_seq:
        return ev.unknown(expr)
    seen: set[object] = set()
    items = []
    for item in args[0].elements():
        marker = repr(item.plain()) if not item.unknown else id(item)
        if marker not in seen:
            seen.add(marker)
            items.append(item)
    return Node(items, ev.loc(expr.start, expr.end))


def _flatten(ev: Evaluator, expr: hcl.Call) -> Node:
    args = _args(ev, expr)
    if len(args) != 1 or args[0].unknown or not args[0].is_seq:
        return ev.unknown(expr)
    items: list[Node] = []

    def add(node: Node) -> bool:
        if node.unknown:
            return False
        if node.is_seq:
            return all(add(child) for child in node.elements())
        items.append(node)
        return True

    if not add(args[0]):
        return ev.unknown(expr)
    return Node(items, ev.loc(expr.start, expr.end))


def _same(ev: Evaluator, expr: hcl.Call) -> Node:
    """``tolist``, ``toset``, ``tomap``, ``nonsensitive``...: the argument itself."""
    args = _args(ev, expr)
    return args[0] if len(args) == 1 else ev.unknown(expr)


def _lookup(ev: Evaluator, expr: hcl.Call) -> Node:
    args = _args(ev, expr)
    if len(args) not in (2, 3) or args[0].unknown or args[1].unknown or not args[0].is_map:
        return ev.unknown(expr)
    found = args[0].get(args[1].text() or "")
    if found is not None:
        return found
    if len(args) == 3 and args[0].tag != "partial":
        return args[2]
    return ev.unknown(expr)


def _coalesce(ev: Evaluator, expr: hcl.Call) -> Node:
    for arg in _args(ev, expr):
        if arg.unknown:
            return ev.unknown(expr)
        if arg.value is not None and arg.value != "":
            return arg
    return ev.unknown(expr)


def _try(ev: Evaluator, expr: hcl.Call) -> Node:
    for arg in _args(ev, expr):
        if arg.tag == _ERROR_TAG:
            continue
        return arg if known(arg) else ev.unknown(expr)
    return ev.unknown(expr)


def _case(upper: bool) -> Callable[[Evaluator, hcl.Call], Node]:
    def change(ev: Evaluator, expr: hcl.Call) -> Node:
        args = _args(ev, expr)
        if len(args) != 1 or args[0].unknown or not isinstance(args[0].value, str):
            return ev.unknown(expr)
        text = args[0].value
        return Node(text.upper() if upper else text.lower(), ev.loc(expr.start, expr.end))

    return change


def _encode(ev: Evaluator, expr: hcl.Call) -> Node:
    args = _args(ev, expr)
    if len(args) != 1:
        return ev.unknown(expr)
    value = args[0]
    return Node(value.value, ev.loc(expr.start, expr.end), tag=ENCODED_TAG,
                unknown=value.unknown)


def _file(ev: Evaluator, expr: hcl.Call) -> Node:
    args = _args(ev, expr)
    if not args or args[0].unknown or not isinstance(args[0].value, str):
        return ev.unknown(expr)
    return Node(args[0].value, ev.loc(expr.start, expr.end), tag=FILE_TAG, unknown=True)


_FUNCTIONS: dict[str, Callable[[Evaluator, hcl.Call], Node]] = {
    "merge": _merge,
    "concat": _concat,
    "distinct": _distinct,
    "flatten": _flatten,
    "tolist": _same,
    "toset": _same,
    "tomap": _same,
    "nonsensitive": _same,
    "lookup": _lookup,
    "coalesce": _coalesce,
    "try": _try,
    "upper": _case(True),
    "lower": _case(False),
    "yamlencode": _encode,
    "jsonencode": _encode,
    "file": _file,
    "templatefile": _file,
}
