"""Spark jobs submitted from shell scripts.

Two commands matter: ``aws emr-containers start-job-run`` (whose JSON arguments
are the same StartJobRun request the EMR JSON kind reads, so the job is built
by the shared :func:`~spotlint.recognize.emr.build_start_job_run`) and
``spark-submit`` (whose ``--conf`` items and conf-setting flags become a Job
here). Every value is positioned inside the script itself, through the
character offset table of :mod:`spotlint.load.shell`, so findings point at the
key in the quoted JSON, not at the start of the command.

``file://`` arguments are read only when they resolve inside the scanned root,
or when the script itself writes that file with a here-document before the
call (then the here-document is what the CLI will read). A ``--cli-input-json``
file that is a StartJobRun request by itself is that file's job: the command
adds no second job for it unless its options override the file's.
"""

from __future__ import annotations

import json
import os
import re
from bisect import bisect_right
from collections.abc import Callable
from functools import cache

from spotlint.load.base import Limits, LoadedFile
from spotlint.load.boundary import resolve_reference
from spotlint.load.bounded import read_bounded
from spotlint.load.embedded import EmbeddedFile
from spotlint.load.files import load_bytes, parse_json
from spotlint.load.placeholders import has_placeholder
from spotlint.load.shell import (
    Command,
    Word,
    command_word,
    json_ready,
    read_commands,
    spark_submit_args,
    start_job_run_args,
    written_files,
)
from spotlint.load.submit_args import FLAG_CONFS
from spotlint.load.textpos import OffsetMap, SourceText
from spotlint.load.yaml_loader import limit_error, load_yaml_text
from spotlint.location import Location, Node
from spotlint.model import ConfOrigin, ConfValue, Job, JobKind
from spotlint.recognize.common import apply_conf_placement, text_of
from spotlint.recognize.emr import StartJobRunKind, build_start_job_run
from spotlint.recognize.kinds import NormalizeContext
from spotlint.sparkconf import versions
from spotlint.value import replace

#: spark-submit flags that set a conf besides those ``submit_args`` already maps.
_SUBMIT_FLAG_CONFS = {
    **FLAG_CONFS,
    "--master": "spark.master",
    "--deploy-mode": "spark.submit.deployMode",
}
#: spark-submit options that take no value (every other ``--x`` consumes the next word).
_SUBMIT_SWITCHES = {"--verbose", "-v", "--supervise", "--help", "-h", "--version", "--usage-error"}
_LONG_TEXT = 4096
_JOB_RUN_FLAGS = ("--release-label", "--job-driver", "--configuration-overrides", "--name",
                  "--cli-input-json", "--cli-input-yaml")


@cache
def _template_hint() -> re.Pattern[str]:
    """Cheap (linear) hint that text holds a template placeholder, for text too long to
    hand to the full placeholder pattern (compiled when first asked: text that long is rare)."""
    return re.compile(r"\$[{(A-Za-z_]|\{\{|\{%|%\{|<[A-Za-z0-9_.\- ]{1,64}>")


def _is_placeholder(text: str) -> bool:
    """``has_placeholder`` for ordinary values; a linear hint for very long text."""
    if len(text) > _LONG_TEXT:
        return _template_hint().search(text) is not None
    return has_placeholder(text)


class _Script:
    """Positions in the script being normalized: word spans to Locations.

    Word offsets index the script's text. A script embedded in another file (a
    Markdown block, a container's ``sh -c`` string) is read from its own text,
    and its offset map takes those indices to the outer file, whose positions
    every finding uses.
    """

    def __init__(self, ctx: NormalizeContext) -> None:
        self.ctx = ctx
        self.source = ctx.source
        file = ctx.file
        self.offsets: OffsetMap | None = file.offsets if isinstance(file, EmbeddedFile) else None
        self.text = file.inner if isinstance(file, EmbeddedFile) else file.text
        #: here-document bodies a start-job-run call reads (not linted on their own)
        self.consumed: set[int] = set()

    def outer_index(self, index: int) -> int:
        return self.offsets.outer(index) if self.offsets is not None else index

    def position(self, index: int) -> tuple[int, int]:
        return self.source.position(self.outer_index(index))

    def location(self, word: Word, begin: int = 0, end: int | None = None) -> Location:
        stop = len(word.text) if end is None else end
        first = word.source_index(begin)
        last = word.source_index(max(stop - 1, begin))
        line, col = self.position(first)
        end_line, end_col = self.position(max(last, first))
        return Location(self.source.path, line, col, end_line, end_col)

    def scalar(self, word: Word, key: Node | None = None) -> Node:
        unknown = word.has_unknown or _is_placeholder(word.text)
        return Node(word.text, self.location(word), key=key, unknown=unknown)


