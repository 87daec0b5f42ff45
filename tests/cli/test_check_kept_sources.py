"""A run shared by processes keeps the texts of the files holding findings (and sends
them from process to process) only for a report that reads them: the text report's
snippets, SARIF's line hashes unless every finding is handed to it ahead."""

from __future__ import annotations

from spotlint.cli.check import _ahead, _keeps_sources
from spotlint.report.github import GithubReporter
from spotlint.report.json import JsonReporter
from spotlint.report.sarif import SarifReporter
from spotlint.report.text import TextReporter


def test_sources_are_kept_only_for_a_report_that_reads_them() -> None:
    def kept(*reporters: object) -> bool:
        outputs = [(reporter, None) for reporter in reporters]
        return _keeps_sources(outputs, _ahead(outputs, "/root"))  # type: ignore[arg-type]

    assert not kept(SarifReporter())  # (handed every finding ahead with its text)
    assert not kept(SarifReporter(), SarifReporter())
    assert not kept(JsonReporter())
    assert not kept(GithubReporter())
    assert kept(TextReporter())
    assert kept(TextReporter(), SarifReporter())
    # SARIF beside a report with a bound: not every finding is handed to it ahead
    assert kept(SarifReporter(), JsonReporter())
    # without an ahead (no shared run to hand them in), SARIF reads them at render
    assert _keeps_sources([(SarifReporter(), None)], None)


def test_the_command_tells_the_reports_the_root_and_rules_their_texts_are_written_for() -> None:
    from spotlint.plugins.manager import default_registry

    rules = default_registry().rules
    sarif, json = SarifReporter(), JsonReporter()
    assert sarif.ahead_root is None and sarif.ahead_rules is None
    _ahead([(sarif, None), (json, None)], "/scanned", rules)
    assert sarif.ahead_root == "/scanned" and sarif.ahead_rules is rules
    assert not hasattr(json, "ahead_root") and not hasattr(json, "ahead_rules")
