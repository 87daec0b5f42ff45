"""The pipeline: discover, load, recognize and normalize, link, run rules, stamp.

Data flows one way. Problems with one file (unreadable, unparsable, wrong shape)
become findings on that file and never stop the others. A bug inside spotlint
raises :class:`InternalError` naming the file or rule being processed, which the
CLI turns into a one-line message and exit code 2.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from spotlint import __version__
from spotlint.capacity import CapacityLabels
from spotlint.discover import Candidate, discover
from spotlint.finding import Finding, Fingerprinter
from spotlint.load.base import LoadedFile, LoadError
from spotlint.load.files import format_of, load_bytes
from spotlint.load.textpos import LineIndex
from spotlint.location import Location, Node
from spotlint.model import Job, PodTemplate, Project, Role
from spotlint.plugins import Registry, default_registry
from spotlint.prefilter import is_relevant
from spotlint.recognize.kinds import NormalizeContext
from spotlint.result import RunResult
from spotlint.rule import DeferredRule, Fix, Rule, RuleContext, Severity, Violation
from spotlint.selection import resolve
from spotlint.settings import Settings


class InternalError(Exception):
    """A bug in spotlint or a plugin, with the file or rule it happened in."""

    def __init__(self, where: str, exc: BaseException) -> None:
        super().__init__(f"internal error while processing {where}: {type(exc).__name__}: {exc}")
        self.where = where
        self.original = exc


@dataclass
class _RawFinding:
    code: str
    message: str
    location: Location
    related: tuple[Location, ...] = ()
    fix: Any = None


@dataclass
class Run:
    """State of one run; kept together so helpers stay small."""

    settings: Settings
    registry: Registry
    project: Project = field(default_factory=Project)
    files: dict[str, LoadedFile] = field(default_factory=dict)
    raw: list[_RawFinding] = field(default_factory=list)
    templates_by_path: dict[str, list[PodTemplate]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    #: files reported on when context files were read too (None: report on all)
    linted: set[str] | None = None
    #: normalized path -> bytes to lint instead of the file on disk (``--fix`` passes)
    overlay: Mapping[str, bytes] = field(default_factory=dict)
    #: worker processes for rule checks (None: by input size, see ``_jobs``)
    jobs: int | None = None


def lint(
    paths: Sequence[str],
    settings: Settings | None = None,
    registry: Registry | None = None,
    stdin: bytes | None = None,
    context: Sequence[str] = (),
    overlay: Mapping[str, bytes] | None = None,
    jobs: int | None = None,
) -> RunResult:
    """Lint ``paths`` (``-`` reads ``stdin``) and return every finding, suppressed ones marked.

    ``context`` files and directories are read and normalized too, so pools and
    pod templates defined there take part in cross-document rules, but findings
    are reported only for ``paths``: linting files one by one or all together
    with the same context gives the same findings (what pre-commit needs).
    ``overlay`` replaces the content of files by path (fixed but not yet written).
    """
    settings = settings or Settings()
    registry = registry or default_registry()
    run = Run(settings=settings, registry=registry, overlay=overlay or {}, jobs=jobs)
    root = settings.root
    for candidate in discover([p for p in paths if p != "-"], root, settings.exclude):
        if settings.force_exclude and candidate.explicit:
            if _force_excluded(candidate.path, settings):
                continue
            candidate = Candidate(candidate.path, explicit=False)
        _load_path(run, candidate.path, explicit=candidate.explicit)
    if "-" in paths and stdin is not None:
        name = settings.stdin_filename or "-"
        _add_loaded(run, load_bytes(name, stdin, settings.limits, format_of(name)))
    if context:
        _load_context(run, context)
    for path in run.order:
        _normalize_file(run, run.files[path])
    _link_templates(run)
    return _finish(run)


def _force_excluded(path: str, settings: Settings) -> bool:
    rel = settings.config_relative(path)
    return any(
        fnmatch.fnmatch(rel, pattern)
        or fnmatch.fnmatch(os.path.basename(path), pattern)
        or rel.startswith(pattern.rstrip("/") + "/")
        for pattern in settings.exclude
    )


def _load_context(run: Run, context: Sequence[str]) -> None:
    """Read context files after the linted ones; only the linted ones are reported on."""
    run.linted = set(run.order)
    seen = {_real(p) for p in run.order}
    existing = [c for c in context if os.path.exists(c)]
    for candidate in discover(existing, run.settings.root, run.settings.exclude):
        real = _real(candidate.path)
        if real in seen:
            continue
        seen.add(real)
        _load_path(run, candidate.path, explicit=False)


def _load_path(run: Run, path: str, explicit: bool) -> LoadedFile | None:
    key = os.path.normpath(path)
    if key in run.files:
        return run.files[key]
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise OSError(0, "not a regular file")
        if key in run.overlay:
            data = run.overlay[key]
        else:
            with open(path, "rb") as handle:
                data = handle.read(run.settings.limits.max_file_bytes + 1)
    except OSError as exc:
        loaded = LoadedFile(path=key, text="", fmt=format_of(path))
        loaded.errors.append(LoadError(f"cannot read file: {exc.strerror or exc}"))
        _add_loaded(run, loaded)
        return loaded
    fmt = format_of(path)
    if not explicit and not is_relevant(data) and b"\x00" not in data[:8192]:
        run.order.append(key)
        run.files[key] = LoadedFile(path=key, text="", fmt=fmt)
        return None
    if fmt == "properties" and not explicit and not _has_spark_property(data):
        return None
    try:
        loaded = load_bytes(key, data, run.settings.limits, fmt)
    except Exception as exc:  # a loader bug: name the file, as for normalizers and rules
        raise InternalError(key, exc) from exc
    _add_loaded(run, loaded)
    return loaded


def _has_spark_property(data: bytes) -> bool:
    return re.search(rb"(?m)^[ \t]*spark\.", data) is not None


def _add_loaded(run: Run, loaded: LoadedFile) -> None:
    run.files[loaded.path] = loaded
    run.order.append(loaded.path)
    index = LineIndex(loaded.text) if loaded.errors else None
    for error in loaded.errors:
        assert index is not None
        # Errors at the end of input point just after the last character.
        line, col = index.clamp(error.line, error.col)
        run.raw.append(_RawFinding("SL001", error.message, Location.point(loaded.path, line, col)))
    if loaded.fmt == "shell" and loaded.text:
        lines = loaded.text.count("\n") + 1
        loaded.documents = [Node(loaded.text, Location(loaded.path, 1, 1, lines, 1))]


def _normalize_file(run: Run, loaded: LoadedFile) -> None:
    if not loaded.documents:
        return
    ctx = NormalizeContext(
        file=loaded, project=run.project, root=run.settings.root, limits=run.settings.limits
    )
    before = len(run.project.templates)
    for doc in loaded.documents:
        kind = next((k for k in run.registry.kinds if _matches(k, doc, loaded)), None)
        if kind is None:
            continue
        if kind.schema:
            from spotlint.schema_check import invalid_fields

            for node, message in invalid_fields(kind.schema, doc):
                run.raw.append(_RawFinding("SL002", message, node.loc))
        try:
            kind.normalize(doc, ctx)
        except Exception as exc:
            raise InternalError(loaded.path, exc) from exc
    for problem in ctx.invalid:
        run.raw.append(_RawFinding(problem.code, problem.message, problem.node.loc))
    new_templates = run.project.templates[before:]
    if new_templates:
        run.templates_by_path.setdefault(_real(loaded.path), []).extend(new_templates)


def _matches(kind: Any, doc: Node, loaded: LoadedFile) -> bool:
    try:
        return bool(kind.matches(doc, loaded))
    except Exception as exc:
        raise InternalError(loaded.path, exc) from exc


def _real(path: str) -> str:
    return os.path.realpath(path)


def _inside(path: str, root: str) -> bool:
    root = root.rstrip(os.sep) or os.sep
    return path == root or path.startswith(root + os.sep)


def _link_templates(run: Run) -> None:
    """Resolve local pod-template references and merge their placement into the job."""
    root = _real(run.settings.root)
    for job in run.project.jobs:
        for ref in job.template_refs:
            if ref.remote:
                continue
            target = ref.target
            if target.startswith("file://"):
                target = target[len("file://") :]
            base_dir = os.path.dirname(_real(ref.node.loc.path))
            candidates = (
                [target]
                if os.path.isabs(target)
                else [os.path.join(base_dir, target), os.path.join(root, target)]
            )
            resolved = None
            escaped = False
            for candidate in candidates:
                real = _real(candidate)
                if not _inside(real, root):
                    escaped = True
                    continue
                if os.path.isfile(real):
                    resolved = real
                    break
            if resolved is None:
                message = (
                    f"pod template {ref.target!r} resolves outside the scanned root; not read"
                    if escaped
                    else f"pod template {ref.target!r} not found inside the scanned root"
                )
                run.raw.append(_RawFinding("SL003", message, ref.node.loc))
                _mark_unknown(job, ref.role, ref.node)
                continue
            ref.resolved = resolved
            templates = _templates_at(run, resolved)
            if not templates:
                _mark_unknown(job, ref.role, ref.node)
                continue
            for template in templates:
                template.referenced_by.append(job)
                if template.placement.role is None:
                    template.placement.role = ref.role
                _merge_template(job, ref.role, template)


def _mark_unknown(job: Job, role: Role, anchor: Node) -> None:
    from spotlint.recognize.common import role_placement

    role_placement(job, role, anchor).known = False


def _merge_template(job: Job, role: Role, template: PodTemplate) -> None:
    """The template's placement, with what the job document sets added on top.

    Spark adds selector confs over the template, so the template comes first and
    the job's own settings win; the finding anchor stays in the template.
    """
    placement = template.placement.copy()
    placement.role = role
    current = job.placement(role)
    if current is not None:
        placement.merge(current)
    job.set_placement(role, placement)


def _templates_at(run: Run, real_path: str) -> list[PodTemplate]:
    if real_path not in run.templates_by_path:
        loaded = _load_path(run, real_path, explicit=True)
        if loaded is not None and loaded.path in run.files:
            _normalize_file(run, loaded)
            run.templates_by_path.setdefault(real_path, [])
    return run.templates_by_path.get(real_path, [])


def _targets(rule: Rule, project: Project) -> Iterable[Any]:
    if rule.target == "job":
        return project.jobs
    if rule.target == "pool":
        return project.pools
    if rule.target == "template":
        return project.templates
    if rule.target == "project":
        return [project]
    return []


def _options(rule: Rule, settings: Settings) -> Any:
    if rule.options is None:
        return None
    return rule.options(**settings.rule_options.get(rule.code, {}))


#: Inputs with fewer files are checked in one process: forking costs more than it saves.
PARALLEL_FROM_FILES = 500


def _jobs(run: Run) -> int:
    if run.jobs is not None:
        return run.jobs
    if len(run.order) < PARALLEL_FROM_FILES:
        return 1
    from spotlint.parallel import default_jobs

    return default_jobs()


def _check_rules(run: Run, rules: list[Rule], capacity: CapacityLabels) -> list[list[_RawFinding]]:
    """Each rule's findings, in rule order; large inputs spread the rules over workers."""
    jobs = _jobs(run)
    if jobs <= 1:
        return [_rule_findings(run, rule, capacity) for rule in rules]
    from spotlint.parallel import RemoteError, map_in_order

    try:
        return map_in_order(lambda i: _rule_findings(run, rules[i], capacity), len(rules), jobs)
    except RemoteError as exc:
        original = type(exc.type_name, (Exception,), {})(exc.message)
        raise InternalError(exc.where or "rules", original) from None


