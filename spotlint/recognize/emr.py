"""EMR on EKS job runs: the StartJobRun request (JSON/YAML) and the ACK ``JobRun``.

Precedence inside one request: properties of the ``spark-defaults``
classification are written to ``spark-defaults.conf``; ``--conf`` items of
``sparkSubmitParameters`` are passed to ``spark-submit`` and therefore win
(Spark: flags beat the defaults file). :func:`build_start_job_run` is shared
with the shell-script reader so every form of a job run behaves the same.
"""

from __future__ import annotations

from spotlint.load.submit_args import conf_items
from spotlint.load.textpos import StringMapper
from spotlint.load.yaml_loader import limit_error, load_yaml_text
from spotlint.location import Location, Node
from spotlint.model import ConfArguments, ConfMap, ConfOrigin, ConfValue, Job, JobKind
from spotlint.recognize.common import add_conf_map, apply_conf_placement, file_name, text_of
from spotlint.recognize.kinds import NormalizeContext, api_group
from spotlint.sparkconf import versions


def _ci_get(node: Node | None, name: str) -> Node | None:
    """Field lookup that also accepts PascalCase (the ACK controller is case-insensitive)."""
    if node is None or not node.is_map:
        return None
    found = node.get(name)
    if found is not None:
        return found
    lowered = name.lower()
    for key, value in node.items():
        if key.lower() == lowered:
            return value
    return None


def _classification_properties(configs: Node | None, job: Job) -> None:
    if configs is None:
        return
    for entry in configs.elements():
        classification = _ci_get(entry, "classification")
        if classification is not None and classification.text() == "spark-defaults":
            properties = _ci_get(entry, "properties")
            add_conf_map(job, properties, ConfOrigin.EMR_CLASSIFICATION)
            if properties is not None and properties.is_map and not properties.unknown \
                    and properties.key is not None:
                job.origin_targets[ConfOrigin.EMR_CLASSIFICATION] = ConfMap(
                    entry, str(properties.key.value), properties)
        _classification_properties(_ci_get(entry, "configurations"), job)


def add_submit_parameters(job: Job, params: Node | None, ctx: NormalizeContext) -> None:
    """``--conf k=v`` items (and conf-setting flags) of a spark-submit argument string."""
    if params is None or not params.is_scalar or not isinstance(params.value, str):
        return
    mapper = StringMapper(params, ctx.source) if params.loc.path == ctx.file.path else None
    if mapper is None:
        return
    for item in conf_items(params, mapper):
        job.conf.add(
            ConfValue(key=item.key.value, node=item.value, origin=ConfOrigin.SUBMIT_PARAMETERS)
        )


def submit_parameters_target(driver: Node | None) -> ConfArguments | None:
    """New confs go into the job driver's argument string, created when missing.

    ``sparkSubmitParameters`` is preferred over ``configurationOverrides``: it is
    where the request already passes confs, it wins over classification
    properties, and appending to it cannot collide with a classification entry.
    Keys are matched as written (the fix writes next to them).
    """
    if driver is None or not driver.is_map:
        return None
    submit = driver.get("sparkSubmitJobDriver")
    sql = driver.get("sparkSqlJobDriver")
    for block, field in ((submit, "sparkSubmitParameters"), (sql, "sparkSqlParameters")):
        params = block.get(field) if block is not None else None
        if params is not None:
            if params.unknown or not isinstance(params.value, str):
                return None
            return ConfArguments(params)
    if submit is not None and submit.is_map:
        return ConfArguments(None, submit, "sparkSubmitParameters")
    return None


def build_start_job_run(
    ctx: NormalizeContext,
    anchor: Node,
    name: str,
    kind: JobKind,
    release_label: Node | None,
    job_driver: Node | None,
    overrides: Node | None,
    conf_target: ConfArguments | None = None,
) -> Job:
    """Turn the parts of a StartJobRun into a Job and add it to the project."""
    job = Job(
        name=name, kind=kind, doc=anchor, release_label=release_label, conf_target=conf_target
    )
    _classification_properties(_ci_get(overrides, "applicationConfiguration"), job)
    submit = _ci_get(job_driver, "sparkSubmitJobDriver")
    add_submit_parameters(job, _ci_get(submit, "sparkSubmitParameters"), ctx)
    sql = _ci_get(job_driver, "sparkSqlJobDriver")
    add_submit_parameters(job, _ci_get(sql, "sparkSqlParameters"), ctx)
    if release_label is not None and release_label.is_scalar:
        job.version = versions.from_release_label(release_label)
    apply_conf_placement(job)
    ctx.project.jobs.append(job)
    return job


