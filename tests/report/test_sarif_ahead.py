"""SARIF results written ahead (SarifReporter.write_ahead / written_ahead: each process
of a split run writes its own findings' results, line hashes included, while the
parent waits) are reported as they are, and the log is byte for byte the one written
without them."""

from __future__ import annotations

import pickle
import random
from pathlib import Path
from typing import Any

import pytest
from support.written import placed_run

from spotlint.finding import Finding
from spotlint.location import Location
from spotlint.report.sarif import SarifReporter, _TextLines, line_hashes
from spotlint.result import RunResult, Source
from spotlint.rule import Severity

ROOT = Path(__file__).resolve().parents[2]


def _reporter(root: str, **kwargs: Any) -> SarifReporter:
    reporter = SarifReporter(**kwargs)
    reporter.ahead_root = root
    return reporter


def _text(result: RunResult, finding: Finding) -> str | None:
    source = result.sources.get(finding.location.path)
    return source.text if source is not None and source.utf8 else None


def test_a_log_with_results_written_ahead_is_the_same() -> None:
    result = placed_run(ROOT / "examples")
    assert len({f.location.path for f in result.findings}) > 5
    assert any(f.fix is not None and f.fix.edits for f in result.findings)
    expected = SarifReporter().render(result)
    ordered = list(result.findings)
    for findings in (ordered, ordered[::2], ordered[1::3], ordered[::-1], ordered[:1]):
        reporter = _reporter(result.root)
        for finding in findings:
            reporter.write_ahead(finding, _text(result, finding))
        assert len(reporter._ahead) == len(findings)
        assert reporter.render(result) == expected
        assert reporter._ahead == {}  # (taken by render: the log holds them now)
        assert reporter.render(result) == expected  # (and written again, alike)


def test_results_written_elsewhere_are_kept_and_taken() -> None:
    """What one reporter writes (in another process: pickled) another keeps; render
    takes the kept text as it is."""
    result = placed_run(ROOT / "examples")
    expected = SarifReporter().render(result)
    writer, keeper = _reporter(result.root), _reporter(result.root)
    for finding in result.findings:
        written = pickle.loads(pickle.dumps(writer.written_ahead(finding, None)))
        assert isinstance(written, str)
        keeper.keep_ahead(finding, written)
    assert keeper.render(result) == expected
    # the kept text is what the log holds
    first = result.findings[0]
    marked = _reporter(result.root)
    marked.keep_ahead(first, '"kept"\n        }')
    assert '"text": "kept"' in marked.render(result)
    # a finding equal to the one kept for, but another object: not taken
    other = _reporter(result.root)
    other.keep_ahead(pickle.loads(pickle.dumps(first)), '"kept"\n        }')
    assert other.render(result) == expected


def test_nothing_is_written_ahead_without_the_root_or_an_indentation() -> None:
    result = placed_run(ROOT / "examples")
    finding = result.findings[0]
    assert SarifReporter().written_ahead(finding) is None  # (no root told)
    assert _reporter(result.root, indent=None).written_ahead(finding) is None
    for indent in (None, 0, 4):
        expected = SarifReporter(indent=indent).render(result)
        reporter = _reporter(result.root, indent=indent)
        for each in result.findings:
            reporter.write_ahead(each)
        assert bool(reporter._ahead) is (indent is not None)
        assert reporter.render(result) == expected


def test_results_written_for_another_root_are_not_taken(tmp_path: Path) -> None:
    result = placed_run(ROOT / "examples")
    expected = SarifReporter().render(result)
    reporter = _reporter(str(tmp_path))  # (every path is outside it: no line hash)
    for finding in result.findings:
        reporter.write_ahead(finding)
    assert len(reporter._ahead) == len(result.findings)
    assert reporter.render(result) == expected


def test_without_line_hashes_the_results_are_written_ahead_without(tmp_path: Path) -> None:
    result = placed_run(ROOT / "examples")
    expected = SarifReporter(line_hashes=False).render(result)
    assert "primaryLocationLineHash" not in expected
    reporter = _reporter(result.root, line_hashes=False)
    for finding in result.findings:
        reporter.write_ahead(finding, _text(result, finding))
    assert reporter.render(result) == expected


def _finding(path: str, line: int) -> Finding:
    return Finding(code="SL101", name="x", severity=Severity.WARNING, message="m",
                   location=Location(path, line, 1, max(line, 1), 2), fingerprint="f:0")


