"""The HCL reader gives what the plain reader it replaced gave (``tests/support/hcl_reference.py``).

The reader was made faster (compiled regular expressions for blanks, comments and
template text; one precedence-climbing loop for operators). These tests hold it to
the reader it replaced on every Terraform file of the examples, rule examples and
test fixtures (and ``../shared/corpus`` when present), on snippets of every syntax
form, on damaged copies of all of them (cut, a character dropped, a token put in),
and on hostile input (deep nesting, node limits): the same tree, node for node with
the same offsets, or the same error at the same offset.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support import hcl_reference as old
from support.shapes import shape

from spotlint.load import hcl
from spotlint.load.base import Limits

REPO = Path(__file__).resolve().parents[2]
#: ``../shared/corpus`` adds its Terraform files when it is beside the clone
SHARED = REPO.parent / "shared"

SUFFIXES = (".tf", ".tf.json", ".tfvars", ".hcl")

SNIPPETS = [
    'a = 1 + 2 * 3 - 4 / 5 % 6\nb = x || y && !z\nc = a == b != c\nd = a <= b >= c < d > e\n',
    'a = -1\nb = !true\nc = - - x\nd = (1 + 2) * 3\ne = a ? b : c ? d : e\nf = 1.5e3\n',
    'a = x.y[0].z[*].w\nb = x.*.y\nc = x[ * ]\nd = f(a, b...)\ne = provider::aws::arn(x)\n',
    'a = [for x in y : x if x]\nb = {for k, v in m : k => v...}\nc = [ for x in "a]b" : x]\n',
    'a = "x${b}y${c.d["e"]}z"\nb = "$${x}%%{y}"\nc = "%{ if x }y%{ else }z%{ endif }"\n',
    'a = "\\n\\t\\r\\"\\\\ \\u00e9 \\U0001F600 \\uZZZZ \\q"\nb = "${ ~x ~}"\n',
    'a = <<EOT\nline ${x}\n  %{ for i in y }${i}%{ endfor }\nEOT\n'
    'b = <<-EOT\n    a\n      b\n    EOT\n',
    'a = <<EOT\n${ x # comment\n}\n${ y /* c */ }\n$${ z } 100%\nEOT\n',
    'block "a" "b" {\n  x = 1\n  inner {\n    y = [1, 2,\n      3]\n  }\n}\nempty {}\n',
    'o = {\n  a = 1, b = 2\n  "c" = 3\n  d : 4\n  (e) = 5\n  f.g = 6\n}\n',
    '# c\n// c\n/* c\n c */ a = 1 /* c */\nb = 2 # c\r\nc = 3\r',
    'a = x[\n  1\n]\nb = f(\n  1,\n  2,\n)\nc = (\n  1\n  + 2\n)\n',
    # an operand, then blanks and what may continue it (a postfix, an operator, ``?``),
    # in brackets (new lines are blanks) and out of them, comments between
    'o = {\n  a = b == c\n  d = e\n  .f\n  g = h [0] /* c */ .i\n  j = k # c\n  ? l : m\n'
    '  n = p\n  - q\n  r = s\n  != t\n  u = "v" + w\n  x = [y] [0]\n}\nf = g(h..., i)\n',
    'a = b\nc = d /* c */ ? e : f\ng = h [0]\nj = k\t\t+ l\nm = true\nn = -1\n',
    'a = b\n.c\n', 'a = { b = 1 = 2 }\n', 'a = n !\n', 'a = x ... \n', 'a = (b\n.c)\n',
    'a = 1 << 2\nb = 1 >> 2\n', 'a = b -= c\n', 'a == b\n', 'a = 1 b = 2\n', 'a b c = 1\n',
    'a = "\n"\n', 'a = "${x\n', 'a = <<EOT\nno end\n', 'a = <<\n', 'a = [1, 2\n',
    'a = {b = 1\n', 'a = f(1 2)\n', 'a = x.\n', 'a = x::\n', 'a = /* open\n', 'a = %{ x\n',
    '', '\n\n', '}', 'a = ', 'a', '"a" {}\n', 'a "b" c {\n}\n', 'a = "x"y\n',
    'a = {for x in y : x\n', 'a = <<EOT\n${x\n  EOT\n', 'a = <<-EOT\n  ${x +\n\t EOT\n',
    'a = <<EOT\n${ [for x in y : x\n EOT\n', 'a = <<EOT\n%{ if x \n  EOT\n',
    'a = ["${x}" "y"]\n', 'a = x ? y\n', 'a = @\n', 'a = 1.\n',
    # operands read by one match (names, traversals, numbers, plain strings) where the
    # match must stop where the descent stops: a call or ``::`` after a name, a postfix
    # or operator after blanks and comments, a number's parts, an unclosed comment
    'a = abc(1)\nb = x.yz(2)\nc = f::g(3)\nd = x.y::z\ne = x .y\nf = x. y\ng = x.0\n',
    'a = 12.5.x\n', 'a = 1e5.x\n', 'a = {k = abc(1)}\n', 'a = {k = x.yz(1)}\n',
    'a = {k = 12.5.x}\n', 'a = {k = 1e5.x}\n', 'a = {k = 1e+}\n', 'a = {k = p::f(1)}\n',
    'a = 1e+\n', 'a = 1e\n', 'a = 1.x\n', 'a = 7.0e+2 \n',
    'a = b  + c\n', 'a = b /* x */ + /* y */ c\n', 'a = b // c + d\ne = f # + g\n',
    'a = true.x\nb = null.y.z\nc = false\nd = "" \ne = "100%" \nf = "a$b"\n',
    'a = [1, /* x\n', 'a = {b = 1, /* x\n', 'a = f(1, /* x\n', 'a = /* x\n', 'a /* x\n',
    'a = { b = /* x\n', 'a = 1 /* x\n', 'a = [1 2]\n', 'a = [1, 2 3]\n', 'a = f(1 2)\n',
    'a = [1)\n', 'a = f(1]\n', 'a = [f(x], 2)]\n', 'a = [1, )\n',
    'a = {b = 1 c = 2}\n', 'a = {b = 1\n,c = 2,}\n', 'a = [\n1\n,\n2\n]\n', 'a = 1 }\n',
    'b {\n  a = 1 }\n',
    'a = {\n  true = 1, "x" = 2, "" = 3, null : 4, a.b = 5, 1 = 6, "a${b}" = 7\n}\n',
    'a = { b == c }\n', 'a = { b := 1 }\n', 'a = { f(x) = 1 }\n', 'a = { b = c ? d : e }\n',
    'a = {\n  b = c\n  - d\n  e = f\n  .g\n  h = i\n  [0]\n  j = k\n}\n',
    'a = [b\n  + c, d\n  .e, f [0], g /* c */ ]\nh = f(a\n, b\n)\n',
    'a\t=\t1\t\nb\f=\v2\r\nc = "x"\r\n\r\nd = e.f\r', 'é = 1\n', 'a = é\n', 'a = {é = 1}\n',
    'a = "${ a }${b.c}${ d.e }"\nb = "${ ~a ~}"\nc = "${ {k = 1, j = [2, x]} }"\n',
    'a = <<EOT\n${ {k = 1, j = [2, f(x, y)], "s" = "t"} }\n${ x.y } ${ [1, 2] }\nEOT\n',
    'a = <<EOT\n${ [1, /* c\nEOT\n*/ 2] }\n', 'a = <<EOT\n${ {k = /* c\nEOT\n*/ 1} }\n',
    'a = <<EOT\n${ f(1, /* c\nEOT\n*/ 2) }\n', 'a = <<EOT\n${ x /* c\nEOT\n*/ }\n',
    'a = <<EOT\n${ {k = 1, /* c\nEOT\n*/ j = 2} }\n',
    'a = [format("x")]\nb = {for_each = 1}\nc = [for]\nd = [for\n]\ne = {for}\n',
    'f = [for x in y: x]\n',
    'b {} # c\nd {} /* c */ \ne {}\f\ng {} // c\nh {}\t\r\ni {} /* c\n',
]


def _files() -> list[Path]:
    roots = [REPO / "examples", REPO / "rules" / "examples", REPO / "tests", SHARED / "corpus"]
    found = [p for root in roots if root.is_dir() for p in sorted(root.rglob("*"))
             if p.is_file() and p.name.lower().endswith(SUFFIXES)]
    assert len(found) >= 30, "the examples and fixtures hold Terraform files"
    return found


def _outcome(read: Callable[[str, Limits], Any], text: str, limits: Limits) -> Any:
    try:
        return ("tree", shape(read(text, limits)))
    except RecursionError:
        return ("recursion",)
    except Exception as exc:  # both readers' HclError: compared by message and offset
        return (type(exc).__name__, str(exc), getattr(exc, "offset", None))


READERS = [
    (hcl.parse, old.parse),
    (hcl.parse_expression, old.parse_expression),
    (hcl.parse_template, old.parse_template),
]


def _same(text: str, limits: Limits | None = None) -> None:
    for new, reference in READERS:
        limit = limits or Limits()
        assert _outcome(new, text, limit) == _outcome(reference, text, limit), (
            new.__name__, text[:200])


def _damaged(text: str, rng: random.Random, count: int) -> Iterator[str]:
    """Copies of ``text`` cut short, with a character dropped, or with a token put in."""
    tokens = ['"', "{", "}", "[", "]", "(", ")", "${", "%{", "/*", "*/", "#", "\n", "<<EOT\n",
              "=", ",", "?", ":", "..", "\\", "$", "~", "for ", "<", "!"]
    if not text:
        return
    for _ in range(count):
        at = rng.randrange(len(text))
        choice = rng.randrange(3)
        if choice == 0:
            yield text[:at]
        elif choice == 1:
            yield text[:at] + text[at + 1:]
        else:
            yield text[:at] + rng.choice(tokens) + text[at:]


def test_every_terraform_file_reads_the_same() -> None:
    files = _files()
    for path in files:
        _same(path.read_text("utf-8", "replace"))


def test_every_syntax_form_reads_the_same() -> None:
    for text in SNIPPETS:
        _same(text)
    # the snippets parse into trees (not only errors): the comparison compares trees
    assert isinstance(hcl.parse(SNIPPETS[6]), hcl.Body)


@pytest.mark.parametrize("seed", [1, 2])
def test_damaged_copies_read_the_same(seed: int) -> None:
    rng = random.Random(seed)
    errors = 0
    texts = [*SNIPPETS, *(p.read_text("utf-8", "replace") for p in _files())]
    for text in texts:
        for damaged in _damaged(text, rng, 6 if len(text) > 2000 else 12):
            _same(damaged)
            try:
                hcl.parse(damaged)
            except hcl.HclError:
                errors += 1
    assert errors > 100, "damaged copies exercise the error paths"


def test_limits_and_hostile_input_read_the_same() -> None:
    deep = ["a = " + "[" * n + "]" * n + "\n" for n in (10, 63, 64, 65, 200)]
    deep += ["a = " + "!" * n + "x\n" for n in (60, 70)]
    deep += ["a = " + "(" * n + "1" + ")" * n + "\n" for n in (30, 70)]
    deep += ["b {\n" * n + "}\n" * n for n in (20, 70)]
    deep += ['a = "' + "${" * 40 + "x" + "}" * 40 + '"\n']
    deep += ["a = " + " + ".join(["x"] * 3000) + "\n"]
    for text in deep:
        _same(text)
    wide = "a = [" + ", ".join(str(n) for n in range(500)) + "]\n"
    for nodes in (10, 100, 499, 501, 502):
        _same(wide, Limits(max_nodes=nodes))
    _same(wide * 3, Limits(max_depth=3, max_nodes=1000))


def test_limits_reached_inside_operands_read_by_one_match() -> None:
    """Every node count and depth at which the reader stops, around attributes, object
    items, elements and arguments read in one match: the same error at the same place."""
    text = (
        'a = x.y.z\nb = "s"\nc = 1\nd = {k = v.w, "s" = "t", n = 2, o = {p = [1, "q", r.s]}}\n'
        'e = f(1, "x", y.z)\ng { h = true\n i = {j = null} }\n'
    )
    assert isinstance(hcl.parse(text), hcl.Body)
    for nodes in range(1, 45):
        _same(text, Limits(max_nodes=nodes))
    for depth in range(1, 6):
        _same(text, Limits(max_depth=depth))
        _same("g {\n  h {\n    i = 1\n    j = {k = 2}\n  }\n}\n", Limits(max_depth=depth))
