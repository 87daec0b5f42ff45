"""Splice and Effect are tuples with named fields, made without compiling anything.

A process's first ``compile`` sets up Python's AST types (~1.4 ms): importing the
modules a JSON or SARIF run places fixes with must not be what does it (a
``typing.NamedTuple`` compiles its ``__new__`` and each string annotation).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

from spotlint.fix.resolve import Effect, Splice

_IMPORT = """
import sys
compiled = []
sys.addaudithook(lambda event, args: compiled.append(args[1]) if event == "compile"
                 and not str(args[1]).endswith(".py") else None)
import spotlint.fix.place, spotlint.fix.resolve
print(compiled)
"""


def test_importing_fix_placement_compiles_nothing() -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}  # (sources compiled: not counted)
    done = subprocess.run([sys.executable, "-c", _IMPORT], capture_output=True, text=True,
                          check=True, env=env)
    assert done.stdout.strip() == "[]", done.stdout


def test_splice_and_effect_are_their_fields_tuples() -> None:
    splice = Splice(3, 7, "new")
    assert (splice.start, splice.end, splice.new) == (3, 7, "new") == splice
    assert hash(splice) == hash((3, 7, "new")) and tuple(splice) == (3, 7, "new")
    start, end, new = splice
    assert (start, end, new) == (3, 7, "new")
    assert repr(splice) == "Splice(start=3, end=7, new='new')"
    assert sorted([Splice(5, 5, "b"), Splice(2, 9, "a")])[0] == Splice(2, 9, "a")
    effect = Effect("insert", ("spec", 0), (("a", "b"), "v"))
    assert (effect.kind, effect.path, effect.payload) == ("insert", ("spec", 0), (("a", "b"), "v"))
    assert effect == ("insert", ("spec", 0), (("a", "b"), "v"))
    assert repr(effect) == "Effect(kind='insert', path=('spec', 0), payload=(('a', 'b'), 'v'))"
    for value in (splice, effect):
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(value, protocol))
            assert back == value and type(back) is type(value)
