"""The HCL reader as it was before it was made faster: the reference it is held to.

A frozen copy of ``spotlint/load/hcl.py`` at the commit that replaced its
character-by-character work with compiled regular expressions and its
operator-per-level recursion with one precedence-climbing loop. It is not used
by spotlint; ``tests/load/test_hcl_reference.py`` checks that the reader gives the same
trees, and the same errors at the same offsets, on every Terraform file of the
examples and test fixtures and on damaged copies of them. Do not edit it to
follow the reader: a change in what the reader returns must be made on purpose,
here and there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spotlint.load.base import Limits

#: Python recursion per nesting level is a few frames; deeper HCL is refused, and no
#: Terraform configuration comes near it.
HCL_MAX_DEPTH = 64


class HclError(Exception):
    """Text that is not HCL; ``offset`` is where the reader gave up."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


# -- the syntax tree ------------------------------------------------------------------


@dataclass(eq=False)
class Expr:
    """An expression between character offsets ``start`` and ``end`` (exclusive)."""

    start: int
    end: int


@dataclass(eq=False)
class Literal(Expr):
    """A number, ``true``, ``false`` or ``null``."""

    value: object = None


@dataclass(eq=False)
class Directive(Expr):
    """A template directive (``%{ if }``, ``%{ for }``): its result is not known statically."""


@dataclass(eq=False)
class Template(Expr):
    """A quoted string or heredoc: literal text (escapes decoded) and interpolations."""

    parts: list[str | Expr] = field(default_factory=list)
    #: heredoc only: where the content starts and ends, and the indentation ``<<-`` strips
    heredoc: bool = False
    content_start: int = 0
    content_end: int = 0
    strip: int = 0


@dataclass(eq=False)
class Tuple(Expr):
    items: list[Expr] = field(default_factory=list)


@dataclass(eq=False)
class ObjectItem:
    key: Expr
    value: Expr
    #: the key as a name when it is an identifier or a literal string
    name: str | None


@dataclass(eq=False)
class Object(Expr):
    items: list[ObjectItem] = field(default_factory=list)


@dataclass(eq=False)
class Variable(Expr):
    name: str = ""


@dataclass(eq=False)
class GetAttr(Expr):
    obj: Expr | None = None
    name: str = ""


@dataclass(eq=False)
class Index(Expr):
    obj: Expr | None = None
    key: Expr | None = None


@dataclass(eq=False)
class Splat(Expr):
    obj: Expr | None = None


@dataclass(eq=False)
class Call(Expr):
    name: str = ""
    args: list[Expr] = field(default_factory=list)
    expand: bool = False


@dataclass(eq=False)
class Conditional(Expr):
    cond: Expr | None = None
    yes: Expr | None = None
    no: Expr | None = None


@dataclass(eq=False)
class Binary(Expr):
    op: str = ""
    left: Expr | None = None
    right: Expr | None = None


@dataclass(eq=False)
class Unary(Expr):
    op: str = ""
    operand: Expr | None = None


@dataclass(eq=False)
class ForExpr(Expr):
    """``[for ...]`` / ``{for ...}``: never evaluated (its result is unknown)."""


@dataclass(eq=False)
class Attribute:
    name: str
    name_start: int
    name_end: int
    expr: Expr
    start: int
    end: int


@dataclass(eq=False)
class Block:
    type: str
    labels: list[tuple[str, int, int]]
    body: Body
    start: int
    end: int
    #: where the type name is (findings about a whole block point there)
    type_end: int = 0


@dataclass(eq=False)
class Body:
    attributes: list[Attribute] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    start: int = 0
    end: int = 0

    def attribute(self, name: str) -> Attribute | None:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        return None


# -- the reader -----------------------------------------------------------------------

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_SPACE = re.compile(r"[ \t\f\v]+")
_HEREDOC_START = re.compile(r"<<(-?)([A-Za-z_][A-Za-z0-9_\-]*)[ \t]*(\r\n|\n|\r)")
_LINE_END = re.compile(r"\r\n|\r|\n")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
#: binary operators by precedence, lowest first
_LEVELS: tuple[tuple[str, ...], ...] = (
    ("||",),
    ("&&",),
    ("==", "!="),
    ("<=", ">=", "<", ">"),
    ("+", "-"),
    ("*", "/", "%"),
)
_PRECEDENCE = {op: level for level, ops in enumerate(_LEVELS) for op in ops}
_OPERATORS = sorted(_PRECEDENCE, key=len, reverse=True)


