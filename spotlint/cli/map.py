"""``spotlint map``: the run ``check`` makes, drawn as a placement map.

The settings, the context and the run are ``check``'s own
(:func:`~spotlint.cli.check.configure`, :func:`~spotlint.cli.check.context_for`,
:func:`~spotlint.engine.lint`): only the output differs, so the findings on the
map are the ones ``check`` reports and the placement is the one its rules read.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from spotlint.errors import EXIT_ERROR, EXIT_OK, SpotlintError, UsageError

#: The formats ``spotlint map`` writes.
MAP_FORMATS = ("text", "json", "html")


@dataclass
class MapOptions:
    paths: list[str]
    fmt: str = "text"
    output: str | None = None
    config_file: str | None = None
    isolated: bool = False
    root: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    color: bool = False
    debug: bool = False


def run_map(options: MapOptions) -> int:
    """Lint as ``check`` would, then write the map; 0 unless the run itself fails.

    Findings do not change the exit code: the map is a picture, ``check`` is the gate.
    """
    from spotlint.cli.check import CheckOptions, configure, context_for
    from spotlint.config.selection import validate
    from spotlint.engine import lint
    from spotlint.plugins.manager import default_registry
    from spotlint.report.escape import printable

    check = CheckOptions(paths=options.paths, config_file=options.config_file,
                         isolated=options.isolated, root=options.root, select=options.select,
                         ignore=options.ignore, extend_select=options.extend_select,
                         debug=options.debug)
    try:
        if options.fmt not in MAP_FORMATS:
            raise UsageError(f"unknown map format {options.fmt!r} "
                             f"(choose from {', '.join(MAP_FORMATS)})")
        if options.fmt == "html" and options.output is None:
            raise UsageError("--format html needs --output FILE (a page, not terminal text)")
        missing = [p for p in options.paths if not os.path.exists(p)]
        if missing:
            raise UsageError(f"path does not exist: {missing[0]}")
        registry = default_registry()
        configured = configure(check, registry)
        settings = configured.settings
        validate([*settings.select, *settings.ignore, *settings.extend_select], registry.rules)
        context = context_for(check, configured.scopes, configured.project, settings.root)
        result = lint(options.paths, settings, registry, context=context,
                      workers=1, keep_model=True)
        from spotlint.map.build import build_map

        data = build_map(result)
        text = _render(data, options)
        if options.output is not None:
            from spotlint.load.safe_write import write_atomic

            write_atomic(options.output, text.encode("utf-8", "backslashreplace"))
        else:
            from spotlint.cli import pipe

            pipe.write(text)
    except SpotlintError as exc:
        print(f"spotlint: error: {printable(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        if options.debug:
            raise
        print(printable(f"spotlint: internal error while mapping {', '.join(options.paths)}: "
                        f"{type(exc).__name__}: {exc}") + " (rerun with --debug for a traceback)",
              file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _render(data: dict[str, object], options: MapOptions) -> str:
    if options.fmt == "json":
        import json

        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if options.fmt == "html":
        from spotlint.map.html import render_html

        return render_html(data)
    from spotlint.map.text import render_text

    return render_text(data, color=options.color and options.output is None)