def test_line_hashes_written_ahead_are_those_render_finds(tmp_path: Path) -> None:
    texts = {
        "a.yaml": "a: 1\nb: 2\n" * 30,
        "b.yaml": "k: v\r\nk: v\r\n\u00e9: x\n\U0001f600: y\n" * 5,  # CR LF, beyond the BMP
        "c.yaml": "x: 1\n",
        "d.yaml": "y: 2\n",  # a finding at line 0 alone: no line is hashed
        "e.yaml": "\u00e9:\n  - a\n  - a\n" * 40,  # not ASCII, short lines repeated
    }
    for name, text in texts.items():
        (tmp_path / name).write_bytes(text.encode("utf-8"))
    paths = {name: str(tmp_path / name) for name in texts}
    findings = [_finding(paths["a.yaml"], line) for line in (0, 1, 2, 31, 60, 61, 99)]
    findings += [_finding(paths["b.yaml"], line) for line in (1, 2, 3, 4, 17)]
    findings += [_finding(paths["c.yaml"], 1), _finding(paths["c.yaml"], 5),
                 _finding(paths["d.yaml"], 0)]
    findings += [_finding(paths["e.yaml"], line) for line in (3, 40, 41, 119, 120)]
    for utf8 in (True, False):
        sources = {paths[n]: Source(t, "yaml", utf8=utf8) for n, t in texts.items()}
        result = RunResult(findings=findings, root=str(tmp_path), sources=sources)
        expected = SarifReporter().render(result)
        assert expected.count("primaryLocationLineHash") == len(findings) - 3
        for order in (findings, findings[::-1], findings[::2]):
            reporter = _reporter(str(tmp_path))
            for finding in order:  # (the texts given when the run holds them as read)
                reporter.write_ahead(finding, sources[finding.location.path].text
                                     if utf8 else None)
            # a finding at line 0 is left to render (its hash, line 1's, is given only
            # when another of its file's findings is at a later line)
            assert len(reporter._ahead) == sum(f.location.line > 0 for f in order)
            assert reporter.render(result) == expected


def test_a_text_given_with_the_finding_is_hashed_without_reading_the_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """A split run hands each finding with its file's text when it holds it as read (a
    source read as plain UTF-8): the file is not read again; else it is read once for
    its findings. ``texts`` given to the reporter come first."""
    import spotlint.report.sarif as sarif

    result = placed_run(ROOT / "examples")
    assert all(source.utf8 for source in result.sources.values())
    expected = SarifReporter().render(result)
    read: list[str] = []
    real_read = sarif._read_text

    def counting(path: str) -> str | None:
        read.append(path)
        return real_read(path)

    monkeypatch.setattr(sarif, "_read_text", counting)
    reporter = _reporter(result.root)
    for finding in result.findings:
        reporter.write_ahead(finding, _text(result, finding))
    assert read == []
    assert reporter.render(result) == expected
    assert read == []  # (render hashed nothing either)
    unread = _reporter(result.root)
    for finding in result.findings:
        unread.write_ahead(finding)
    assert sorted(read) == sorted({f.location.path for f in result.findings})
    assert unread.render(result) == expected
    # texts given to the reporter are hashed instead of the text handed
    path = str(tmp_path / "f.yaml")
    finding = _finding(path, 2)
    given = _reporter(str(tmp_path), texts={path: "a: 1\nb: 3\n"})
    given.write_ahead(finding, "a: 1\nb: 2\n")
    one = RunResult(findings=[finding], root=str(tmp_path))
    assert given.render(one) == SarifReporter(texts={path: "a: 1\nb: 3\n"}).render(one)
    assert line_hashes("a: 1\nb: 3\n")[2] in SarifReporter(
        texts={path: "a: 1\nb: 3\n"}).render(one)


def test_a_file_that_cannot_be_read_has_no_line_hash(tmp_path: Path) -> None:
    finding = _finding(str(tmp_path / "gone.yaml"), 1)
    result = RunResult(findings=[finding], root=str(tmp_path))
    reporter = _reporter(str(tmp_path))
    reporter.write_ahead(finding)
    assert reporter._ahead
    log = reporter.render(result)
    assert log == SarifReporter().render(result) and "primaryLocationLineHash" not in log


