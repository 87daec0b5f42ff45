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

import os
from collections.abc import Iterable, Mapping
from operator import attrgetter

from spotlint.config.settings import Settings
from spotlint.engine.paths import relative
from spotlint.engine.raw import RawFinding
from spotlint.finding import Finding, Fingerprinter
from spotlint.fix import FIXED_FORMATS
from spotlint.load.base import LoadedFile
from spotlint.location import new_location
from spotlint.rule import Change, InsertKey, Rule, SetValue, Severity
from spotlint.value import Value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Stamper(Value):
    """Turns raw findings into Findings: rule code, name, effective severity, fingerprint.

    Fingerprints use the path relative to the run's root, so they do not depend
    on the directory spotlint was started from (baselines and SARIF both rely on it).
    """

    files: Mapping[str, LoadedFile]
    settings: Settings
    by_code: dict[str, Rule]
    fingerprint: Fingerprinter
    seen: set[tuple[Any, ...]]
    #: line spans of the documents embedded in each file, computed when first needed
    _embedded: dict[str, list[tuple[int, int]]]
    #: each file's path relative to the root (findings come many to a file)
    _relative: dict[str, str]

    def __init__(
        self,
        files: Mapping[str, LoadedFile],
        settings: Settings,
        by_code: dict[str, Rule],
        fingerprint: Fingerprinter | None = None,
        seen: set[tuple[Any, ...]] | None = None,
        _embedded: dict[str, list[tuple[int, int]]] | None = None,
        _relative: dict[str, str] | None = None,
    ) -> None:
        self.files = files
        self.settings = settings
        self.by_code = by_code
        self.fingerprint = Fingerprinter() if fingerprint is None else fingerprint
        self.seen = set() if seen is None else seen
        self._embedded = {} if _embedded is None else _embedded
        self._relative = {} if _relative is None else _relative

    def __call__(self, raws: Iterable[RawFinding], enabled: set[str]) -> list[Finding]:
        settings = self.settings
        seen = self.seen
        files = self.files
        by_code = self.by_code
        fingerprint = self.fingerprint
        relative_of = self._relative
        #: each code's rule, effective severity and whether it is enabled (findings come
        #: a few per rule: the enum and configuration lookups once per code)
        rules: dict[str, tuple[Rule, Severity] | None] = {}
        root: str | None = None
        out: list[Finding] = []
        for raw in sorted(raws, key=_ORDER):
            code = raw.code
            loc = raw.location
            message = raw.message
            # (a location is equal to another with the same fields: the tuple of its
            # fields stands for it, hashed in C)
            identity = (code, loc.path, loc.line, loc.col, loc.end_line, loc.end_col, message)
            if identity in seen:
                continue
            stamp = rules.get(code, _UNSEEN)
            if stamp is _UNSEEN:
                stamp = rules[code] = _stamp(code, enabled, by_code, settings)
            if stamp is None:
                continue
            seen.add(identity)
            rule, severity = stamp
            path = loc.path
            loaded = files.get(path)
            fix = raw.fix
            if fix is not None and loaded is not None and not self._fixable(loaded, raw):
                fix = None
            rel = relative_of.get(path)
            if rel is None:
                if root is None:
                    root = os.path.abspath(settings.root)  # (once: asked per file)
                rel = relative_of[path] = relative(path, settings, root)
            keyed = new_location(rel, loc.line, loc.col, loc.end_line, loc.end_col)
            out.append(Finding(
                rule.code, rule.name, severity, message, loc, raw.related, fix,
                fingerprint(code, message, keyed, loaded.text if loaded else None),
            ))
        return out

    def _fixable(self, loaded: LoadedFile, raw: RawFinding) -> bool:
        """May ``raw``'s fix be offered? Not in a file or document whose edits cannot be checked.

        Scripts and guides are never edited; a templated file's text is not what
        was parsed; a document embedded in a string (a ConfigMap's pod template, an
        Argo manifest) would need the string re-quoted. Such findings are reported
        without a fix rather than with one ``--fix`` cannot apply.
        """
        if raw.fix is None:
            return True
        if loaded.fmt not in FIXED_FORMATS or loaded.templated:
            return False
        if not loaded.embedded:
            return True
        spans = self._embedded.get(loaded.path)
        if spans is None:
            from spotlint.load.embedded import embedded_documents

            inner = embedded_documents(loaded)[len(loaded.documents):]
            spans = self._embedded[loaded.path] = [(d.loc.line, d.loc.end_line) for d in inner]
        return not any(first <= change_line(change) <= last
                       for change in raw.fix.changes for first, last in spans)


#: Raw findings in the order they are stamped: by place, then code and message.
_ORDER = attrgetter("location.path", "location.line", "location.col", "code", "message")
_UNSEEN: Any = object()


def _stamp(
    code: str, enabled: set[str], by_code: Mapping[str, Rule], settings: Settings,
) -> tuple[Rule, Severity] | None:
    """A code's rule and effective severity; None when the rule is not enabled."""
    if code not in enabled:
        return None
    rule = by_code[code]
    return rule, Severity(settings.severity.get(code, rule.severity))


def change_line(change: Change) -> int:
    """The line a change edits at."""
    if isinstance(change, SetValue):
        return change.at.line
    if isinstance(change, InsertKey):
        return change.into.line
    return change.to.line
