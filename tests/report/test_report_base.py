from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from spotlint.report import BUILTIN_REPORTERS, Reporter, UnknownFormatError, get_reporter
from spotlint.report.base import path_uri, relative_path
from spotlint.report.text import TextReporter
from spotlint.result import RunResult


@pytest.mark.parametrize("name", sorted(BUILTIN_REPORTERS))
def test_every_builtin_format_renders_a_run(name: str, result: RunResult) -> None:
    reporter = get_reporter(name)
    assert isinstance(reporter, Reporter)
    out = reporter.render(result)
    assert isinstance(out, str)
    assert out.strip()


def test_unknown_format_names_the_choices() -> None:
    with pytest.raises(UnknownFormatError, match=r"unknown output format 'xml'.*sarif"):
        get_reporter("xml")


class Shout:
    def render(self, result: RunResult) -> str:
        return "LOUD"


def test_formats_come_from_the_table_given(result: RunResult) -> None:
    table = {"shout": Shout, "x": "spotlint.report.json:JsonReporter"}
    assert get_reporter("shout", table).render(result) == "LOUD"
    assert get_reporter("x", table).render(result)[0] == "{"
    with pytest.raises(UnknownFormatError, match=r"'text' \(choose from shout, x\)"):
        get_reporter("text", table)


def test_options_reach_only_reporters_that_take_them(result: RunResult) -> None:
    text = get_reporter("text", color=True)
    assert isinstance(text, TextReporter) and text.color
    assert "\x1b[" not in get_reporter("json", color=True).render(result)
    assert get_reporter("shout", {"shout": Shout}, color=True).render(result) == "LOUD"


def test_importing_the_package_does_not_import_every_reporter() -> None:
    code = (
        "import sys, spotlint.report as r; r.get_reporter('text');"
        "print(sorted(m for m in sys.modules if m.startswith('spotlint.report.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "spotlint.report.text" in out
    assert "sarif" not in out and "junit" not in out


def test_paths_become_relative_posix_percent_encoded_uris(repo: Path) -> None:
    assert relative_path("jobs/etl.yaml", ".") == "jobs/etl.yaml"
    assert relative_path(str(repo / "a" / "b.yaml"), str(repo)) == "a/b.yaml"
    assert relative_path("./x/../y.yaml", ".") == "y.yaml"
    assert path_uri("pools/spot pool#1.yaml", ".") == ("pools/spot%20pool%231.yaml", True)
    assert path_uri("jobs/ärger.yaml", ".") == ("jobs/%C3%A4rger.yaml", True)


def test_paths_outside_the_root_keep_an_absolute_file_uri(repo: Path) -> None:
    (repo / "sub").mkdir()
    assert relative_path("other.yaml", "sub") is None
    uri, relative = path_uri("other.yaml", "sub")
    assert not relative
    assert uri == (repo / "other.yaml").as_uri()


def test_the_reporter_protocol_is_imported_when_asked_for() -> None:
    # ``typing`` is not imported on a run's way (spotlint.report.protocol): the report
    # package and its base module give the protocol on first use, the same class.
    from spotlint.report import base, protocol

    assert base.Reporter is Reporter is protocol.Reporter
    assert isinstance(Shout(), base.Reporter)
    with pytest.raises(AttributeError, match="no_such_name"):
        base.no_such_name  # noqa: B018
    script = ("import sys; from spotlint.report import get_reporter; "
              "get_reporter('json'); print('typing' in sys.modules); "
              "from spotlint.report import Reporter; print('typing' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["False", "True"]
