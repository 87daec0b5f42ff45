"""Here-documents of shell scripts that hold YAML or JSON: documents of their own.

Setup scripts create clusters and node pools by piping manifests into
``kubectl`` and ``eksctl`` (``kubectl apply -f - <<EOF``, ``cat <<EOF | kubectl
create -f -``, ``eksctl create cluster -f - <<EOF``) or write them to files
(``cat <<EOF > nodepool.yaml``, ``tee``). Each such body is linted like a file
of its format, positioned in the script.

The format comes from the command that consumes the body: ``kubectl``
``apply``/``create``/``replace`` and ``eksctl`` with ``-f -`` read YAML (or
JSON, which YAML reads too); a file written with ``cat``/``tee`` has the format
its name says (``.yaml``, ``.json``, ``.conf``). Otherwise the body's content
decides, and only a clear case counts: YAML that starts with ``apiVersion:``,
``kind:`` or ``---``, JSON that starts with ``{``. A body the shell expands
(``$VAR``, ``${VAR}``, ``$(cmd)``) has those parts as unknown values; when it
then fails to parse, nothing is reported, since what the shell produces cannot
be known. Bodies consumed by a ``start-job-run`` call (``file://`` of a written
file, ``/dev/stdin``) are read as that call's arguments instead, and bodies
inside a command substitution are arguments of another command.
"""

from __future__ import annotations

import os
import re
from array import array
from collections.abc import Callable

from spotlint.load.embedded import load_embedded
from spotlint.load.files import load_text
from spotlint.load.shell import Command, Word, json_ready
from spotlint.load.textpos import ArrayMap
from spotlint.recognize.embedding import relevant
from spotlint.recognize.kinds import NormalizeContext

#: kubectl subcommands that read manifests from ``-f``.
_KUBECTL_READS = {"apply", "create", "replace"}
_STDIN_FILES = {"-", "/dev/stdin"}
_YAML_START = re.compile(r"\A(?:\s*#[^\n]*\n)*\s*(?:---|apiVersion\s*:|kind\s*:)")
_JSON_START = re.compile(r"\A\s*\{")
_SUFFIX_FORMATS = {
    ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".conf": "properties",
    ".properties": "properties",
}


def _program(command: Command) -> tuple[str, list[str]]:
    """The command's program name (no directory) and its arguments' text."""
    from spotlint.load.shell import command_word

    if not command.words:
        return "", []
    first = command_word(command)
    index = next(i for i, w in enumerate(command.words) if w is first)
    return first.text.rsplit("/", 1)[-1], [w.text for w in command.words[index + 1 :]]


def _reads_stdin_manifest(command: Command) -> str | None:
    """``kubectl apply -f -`` and friends: who reads YAML from standard input."""
    name, args = _program(command)
    if name not in ("kubectl", "eksctl", "oc"):
        return None
    if name != "eksctl" and not any(a in _KUBECTL_READS for a in args[:4]):
        return None
    following = [*args[1:], ""]
    for arg, value in zip(args, following, strict=True):
        flag, equals, inline = arg.partition("=")
        target = inline if equals else value
        if flag in ("-f", "--filename", "--config-file") and target in _STDIN_FILES:
            return f"{name} {' '.join(args[:2])}".strip()
    return None


def _written_name(command: Command) -> str | None:
    """The file a ``cat``/``tee`` here-document is written to, if any."""
    name, args = _program(command)
    if name not in ("cat", "tee"):
        return None
    targets = [r.target.text for r in command.redirects if r.op in (">", ">|", ">>")]
    if name == "tee":
        targets += [a for a in args if not a.startswith("-")]
    return targets[-1] if targets else None


def heredoc_format(command: Command, body: Word) -> tuple[str | None, str, bool, str]:
    """(format, what reads it, known from the consumer, file name) for one body."""
    reader = _reads_stdin_manifest(command)
    if reader is not None:
        return "yaml", reader, True, ""
    written = _written_name(command)
    if written is not None:
        suffix = os.path.splitext(written.lower())[1]
        fmt = _SUFFIX_FORMATS.get(suffix)
        if fmt is not None:
            return fmt, f"written to {written}", True, written
    if command.pipe is not None and _program(command)[0] in ("cat", "tee", "envsubst"):
        reader = _reads_stdin_manifest(command.pipe)
        if reader is not None:
            return "yaml", reader, True, ""
    text = body.text
    if _YAML_START.match(text):
        return "yaml", "here-document", False, written or ""
    if _JSON_START.match(text):
        return "json", "here-document", False, written or ""
    return None, "", False, ""


def embed_heredocs(
    ctx: NormalizeContext,
    commands: list[Command],
    consumed: set[int],
    outer_index: Callable[[int], int],
) -> None:
    """Hand every YAML/JSON here-document of ``commands`` to the engine (``ctx.embed``).

    ``outer_index`` maps an index of the script's text to the file's (they
    differ when the script is itself embedded, in a Markdown block).
    """
    for command in commands:
        if command.nested:
            continue  # an argument of the command around the substitution
        for body in command.heredocs:
            if id(body) in consumed or not body.text.strip():
                continue
            fmt, reader, known, name = heredoc_format(command, body)
            if fmt is None or not relevant(fmt, body.text):
                continue
            word = json_ready(body) if fmt == "json" else body
            offsets = array("q", map(outer_index, word.offsets))
            piece = load_embedded(ctx.source, word.text, ArrayMap(offsets, outer_index(
                body.start)), fmt, ctx.limits, f"here-document ({reader})", load_text)
            piece.name = name
            if piece.errors and not any("max-" in e.message for e in piece.errors) and (
                    not known or body.has_unknown):
                continue  # a guess that was wrong, or text the shell would change
            ctx.embed(piece)
