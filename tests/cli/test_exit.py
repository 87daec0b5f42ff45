"""How the console script ends: its output whole, its exit handlers run, its status kept.

The entry point ends a command run from the console script with ``os._exit``
(:func:`spotlint.cli.main._exit`): tearing the interpreter down object by object
is skipped. What a normal exit does that matters must still happen: Python's
buffered stdout and stderr reach the reader, and handlers registered with
``atexit`` (a prefetched git listing's, a plugin's) run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import DRIVER_ON_SPOT

SCRIPT = """\
import atexit, sys
from spotlint.cli.main import main

def handler():
    with open("handler-ran", "w") as out:
        out.write("yes")
    sys.stderr.write("handler wrote to stderr")
    sys.stdout.write("handler wrote to stdout")  # (a pipe: held in Python's buffer)

atexit.register(handler)
sys.argv = ["spotlint", *{args!r}]
main()
"""


#: Python's streams buffered, as they are by default
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}, "NO_COLOR": "1"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for number in range(40):  # an output larger than a pipe's buffer chunk
        (tmp_path / f"driver{number}.yaml").write_text(DRIVER_ON_SPOT)
    return tmp_path


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["check", "--format", "json", "."], 1),  # the click-free path
        (["check", "--format", "json", "--exit-zero", "."], 0),
        (["check", "--format", "json", "--no-cache", "."], 1),  # through click
    ],
)
def test_the_console_script_ends_with_its_output_and_exit_handlers(
    repo: Path, args: list[str], code: int
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(args=args)], cwd=repo, capture_output=True,
        text=True, env=ENV, timeout=120,
    )
    assert done.returncode == code
    report, _, last = done.stdout.rpartition("\n")
    assert len(json.loads(report)["findings"]) >= 40  # every byte was flushed
    assert last == "handler wrote to stdout"
    assert (repo / "handler-ran").read_text() == "yes"
    assert done.stderr.endswith("handler wrote to stderr")


def test_a_caller_passing_arguments_gets_system_exit(repo: Path) -> None:
    from spotlint.cli.main import main

    cwd = os.getcwd()
    os.chdir(repo)
    try:
        with pytest.raises(SystemExit) as exit:
            main(["check", "--format", "json", "--output", "out.json", "."])
    finally:
        os.chdir(cwd)
    assert exit.value.code == 1
    assert (repo / "out.json").read_text().startswith("{")
