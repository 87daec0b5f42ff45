"""The shell-script document kind, apart from :mod:`spotlint.recognize.shell`.

Every run asks each kind whether it matches; only a shell file needs the
script reader, so it is imported when a script is normalized (it costs about
4 ms of start-up, a pre-commit run on one YAML file never needs it).
"""

from __future__ import annotations

from spotlint.load.base import LoadedFile
from spotlint.location import Node
from spotlint.recognize.kinds import NormalizeContext


class ShellScriptKind:
    """A shell script (loaded as one scalar holding its text)."""

    name = "shell-script"
    schema: str | None = None

    def matches(self, doc: Node, file: LoadedFile) -> bool:
        return file.fmt == "shell" and doc.is_scalar

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        from spotlint.recognize.shell import normalize_script

        before = len(ctx.project.jobs)
        normalize_script(ctx)
        mounts = getattr(ctx.file, "mounts", None)
        if mounts is not None:  # a container's script: its pod templates may be ConfigMaps
            for job in ctx.project.jobs[before:]:
                for ref in job.template_refs:
                    ref.mounted_from = ref.mounted_from or mounts(ref.target)


KINDS = [ShellScriptKind()]