class StartJobRunKind:
    """A StartJobRun request body: no ``kind``, but ``jobDriver`` and ``releaseLabel``."""

    name = "emr-start-job-run"
    schema: str | None = "emr-start-job-run.schema.json"

    def matches(self, doc: Node, file: object) -> bool:
        return (
            doc.is_map
            and doc.get("apiVersion") is None
            and (doc.get("jobDriver") is not None or doc.get("configurationOverrides") is not None)
            and (
                doc.get("releaseLabel") is not None
                or doc.get("virtualClusterId") is not None
                or doc.get("jobDriver") is not None
            )
        )

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        name = doc.get("name")
        build_start_job_run(
            ctx,
            doc,
            text_of(name) or _stem(ctx.file.path),
            JobKind.START_JOB_RUN,
            doc.get("releaseLabel"),
            doc.get("jobDriver"),
            doc.get("configurationOverrides"),
            submit_parameters_target(doc.get("jobDriver")),
        )


class AckJobRunKind:
    """The ACK controller's ``JobRun``; its ``configurationOverrides`` is a YAML/JSON string."""

    name = "ack-jobrun"
    schema: str | None = "ack-jobrun.schema.json"
    #: The only document kind :meth:`matches` accepts (see ``spotlint.recognize.kinds``).
    document_kinds = frozenset({"JobRun"})

    def matches(self, doc: Node, file: object) -> bool:
        group, _, kind = api_group(doc)
        return group == "emrcontainers.services.k8s.aws" and kind == "JobRun"

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        spec = doc.get("spec")
        if spec is None or not spec.is_map:
            return
        overrides = spec.get("configurationOverrides")
        if overrides is not None and overrides.is_scalar and isinstance(overrides.value, str):
            overrides = embedded_document(overrides, ctx)
        name = spec.get("name") or doc.path("metadata", "name")
        build_start_job_run(
            ctx,
            doc,
            text_of(name) or _stem(ctx.file.path),
            JobKind.ACK_JOB_RUN,
            spec.get("releaseLabel"),
            spec.get("jobDriver"),
            overrides,
            submit_parameters_target(spec.get("jobDriver")),
        )


def embedded_document(node: Node, ctx: NormalizeContext) -> Node | None:
    """Parse a YAML/JSON document held in a string scalar, positioned inside the file.

    Block scalars (``|``) map line for line with the block's indentation; a
    single-line string maps by column offset. Otherwise every value points at
    the string itself.
    """
    text = node.value if isinstance(node.value, str) else ""
    loaded = load_yaml_text(ctx.file.path, text, ctx.limits)
    limit = limit_error(loaded)
    if limit is not None:
        ctx.report_unreadable(node, f"configurationOverrides not read: {limit}")
        return None
    if loaded.errors or not loaded.documents:
        ctx.report_invalid(node, "configurationOverrides is not a valid YAML/JSON document")
        return None
    source = ctx.source
    start = source.index(node.loc.line, node.loc.col)
    raw_first = source.text[start : start + 1]
    if raw_first in ("|", ">"):
        first_line = node.loc.line + 1
        line_text = source.text[source.index(first_line, 1) :].split("\n", 1)[0]
        indent = len(line_text) - len(line_text.lstrip(" "))
        return _relocate(
            loaded.documents[0], lambda loc: (first_line + loc.line - 1, loc.col + indent)
        )
    one_line = node.loc.line == node.loc.end_line  # a folded quoted string spans lines
    if one_line and "\n" not in text and (
        raw_first in ("'", '"') or source.text[start:].startswith(text)
    ):
        shift = node.loc.col + (1 if raw_first in ("'", '"') else 0) - 1
        return _relocate(loaded.documents[0], lambda loc: (node.loc.line, loc.col + shift))
    return _relocate(loaded.documents[0], lambda loc: (node.loc.line, node.loc.col))


def _relocate(tree: Node, move: object) -> Node:
    assert callable(move)

    def fix(loc: Location) -> Location:
        line, col = move(loc)
        end_line, end_col = move(Location(loc.path, loc.end_line, loc.end_col, 0, 0))
        return Location(loc.path, line, col, end_line, end_col)

    def walk(n: Node) -> Node:
        key = Node(n.key.value, fix(n.key.loc)) if n.key is not None else None
        if n.is_map:
            value: object = {k: walk(v) for k, v in n.items()}
        elif n.is_seq:
            value = [walk(v) for v in n.elements()]
        else:
            value = n.value
        return Node(value, fix(n.loc), key, n.tag, n.unknown)

    return walk(tree)


def _stem(path: str) -> str:
    return file_name(path).rsplit(".", 1)[0]


KINDS = [StartJobRunKind(), AckJobRunKind()]
