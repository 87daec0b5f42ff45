"""Patterns most runs never use are compiled when first asked, not when spotlint starts.

Every module imported before a split run forks compiles its module-level patterns
serially, in the parent. The patterns below serve rare input only (template
directive lines, properties escapes, Helm values file names, very long shell
arguments, JSON near the node limit, the index's shared strings): each is a
cached function. These tests check that importing the modules compiles none of
them, and that each function hands back one compiled pattern, the same each time.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from spotlint.index import records
from spotlint.load import files, properties, templated
from spotlint.recognize import helm, shell

_LAZY = {
    "templated._quiet": templated._quiet,
    "templated._action": templated._action,
    "properties._escape": properties._escape,
    "properties._spark_line": properties._spark_line,
    "helm._values_file": helm._values_file,
    "shell._template_hint": shell._template_hint,
    "files._json_string": files._json_string,
    "records._shared_ref": records._shared_ref,
}

_CHECK = """
import json, re, sys
sys.pycache_prefix = BYTECODE  # bytecode (and patterns kept by a run) looked for there
import spotlint.engine.run, spotlint.index.records, spotlint.load.files
import spotlint.load.properties, spotlint.load.templated
import spotlint.recognize.helm, spotlint.recognize.shell
cached = {key[1] for key in re._cache if isinstance(key, tuple) and len(key) > 1}
print(json.dumps(sorted(p for p in cached if isinstance(p, str))))
"""


@pytest.mark.skipif(not isinstance(getattr(re, "_cache", None), dict),
                    reason="this Python's re keeps no such cache")
def test_importing_spotlint_compiles_none_of_them(tmp_path: Path) -> None:
    code = _CHECK.replace("BYTECODE", repr(str(tmp_path)))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    compiled = set(json.loads(done.stdout))
    assert len(compiled) > 10  # the cache is where compiled patterns go: the check means something
    assert {name for name, lazy in _LAZY.items() if lazy().pattern in compiled} == set()


@pytest.mark.parametrize("name", sorted(_LAZY))
def test_each_is_compiled_once(name: str) -> None:
    lazy = _LAZY[name]
    assert isinstance(lazy(), re.Pattern)
    assert lazy() is lazy()
