"""SARIF URIs are written without urllib.parse and pathlib: the same text as theirs."""

from __future__ import annotations

import os
import random
from pathlib import Path
from urllib.parse import quote

import pytest

from spotlint.report import base


def _names() -> list[str]:
    rng = random.Random(7)
    pieces = ["a", "Z", "0", "_", ".", "-", "~", "/", " ", "%", "#", "?", "+", "&", "=", ":",
              "@", "!", "$", "'", "(", ";", ",", "\u00e9", "\u6f22", "\U0001f600", "\udcff",
              "\t", "[", "]", "\\"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(3000)]


def test_quote_is_urllibs() -> None:
    for name in _names():
        raw = os.fsencode(name)
        assert base._quote(raw) == quote(raw, safe="/"), name


@pytest.mark.skipif(os.name != "posix", reason="pathlib itself is used elsewhere")
def test_file_uris_are_pathlibs() -> None:
    for name in _names():
        absolute = os.path.abspath("/" + name)
        assert base._file_uri(absolute) == Path(absolute).as_uri(), name


def test_a_sarif_run_needs_neither() -> None:
    """With both made unimportable (after start-up, which may use them), a SARIF
    run of the examples still writes its log."""
    import json
    import subprocess
    import sys

    code = ("import sys\n"
            "for name in ('urllib.parse', 'pathlib'): sys.modules[name] = None\n"
            "from spotlint.cli.main import main\n"
            "main(['check', 'examples', '--exit-zero', '--format', 'sarif'])\n")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr[-500:]
    run = json.loads(done.stdout)["runs"][0]
    assert run["results"] and run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")


def test_absolute_is_abspath() -> None:
    """A path already absolute and normal is answered as it is; every other one as
    os.path.abspath answers it (empty, ``.`` and ``..`` components, doubled or
    final separators, relative paths)."""
    tricky = ["/", "//", "///a", "//a/b", "/a//b", "/a/./b", "/a/../b", "/a/b/", "/a/b/.",
              "/a/b/..", "/.hidden/x", "/a/.b/c", "/a/b..c", "/a/b.", "/a", "rel", ".", "..",
              "a/../b", "", "/a/b\u00e9/c", "/tmp/x y/z"]
    names = [name for name in _names() if "\x00" not in name]
    for path in tricky + names + ["/" + name for name in names]:
        assert base.absolute(path) == os.path.abspath(path), path
