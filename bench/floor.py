"""The floor: a bare single-process parse of the files spotlint would consider.

Reads every candidate file (the names spotlint's discovery accepts) and composes
YAML and JSON with libyaml's C composer, which keeps positions as spotlint must;
other candidates (``.conf``, ``.sh``) are only read and decoded. No model, no
rules: what any position-keeping linter pays at least if it looked at every
document. Run as its own process so start-up is counted as for spotlint.

``--parsed`` composes only the files spotlint parses: those its byte prefilter
(:func:`spotlint.load.prefilter.is_relevant`) lets through; the others are only
read, as spotlint reads them. That is the honest floor for a ratio: a linter
that skips 89% of a corpus unparsed can look faster than a floor that parses
everything while being slow on what it does parse.

Usage: ``python bench/floor.py DIR [--parsed]`` prints ``files bytes documents
errors parsed_files``.
"""

from __future__ import annotations

import importlib
import os
import sys

import yaml

SUFFIXES = (".yaml", ".yml", ".json", ".conf", ".sh")
SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "__pycache__"}


def main(top: str, parsed_only: bool = False) -> int:
    relevant = None
    if parsed_only:
        relevant = importlib.import_module("spotlint.load.prefilter").is_relevant
    files = size = documents = errors = parsed = 0
    for directory, subdirs, names in os.walk(top):
        subdirs[:] = sorted(d for d in subdirs if d not in SKIP_DIRS)
        for name in sorted(names):
            if not name.lower().endswith(SUFFIXES):
                continue
            with open(os.path.join(directory, name), "rb") as handle:
                data = handle.read()
            files += 1
            size += len(data)
            if relevant is not None and not relevant(data):
                continue
            text = data.decode("utf-8", errors="replace")
            parsed += 1
            if not name.lower().endswith((".yaml", ".yml", ".json")):
                continue
            try:
                for _ in yaml.compose_all(text, Loader=yaml.CSafeLoader):
                    documents += 1
            except yaml.YAMLError:
                errors += 1
    print(files, size, documents, errors, parsed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--parsed" in sys.argv[2:]))