# -- JSON arguments --------------------------------------------------------------------


def _placer(word: Word, script: _Script) -> Callable[[Node, int, int, int, int], None]:
    """What stores in a node the script's position of a span of ``word.text``.

    ``place(node, line, col, end_line, end_col)`` sets the node's position to
    ``word.source_index(SourceText.index(...))`` for both ends, then the script's
    position of each (of the outer file's index, for a script embedded in another
    file): those steps written out, as every node of every JSON argument is placed.
    """
    text = word.text
    starts = SourceText(script.source.path, text).line_starts
    lines, size = len(starts), len(text)
    offsets, start = word.offsets, word.start
    last = len(offsets) - 1
    outer = script.offsets.outer if script.offsets is not None else None
    # (the script's line table, for ``SourceText.position`` written out below)
    script_starts = script.source.line_starts

    def place(node: Node, line: int, col: int, end_line: int, end_col: int) -> None:
        if last < 0:
            first = final = start
        else:
            at = size if line > lines else min(starts[line - 1] + col - 1, size)
            first = offsets[max(0, min(at, last))]
            at = size if end_line > lines else min(starts[end_line - 1] + end_col - 1, size)
            final = offsets[max(0, min(at, last))]
        if final < first:
            final = first
        if outer is not None:
            first, final = outer(first), outer(final)
        line = bisect_right(script_starts, first)
        end_line = bisect_right(script_starts, final)
        node._line = line
        node._col = first - script_starts[line - 1] + 1
        node._end_line = end_line
        node._end_col = final - script_starts[end_line - 1] + 1

    return place


def _relocate(tree: Node, word: Word, script: _Script) -> Node:
    """Move every node of a tree parsed from ``word.text`` to its place in the script.

    The tree is the one :func:`json_argument` just parsed, held by nothing else, so
    its nodes are moved where they are rather than copied (making a node, and a
    dictionary or list, again for each value was about half the cost of moving it).
    A key is made a plain node of its own at its new place (no tag, not unknown),
    also a plain key kept in its value's node (see :class:`~spotlint.location.Node`),
    which is read from the node's slots without making its node first. A node
    reached twice (a YAML alias) is moved once. A loop, not recursion: no call per
    node, and no depth limit of its own.
    """
    place = _placer(word, script)
    path = script.source.path
    seen: set[int] = set()
    pending: list[Node] = [tree]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        old_key = node._key
        key: Node | None = None
        if old_key is not None:
            key = _new_node(Node)
            key.value = old_key.value
            place(key, old_key._line, old_key._col, old_key._end_line, old_key._end_col)
        elif node._kname is not None:
            name, line, col = node._kname, node._kline, node._kcol
            key = _new_node(Node)
            key.value = name
            place(key, line, col, line, col + len(name) - 1)
        if key is not None:
            key._path = path
            key._key = key._kname = None
            key.tag = ""
            key.unknown = False
        place(node, node._line, node._col, node._end_line, node._end_col)
        node._path = path
        node._key = key
        node._kname = None
        value = node.value
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return tree


_new_node = object.__new__


def _plain_tree(value: object, loc: Location, key: Node | None = None) -> Node:
    """Nodes for JSON YAML would not compose (tabs...): values kept, all at one place."""
    if isinstance(value, dict):
        return Node({str(k): _plain_tree(v, loc, Node(str(k), loc)) for k, v in value.items()},
                    loc, key)
    if isinstance(value, list):
        return Node([_plain_tree(v, loc) for v in value], loc, key)
    return Node(value, loc, key, unknown=isinstance(value, str) and _is_placeholder(value))


