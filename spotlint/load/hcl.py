"""HCL2 native syntax (Terraform ``.tf`` and ``.tfvars``) to a located syntax tree.

A small hand-written reader rather than python-hcl2: spotlint points every
finding at the offending attribute's line *and column*, and python-hcl2's public
output (a plain ``dict``; at most start and end *lines* per block) keeps no
columns and folds every expression back into ``"${...}"`` text. Columns would
mean walking its internal Lark parse tree, whose grammar has changed with each
major version; and importing it costs about 0.1 s (Lark plus ``regex``) before a
0.1 s grammar load, or 2.6 s when Lark cannot write its grammar cache. This
reader imports nothing beyond the standard library and is loaded only when a
Terraform file is read.

It reads the whole native syntax (bodies, blocks, attributes, every expression
form including templates, heredocs, ``for`` expressions and splats) into a tree
of :class:`Expr` nodes holding character offsets; evaluation (what a value *is*)
is :mod:`spotlint.load.hcl_eval`'s job. Nothing is executed. Nesting and size are
bounded (``max-depth``, ``max-nodes``) so hostile input stops at a limit.
"""

from __future__ import annotations

import re

from spotlint.load.base import Limits

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar

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


class _Syntax:
    """A node of the syntax tree: fields set by its own ``__init__``, compared by identity.

    Written by hand rather than as ``@dataclass(eq=False)`` classes: a dataclass
    compiles its ``__init__`` and ``__repr__`` from generated source each time the
    module is imported (~0.35 ms a class, ~6.5 ms for these nineteen, paid by
    every run that reads a Terraform file), and slots make each node smaller and
    quicker to build. ``FIELDS`` lists the fields in declaration order (a base
    class's first), as :func:`dataclasses.fields` would; ``__repr__`` is a
    dataclass's. ``tests/load/test_hcl_syntax_classes.py`` holds each class to the
    dataclass it replaces.
    """

    __slots__ = ()
    FIELDS: ClassVar[tuple[str, ...]] = ()

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"{type(self).__qualname__}({shown})"


class Expr(_Syntax):
    """An expression between character offsets ``start`` and ``end`` (exclusive)."""

    __slots__ = ("end", "start")
    FIELDS: ClassVar[tuple[str, ...]] = ("start", "end")
    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end


class Literal(Expr):
    """A number, ``true``, ``false`` or ``null``."""

    __slots__ = ("value",)
    FIELDS = ("start", "end", "value")
    value: object

    def __init__(self, start: int, end: int, value: object = None) -> None:
        self.start = start
        self.end = end
        self.value = value


class Directive(Expr):
    """A template directive (``%{ if }``, ``%{ for }``): its result is not known statically."""

    __slots__ = ()


class Template(Expr):
    """A quoted string or heredoc: literal text (escapes decoded) and interpolations."""

    __slots__ = ("content_end", "content_start", "heredoc", "parts", "strip")
    FIELDS = ("start", "end", "parts", "heredoc", "content_start", "content_end", "strip")
    parts: list[str | Expr]
    #: heredoc only: where the content starts and ends, and the indentation ``<<-`` strips
    heredoc: bool
    content_start: int
    content_end: int
    strip: int

    def __init__(
        self, start: int, end: int, parts: list[str | Expr] | None = None, heredoc: bool = False,
        content_start: int = 0, content_end: int = 0, strip: int = 0,
    ) -> None:
        self.start = start
        self.end = end
        self.parts = [] if parts is None else parts
        self.heredoc = heredoc
        self.content_start = content_start
        self.content_end = content_end
        self.strip = strip


class Tuple(Expr):
    __slots__ = ("items",)
    FIELDS = ("start", "end", "items")
    items: list[Expr]

    def __init__(self, start: int, end: int, items: list[Expr] | None = None) -> None:
        self.start = start
        self.end = end
        self.items = [] if items is None else items


class ObjectItem(_Syntax):
    __slots__ = ("key", "name", "value")
    FIELDS = ("key", "value", "name")
    key: Expr
    value: Expr
    #: the key as a name when it is an identifier or a literal string
    name: str | None

    def __init__(self, key: Expr, value: Expr, name: str | None) -> None:
        self.key = key
        self.value = value
        self.name = name


