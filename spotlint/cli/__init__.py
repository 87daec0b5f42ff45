"""The command line, above the engine: parse, run, report, exit.

* :mod:`.main`: the entry point, with the click-free fast path pre-commit and CI invocations use;
* :mod:`.commands`: the click commands (``check``, ``rules``, ``rule``);
* :mod:`.check`: ``spotlint check`` as a typed function returning an exit code;
* :mod:`.fixing`: ``--fix``/``--diff``, the loop of lint passes and edits;
* :mod:`.rule_docs`: rule pages and the catalog (``spotlint rule``, ``rules``, the docs).

``main`` is importable from here too, so ``spotlint.cli:main`` (the console
script of older installs) keeps working.
"""

from spotlint.cli.main import main

__all__ = ["main"]