def json_argument(script: _Script, flag: Word, value: Word) -> Node | None:
    """The JSON (or YAML) document held in one argument word, located in the script.

    A broken literal with no shell expansion in it is an SL002-style problem at
    the argument; with expansions we cannot tell what the shell would produce,
    so we give up silently.
    """
    ready = json_ready(value)
    if not ready.text.strip():
        return None
    key = Node(flag.text, script.location(flag))
    loaded = load_yaml_text(script.source.path, ready.text, script.ctx.limits, fmt="json")
    if not loaded.errors and loaded.documents:
        tree = _relocate(loaded.documents[0], ready, script)
        tree.key = key
        return tree if tree.is_map else None
    limit = limit_error(loaded)
    if limit is not None:  # json.loads below would hold all of it in memory
        where = Node(flag.text, script.location(value), key=key)
        script.ctx.report_unreadable(where, f"{flag.text} not read: {limit}")
        return None
    try:
        data = parse_json(ready.text)
    except (ValueError, RecursionError) as exc:
        literal = not value.has_unknown and not _is_placeholder(ready.text)
        if literal and ready.text.lstrip()[:1] in "{[":
            message = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            where = Node(flag.text, script.location(value), key=key)
            script.ctx.report_invalid(where, f"{flag.text} is not valid JSON: {message}")
        return None
    try:
        tree = _plain_tree(data, script.location(value), key)
    except RecursionError:  # nested as deep as json.loads allows: far past max-depth
        return None
    return tree if tree.is_map else None


# -- file:// arguments -----------------------------------------------------------------


def resolve_file_url(ctx: NormalizeContext, url: str) -> str | None:
    """The path a ``file://`` argument names, only if it lies inside the scanned root."""
    if not url.startswith("file://") or _is_placeholder(url):
        return None
    target = url[len("file://"):]
    if not target:
        return None
    root = getattr(ctx, "root", None)
    if not isinstance(root, str) or not root:
        return None
    base = os.path.dirname(ctx.file.path)
    path = target if os.path.isabs(target) else os.path.join(base, target)
    if "\x00" in path:
        return None
    path = os.path.normpath(path)
    found = resolve_reference(target, [path], root)
    return path if found.path is not None else None


def _load_request_file(path: str, limits: Limits) -> LoadedFile | None:
    try:
        if os.path.getsize(path) > limits.max_file_bytes:
            return None
        data = read_bounded(path, limits.max_file_bytes)
    except OSError:
        return None
    fmt = "yaml" if path.lower().endswith((".yaml", ".yml")) else "json"
    loaded = load_bytes(path, data, limits, fmt=fmt)
    if loaded.errors or not loaded.documents or not loaded.documents[0].is_map:
        return None
    return loaded


class _Arguments:
    """The options of one start-job-run call, with ``file://`` values resolved."""

    def __init__(self, script: _Script, command: Command, args: list[Word],
                 written: list[tuple[str, Word, int]]) -> None:
        self.script = script
        self.command = command
        self.written = written
        self.options: dict[str, tuple[Word, Word]] = {}
        index = 0
        while index < len(args):
            word = args[index]
            text = word.text
            if text.startswith("--") and "=" in text:
                cut = text.index("=")
                self.options[text[:cut]] = (word.slice(0, cut), word.slice(cut + 1))
            elif text.startswith("--") and index + 1 < len(args) and not args[
                    index + 1].text.startswith("--"):
                self.options[text] = (word, args[index + 1])
                index += 1
            index += 1

    def _heredoc_for(self, url: str) -> Word | None:
        """The body of a here-document the script wrote to ``url``'s file before the call."""
        name = url[len("file://"):]
        if name in ("/dev/stdin", "-") and self.command.heredocs:
            return self.command.heredocs[0]
        found: Word | None = None
        for target, body, start in self.written:
            if start < self.command.start and os.path.normpath(target) == os.path.normpath(name):
                found = body
        return found

    def document(self, flag_name: str) -> tuple[Node | None, NormalizeContext]:
        """The JSON argument ``flag_name`` as a tree, and the context its positions belong to."""
        ctx = self.script.ctx
        pair = self.options.get(flag_name)
        if pair is None:
            return None, ctx
        flag, value = pair
        if not value.text.startswith("file://"):
            return json_argument(self.script, flag, value), ctx
        body = self._heredoc_for(value.text)
        if body is not None:
            self.script.consumed.add(id(body))
            return json_argument(self.script, flag, body), ctx
        path = resolve_file_url(ctx, value.text)
        loaded = _load_request_file(path, ctx.limits) if path is not None else None
        if loaded is None:
            return None, ctx
        other = replace(ctx, file=loaded, _source=None)
        return loaded.documents[0], other

    def scalar(self, flag_name: str) -> Node | None:
        pair = self.options.get(flag_name)
        if pair is None:
            return None
        flag, value = pair
        return self.script.scalar(value, Node(flag.text, self.script.location(flag)))


