"""Stamping: raw findings to :class:`~spotlint.finding.Finding` objects.

The rule's code and name, the effective severity (after configuration
overrides) and a fingerprint are set here, never by a rule, so a rule cannot
misreport them. Findings of disabled rules are dropped, and a finding two
stages (or two targets) produce identically is kept once. A fix stays as the
rule described it (changes on located values): placing it in the file's text
costs a second parse, paid only by those who want the edits
(:mod:`spotlint.fix.place`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from spotlint.config.settings import Settings
from spotlint.engine.paths import relative
from spotlint.engine.raw import RawFinding
from spotlint.finding import Finding, Fingerprinter
from spotlint.load.base import LoadedFile
from spotlint.rule import Rule, Severity


@dataclass
class Stamper:
    """Turns raw findings into Findings: rule code, name, effective severity, fingerprint.

    Fingerprints use the path relative to the run's root, so they do not depend
    on the directory spotlint was started from (baselines and SARIF both rely on it).
    """

    files: Mapping[str, LoadedFile]
    settings: Settings
    by_code: dict[str, Rule]
    fingerprint: Fingerprinter = field(default_factory=Fingerprinter)
    seen: set[tuple[Any, ...]] = field(default_factory=set)

    def __call__(self, raws: Iterable[RawFinding], enabled: set[str]) -> list[Finding]:
        settings = self.settings
        out: list[Finding] = []
        for raw in sorted(
            raws,
            key=lambda r: (r.location.path, r.location.line, r.location.col, r.code, r.message),
        ):
            identity = (raw.code, raw.location, raw.message)
            if raw.code not in enabled or identity in self.seen:
                continue
            self.seen.add(identity)
            rule = self.by_code[raw.code]
            loaded = self.files.get(raw.location.path)
            keyed = dataclasses.replace(raw.location, path=relative(raw.location.path, settings))
            out.append(
                Finding(
                    code=rule.code,
                    name=rule.name,
                    severity=Severity(settings.severity.get(rule.code, rule.severity)),
                    message=raw.message,
                    location=raw.location,
                    related=raw.related,
                    fix=raw.fix,
                    fingerprint=self.fingerprint(
                        rule.code, raw.message, keyed, loaded.text if loaded else None
                    ),
                )
            )
        return out
