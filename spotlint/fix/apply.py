"""The ``--fix`` loop: lint, apply the fixes that fit, lint again, until nothing changes.

Like ruff, fixes are applied in passes: in one pass each file takes every
selected fix whose edits do not overlap an edit already taken (insertions at
the same point are kept in order; an identical edit from two rules is applied
once, and a key two fixes both add is added once). The file is then checked
(:func:`spotlint.fix.verify.check`); a pass that fails the check is retried
with the first fix alone, and a file whose single fix fails is left alone with
a message. The next pass lints the edited text from memory, so a fix that
enables a setting other rules then judge (SL201 then SL202) converges, and the
findings reported at the end are exactly what is left. Nothing is written
here: the caller writes, or prints a diff.

The loop does not run the engine itself: the caller passes ``lint_pass``, which
lints with an overlay of fixed texts and returns the result with its fixes
placed (:mod:`spotlint.cli.fixing`). So this package stays below the engine.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from spotlint.config.settings import Settings
from spotlint.finding import SORT_KEY, Finding
from spotlint.fix.resolve import FileView, Splice, Unresolvable, apply_splices
from spotlint.fix.verify import Mismatch, check
from spotlint.load.files import decode, format_of
from spotlint.result import RunResult
from spotlint.rule import AppendArgs, Change, InsertKey

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_PASSES = 10


@dataclass
class FixOutcome:
    """What the loop did: new texts, how many fixes went in, what was refused, what is left."""

    original: dict[str, bytes] = field(default_factory=dict)
    fixed: dict[str, bytes] = field(default_factory=dict)
    applied: int = 0
    messages: list[str] = field(default_factory=list)
    result: RunResult | None = None

    @property
    def changed(self) -> list[str]:
        return [p for p in self.fixed if self.fixed[p] != self.original[p]]


def selected(finding: Finding, unsafe: bool) -> bool:
    fix = finding.fix
    return (finding.suppression is None and fix is not None and bool(fix.edits)
            and (fix.safe or unsafe))


#: One lint pass over the given paths, the overlay's texts replacing the files, fixes placed.
LintPass = Callable[[Mapping[str, bytes]], RunResult]


def fix_loop(
    lint_pass: LintPass, settings: Settings, unsafe: bool, start: Mapping[str, bytes] | None = None
) -> FixOutcome:
    """Apply fixes in memory until none is left (at most MAX_PASSES lint passes).

    ``start`` holds texts to fix instead of the files on disk (an editor's
    unsaved documents); ``lint_pass`` must lint those same texts.
    """
    from spotlint.load.boundary import inside

    outcome = FixOutcome()
    refused: set[str] = set()
    overlay: dict[str, bytes] = dict(start or {})
    root = settings.root
    result = lint_pass(overlay)
    for _ in range(MAX_PASSES):
        by_path: dict[str, list[Finding]] = {}
        for finding in result.findings:
            if selected(finding, unsafe) and finding.location.path not in refused:
                by_path.setdefault(finding.location.path, []).append(finding)
        progress = False
        for path, findings in sorted(by_path.items()):
            if path in ("-", settings.stdin_filename):
                continue
            if path not in overlay and not inside(path, root):
                # A symlink named on the command line may point anywhere: never write there.
                refused.add(path)
                outcome.messages.append(
                    f"{path}: left unchanged: it leads outside the scanned root")
                continue
            data = overlay.get(path)
            if data is None:
                data = _read(path)
            if data is None:
                continue
            new = _fix_file(path, data, findings, outcome, refused)
            if new is not None:
                outcome.original.setdefault(path, data)
                overlay[path] = outcome.fixed[path] = new
                progress = True
        if not progress:
            break
        result = lint_pass(overlay)
    outcome.result = result
    return outcome


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _fix_file(
    path: str, data: bytes, findings: list[Finding], outcome: FixOutcome, refused: set[str]
) -> bytes | None:
    text, _ = decode(data)
    if text is None:
        return None
    codec = encoding_of(data)
    view = FileView(path, text, format_of(path), exact=True)
    ordered = sorted(findings, key=SORT_KEY)
    for attempt in (ordered, ordered[:1]):
        new_text, count, error = _attempt(view, attempt)
        if error is None and new_text is not None:
            outcome.applied += count
            return encode_like(new_text, codec)
    refused.add(path)
    outcome.messages.append(f"{path}: left unchanged: {error}")
    return None


#: (BOM, codec) pairs, longest BOM first (UTF-32-LE's starts with UTF-16-LE's).
_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def encoding_of(data: bytes) -> tuple[bytes, str]:
    """The BOM and codec ``data`` was read with (as :func:`spotlint.load.files.decode`)."""
    for bom, codec in _ENCODINGS:
        if data.startswith(bom):
            return bom, codec
    return b"", "utf-8"


def encode_like(text: str, codec: tuple[bytes, str]) -> bytes:
    """``text`` written back the way the original file was: same BOM, same encoding."""
    bom, name = codec
    return bom + text.encode(name)


def _attempt(view: FileView, findings: list[Finding]) -> tuple[str | None, int, str | None]:
    splices: list[Splice] = []
    effects = []
    inserted: set[tuple[Any, ...]] = set()
    count = 0
    for finding in findings:
        fix = finding.fix
        assert fix is not None
        try:
            resolved = view.resolve(fix.changes) if fix.changes else None
        except Unresolvable:
            continue
        if resolved is None:
            continue
        keys = _added_keys(fix.changes)
        new = resolved.splices
        if keys & inserted or any(_overlaps(s, t) or s == t for s in new for t in splices):
            continue
        inserted |= keys
        splices.extend(new)
        effects.extend(resolved.effects)
        count += 1
    if not splices:
        return None, 0, "no fix could be placed"
    try:
        text = apply_splices(view.text, splices)
        check(view.path, view.text, text, view.fmt, effects)
    except (Unresolvable, Mismatch) as exc:
        return None, 0, str(exc)
    return text, count, None


def _added_keys(changes: tuple[Change, ...]) -> set[tuple[Any, ...]]:
    """(target, key) of every key a fix adds, so two fixes never add the same one twice."""
    keys: set[tuple[Any, ...]] = set()
    for change in changes:
        if isinstance(change, InsertKey):
            keys.add((change.into, change.keys))
        elif isinstance(change, AppendArgs):
            keys |= {(change.to, a.split("=", 1)[0]) for a in change.args if "=" in a}
    return keys


def _overlaps(a: Splice, b: Splice) -> bool:
    if a.start == a.end or b.start == b.end:
        return a.start < b.end and b.start < a.end
    return a.start < b.end and b.start < a.end


def unified_diff(outcome: FixOutcome) -> str:
    """The changes as one unified diff, file by file (what ``--diff`` prints)."""
    import difflib

    chunks: list[str] = []
    for path in outcome.changed:
        before = decode(outcome.original[path])[0] or ""
        after = decode(outcome.fixed[path])[0] or ""
        shown = path.replace(os.sep, "/")
        chunks.extend(difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True),
            fromfile=f"a/{shown}", tofile=f"b/{shown}"))
    text = "".join(chunks)
    return text if not text or text.endswith("\n") else text + "\n"


def write(outcome: FixOutcome) -> list[str]:
    """Write every changed file (atomically); the messages of those that could not be.

    One unwritable file does not stop the others from being written.
    """
    from spotlint.load.safe_write import WriteError, write_atomic

    failed: list[str] = []
    for path in outcome.changed:
        try:
            write_atomic(path, outcome.fixed[path])
        except WriteError as exc:
            failed.append(str(exc))
    return failed