class Object(Expr):
    __slots__ = ("items",)
    FIELDS = ("start", "end", "items")
    items: list[ObjectItem]

    def __init__(self, start: int, end: int, items: list[ObjectItem] | None = None) -> None:
        self.start = start
        self.end = end
        self.items = [] if items is None else items


class Variable(Expr):
    __slots__ = ("name",)
    FIELDS = ("start", "end", "name")
    name: str

    def __init__(self, start: int, end: int, name: str = "") -> None:
        self.start = start
        self.end = end
        self.name = name


class GetAttr(Expr):
    __slots__ = ("name", "obj")
    FIELDS = ("start", "end", "obj", "name")
    obj: Expr | None
    name: str

    def __init__(self, start: int, end: int, obj: Expr | None = None, name: str = "") -> None:
        self.start = start
        self.end = end
        self.obj = obj
        self.name = name


class Index(Expr):
    __slots__ = ("key", "obj")
    FIELDS = ("start", "end", "obj", "key")
    obj: Expr | None
    key: Expr | None

    def __init__(
        self, start: int, end: int, obj: Expr | None = None, key: Expr | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.obj = obj
        self.key = key


class Splat(Expr):
    __slots__ = ("obj",)
    FIELDS = ("start", "end", "obj")
    obj: Expr | None

    def __init__(self, start: int, end: int, obj: Expr | None = None) -> None:
        self.start = start
        self.end = end
        self.obj = obj


class Call(Expr):
    __slots__ = ("args", "expand", "name")
    FIELDS = ("start", "end", "name", "args", "expand")
    name: str
    args: list[Expr]
    expand: bool

    def __init__(
        self, start: int, end: int, name: str = "", args: list[Expr] | None = None,
        expand: bool = False,
    ) -> None:
        self.start = start
        self.end = end
        self.name = name
        self.args = [] if args is None else args
        self.expand = expand


class Conditional(Expr):
    __slots__ = ("cond", "no", "yes")
    FIELDS = ("start", "end", "cond", "yes", "no")
    cond: Expr | None
    yes: Expr | None
    no: Expr | None

    def __init__(
        self, start: int, end: int, cond: Expr | None = None, yes: Expr | None = None,
        no: Expr | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.cond = cond
        self.yes = yes
        self.no = no


class Binary(Expr):
    __slots__ = ("left", "op", "right")
    FIELDS = ("start", "end", "op", "left", "right")
    op: str
    left: Expr | None
    right: Expr | None

    def __init__(
        self, start: int, end: int, op: str = "", left: Expr | None = None,
        right: Expr | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.op = op
        self.left = left
        self.right = right


class Unary(Expr):
    __slots__ = ("op", "operand")
    FIELDS = ("start", "end", "op", "operand")
    op: str
    operand: Expr | None

    def __init__(self, start: int, end: int, op: str = "", operand: Expr | None = None) -> None:
        self.start = start
        self.end = end
        self.op = op
        self.operand = operand


class ForExpr(Expr):
    """``[for ...]`` / ``{for ...}``: never evaluated (its result is unknown)."""

    __slots__ = ()


class Attribute(_Syntax):
    __slots__ = ("end", "expr", "name", "name_end", "name_start", "start")
    FIELDS = ("name", "name_start", "name_end", "expr", "start", "end")
    name: str
    name_start: int
    name_end: int
    expr: Expr
    start: int
    end: int

    def __init__(
        self, name: str, name_start: int, name_end: int, expr: Expr, start: int, end: int,
    ) -> None:
        self.name = name
        self.name_start = name_start
        self.name_end = name_end
        self.expr = expr
        self.start = start
        self.end = end


class Block(_Syntax):
    __slots__ = ("body", "end", "labels", "start", "type", "type_end")
    FIELDS = ("type", "labels", "body", "start", "end", "type_end")
    type: str
    labels: list[tuple[str, int, int]]
    body: Body
    start: int
    end: int
    #: where the type name is (findings about a whole block point there)
    type_end: int

    def __init__(
        self, type: str, labels: list[tuple[str, int, int]], body: Body, start: int, end: int,
        type_end: int = 0,
    ) -> None:
        self.type = type
        self.labels = labels
        self.body = body
        self.start = start
        self.end = end
        self.type_end = type_end


class Body(_Syntax):
    __slots__ = ("attributes", "blocks", "end", "start")
    FIELDS = ("attributes", "blocks", "start", "end")
    attributes: list[Attribute]
    blocks: list[Block]
    start: int
    end: int

    def __init__(
        self, attributes: list[Attribute] | None = None, blocks: list[Block] | None = None,
        start: int = 0, end: int = 0,
    ) -> None:
        self.attributes = [] if attributes is None else attributes
        self.blocks = [] if blocks is None else blocks
        self.start = start
        self.end = end

    def attribute(self, name: str) -> Attribute | None:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        return None


# -- the reader -----------------------------------------------------------------------
#
# The reader is a recursive descent over the text, with compiled regular expressions
# doing the per-character work (blanks and comments, runs of template text, a ``for``
# expression's inside) and one precedence-climbing loop for binary operators: a
# Terraform module of a few hundred lines is read in a few milliseconds, which is most
# of what recording it costs. The commonest items (an attribute, object item, element or
# argument whose value is a name, a number or a plain string) are read by one match each
# (below): a regular expression call costs about what a few lines of Python do, and the
# descent spent several calls on each. ``tests/load/test_hcl_reference.py`` holds it to the
# plain character-by-character reader it replaced (same trees, same errors at the same
# offsets) on every Terraform file of the examples and test fixtures, and on damaged
# copies of them.

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_HEREDOC_START = re.compile(r"<<(-?)([A-Za-z_][A-Za-z0-9_\-]*)[ \t]*(\r\n|\n|\r)")
_LINE_END = re.compile(r"\r\n|\r|\n")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
#: Blanks and comments, new lines kept (``_BLANKS``) or skipped too (``_BLANKS_NL``); a
#: ``/*`` left where a match ends is an unterminated comment.
_BLANKS = re.compile(r"(?:[ \t\f\v]+|#[^\r\n]*|//[^\r\n]*|/\*.*?\*/)*", re.S)
_BLANKS_NL = re.compile(r"(?:[ \t\f\v\r\n]+|#[^\r\n]*|//[^\r\n]*|/\*.*?\*/)*", re.S)
#: What may start a blank or a comment; the same where new lines are not blanks (``ws``
#: returns at once from a new line there: the calls are not worth making).
_BLANK_START = frozenset(" \t\f\v\r\n#/")
_BLANK_START_LINE = frozenset(" \t\f\v#/")
#: Quoted template text up to the next quote, new line, escape or interpolation.
_QUOTED_RUN = re.compile(r'[^"\r\n\\$%]+')
#: A quoted template of plain text only, closed on its line.
_SIMPLE_QUOTED = re.compile(r'"([^"\r\n\\$%]*)"')
#: Heredoc template text up to the next possible interpolation.
_HEREDOC_RUN = re.compile(r"[^$%]+")
#: Inside a ``for`` expression: text in which nothing opens, closes or comments.
_FOR_RUN = re.compile(r"[^ \t\f\v\r\n\"<()\[\]{}#/]+")
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
#: The operators by length (a two-character one is read before its first character)
_TWO = {op: level for op, level in _PRECEDENCE.items() if len(op) == 2}
_ONE = {op: level for op, level in _PRECEDENCE.items() if len(op) == 1}
_OP_START = frozenset(op[0] for op in _PRECEDENCE)
#: Heredoc closing markers by marker (a module repeats a few markers).
_CLOSINGS: dict[str, re.Pattern[str]] = {}

# -- operands read by one match --------------------------------------------------------
#
# Most values in a Terraform file are a name (perhaps a traversal, ``var.x``,
# ``module.eks.name``), a number or a plain quoted string, and nothing continues them.
# The descent reads one in several calls (``expr``, ``primary``, ``ws``, ``postfix``,
# each looking at the next character); these patterns read the operand, the blanks
# after it, and check that no postfix, operator or ``?`` follows, in one match (an
# attribute or an object item whole, with its name or key). A match gives what the
# descent would give: the same nodes, offsets and cursor. Anything else (no match, a
# limit close) is left to the descent from the same place, which raises its errors.
#
# A match must be the descent's reading, never a shorter one the regular expression
# engine backtracks to: each name and number is followed by a look-ahead that no
# character of its own kind follows, and each run of blanks is matched whole and
# atomically (a look-ahead capturing it, then that capture: a look-ahead is never
# re-entered), so a blank, a comment or a character an operator starts with stops the
# match where the descent would have gone on.
_NAME = r"[A-Za-z_][A-Za-z0-9_\-]*"
_BL = r"(?:[ \t\f\v]+|#[^\r\n]*|//[^\r\n]*|/\*.*?\*/)*"
_BL_NL = r"(?:[ \t\f\v\r\n]+|#[^\r\n]*|//[^\r\n]*|/\*.*?\*/)*"


def _blanks(name: str, newlines: bool) -> str:
    """Blanks and comments matched whole (atomically) into the group ``name``."""
    return rf"(?=(?P<{name}>{_BL_NL if newlines else _BL}))(?P={name})"


def _operand(tag: str) -> str:
    """A traversal by names (not a call, not ``provider::``), a number or a plain quoted
    string; groups ``<tag>n``, ``<tag>d``, ``<tag>s`` (the string's text)."""
    return (
        rf"(?:(?P<{tag}n>{_NAME}(?:\.{_NAME})*)(?![A-Za-z0-9_\-(]|::)"
        rf"|(?P<{tag}d>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(?![0-9eE])"
        rf'|"(?P<{tag}s>[^"\r\n\\$%]*)")'
    )


#: what would continue an operand: a postfix, ``?``, a binary operator's first character
#: (a ``/`` after the blanks is an unterminated comment: the descent reports it)
_NO_CONTINUATION = r"(?![.\[?|&!<>+\-*/%]|==)"
#: a body's item up to its value: the blanks before it, its name, the blanks after it,
#: then perhaps ``=``, blanks and an operand ending the attribute (up to its line's
#: end, or the block's ``}``: :meth:`_Reader.body` checks that it is in a block)
_BODY_ITEM = re.compile(
    _blanks("b0", True) + rf"(?P<name>{_NAME}){_blanks('b1', False)}"
    + r"(?:=(?!=)" + _blanks("b2", False)
    + "(?:" + _operand("v") + _blanks("b3", False) + r"(?=[\r\n}]|\Z))?)?", re.S)
#: an object's item whose key is a name or a plain string and whose value is such an
#: operand, with the ``,`` after it if any (not followed by an unterminated comment)
_ITEM = re.compile(
    rf"(?:(?P<kn>{_NAME})(?![A-Za-z0-9_\-(]|::)|\"(?P<ks>[^\"\r\n\\$%]*)\")"
    rf"{_blanks('b1', True)}[=:](?!=){_blanks('b2', True)}"
    + "(?:" + _operand("v") + _blanks("b3", True) + _NO_CONTINUATION
    + rf"(?:,{_blanks('b4', True)}(?!/\*)|(?!,)))?", re.S)
#: a tuple's element or a call's argument that is such an operand, with the ``,`` after
#: it (not followed by an unterminated comment) or before a closing bracket (the
#: reader checks that it is the one it reads to, when there is no ``,``)
_ELEMENT = re.compile(
    _operand("v") + _blanks("b", True) + _NO_CONTINUATION
    + rf"(?:,{_blanks('c', True)}(?!/\*)|(?=[\])]))", re.S)
_WORDS: dict[str, object] = {"true": True, "false": False, "null": None}
_BODY_NAME, _BODY_B1, _BODY_B2, _BODY_B3, _BODY_V = (
    _BODY_ITEM.groupindex[g] for g in ("name", "b1", "b2", "b3", "vn"))
_ITEM_V, _ITEM_AT, _ITEM_B3 = (_ITEM.groupindex[g] for g in ("vn", "b2", "b3"))
_VN, _ELEMENT_C = _ELEMENT.groupindex["vn"], _ELEMENT.groupindex["c"]


def _value(m: re.Match[str], tag_n: int, start: int) -> tuple[Expr, int]:
    """The node of the operand matched at ``start`` (groups ``tag_n``, +1 number, +2
    string) and how many nodes the descent counts for it."""
    text = m.group(tag_n)
    if text is not None:
        if "." not in text:
            word = _WORDS.get(text, _WORDS)
            end = m.end(tag_n)
            if word is not _WORDS:
                return Literal(start, end, word), 1
            return Variable(start, end, text), 1
        names = text.split(".")
        first = names[0]
        end = start + len(first)
        word = _WORDS.get(first, _WORDS)
        node: Expr = (
            Literal(start, end, word) if word is not _WORDS else Variable(start, end, first))
        for name in names[1:]:
            end += 1 + len(name)
            node = GetAttr(start, end, node, name)
        return node, len(names)
    text = m.group(tag_n + 1)
    if text is not None:
        value: object = float(text) if ("." in text or "e" in text or "E" in text) else int(text)
        return Literal(start, m.end(tag_n + 1), value), 1
    text = m.group(tag_n + 2)
    return Template(start, m.end(tag_n + 2) + 1, [text] if text else []), 2


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


def _closing(marker: str) -> re.Pattern[str]:
    found = _CLOSINGS.get(marker)
    if found is None:
        if len(_CLOSINGS) > 256:
            _CLOSINGS.clear()
        found = _CLOSINGS[marker] = re.compile(
            r"(?m)^[ \t]*" + re.escape(marker) + r"[ \t]*\r?$")
    return found


class _Reader:
    def __init__(self, text: str, limits: Limits) -> None:
        self.s = text
        self.i = 0
        self.n = len(text)
        #: the whole text's length (``n`` is less inside a heredoc's content)
        self.size = len(text)
        #: inside (), [] or {} of an expression newlines are blanks
        self.brackets = 0
        #: the last blanks skipped: from, to, new lines included (read again after a
        #: look for an operator or a postfix finds none)
        self.blank_from, self.blank_to, self.blank_nl = -1, -1, False
        self.depth = 0
        self.max_depth = min(limits.max_depth, HCL_MAX_DEPTH)
        self.nodes = 0
        self.max_nodes = limits.max_nodes

    # -- blanks, comments, small tokens -----------------------------------------------
    def ws(self, newlines: bool | None = None) -> None:
        """Skip blanks and comments; newlines too inside brackets (or when asked)."""
        i = self.i
        if i >= self.n:
            return
        c = self.s[i]
        if c not in _BLANK_START:
            return
        if c == " " and (i + 1 >= self.n or self.s[i + 1] not in _BLANK_START):
            self.i = i + 1  # one space (most blanks are)
            return
        skip_nl = self.brackets > 0 if newlines is None else newlines
        if not skip_nl and (c == "\n" or c == "\r"):
            return
        if self.n != self.size:
            self._ws_bounded(skip_nl)
            return
        if i == self.blank_from and skip_nl == self.blank_nl:
            self.i = self.blank_to  # the same blanks again (an operator looked for, none)
            return
        blanks = (_BLANKS_NL if skip_nl else _BLANKS).match(self.s, i)
        end = blanks.end() if blanks else i  # (it always matches, perhaps nothing)
        if self.s.startswith("/*", end):
            raise HclError("unterminated /* comment", end)
        self.i = self.blank_to = end
        self.blank_from, self.blank_nl = i, skip_nl

    def _ws_bounded(self, skip_nl: bool) -> None:
        """:meth:`ws` inside a heredoc's content, where the reader stops at the content's
        end (a comment runs on to the end of its line, or ``*/``, in the whole text)."""
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
        s = self.s
        # (``ws`` is called only where a blank starts: the calls it would return from
        # at once were a tenth of the reader's time)
        while True:
            # the blanks, the name, the blanks, ``=`` and an operand ending the
            # attribute, in one match (:data:`_BODY_ITEM`) or read one by one
            m = _BODY_ITEM.match(s, self.i, self.n)
            if m is None:
                if self.i < self.n and s[self.i] in _BLANK_START:
                    self.ws(newlines=True)
                if self.i >= self.n or (not top and s[self.i] == "}"):
                    break
                start = self.i
                m = _IDENT.match(s, start)
                if m is None:
                    raise HclError(f"expected an attribute or block, found {self.peek()!r}", self.i)
                name = m.group(0)
                self.i = name_end = m.end()
                if self.i < self.n and s[self.i] in _BLANK_START:
                    self.ws(newlines=False)
                m = None
            else:
                name = m.group(_BODY_NAME)
                start, name_end = m.span(_BODY_NAME)
                self.i = m.end(_BODY_B1)
                if s.startswith("/*", self.i):  # (as ``ws`` would have found)
                    raise HclError("unterminated /* comment", self.i)
            c = s[self.i] if self.i < self.n else ""
            self.count()
            if c == "=" and not s.startswith("==", self.i):
                if m is not None:
                    at = m.end(_BODY_B2)  # (the value)
                    end = m.end(_BODY_B3)  # (after the value and its blanks, if matched)
                    if end >= 0 and self.depth < self.max_depth:
                        node, count = _value(m, _BODY_V, at)
                        if self.nodes + count <= self.max_nodes:
                            self.nodes += count
                            self.i = end
                            body.attributes.append(
                                Attribute(name, start, name_end, node, start, end))
                            if top and s[end : end + 1] == "}":  # (as ``end_of_item``)
                                raise HclError("expected a new line, found '}'", end)
                            continue
                    if s.startswith("/*", at):
                        raise HclError("unterminated /* comment", at)
                    self.i = at
                else:
                    self.i += 1
                    if self.i < self.n and s[self.i] in _BLANK_START:
                        self.ws(newlines=False)
                expr = self.expr()
                body.attributes.append(Attribute(name, start, name_end, expr, start, self.i))
                self.end_of_item(top)
            elif c in ('"', "{") or _IDENT.match(s, self.i):
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
        i = self.i
        if i < self.n and self.s[i] in _BLANK_START_LINE:
            self.ws(newlines=False)
            i = self.i
        c = self.s[i] if i < self.n else ""
        if c in ("\n", "\r", "") or (c == "}" and not top):
            return
        raise HclError(f"expected a new line, found {c!r}", self.i)

    # -- expressions ----------------------------------------------------------------
    def expr(self) -> Expr:
        """An expression: ``binary(0)``, then perhaps ``? yes : no``.

        Most operands (a name, a string, a number, an object) end their expression: no
        postfix, operator or ``?`` after them. The descent through :meth:`binary`,
        :meth:`unary` and :meth:`postfix` looked for each behind the same blanks, three
        calls each; here the operand is read and what follows it looked at once, and the
        descent taken only when a postfix or an operator follows (from the operand's
        end, as it would have been: the same tree, offsets and errors)."""
        self.depth += 1
        if self.depth > self.max_depth:
            raise HclError(f"nesting deeper than {self.max_depth} levels", self.i)
        try:
            s, n = self.s, self.n
            if self.i < n and s[self.i] in "!-" and not s.startswith("-=", self.i):
                cond = self.binary(0)  # (a unary operator first)
                if self.i < n and s[self.i] in _BLANK_START:
                    self.ws()
            else:
                cond = self.primary()
                end = self.i
                if end < n and s[end] in (_BLANK_START if self.brackets else _BLANK_START_LINE):
                    self.ws()
                at = self.i
                if at < n and s[at] in ".[":  # a postfix perhaps (postfix decides)
                    self.i = end
                    cond = self.postfix(cond)
                    end = self.i
                    if end < n and s[end] in _BLANK_START:
                        self.ws()
                    at = self.i
                if at < self.size and s[at] in _OP_START and self.operator() is not None:
                    self.i = end  # (an operator: ``=`` alone, after an object's key, is none)
                    cond = self.binary(0, cond)
                    if self.i < n and s[self.i] in _BLANK_START:
                        self.ws()
                # (otherwise the cursor is past the blanks, as the blanks skipped
                # again would leave it: nothing after them starts another blank)
            if self.i < n and s[self.i] == "?":
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

    def operator(self) -> tuple[str, int] | None:
        """The binary operator at the cursor and its level (``<<``, ``>>`` are none)."""
        s, i = self.s, self.i
        if i >= self.size or s[i] not in _OP_START:
            return None
        two = s[i : i + 2]
        level = _TWO.get(two)
        if level is not None:
            return two, level
        c = s[i]
        if c in "<>" and two == c + c:
            return None
        one = _ONE.get(c)
        return (c, one) if one is not None else None

    def binary(self, level: int, left: Expr | None = None) -> Expr:
        """Operands joined by operators of ``level`` or above (left-associative); ``left``:
        the first operand when it was read already (:meth:`expr`)."""
        if left is None:
            left = self.unary()
        while True:
            save = self.i
            if save < self.n and self.s[save] in _BLANK_START:
                self.ws()
            if self.i >= self.size or self.s[self.i] not in _OP_START:
                self.i = save  # (most operands end the expression)
                return left
            found = self.operator()
            if found is None or found[1] < level:
                self.i = save
                return left
            op, at = found
            self.i += len(op)
            self.ws()
            right = self.binary(at + 1)
            self.count()
            left = Binary(left.start, right.end, op, left, right)

    def unary(self) -> Expr:
        c = self.s[self.i] if self.i < self.n else ""
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
        s = self.s
        while True:
            save = self.i
            if save < self.n and s[save] in _BLANK_START:
                self.ws()
            c = s[self.i] if self.i < self.n else ""
            if c == "." and not s.startswith("...", self.i):
                self.i += 1
                if self.peek() == "*":
                    self.i += 1
                    expr = Splat(expr.start, self.i, expr)
                    continue
                number = _NUMBER.match(s, self.i)
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
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise HclError(f"more than max-nodes={self.max_nodes} values", self.i)
        start = self.i
        s = self.s
        c = s[start] if start < self.n else ""
        if c == '"':
            simple = _SIMPLE_QUOTED.match(s, start, self.n)
            if simple is not None:  # (as :meth:`template` reads it)
                self.i = simple.end()
                self.count()
                return Template(start, self.i, [simple.group(1)] if self.i - start > 2 else [])
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
        m = _IDENT.match(s, start)  # (:meth:`ident`)
        if m is None:
            raise HclError(f"expected an expression, found {c or 'end of file'!r}", self.i)
        name = m.group(0)
        self.i = m.end()
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
        if self.i < self.n and s[self.i] == "(":
            return self.call(name, start)
        return Variable(start, self.i, name)

    def call(self, name: str, start: int) -> Call:
        self.i += 1
        self.brackets += 1
        args: list[Expr] = []
        expand = False
        s = self.s
        if self.i < self.n and s[self.i] in _BLANK_START:
            self.ws()
        fast = self.depth < self.max_depth
        while self.peek() != ")":
            if fast:
                node = self._element(")")
                if node is not None:
                    args.append(node)
                    continue
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

    def _element(self, closer: str) -> Expr | None:
        """The tuple element or call argument at the position, read by one match
        (:data:`_ELEMENT`) and the position moved past it and its comma; None (nothing
        moved) when it is not one such value followed by ``,`` or ``closer``, or when its
        nodes would pass the reader's limit: the descent then reads it."""
        s = self.s
        m = _ELEMENT.match(s, self.i, self.n)
        if m is not None and (m.end(_ELEMENT_C) >= 0 or s[m.end()] == closer):
            node, count = _value(m, _VN, self.i)
            if self.nodes + count <= self.max_nodes:
                self.nodes += count
                self.i = m.end()
                return node
        return None

    def _for_ahead(self) -> bool:
        """``for`` and a blank: a ``for`` expression (not a name starting with ``for``)."""
        i = self.i
        return self.s.startswith("for", i) and self.s[i + 3 : i + 4] in (" ", "\t", "\n", "\r")

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
        s = self.s
        fast = self.depth < self.max_depth
        while (s[self.i] if self.i < self.n else "") != "]":
            if self.i >= self.n:
                raise HclError("unterminated '['", start)
            if fast:
                node = self._element("]")
                if node is not None:
                    items.append(node)
                    continue
            items.append(self.expr())
            if self.i < self.n and s[self.i] in _BLANK_START:
                self.ws()
            c = s[self.i] if self.i < self.n else ""
            if c == ",":
                self.i += 1
                if self.i < self.n and s[self.i] in _BLANK_START:
                    self.ws()
            elif c != "]":
                raise HclError(f"expected ',' or ']', found {c!r}", self.i)
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
        s = self.s
        fast = self.depth < self.max_depth  # (the key's and value's expressions are deeper)
        while (s[self.i] if self.i < self.n else "") != "}":
            if self.i >= self.n:
                raise HclError("unterminated '{'", start)
            # a key that is a name or a plain string, ``=`` or ``:``, and perhaps a value
            # ending its expression, in one match (:data:`_ITEM`), or read one by one
            m = _ITEM.match(s, self.i, self.n) if fast else None
            if m is not None:
                at = self.i
                name = m.group(1)
                if name is not None:
                    word = _WORDS.get(name, _WORDS)
                    if word is _WORDS:
                        key: Expr = Variable(at, m.end(1), name)
                    else:
                        key, name = Literal(at, m.end(1), word), None
                    counted = 1
                else:
                    name = m.group(2)
                    key, counted = Template(at, m.end(2) + 1, [name] if name else []), 2
                if self.nodes + counted + 2 > self.max_nodes:
                    m = None  # (the descent raises where it counts past the limit)
            if m is not None:
                at = m.end(_ITEM_AT)  # (the value)
                end = m.end()
                if m.end(_ITEM_B3) >= 0:
                    value, count = _value(m, _ITEM_V, at)
                    if self.nodes + counted + count <= self.max_nodes:
                        self.nodes += counted + count
                        items.append(ObjectItem(key, value, name))
                        self.i = end
                        continue
                if s.startswith("/*", at):
                    m = None  # (a comment the blanks did not close: the descent decides)
            if m is not None:
                self.nodes += counted
                self.i = at
            else:
                key = self.expr()
                name = None
                if isinstance(key, Variable):
                    name = key.name
                elif isinstance(key, Template) and all(isinstance(p, str) for p in key.parts):
                    name = "".join(p for p in key.parts if isinstance(p, str))
                if self.i < self.n and s[self.i] in _BLANK_START:
                    self.ws()
                found = s[self.i] if self.i < self.n else ""
                if found not in ("=", ":"):
                    raise HclError(
                        f"expected '=' or ':' after an object key, found {found!r}", self.i)
                self.i += 1
                if self.i < self.n and s[self.i] in _BLANK_START:
                    self.ws()
            value = self.expr()
            items.append(ObjectItem(key, value, name))
            if self.i < self.n and s[self.i] in _BLANK_START:
                self.ws()
            if self.i < self.n and s[self.i] == ",":
                self.i += 1
                if self.i < self.n and s[self.i] in _BLANK_START:
                    self.ws()
        self.i += 1
        self.brackets -= 1
        return Object(start, self.i, items)

    def skip_balanced(self, open_: str, close: str, start: int) -> None:
        """Skip a ``for`` expression to its closing bracket (strings and templates respected)."""
        depth = 1
        s = self.s
        while depth:
            self.ws(newlines=True)
            if self.i >= self.n:
                raise HclError(f"unterminated {open_!r}", start)
            c = s[self.i]
            if c == '"':
                self.template()
            elif c == "<" and _HEREDOC_START.match(s, self.i):
                self.heredoc()
            elif c in "([{":
                depth += 1
                self.i += 1
            elif c in ")]}":
                depth -= 1
                self.i += 1
            else:
                run = _FOR_RUN.match(s, self.i, self.n)
                self.i = run.end() if run else self.i + 1

    # -- templates ------------------------------------------------------------------
    def template(self) -> Template:
        """A quoted template starting at ``"``."""
        start = self.i
        simple = _SIMPLE_QUOTED.match(self.s, start, self.n)
        if simple is not None:  # no escape, no interpolation (most strings)
            self.i = simple.end()
            self.count()
            return Template(start, self.i, [simple.group(1)] if simple.end() - start > 2 else [])
        self.i += 1
        parts: list[str | Expr] = []
        text: list[str] = []
        s = self.s
        run = _QUOTED_RUN.match
        while True:
            if self.i >= self.n:
                raise HclError("unterminated string", start)
            plain = run(s, self.i, self.n)
            if plain is not None:
                text.append(plain.group())
                self.i = plain.end()
                continue
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
            if self.i < self.n and s[self.i] in _BLANK_START:
                self.ws()
            if self.peek() == "~":
                self.i += 1
                self.ws()
            expr = self.expr()
            if self.i < self.n and s[self.i] in _BLANK_START:
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
        found = _closing(marker).search(self.s, content_start)
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
        s = self.s
        run = _HEREDOC_RUN.match
        try:
            while self.i < end:
                plain = run(s, self.i, end)
                if plain is not None:
                    text.append(plain.group())
                    self.i = plain.end()
                    continue
                if self.interpolation(parts, text):
                    continue
                text.append(s[self.i])
                self.i += 1
        finally:
            self.n = saved_n
        if text:
            parts.append("".join(text))
        self.count()
        return Template(begin, end, parts, heredoc=heredoc, content_start=begin, content_end=end)