def _rule_findings(run: Run, rule: Rule, capacity: CapacityLabels) -> list[_RawFinding]:
    ctx = RuleContext(
        project=run.project,
        options=_options(rule, run.settings),
        settings=run.settings,
        capacity=capacity,
    )
    found: list[_RawFinding] = []
    for target in _targets(rule, run.project):
        try:
            for violation in rule.run(target, ctx):
                found.append(_from_violation(rule.code, violation))
        except Exception as exc:
            raise InternalError(
                f"rule {rule.code} on {getattr(target, 'path', 'project')}", exc
            ) from exc
    return found


def _finish(run: Run) -> RunResult:
    settings = run.settings
    rules = run.registry.rules
    enabled = resolve(rules, settings.select, settings.ignore, settings.extend_select)
    enabled_codes = {r.code for r in enabled}
    capacity = CapacityLabels(settings.capacity_labels)
    runnable = [r for r in enabled if _may_report(r, run.project) and r.check is not None]
    for batch in _check_rules(run, runnable, capacity):
        run.raw.extend(batch)
    stamp = _Stamper(run, {r.code: r for r in rules})
    reported = [r for r in run.raw if run.linted is None or r.location.path in run.linted]
    findings = stamp(reported, enabled_codes)
    from spotlint import suppress

    linted_files = {
        path: loaded
        for path, loaded in run.files.items()
        if run.linted is None or path in run.linted
    }
    marked, problems = suppress.apply(
        findings, linted_files, settings, rules, enabled_codes
    )
    extra = stamp([_RawFinding(code, message, loc) for code, message, loc in problems],
                  enabled_codes)
    return RunResult(
        findings=sorted([*marked, *extra], key=lambda f: f.sort_key),
        files=[p for p in run.order if run.linted is None or p in run.linted],
        rules=list(rules),
        root=settings.root,
        tool_version=__version__,
    )


