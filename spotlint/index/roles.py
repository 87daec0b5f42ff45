"""What a file may give other files' findings, told from its bytes without a parse.

A first run (no index) used to build a record for every file of the project:
most of its time for one changed file. A lazy run builds records only for the
files its selection (:mod:`.select`) really asks about; for every other file a
byte scan says which *roles* it may play, and a file is parsed only when one of
its possible roles matters to the files being checked:

* :data:`POOLS`: it may hold node pools (Karpenter NodePools and Provisioners,
  eksctl node groups, CloudFormation node groups and Auto Scaling groups,
  Terraform node groups, ``karpenter-resources`` values);
* :data:`NODE_CLASSES`: it may hold Karpenter node classes;
* :data:`HANDLERS`: it may hold Spot interruption handling (Node Termination
  Handler, the Karpenter controller);
* :data:`CONFIG_MAPS`: it may hold pod templates in ConfigMaps, or jobs
  mounting one;
* links: which file names it may reference (a job's pod template, a script's
  ``file://`` request, a Terraform ``file()``). Kept as the candidate file names
  its text spells (:func:`may_link`), or :data:`LINKS_ANY` when the names may be
  computed (Terraform expressions, a ``file://`` name that is not spelt whole). A
  ``file://`` request spelt whole is kept as such too: the job built from it
  references what the request file's own text names (:func:`request_links`).

The scan is conservative by construction: a role is denied only when the
bytes cannot spell what the document kinds match on. Every needle below is a
string a kind compares a value with (an API group, a resource type, a chart,
a settings key, case-sensitive as the kinds compare them; Terraform's
lowercased); the scan runs on the text, and again with line
continuations joined and ``\\/`` unescaped, and gives every role when an escape
(``\\u``, ``\\x``, octal) could spell a needle, when the file is UTF-16/32, binary
or over the size limit. Terraform files are scanned with their whole module
directory's text (a value may come from a local or a variable defined in
another file of the module), without the lines that hold only a comment
(:func:`comment_lines`). A wrong "may" costs one parse; a wrong "cannot"
would change findings, so ``tests/index/test_index_roles.py`` holds the scan
to the records of every example, rule example and (when present) corpus file.

Only a run whose given files read interruption handlers (a handler or
controller, a self-managed group: :func:`spotlint.index.select.reads_handlers`)
asks which files may be handlers: the others scan without the handler needles
(a fifth of the scan); the index keeps which files were scanned so, and a run
that reads handlers scans them again first.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterable

from spotlint.load.discover import is_candidate_name
from spotlint.load.files import format_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

POOLS = 1
NODE_CLASSES = 2
HANDLERS = 4
CONFIG_MAPS = 8
#: May reference any file (names computed, or read from another file).
LINKS_ANY = 16
ALL = POOLS | NODE_CLASSES | HANDLERS | CONFIG_MAPS | LINKS_ANY

#: The key of a partial entry's summary (a record never has it): ``{"?": roles,
#: "names": [file names its text spells]}``.
PARTIAL = "?"

#: What each role's kinds compare values with, as spelt in YAML, JSON, properties and
#: shell text (and the documents embedded in them: heredocs, JSON arguments, ConfigMap
#: values); the kinds compare case-sensitively. Plain substrings (``in`` is far faster
#: than a regular expression).
_POOLS = (b"karpenter.sh/v", b"eksctl.io/", b"AWS::EKS::Nodegroup",
          b"AWS::AutoScaling::AutoScalingGroup")
#: The karpenter-resources chart's values: a ``nodePool`` key (not the label
#: ``karpenter.sh/nodepool``).
_NODEPOOL_KEY = re.compile(rb"(?<![\w./-])nodePool[\"']?\s*:")
_NODE_CLASSES = (b"karpenter.k8s.aws/v",)
_HANDLERS = (b"karpenter/controller", b"aws-node-termination-handler",
             b"enableSqsTerminationDraining", b"enableSpotInterruptionDraining",
             b"enableRebalanceDraining", b"enableRebalanceMonitoring", b"queueURL")
#: The needles of :data:`_HANDLERS` starting with ``enable``: the others are asked
#: before them (``karpenter/controller`` only where ``karpenter`` is).
_ENABLE_HANDLERS = tuple(w for w in _HANDLERS if w.startswith(b"enable"))
#: The Karpenter chart as a release's ``chart`` (``karpenter``, ``oci://.../karpenter``),
#: or as an anchor an alias may name, before a ``karpenter`` that ends the value (not
#: the word in comments, namespaces or label keys).
_CHART_BEFORE = re.compile(rb"(?:chart[\"']?\s*:|&\S+)\s*[\"']?(?:[^\s\"',}\]]*/)?\Z")
_WORD_CHARS = frozenset(
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
#: Karpenter chart values: a ``settings`` map with one of these keys.
_KARPENTER_SETTINGS = (b"clusterName", b"clusterEndpoint", b"interruptionQueue")
_CONFIG_MAPS = (b"ConfigMap", b"configMap")
_LINKS = (b"file://",)
#: What names a pod template in a job (``spark.kubernetes.*.podTemplateFile``).
_TEMPLATE_KEY = (b"podTemplateFile",)
#: The key, whole or spelt in quoted pieces of a shell word (``pod"Template"File``):
#: the text without its quotes holds the key. One search instead of two copies of
#: the text; the key's tail first, as a cheaper test that must pass too.
_TEMPLATE_SPELT = re.compile(b"[\"']*".join(re.escape(bytes([c])) for c in _TEMPLATE_KEY[0]))
_TEMPLATE_TAIL = re.compile(b"[\"']*".join(re.escape(bytes([c]))
                                            for c in _TEMPLATE_KEY[0][3:]))
#: Terraform: broader needles over the module's lowercased text (values may come from
#: locals and variables anywhere in it, ``lower``/``upper`` may change their case;
#: resource types, module inputs and chart names are spelt whole).
_TF_POOLS = (b"node_group", b"autoscaling_group", b"karpenter", b"eksctl", b"aws::",
             b"nodepool")
#: A node class document's kind (``EC2NodeClass``, ``AWSNodeTemplate``), spelt whole as
#: resource types and chart names are; with its API group (below).
_TF_NODE_CLASSES = (b"ec2nodeclass", b"awsnodetemplate")
#: The node classes' API group where it may start an ``apiVersion`` (``karpenter.k8s.aws/v1``,
#: or the group alone, joined to its version elsewhere): not the group of a label key
#: (``karpenter.k8s.aws/instance-family``), whose last part is no version.
_TF_NODE_CLASS_GROUP = re.compile(rb"karpenter\.k8s\.aws(?!/[a-uw-z0-9_.\-])")
_TF_HANDLERS = (b"karpenter", b"termination", b"interruption", b"rebalance", b"queueurl")
_TF_CONFIG_MAPS = (b"configmap", b"config_map")
#: Terraform reads a file (``file``, ``templatefile``, ``filebase64``...) or names a
#: pod template.
_TF_LINKS = (b"file(", b"podtemplatefile")
#: Where a Terraform module names a file it reads or a pod template, up to its value.
_TF_LINKS_AT = (re.compile(rb"file\(\s*"), re.compile(rb"podtemplatefile[\"']?\s*[=:]\s*"))
#: A string literal (no quote inside an interpolation), and its interpolations.
_TF_LITERAL = re.compile(rb'"[^"\\$%]*(?:(?:\\.|\$(?!\{)|%(?!\{)|\$\{[^}"]*\})[^"\\$%]*)*"')
_TF_INTERPOLATION = re.compile(rb"\$\{([^}\"]*)\}")
#: The literal text of a path component before (reversed) and after an interpolation.
_HEAD = re.compile(rb"[^\"/\s}$]*")
_BRACE = re.compile(rb"[{}]")
_TAIL = re.compile(rb"[^\"/\s$]*")
#: What ends :data:`_HEAD`'s and :data:`_TAIL`'s runs (``\\s`` is these six bytes).
_HEAD_ENDS = frozenset(b"\"/ \t\n\r\x0b\x0c}$")
_TAIL_ENDS = frozenset(b"\"/ \t\n\r\x0b\x0c$")
_QUOTES = frozenset(b"\"'")
#: What may come before a quoted piece that starts a word (or a value).
_WORD_BREAKS = frozenset(b" \t\r\n=:,;([{<>|&")
#: What bounds a path component in a Terraform string.
_BOUNDARY = frozenset(b"\"/ \t\r\n")
#: An escape that may spell a needle's character (JSON/YAML ``\\u``, ``\\x``, octal).
_HIDING = re.compile(rb"\\[uUx0-7]")
_CONTINUATION = re.compile(rb"\\\r?\n")
_CONTINUATION_INDENT = re.compile(rb"\\\r?\n[ \t]*")
#: What ends a word inside text (:data:`spotlint.index.names.SEPARATORS`), as a table
#: making every separator a blank (``bytes.split`` then splits at the blanks regular
#: expressions call ``\s``: far faster than the expression) and lowercasing as
#: ``bytes.lower`` does (ASCII letters only), in the same pass.
_SEPARATING = bytes.maketrans(b"/\\\"'`=:,;(){}[]<>|&*?$ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                              b" " * 22 + b"abcdefghijklmnopqrstuvwxyz")
#: What a file name (its last path component) is made of.
_NAME_CHARS = re.compile(r"[^\s/\\\"'`=:,;(){}\[\]<>|&*?$]+")
#: The endings of candidate file names (:func:`spotlint.load.discover.is_candidate_name`).
_NAME_END = re.compile(rb"\.(?:yaml|yml|json|conf|sh|md|markdown|tfvars|tf)")
_NAME_END_CHARS = frozenset(b"\t\n\x0b\x0c\r /\\\"'`=:,;(){}[]<>|&*?$")
#: The path before a file name's ending, matched on the reversed text before it
#: (linear on any text).
_PATH_START = re.compile(rb"[^\s\\\"'`=:,;()\[\]<>|&*?]*")
TERRAFORM_NAMES = (".tf", ".tf.json", ".tfvars")
#: A heredoc's opening, as the HCL reader matches it (``<<EOT``, ``<<-EOT``, a line break).
_TF_HEREDOC = re.compile(rb"<<-?([A-Za-z_][A-Za-z0-9_\-]*)[ \t]*(?:\r\n|\n|\r)")
#: A line holding only a comment (``#`` or ``//``), up to its line break: the first line
#: (matched at the start), then any after a line break, found by searching for the
#: break (a pattern starting with ``(?m)^`` is tried at every position: twice as slow).
_TF_COMMENT_LINE = re.compile(rb"[ \t]*(?:#|//)[^\r\n]*")
_TF_COMMENT_LINE_AFTER = re.compile(rb"\n([ \t]*(?:#|//)[^\r\n]*)")
#: :data:`_TF_COMMENT_LINE` and :data:`_TF_COMMENT_LINE_AFTER` (the line break before it
#: included) on lines without ``*/`` (which may end a block comment: code may follow).
_TF_DROPPED_FIRST = re.compile(rb"[ \t]*(?:#|//)[^\r\n*]*(?:\*(?!/)[^\r\n*]*)*(?![^\r\n])")
_TF_DROPPED = re.compile(rb"\n[ \t]*(?:#|//)[^\r\n*]*(?:\*(?!/)[^\r\n*]*)*(?![^\r\n])")


def scan(path: str, data: bytes, max_bytes: int,
         module_text: bytes | None = None, handlers: bool = True) -> dict[str, Any]:
    """The summary of the file at ``path`` holding ``data``: a partial entry
    (:data:`PARTIAL`), or ``{}`` when it may give others nothing (a record, as complete
    as a parse would make it for selection). A file the walk's prefilter leaves
    unparsed gives nothing whatever its scan says: the scan need not ask it.

    ``module_text`` is the text of the Terraform module directory (every ``.tf``,
    ``.tf.json`` and ``.tfvars`` in it) for a Terraform file. ``handlers`` False leaves
    the handler needles out: the summary then never gives :data:`HANDLERS`, and the
    caller keeps that it is not known.
    """
    fmt = format_of(path)
    if (len(data) > max_bytes or data.startswith((b"\xff\xfe", b"\xfe\xff"))
            or data.find(b"\x00", 0, 8192) >= 0):
        return {PARTIAL: ALL, "names": []}
    terraform = fmt in ("terraform", "terraform-json")
    if terraform and not module_text:
        module_text = terraform_code(data) if fmt == "terraform" else data
    texts = _variants(module_text.lower() if module_text is not None else data)
    if texts is None:
        return {PARTIAL: ALL, "names": []}
    roles = _terraform_roles(texts, handlers) if terraform else _roles(texts, handlers)
    if terraform:
        # a file read (``file``, ``templatefile``...) or a pod-template conf key
        links = _any(texts, _TF_LINKS)
        if links and any(b"%{" in text for text in texts):
            roles |= LINKS_ANY  # template directives: names built any way
        requests: set[str] | None = set()
    else:
        # A job names its pod templates under a ``podTemplateFile`` key (spelt in quoted
        # pieces in a shell word, perhaps); other links are ``file://`` names.
        requests = _requests(texts)
        if requests is None:
            roles |= LINKS_ANY  # a name computed, globbed or absolute: any file
        links = bool(roles & LINKS_ANY) or any(
            _TEMPLATE_TAIL.search(t) and _TEMPLATE_SPELT.search(t) for t in texts)
        if not roles and not requests and not links:
            return {}  # (as below: no role, name or piece; most files of a project)
    names = _names(texts) if links and not roles & LINKS_ANY else set()
    if requests and not roles & LINKS_ANY:
        names.update(name.lower() for name in requests)
    summary: dict[str, Any] = {PARTIAL: roles, "names": sorted(names)}
    if requests and not roles & LINKS_ANY:
        summary["requests"] = sorted(requests)
    if terraform and not roles & LINKS_ANY and (not links or all(
            _literal_links(text) for text in texts)):
        summary["literal"] = True  # the names it links to (if any) are spelt whole
    if terraform and ((links and not roles & LINKS_ANY) or roles & NODE_CLASSES):
        summary["pieces"] = sorted(_pieces(texts), key=repr)
    if roles & NODE_CLASSES:
        summary["words"] = _words(texts)
    if not roles and not summary["names"] and "pieces" not in summary:
        # no pool, node class, handler, ConfigMap template, reference or file read: what
        # the record of a file the prefilter skips says (no parse needed to know it)
        return {}
    return summary


def terraform_code(data: bytes) -> bytes:
    """An HCL file's text (``.tf``, ``.tfvars``) without the lines that are only a comment
    (:func:`comment_lines`): modules mention ``karpenter`` or ``file(`` in comments far
    more often than in code, and each such mention made a module a candidate to parse.

    The lines :func:`comment_lines` finds, dropped by one substitution over the text
    between heredocs rather than cut out one by one (a module has hundreds of comment
    lines); ``tests/index/test_index_roles_terraform.py`` holds the two to the same text."""
    if b"#" not in data and b"//" not in data:
        return data
    parts: list[bytes] = []
    at = 0
    for _, content, end in _heredoc_regions(data):
        parts.append(_TF_DROPPED.sub(b"\n", data[at:content]))
        parts.append(data[content:end])
        at = end
    parts.append(_TF_DROPPED.sub(b"\n", data[at:]) if at else _TF_DROPPED.sub(b"\n", data))
    first = _TF_DROPPED_FIRST.match(parts[0])
    if first is not None:
        parts[0] = parts[0][first.end():]
    return b"".join(parts) if len(parts) > 1 else parts[0]


def comment_lines(data: bytes) -> list[tuple[int, int]]:
    """Where the lines of HCL text that hold only a comment are (``#`` or ``//`` first).

    Such a line gives nothing to any record: the HCL reader skips comments, and a
    quoted string cannot span lines (a new line inside quotes is an error, and a file
    that does not parse gives nothing). Only a heredoc's content keeps its lines, since
    they are text there (a YAML block scalar may start a line with ``#``), and a line
    holding ``*/`` (in a block comment, it ends the comment). A heredoc
    ends as the reader ends it (the first line holding only its marker); every
    ``<<MARKER`` counts as one, even in a comment or a string, and a region holding
    another opening reaches that one's end too, so every real heredoc's content lies in
    some region: a line is left out only when it is a comment whatever else the text
    is. ``tests/index/test_index_roles_terraform.py`` holds it to the reader: blanking
    these lines changes no syntax tree.
    """
    if b"#" not in data and b"//" not in data:
        return []
    regions = _heredoc_regions(data)
    spans: list[tuple[int, int]] = []
    region = 0
    count = len(regions)
    for begin, end in _comment_line_spans(data):
        while region < count and regions[region][2] <= begin:
            region += 1
        if region < count and regions[region][0] <= begin:
            continue  # inside a heredoc: text
        if data.find(b"*/", begin, end) >= 0:
            continue  # inside a block comment, this may end it: code may follow
        spans.append((begin, end))
    return spans


def _heredoc_regions(data: bytes) -> list[tuple[int, int, int]]:
    """Where heredocs may be (:func:`comment_lines`), in order: where each region starts
    (its first ``<<MARKER``), where its content starts (after that opening's line break:
    no line starts between the two), and where it ends."""
    regions: list[tuple[int, int, int]] = []
    found = _TF_HEREDOC.search(data)
    while found is not None:
        start, content, end = found.start(), found.end(), _heredoc_end(data, found)
        inner = _TF_HEREDOC.search(data, found.end())
        while inner is not None and inner.start() < end:
            end = max(end, _heredoc_end(data, inner))
            inner = _TF_HEREDOC.search(data, inner.end())
        regions.append((start, content, end))
        found = inner
    return regions


def _comment_line_spans(data: bytes) -> list[tuple[int, int]]:
    """Where each line holding only a comment is, up to its line break (``(?m)^`` and
    :data:`_TF_COMMENT_LINE`, in order)."""
    first = _TF_COMMENT_LINE.match(data)
    found = [first.span()] if first is not None else []
    found.extend(comment.span(1) for comment in _TF_COMMENT_LINE_AFTER.finditer(data))
    return found


def _heredoc_end(data: bytes, opening: re.Match[bytes]) -> int:
    """Where the heredoc opened by ``opening`` ends: after its closing marker's line (the
    first line after the opening holding only the marker), or the text's end.

    The closing line is searched for after a line break (a ``(?m)^`` pattern is tried
    at every position: slower), from the opening's last character (its line break, or
    a lone ``\r`` after which ``^`` finds no line either)."""
    marker = opening.group(1)
    closing = _CLOSINGS.get(marker)
    if closing is None:
        if len(_CLOSINGS) > 256:
            _CLOSINGS.clear()
        closing = _CLOSINGS[marker] = re.compile(
            rb"\n[ \t]*" + re.escape(marker) + rb"[ \t]*\r?$", re.M)
    found = closing.search(data, opening.end() - 1)
    return found.end() if found is not None else len(data)


#: The closing line of a heredoc by marker (:func:`_heredoc_end`; modules repeat a few).
_CLOSINGS: dict[bytes, re.Pattern[bytes]] = {}


def _literal_links(text: bytes) -> bool:
    """Is every file a Terraform module's text reads (``file(...)``, ``templatefile(...)``)
    or names as a pod template a string literal, interpolating only ``path.module``
    (``path.root``, ``path.cwd``)? Then its name is spelt whole (:func:`_names`)."""
    for link_at in _TF_LINKS_AT:  # (each pattern starts with its own word: searched fast)
        for found in link_at.finditer(text):
            literal = _TF_LITERAL.match(text, found.end())
            if literal is None:
                return False
            for inner in _TF_INTERPOLATION.findall(literal.group()):
                if inner.strip() not in (b"path.module", b"path.root", b"path.cwd"):
                    return False
    return True


def _pieces(texts: Iterable[bytes]) -> set[tuple[str | None, str | None]]:
    """How Terraform strings may spell a file name around an interpolation
    (``"${local.name}-driver.yaml"``): for each, the text a name would start with (when
    the interpolation's path component starts in the string) and end with (when it
    ends there), None when unknown. A name ``${x}`` alone is ``x``'s value, spelt
    whole elsewhere in the module (:func:`_names` finds it)."""
    found: set[tuple[str | None, str | None]] = set()
    for text in texts:
        at = text.find(b"${")
        while at >= 0:
            end = text.find(b"}", at + 2)
            if end < 0 or text.find(b"{", at + 2, end) >= 0:
                end = _closing_brace(text, at + 2)  # (braces inside: counted)
            # (most interpolations are quoted, or a path component: nothing before, after)
            before = after = b""
            if at and text[at - 1] not in _HEAD_ENDS:
                head = _HEAD.match(text[max(0, at - 300):at][::-1])
                before = head.group()[::-1] if head else b""
            if end + 1 < len(text) and text[end + 1] not in _TAIL_ENDS:
                tail = _TAIL.match(text, end + 1)
                after = tail.group() if tail else b""
            opened = at - len(before) - 1
            closed = end + 1 + len(after)
            starts = opened < 0 or text[opened] in _BOUNDARY
            ends = closed >= len(text) or text[closed] in _BOUNDARY
            if not (starts and ends and not before and not after):
                found.add((before.decode("ascii", "replace") if starts else None,
                           after.decode("ascii", "replace") if ends else None))
            at = text.find(b"${", end)
    return found


def _closing_brace(text: bytes, at: int) -> int:
    """Where the brace closing an interpolation whose inside starts at ``at`` is (braces
    opened inside it closed first), or the text's end."""
    depth = 0
    while True:
        brace = _BRACE.search(text, at)
        if brace is None:
            return len(text)
        at = brace.start()
        if text[at] == ord("}"):
            if depth == 0:
                return at
            depth -= 1
        else:
            depth += 1
        at += 1


def _roles(texts: list[bytes], handlers: bool = True) -> int:
    """The roles the needles allow (:data:`HANDLERS` only when ``handlers``). Each ``in``
    reads the whole text, so needles sharing a start are looked for behind it
    (``karpenter``, ``AWS::``, ``enable``): a third of the searches, the same answers
    as every needle asked in turn."""
    roles = 0
    for text in texts:
        karpenter = b"karpenter" in text
        if (karpenter and b"karpenter.sh/v" in text) or b"eksctl.io/" in text or (
                b"AWS::" in text and any(w in text for w in _POOLS)) or (
                b"nodePool" in text and _NODEPOOL_KEY.search(text)):
            roles |= POOLS
        if karpenter and b"karpenter.k8s.aws/v" in text:
            roles |= NODE_CLASSES
        if handlers and (
                (karpenter and (b"karpenter/controller" in text or _karpenter_chart(text)))
                or b"aws-node-termination-handler" in text or b"queueURL" in text
                or (b"enable" in text and any(w in text for w in _ENABLE_HANDLERS))
                or (b"settings" in text and any(w in text for w in _KARPENTER_SETTINGS))):
            roles |= HANDLERS
        if b"onfigMap" in text:
            roles |= CONFIG_MAPS
    return roles


def _terraform_roles(texts: list[bytes], handlers: bool = True) -> int:
    roles = 0
    for role, words in ((POOLS, _TF_POOLS), (HANDLERS, _TF_HANDLERS),
                        (CONFIG_MAPS, _TF_CONFIG_MAPS)):
        if (handlers or role != HANDLERS) and _any(texts, words):
            roles |= role
    # A node class is a document whose apiVersion's group is ``karpenter.k8s.aws`` and
    # whose kind is one of the two: both spelt in the module. A NodePool's requirement
    # keys (``karpenter.k8s.aws/instance-category``) and the ``ec2NodeClass`` values of
    # the karpenter-resources chart (which makes no node class) are neither.
    if _any(texts, _TF_NODE_CLASSES) and any(_TF_NODE_CLASS_GROUP.search(t) for t in texts):
        roles |= NODE_CLASSES
    return roles


def _karpenter_chart(text: bytes) -> bool:
    """Does ``karpenter`` end a chart value (or an anchored value) somewhere in ``text``?"""
    at = text.find(b"karpenter")
    while at >= 0:
        end = at + len(b"karpenter")
        if end < len(text) and text[end] == ord("/"):
            end += 1
        if (end >= len(text) or text[end] not in _WORD_CHARS) and _CHART_BEFORE.search(
                text, max(0, at - 300), at):
            return True
        at = text.find(b"karpenter", at + 1)
    return False


def _variants(data: bytes) -> list[bytes] | None:
    """The text, and with line continuations joined and ``\\/`` unescaped; None when an
    escape may spell any character."""
    if b"\\" not in data:
        return [data]
    if _HIDING.search(data):
        return None
    texts = [data]
    # (most texts with a backslash have no continuation: a copy equal to the text, or
    # to the other copy, would only be searched again)
    for variant in (_CONTINUATION.sub(b"", data).replace(b"\\/", b"/"),
                    _CONTINUATION_INDENT.sub(b"", data)):
        if variant not in texts:
            texts.append(variant)
    return texts


def _any(texts: Iterable[bytes], words: Iterable[bytes]) -> bool:
    return any(word in text for text in texts for word in words)


def _names(texts: Iterable[bytes]) -> set[str]:
    """The paths of candidate files the text spells (lowercased, ASCII): what a reference
    may name, cut at every character that may end one, with and without quotes and
    backslashes (a shell word may be spelt in quoted pieces)."""
    found: set[str] = set()
    for text in texts:
        variants = [text]
        if b'"' in text or b"'" in text or b"\\" in text:
            variants.append(text.replace(b'"', b"").replace(b"'", b"").replace(b"\\", b""))
        for variant in variants:
            size = len(variant)
            for ending in _NAME_END.finditer(variant):
                at, end = ending.span()
                if end < size and variant[end] not in _NAME_END_CHARS:
                    continue  # ".yaml.bak", ".shx": no candidate name ends here
                window = variant[max(0, at - 1000):at][::-1]
                head = _PATH_START.match(window)
                length = head.end() if head is not None else 0
                start = at - length
                part = variant[start:end]
                if (length < 1000 or at < 1000) and part.isascii() and not _joined(
                        variant, start, part):
                    found.add(part.decode("ascii"))
    return found


#: What ends a ``file://`` name: what ends a shell word or a string, or may make the name
#: anything (an expansion, a glob, an escape).
_REQUEST_END = frozenset(b" \t\r\n\x0b\x0c\"'`;|&()<>,[]{}\\$*?~")
#: What may follow a ``file://`` name spelt whole (a closing quote, then one of the rest).
_AFTER_NAME = frozenset(b" \t\r\n\x0b\x0c\"',;)]}|&")


def _requests(texts: Iterable[bytes]) -> set[str] | None:
    """The names spelt after ``file://`` (a request file, or a template), case kept; None
    when one may be any name: computed (``$``, a backtick), globbed, absolute, empty, not
    printable ASCII, or spelt in quoted pieces."""
    found: set[str] = set()
    for text in texts:
        size = len(text)
        at = text.find(b"file://")
        while at >= 0:
            start = at + len(b"file://")
            end = start
            while end < size and text[end] not in _REQUEST_END:
                end += 1
            name = text[start:end]
            after = text[end] if end < size else None
            if not name or name.startswith(b"/") or not name.isascii() or (
                    after is not None and after not in _AFTER_NAME) or any(
                    c < 0x20 or c == 0x7F for c in name):
                return None
            if after in _QUOTES and (at == 0 or text[at - 1] != after or (
                    end + 1 < size and text[end + 1] not in _AFTER_NAME)):
                return None  # a quote that does not close the whole quoted word
            found.add(name.decode("ascii"))
            at = text.find(b"file://", start)
    return found


def _resolved(rel: str, names: Iterable[str]) -> list[str]:
    """Where ``file://`` names written in the file ``rel`` may lead, relative to the root:
    from the file's directory (a request, as the shell kind resolves it) or from the root
    (a template reference, as the linker also tries); none outside the root."""
    base = rel.rpartition("/")[0]
    found: list[str] = []
    for name in names:
        for path in (posixpath.normpath(posixpath.join(base, name)), posixpath.normpath(name)):
            if path not in (".", "..") and not path.startswith("../") and path not in found:
                found.append(path)
    return found


#: The summary of a file whose text the scan does not know: it may link to any file.
ANY_LINKS = {PARTIAL: ALL, "names": []}


def request_links(
    summary: dict[str, Any], rel: str, target: str,
    content: Callable[[str], dict[str, Any] | None],
) -> bool:
    """May a job the file ``rel`` builds from a ``file://`` request it names reference
    ``target``, through what the request file's text names? ``content`` gives a request
    file's summary (:data:`ANY_LINKS` when its text is not known, None when there is no
    such file: nothing is read). Its names resolve from either file's directory or the
    root."""
    for request in _resolved(rel, summary.get("requests", ())):
        found = content(request)
        if found is not None and (may_link(found, rel, target) or may_link(
                found, request, target)):
            return True
    return False


def _joined(text: bytes, start: int, part: bytes) -> bool:
    """Is ``part`` (at ``start``) no whole reference: after a scheme (``s3://...``: a URL,
    remote; ``file://`` files are links to anything), or after a quote closing a piece
    of the same word (``"$B"/x.yaml``: the unquoted variant holds the whole word)?"""
    before = text[start - 1] if start > 0 else None
    if before == ord(":") and part.startswith(b"//"):
        return True
    if before in _QUOTES and start > 1:
        return text[start - 2] not in _WORD_BREAKS
    return False


def _words(texts: Iterable[bytes]) -> str:
    """Every word of the text (lowercased, ASCII, split as :func:`_names` splits), each
    with a space before and after: a node class's name is one of them. (No word holds a
    space: words are split at blanks. A line break, the earlier separator, cost JSON an
    escape each: the index's words were 40% of the time to write and read it.)"""
    found: set[bytes] = set()
    for text in texts:
        found.update(text.translate(_SEPARATING).split())
    joined = b" ".join(sorted(found))
    if not joined.isascii():
        joined = b" ".join(sorted(w for w in found if w.isascii()))
    return " " + joined.decode("ascii") + " "


def may_link(summary: dict[str, Any], rel: str, target: str) -> bool:
    """May the file ``rel`` (of this partial summary) reference the file ``target`` (both
    ``/``-separated, relative to the root)? As the linker resolves a reference: from the
    file's directory, else from the root."""
    if summary.get(PARTIAL, ALL) & LINKS_ANY:
        return True
    spelt = summary.get("names")
    if not spelt and (summary.get("literal") or not summary.get("pieces")):
        return False  # spells no path (no podTemplateFile key, no file read)
    name = target.rpartition("/")[2].lower()
    if (not name.isascii() or len(name) > 240 or not _NAME_CHARS.fullmatch(name)
            or not is_candidate_name(name)):
        return True  # a name the scan does not collect: assume it may be referenced
    wanted = target.lower()
    base = rel.rpartition("/")[0].lower()
    for before, after in () if summary.get("literal") else summary.get("pieces", ()):
        if (before is None or name.startswith(before)) and (
                after is None or name.endswith(after)):
            return True
    terraform = rel.lower().endswith(TERRAFORM_NAMES)
    for written in spelt or ():
        path = written.lower()
        if path.rpartition("/")[2] != name:
            continue
        if path.startswith(("/", "~")) or terraform:
            return True  # absolute; or Terraform, whose strings join values into paths
        if posixpath.normpath(path) == wanted or posixpath.normpath(
                posixpath.join(base, path)) == wanted:
            return True
    return False


def module_text(directory: str, known: dict[str, bytes]) -> bytes:
    """The text of a Terraform module directory: its ``.tf``, ``.tf.json`` and ``.tfvars``
    files, ignored ones included (as the module's scope reads them), without the lines
    that are only a comment (:func:`terraform_code`)."""
    if directory in known:
        return known[directory]
    parts: list[bytes] = []
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        names = []
    for entry in names:
        if entry.lower().endswith(TERRAFORM_NAMES):
            try:
                with open(os.path.join(directory, entry), "rb") as handle:
                    data = handle.read()
            except OSError:
                continue
            parts.append(data if entry.lower().endswith(".json") else terraform_code(data))
    known[directory] = b"\n".join(parts)
    return known[directory]