def _anchor(script: _Script, command: Command, last: Word | None) -> Node:
    """A node spanning the command name up to ``start-job-run`` (where job findings point)."""
    first = command_word(command)
    end_word = last or first
    loc = script.location(first)
    end = script.location(end_word)
    return Node("aws emr-containers start-job-run",
                Location(loc.path, loc.line, loc.col, end.end_line, end.end_col))


def _start_job_run(script: _Script, command: Command, args: list[Word],
                   written: list[tuple[str, Word, int]]) -> Job | None:
    arguments = _Arguments(script, command, args, written)
    if not any(flag in arguments.options for flag in _JOB_RUN_FLAGS):
        return None
    request, request_ctx = arguments.document("--cli-input-json")
    if request is None:
        request, request_ctx = arguments.document("--cli-input-yaml")
    if request is not None and _request_is_its_own_job(script, arguments, request, request_ctx):
        return None
    driver, driver_ctx = arguments.document("--job-driver")
    overrides, _ = arguments.document("--configuration-overrides")
    release = arguments.scalar("--release-label")
    name_node = arguments.scalar("--name")
    if request is not None:
        driver = driver or request.get("jobDriver")
        overrides = overrides or request.get("configurationOverrides")
        release = release or request.get("releaseLabel")
        name_node = name_node or request.get("name")
    ctx = script.ctx
    if driver is not None and driver.loc.path != ctx.file.path:
        ctx = driver_ctx if driver.loc.path == driver_ctx.file.path else request_ctx
    before = args[0] if args else None
    anchor = _anchor(script, command, _before(command, before))
    line = anchor.loc.line
    name = text_of(name_node) or f"start-job-run@{line}"
    return build_start_job_run(
        ctx, anchor, name, JobKind.SHELL_START_JOB_RUN, release, driver, overrides
    )


#: start-job-run options that change the job a ``--cli-input-json`` file describes
_OVERRIDING_FLAGS = ("--job-driver", "--configuration-overrides", "--release-label")


def _request_is_its_own_job(script: _Script, arguments: _Arguments, request: Node,
                            request_ctx: NormalizeContext) -> bool:
    """Is the ``file://`` request a StartJobRun document that is linted as its own job?

    A request file inside the scanned root is recognized on its own (the
    StartJobRun kind), so building the same job again from the command would
    report every finding twice, once at the command and once in the file. The
    command is left out unless it overrides what the file says (then the two
    differ: the AWS CLI lets command-line options win over the input file).
    """
    if request_ctx.file.path == script.ctx.file.path:
        return False  # a here-document of this script, not a file of its own
    if any(flag in arguments.options for flag in _OVERRIDING_FLAGS):
        return False
    return StartJobRunKind().matches(request, request_ctx.file)


def _before(command: Command, word: Word | None) -> Word | None:
    """The word just before ``word`` in the command (``start-job-run`` itself)."""
    if word is None:
        return command.words[-1] if command.words else None
    for index, candidate in enumerate(command.words):
        if candidate is word and index > 0:
            return command.words[index - 1]
    return None


# -- spark-submit ----------------------------------------------------------------------


def _conf_pair(script: _Script, pair: Word) -> tuple[Node, Node] | None:
    """Key and value nodes of one ``k=v`` word (split on the first ``=``, as Spark does)."""
    text = pair.text
    if "=" not in text:
        return None
    cut = text.index("=")
    raw_key = text[:cut]
    lead = len(raw_key) - len(raw_key.lstrip())
    key_text = raw_key.strip()
    if not key_text:
        return None
    key = Node(key_text, script.location(pair, lead, lead + len(key_text)))
    value_word = pair.slice(cut + 1)
    loc = script.location(value_word) if value_word.text else script.location(pair, cut, cut + 1)
    unknown = value_word.has_unknown or _is_placeholder(value_word.text)
    return key, Node(value_word.text.strip(), loc, key=key, unknown=unknown)