def _may_report(rule: Rule, project: Project) -> bool:
    """False for a deferred built-in rule with nothing to check (its concern stays unimported)."""
    return not isinstance(rule, DeferredRule) or any(getattr(project, n) for n in rule.needs)


@dataclass
class _Stamper:
    """Turns raw findings into Findings: rule code, name, effective severity, fingerprint.

    Fingerprints use the path relative to the run's root, so they do not depend
    on the directory spotlint was started from (baselines and SARIF both rely on it).
    """

    run: Run
    by_code: dict[str, Rule]
    fingerprint: Fingerprinter = field(default_factory=Fingerprinter)
    seen: set[tuple[Any, ...]] = field(default_factory=set)
    views: dict[str, Any] = field(default_factory=dict)

    def __call__(self, raws: Iterable[_RawFinding], enabled: set[str]) -> list[Finding]:
        settings = self.run.settings
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
            loaded = self.run.files.get(raw.location.path)
            keyed = dataclasses.replace(raw.location, path=_relative(raw.location.path, settings))
            out.append(
                Finding(
                    code=rule.code,
                    name=rule.name,
                    severity=Severity(settings.severity.get(rule.code, rule.severity)),
                    message=raw.message,
                    location=raw.location,
                    related=raw.related,
                    fix=self.concrete(raw.fix, loaded),
                    fingerprint=self.fingerprint(
                        rule.code, raw.message, keyed, loaded.text if loaded else None
                    ),
                )
            )
        return out

    def concrete(self, fix: Fix | None, loaded: LoadedFile | None) -> Fix | None:
        """The fix with text edits resolved against the file (None if it cannot be placed).

        With ``settings.resolve_fixes`` off (text output without ``--fix``) the
        fix stays abstract: enough to count it, and much cheaper.
        """
        if fix is None or not fix.changes or loaded is None or not self.run.settings.resolve_fixes:
            return fix
        from spotlint.fix.resolve import FileView, resolve_fix

        view = self.views.get(loaded.path)
        if view is None:
            view = self.views[loaded.path] = FileView(loaded.path, loaded.text, loaded.fmt)
        return resolve_fix(fix, view)


def _relative(path: str, settings: Settings) -> str:
    if path == "-" or path == settings.stdin_filename:
        return path
    absolute = os.path.abspath(path)
    root = os.path.abspath(settings.root)
    if not _inside(absolute, root):
        return absolute
    return os.path.relpath(absolute, root).replace(os.sep, "/")


def _from_violation(code: str, violation: Violation) -> _RawFinding:
    related = tuple(r.loc if isinstance(r, Node) else r for r in violation.related)
    return _RawFinding(code, violation.message, violation.location, related, violation.fix)
