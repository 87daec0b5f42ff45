"""atheris target: bytes under every file name through the loaders and normalizers.

Run with ``python fuzz/fuzz_loader.py fuzz/corpus/`` (see docs/safety.md). Any
exception escaping :func:`spotlint.engine.lint` is a bug, since bad input must
become findings; atheris reports it with a reproducer.
"""

from __future__ import annotations

import os
import sys
import tempfile

import atheris

with atheris.instrument_imports():
    from spotlint.config.settings import Settings
    from spotlint.engine import lint

NAMES = ("input.yaml", "input.json", "spark-defaults.conf", "submit.sh")
ROOT = tempfile.mkdtemp(prefix="spotlint-fuzz-")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    path = os.path.join(ROOT, name)
    with open(path, "wb") as handle:
        handle.write(data[1:])
    lint([path], Settings(root=ROOT))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