def _submit_confs(script: _Script, args: list[Word]) -> tuple[list[tuple[Node, Node]],
                                                              list[tuple[Node, Node]]]:
    """``--conf`` pairs and flag-set confs of a spark-submit call, up to the application."""
    confs: list[tuple[Node, Node]] = []
    flags: list[tuple[Node, Node]] = []
    index = 0
    while index < len(args):
        word = args[index]
        text = word.text
        flag, value = text, None
        if text.startswith("--") and "=" in text:
            cut = text.index("=")
            flag, value = text[:cut], word.slice(cut + 1)
        elif index + 1 < len(args):
            value = args[index + 1]
        consumed = 1 if "=" in text and text.startswith("--") else 2
        if flag in ("--conf", "-c") and value is not None:
            pair = _conf_pair(script, value)
            if pair is not None:
                confs.append(pair)
        elif flag in _SUBMIT_FLAG_CONFS and value is not None:
            key = Node(_SUBMIT_FLAG_CONFS[flag], script.location(word, 0, len(flag)))
            unknown = value.has_unknown or _is_placeholder(value.text)
            flags.append((key, Node(value.text.strip(), script.location(value), key=key,
                                    unknown=unknown)))
        elif flag in _SUBMIT_SWITCHES:
            consumed = 1
        elif not text.startswith("-"):
            break  # the application jar/script: what follows are its own arguments
        index += consumed
    return confs, flags


def _spark_submit(script: _Script, command: Command, args: list[Word]) -> Job | None:
    confs, flags = _submit_confs(script, args)
    master = next((v for k, v in flags if k.value == "spark.master"), None)
    on_k8s = master is not None and (master.text() or "").startswith("k8s://")
    if not confs and not on_k8s:
        return None
    first = command_word(command)
    anchor = Node(first.text, script.location(first))
    name_node = next((v for k, v in flags + confs if k.value == "spark.app.name"), None)
    name = text_of(name_node) or f"spark-submit@{anchor.loc.line}"
    job = Job(name=name, kind=JobKind.SPARK_SUBMIT, doc=anchor)
    for key, value in confs + flags:  # Spark: dedicated flags beat --conf of the same key
        job.conf.add(ConfValue(key=str(key.value), node=value, origin=ConfOrigin.SUBMIT_ARGUMENT))
    image = job.conf.get("spark.kubernetes.container.image")
    if image is not None and not image.unknown:
        job.version = versions.from_image(image.node)
    apply_conf_placement(job)
    script.ctx.project.jobs.append(job)
    return job


# -- the document kind (declared in spotlint.recognize.shell_kind) ------------------------


def normalize_script(ctx: NormalizeContext) -> None:
    """The jobs a shell script submits, added to ``ctx.project``.

    Here-documents holding YAML or JSON (``kubectl apply -f - <<EOF``...) are
    handed to the engine as embedded documents (:mod:`.heredocs`).
    """
    script = _Script(ctx)
    commands = read_commands(script.text)
    written = written_files(commands)
    for command in commands:
        _submitted(script, command, written)
    if any(command.heredocs for command in commands):
        from spotlint.recognize.heredocs import embed_heredocs

        embed_heredocs(ctx, commands, script.consumed, script.outer_index)


def _submitted(script: _Script, command: Command,
               written: list[tuple[str, Word, int]]) -> Job | None:
    args = start_job_run_args(command)
    if args is not None:
        return _start_job_run(script, command, args, written)
    args = spark_submit_args(command)
    if args is not None:
        return _spark_submit(script, command, args)
    return None


def command_job(ctx: NormalizeContext, command: Command) -> Job | None:
    """The job one command submits (``spark-submit`` or ``start-job-run``), if any.

    For commands that are not read from a script: a container's ``command`` and
    ``args`` list, whose words carry offsets into ``ctx``'s file.
    """
    return _submitted(_Script(ctx), command, [])