def parse(text: str, limits: Limits | None = None) -> Body:
    """The file's top-level body; raises :class:`HclError` on bad syntax or a limit."""
    return _Reader(text, limits or Limits()).file()


def parse_expression(text: str, limits: Limits | None = None) -> Expr:
    """One expression filling ``text`` (a ``.tf.json`` value written as ``${...}``)."""
    reader = _Reader(text, limits or Limits())
    reader.brackets = 1
    expr = reader.expr()
    reader.ws()
    if reader.i < len(text):
        raise HclError("unexpected text after the expression", reader.i)
    return expr


def parse_template(text: str, limits: Limits | None = None) -> Template:
    """``text`` read as the inside of a quoted template (no quotes, no escapes)."""
    reader = _Reader(text, limits or Limits())
    return reader.template_until(0, len(text), heredoc=True)


class _Reader:
    def __init__(self, text: str, limits: Limits) -> None:
        self.s = text
        self.i = 0
        self.n = len(text)
        #: inside (), [] or {} of an expression newlines are blanks
        self.brackets = 0
        self.depth = 0
        self.max_depth = min(limits.max_depth, HCL_MAX_DEPTH)
        self.nodes = 0
        self.max_nodes = limits.max_nodes

    # -- blanks, comments, small tokens -----------------------------------------------
    def ws(self, newlines: bool | None = None) -> None:
        """Skip blanks and comments; newlines too inside brackets (or when asked)."""
        skip_nl = self.brackets > 0 if newlines is None else newlines
        s, n = self.s, self.n
        while self.i < n:
            c = s[self.i]
            if c in " \t\f\v":
                self.i += 1
            elif c in "\r\n":
                if not skip_nl:
                    return
                self.i += 1
            elif c == "#" or (c == "/" and s.startswith("//", self.i)):
                m = _LINE_END.search(s, self.i)
                self.i = m.start() if m else n
            elif c == "/" and s.startswith("/*", self.i):
                close = s.find("*/", self.i + 2)
                if close < 0:
                    raise HclError("unterminated /* comment", self.i)
                self.i = close + 2
            else:
                return

    def peek(self) -> str:
        return self.s[self.i] if self.i < self.n else ""

    def expect(self, token: str) -> None:
        if not self.s.startswith(token, self.i):
            found = self.s[self.i : self.i + 1] or "end of file"
            raise HclError(f"expected {token!r}, found {found!r}", self.i)
        self.i += len(token)

    def ident(self) -> str | None:
        m = _IDENT.match(self.s, self.i)
        if not m:
            return None
        self.i = m.end()
        return m.group(0)

    def count(self) -> None:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise HclError(f"more than max-nodes={self.max_nodes} values", self.i)

    def enter(self) -> None:
        self.depth += 1
        if self.depth > self.max_depth:
            raise HclError(f"nesting deeper than {self.max_depth} levels", self.i)

    # -- bodies ---------------------------------------------------------------------
    def file(self) -> Body:
        body = self.body(top=True)
        if self.i < self.n:
            raise HclError(f"unexpected {self.s[self.i]!r}", self.i)
        return body

    def body(self, top: bool = False) -> Body:
        body = Body(start=self.i)
        saved, self.brackets = self.brackets, 0
        while True:
            self.ws(newlines=True)
            if self.i >= self.n or (not top and self.peek() == "}"):
                break
            start = self.i
            name = self.ident()
            if name is None:
                raise HclError(f"expected an attribute or block, found {self.peek()!r}", self.i)
            name_end = self.i
            self.ws(newlines=False)
            c = self.peek()
            self.count()
            if c == "=" and not self.s.startswith("==", self.i):
                self.i += 1
                self.ws(newlines=False)
                expr = self.expr()
                body.attributes.append(Attribute(name, start, name_end, expr, start, self.i))
                self.end_of_item(top)
            elif c in ('"', "{") or _IDENT.match(self.s, self.i):
                labels: list[tuple[str, int, int]] = []
                while self.peek() != "{":
                    label_start = self.i
                    if self.peek() == '"':
                        label = self.template()
                        text = "".join(p for p in label.parts if isinstance(p, str))
                    else:
                        word = self.ident()
                        if word is None:
                            raise HclError(f"expected '{{', found {self.peek()!r}", self.i)
                        text = word
                    labels.append((text, label_start, self.i))
                    self.ws(newlines=False)
                self.i += 1
                self.enter()
                inner = self.body()
                self.depth -= 1
                self.expect("}")
                body.blocks.append(Block(name, labels, inner, start, self.i, name_end))
                self.end_of_item(top)
            else:
                raise HclError(f"expected '=' or a block after {name!r}", self.i)
        self.brackets = saved
        body.end = self.i
        return body

    def end_of_item(self, top: bool) -> None:
        self.ws(newlines=False)
        c = self.peek()
        if c in ("\n", "\r", "") or (c == "}" and not top):
            return
        raise HclError(f"expected a new line, found {c!r}", self.i)

    # -- expressions ----------------------------------------------------------------
    def expr(self) -> Expr:
        self.enter()
        try:
            cond = self.binary(0)
            self.ws()
            if self.peek() == "?":
                self.i += 1
                self.ws()
                yes = self.expr()
                self.ws()
                self.expect(":")
                self.ws()
                no = self.expr()
                return Conditional(cond.start, no.end, cond, yes, no)
            return cond
        finally:
            self.depth -= 1

    def binary(self, level: int) -> Expr:
        if level == len(_LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while True:
            save = self.i
            self.ws()
            op = next((o for o in _LEVELS[level] if self.s.startswith(o, self.i)), None)
            if op is None or (op in ("<", ">") and self.s.startswith(op * 2, self.i)):
                self.i = save
                return left
            self.i += len(op)
            self.ws()
            right = self.binary(level + 1)
            self.count()
            left = Binary(left.start, right.end, op, left, right)

    def unary(self) -> Expr:
        c = self.peek()
        if c in ("!", "-") and not self.s.startswith("-=", self.i):
            start = self.i
            self.i += 1
            self.ws()
            self.enter()
            operand = self.unary()
            self.depth -= 1
            return Unary(start, operand.end, c, operand)
        return self.postfix(self.primary())

    def postfix(self, expr: Expr) -> Expr:
        while True:
            save = self.i
            self.ws()
            c = self.peek()
            if c == "." and not self.s.startswith("...", self.i):
                self.i += 1
                if self.peek() == "*":
                    self.i += 1
                    expr = Splat(expr.start, self.i, expr)
                    continue
                number = _NUMBER.match(self.s, self.i)
                if number and number.group(0).isdigit():
                    self.i = number.end()
                    literal = Literal(number.start(), number.end(), int(number.group(0)))
                    expr = Index(expr.start, self.i, expr, literal)
                    continue
                name = self.ident()
                if name is None:
                    raise HclError("expected an attribute name after '.'", self.i)
                expr = GetAttr(expr.start, self.i, expr, name)
            elif c == "[":
                self.i += 1
                self.brackets += 1
                self.ws()
                if self.peek() == "*":
                    self.i += 1
                    self.ws()
                    self.expect("]")
                    self.brackets -= 1
                    expr = Splat(expr.start, self.i, expr)
                    continue
                key = self.expr()
                self.ws()
                self.expect("]")
                self.brackets -= 1
                expr = Index(expr.start, self.i, expr, key)
            else:
                self.i = save
                return expr
            self.count()

    def primary(self) -> Expr:
        self.count()
        start = self.i
        c = self.peek()
        if c == '"':
            return self.template()
        if c == "<" and self.s.startswith("<<", self.i):
            return self.heredoc()
        if "0" <= c <= "9":  # (not ``isdigit``: other scripts' digits are no number)
            m = _NUMBER.match(self.s, self.i)
            assert m is not None
            self.i = m.end()
            text = m.group(0)
            value: object = float(text) if any(ch in text for ch in ".eE") else int(text)
            return Literal(start, self.i, value)
        if c == "(":
            self.i += 1
            self.brackets += 1
            self.ws()
            inner = self.expr()
            self.ws()
            self.expect(")")
            self.brackets -= 1
            return inner
        if c == "[":
            return self.tuple_or_for()
        if c == "{":
            return self.object_or_for()
        name = self.ident()
        if name is None:
            raise HclError(f"expected an expression, found {c or 'end of file'!r}", self.i)
        if name in ("true", "false"):
            return Literal(start, self.i, name == "true")
        if name == "null":
            return Literal(start, self.i, None)
        while self.s.startswith("::", self.i):  # provider::aws::arn_parse(...)
            self.i += 2
            more = self.ident()
            if more is None:
                raise HclError("expected a name after '::'", self.i)
            name += "::" + more
        if self.peek() == "(":
            return self.call(name, start)
        return Variable(start, self.i, name)

    def call(self, name: str, start: int) -> Call:
        self.i += 1
        self.brackets += 1
        args: list[Expr] = []
        expand = False
        self.ws()
        while self.peek() != ")":
            args.append(self.expr())
            self.ws()
            if self.s.startswith("...", self.i):
                self.i += 3
                expand = True
                self.ws()
            if self.peek() == ",":
                self.i += 1
                self.ws()
            elif self.peek() != ")":
                raise HclError(f"expected ',' or ')' in call to {name}", self.i)
        self.i += 1
        self.brackets -= 1
        return Call(start, self.i, name, args, expand)

    def _for_ahead(self) -> bool:
        m = _IDENT.match(self.s, self.i)
        after = self.s[m.end() : m.end() + 1] if m else ""
        return bool(m and m.group(0) == "for" and after in (" ", "\t", "\n", "\r"))

    def tuple_or_for(self) -> Expr:
        start = self.i
        self.i += 1
        self.brackets += 1
        self.ws()
        if self._for_ahead():
            self.skip_balanced("[", "]", start)
            self.brackets -= 1
            return ForExpr(start, self.i)
        items: list[Expr] = []
        while self.peek() != "]":
            if self.i >= self.n:
                raise HclError("unterminated '['", start)
            items.append(self.expr())
            self.ws()
            if self.peek() == ",":
                self.i += 1
                self.ws()
            elif self.peek() != "]":
                raise HclError(f"expected ',' or ']', found {self.peek()!r}", self.i)
        self.i += 1
        self.brackets -= 1
        return Tuple(start, self.i, items)

    def object_or_for(self) -> Expr:
        start = self.i
        self.i += 1
        self.brackets += 1
        self.ws()
        if self._for_ahead():
            self.skip_balanced("{", "}", start)
            self.brackets -= 1
            return ForExpr(start, self.i)
        items: list[ObjectItem] = []
        while self.peek() != "}":
            if self.i >= self.n:
                raise HclError("unterminated '{'", start)
            key = self.expr()
            name: str | None = None
            if isinstance(key, Variable):
                name = key.name
            elif isinstance(key, Template) and all(isinstance(p, str) for p in key.parts):
                name = "".join(p for p in key.parts if isinstance(p, str))
            self.ws()
            if self.peek() not in ("=", ":"):
                found = self.peek()
                raise HclError(f"expected '=' or ':' after an object key, found {found!r}", self.i)
            self.i += 1
            self.ws()
            value = self.expr()
            items.append(ObjectItem(key, value, name))
            self.ws()
            if self.peek() == ",":
                self.i += 1
                self.ws()
        self.i += 1
        self.brackets -= 1
        return Object(start, self.i, items)

    def skip_balanced(self, open_: str, close: str, start: int) -> None:
        """Skip a ``for`` expression to its closing bracket (strings and templates respected)."""
        depth = 1
        while depth:
            self.ws(newlines=True)
            if self.i >= self.n:
                raise HclError(f"unterminated {open_!r}", start)
            c = self.peek()
            if c == '"':
                self.template()
            elif c == "<" and _HEREDOC_START.match(self.s, self.i):
                self.heredoc()
            elif c in "([{":
                depth += 1
                self.i += 1
            elif c in ")]}":
                depth -= 1
                self.i += 1
            else:
                self.i += 1

    # -- templates ------------------------------------------------------------------
    def template(self) -> Template:
        """A quoted template starting at ``"``."""
        start = self.i
        self.i += 1
        parts: list[str | Expr] = []
        text: list[str] = []
        s = self.s
        while True:
            if self.i >= self.n:
                raise HclError("unterminated string", start)
            c = s[self.i]
            if c == '"':
                self.i += 1
                break
            if c in "\r\n":
                raise HclError("unterminated string (a new line inside quotes)", start)
            if c == "\\":
                self.i += 1
                e = s[self.i : self.i + 1]
                if e in _ESCAPES:
                    text.append(_ESCAPES[e])
                    self.i += 1
                elif e in ("u", "U"):
                    width = 4 if e == "u" else 8
                    digits = s[self.i + 1 : self.i + 1 + width]
                    try:
                        text.append(chr(int(digits, 16)))
                        self.i += 1 + width
                    except ValueError:
                        text.append("\\" + e)
                        self.i += 1
                else:
                    text.append("\\")
                continue
            if self.interpolation(parts, text):
                continue
            text.append(c)
            self.i += 1
        if text:
            parts.append("".join(text))
        self.count()
        return Template(start, self.i, parts)

    def interpolation(self, parts: list[str | Expr], text: list[str]) -> bool:
        """Read ``$${``, ``%%{``, ``${ expr }`` or ``%{ directive }`` at the cursor, if any."""
        s, i = self.s, self.i
        if s.startswith("$${", i) or s.startswith("%%{", i):
            text.append(s[i + 1 : i + 3])
            self.i += 3
            return True
        if s.startswith("${", i):
            if text:
                parts.append("".join(text))
                text.clear()
            self.i += 2
            saved, self.brackets = self.brackets, 1
            self.ws()
            if self.peek() == "~":
                self.i += 1
                self.ws()
            expr = self.expr()
            self.ws()
            if self.peek() == "~":
                self.i += 1
            self.expect("}")
            self.brackets = saved
            parts.append(expr)
            return True
        if s.startswith("%{", i):
            if text:
                parts.append("".join(text))
                text.clear()
            self.i += 2
            saved, self.brackets = self.brackets, 1
            depth = 1
            while depth:
                self.ws()
                if self.i >= self.n:
                    raise HclError("unterminated %{ directive", i)
                c = self.peek()
                if c == '"':
                    self.template()
                    continue
                depth += c == "{"
                depth -= c == "}"
                self.i += 1
            self.brackets = saved
            parts.append(Directive(i, self.i))
            return True
        return False

    def heredoc(self) -> Template:
        start = self.i
        m = _HEREDOC_START.match(self.s, self.i)
        if not m:
            raise HclError("expected a heredoc marker and a new line after '<<'", self.i)
        flush, marker = m.group(1) == "-", m.group(2)
        content_start = m.end()
        closing = re.compile(r"(?m)^[ \t]*" + re.escape(marker) + r"[ \t]*\r?$")
        found = closing.search(self.s, content_start)
        if not found:
            raise HclError(f"heredoc {marker!r} is never closed", start)
        content_end = found.start()
        template = self.template_until(content_start, content_end, heredoc=True)
        self.i = found.end()
        strip = 0
        if flush:
            widths = [
                len(line) - len(line.lstrip(" \t"))
                for line in _LINE_END.split(self.s[content_start:content_end])
                if line.strip()
            ]
            strip = min(widths) if widths else 0
        template.start, template.end = start, self.i
        template.content_start, template.content_end, template.strip = (
            content_start, content_end, strip,
        )
        return template

    def template_until(self, begin: int, end: int, heredoc: bool) -> Template:
        """The template text between two offsets (heredocs: no escapes, new lines allowed)."""
        saved_n, self.n, self.i = self.n, end, begin
        parts: list[str | Expr] = []
        text: list[str] = []
        try:
            while self.i < end:
                if self.interpolation(parts, text):
                    continue
                text.append(self.s[self.i])
                self.i += 1
        finally:
            self.n = saved_n
        if text:
            parts.append("".join(text))
        self.count()
        return Template(begin, end, parts, heredoc=heredoc, content_start=begin, content_end=end)