def _texts() -> list[str]:
    rng = random.Random(16)
    short = ["a: 1", "  b: x", "", "- y", "\tc: 'q'", "é: 😀", "# c", "  - a", "x\ry", "z\r"]
    long = ["k" * 120, "  " + "v" * 99, "w" * 100, "é" * 101]
    out = ["a: 1\n" * 50, "x\r\ny\rz\n", "", "\n\n\n", "a" * 250, ("l" * 150 + "\n") * 9]
    for _ in range(60):
        words = short + long if rng.random() < 0.5 else short
        out.append("\n".join(rng.choice(words) for _ in range(rng.randint(1, 300))))
    return out


def test_a_line_s_hash_asked_alone_is_its_hash_in_the_whole_file() -> None:
    """:class:`_TextLines` answers one line at a time as :func:`line_hashes` answers the
    whole file (repeat counts of short and long lines, every line break, characters
    beyond ASCII and beyond the BMP, lines past the end)."""
    rng = random.Random(7)
    for text in _texts():
        whole = line_hashes(text)
        last = max(whole, default=0)
        lines = _TextLines(text)
        asked = list(range(1, last + 3))
        rng.shuffle(asked)
        for line in asked:
            assert lines.line_hash(line) == whole.get(line), (text[:40], line)
        assert lines.line_hash(asked[0]) == whole.get(asked[0])  # (asked again)


def test_the_standard_encoder_s_walk_after_results_were_written_ahead_is_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the indenting writer gives up (a value it does not write), the standard
    encoder walks the results' dictionaries: their line hashes are found then, those of
    results written ahead too."""
    import spotlint.report.json_indent as json_indent

    result = placed_run(ROOT / "examples")
    expected = SarifReporter().render(result)
    reporter = _reporter(result.root)
    for finding in result.findings:
        reporter.write_ahead(finding, _text(result, finding))

    def gives_up(self: Any, value: Any) -> list[str]:
        raise json_indent._NotPlain

    monkeypatch.setattr(json_indent._Writer, "chunked", gives_up)
    assert reporter.render(result) == expected
    assert "primaryLocationLineHash" in expected


def test_a_finding_listed_twice_is_written_as_render_writes_it() -> None:
    result = placed_run(ROOT / "examples")
    twice = RunResult(findings=[*result.findings, result.findings[3]], root=result.root,
                      sources=result.sources)
    expected = SarifReporter().render(twice)
    reporter = _reporter(result.root)
    for finding in result.findings:
        reporter.write_ahead(finding, _text(result, finding))
    assert reporter.render(twice) == expected


def test_the_rules_written_ahead_are_those_of_the_log() -> None:
    """The rules' descriptors are written with the first result kept (the run's rules,
    told by the command): render takes them as they are for the same rules at the same
    depth, and writes any other rule's itself."""
    result = placed_run(ROOT / "examples")
    expected = SarifReporter().render(result)
    for indent in (2, 0, 4):
        reporter = _reporter(result.root, indent=indent)
        reporter.ahead_rules = result.rules
        reporter.write_ahead(result.findings[0])
        assert reporter._rule_texts and len(reporter._rule_texts) == len(result.rules)
        assert reporter.render(result) == SarifReporter(indent=indent).render(result)
    marked = _reporter(result.root)
    marked.ahead_rules = result.rules
    marked.write_ahead(result.findings[0])
    assert marked._rule_texts is not None
    rule = result.rules[0]
    marked._rule_texts[id(rule)] = (rule, '{"kept": 1}')
    assert '{"kept": 1}' in marked.render(result)
    # other rules than those written ahead (copies, a rule more): written by render
    from spotlint.rule import Rule

    others = RunResult(findings=result.findings, root=result.root, sources=result.sources,
                       rules=[Rule(code=r.code, name=r.name, severity=r.severity,
                                   summary=f"other {r.code}", target="", doc="", check=None)
                              for r in result.rules])
    again = _reporter(result.root)
    again.ahead_rules = result.rules
    again.write_ahead(result.findings[0])
    assert again.render(others) == SarifReporter().render(others) != expected
    # without the rules told, none is written ahead
    plain = _reporter(result.root)
    plain.write_ahead(result.findings[0])
    assert plain._rule_texts == {}
    assert plain.render(result) == expected
