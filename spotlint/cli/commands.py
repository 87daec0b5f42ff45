"""The click commands of the command line (``spotlint.cli.main.main`` is the entry point).

Kept apart from :mod:`spotlint.cli.main` so that importing click (~16 ms) is paid only
by invocations that need argument parsing; see :func:`spotlint.cli.main.main`.
"""

from __future__ import annotations

import sys

import click

from spotlint import __version__
from spotlint.cli import pipe
from spotlint.cli.check import use_color
from spotlint.errors import EXIT_ERROR, SpotlintError

TYPE_CHECKING = False
if TYPE_CHECKING:
    _TextParam = click.ParamType[str]
else:  # click before 8.2 has no generic ParamType
    _TextParam = click.ParamType


class FormatName(_TextParam):
    """An output format: a name in the reporters' registry (built-in or a plugin's).

    The registry is the one list of format names; it is read only when
    ``--format`` is given or help is shown, so other invocations do not pay
    for it. A plugin that fails to load is reported by the command, not here.
    """

    name = "format"

    def _names(self) -> list[str] | None:
        from spotlint.plugins.manager import default_registry

        try:
            return sorted(default_registry().reporters)
        except SpotlintError:
            return None

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        names = self._names()
        return "[" + "|".join(names) + "]" if names else "FORMAT"

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[click.shell_completion.CompletionItem]:
        """Format names for shell completion (see the README: Shell completion)."""
        from click.shell_completion import CompletionItem

        return [CompletionItem(n) for n in self._names() or [] if n.startswith(incomplete)]

    def convert(
        self, value: str, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        names = self._names()
        if names is not None and value not in names:
            self.fail(f"{value!r} is not one of {', '.join(map(repr, names))}.", param, ctx)
        return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="spotlint")
def cli() -> None:
    """Lint Spark-on-Kubernetes configuration for EC2 Spot best practice."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--output-format",
    "--format",
    "formats",
    multiple=True,
    type=FormatName(),
    help="Output format: text (default: findings with their source line), concise (one line "
    "each), statistics, json, sarif, ... Repeatable: pair each with an --output; the last "
    "may go to stdout. --format is the same option.",
)
@click.option(
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Write the matching --format to this file instead of stdout.",
)
@click.option(
    "--select", multiple=True, metavar="SELECTORS",
    help="Rule codes, names or code prefixes to enable, comma-separated (default ALL).",
)
@click.option("--ignore", multiple=True, metavar="SELECTORS",
              help="Rule codes, names or code prefixes to disable, comma-separated.")
@click.option("--extend-select", multiple=True, metavar="SELECTORS",
              help="Enable these in addition to the selection, comma-separated.")
@click.option(
    "--fail-on",
    type=click.Choice(("error", "warning", "info", "never")),
    default=None,
    help="Lowest severity that makes the exit code 1 (default warning).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--stdin-filename", help="File name to use for positions and kind detection of '-'.")
@click.option(
    "--root",
    type=click.Path(file_okay=False),
    default=None,
    help="Root of the scan; references never resolve outside it (default: the common "
    "directory of the paths).",
)
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of findings.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Configuration file (default: .spotlint.yaml or pyproject.toml found upwards).",
)
@click.option(
    "--isolated",
    is_flag=True,
    help="Ignore configuration files and read no repository context.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    default=None,
    help="Findings recorded in this baseline file are suppressed; only new ones count.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    default=None,
    help="Record the current findings in this file (and exit 0).",
)
@click.option(
    "--report-unused-suppressions",
    is_flag=True,
    help="Report suppression comments and annotations that matched nothing (SL005).",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Filter files named on the command line like files found in directories "
    "(exclude patterns, files spotlint has nothing to read in); for pre-commit.",
)
@click.option("--fix", "fix", is_flag=True, help="Apply safe fixes to the files.")
@click.option(
    "--unsafe-fixes", is_flag=True, help="Also apply unsafe fixes (with --fix or --diff)."
)
@click.option(
    "--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing (exit 1 if any)."
)
@click.option(
    "--fix-only", is_flag=True, help="Apply fixes and do not report or fail on what is left."
)
@click.option(
    "--workers",
    "--jobs",
    "-j",
    "workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes a run is shared by: each reads, recognizes and checks part of the "
    "files (default: 2 for a run of 300 files or more on a machine with 2 cores or more, "
    "else 1; 1 keeps the run in one process; see bench/README.md, Parallelism).",
)
@click.option(
    "--limit",
    "limits",
    multiple=True,
    metavar="NAME=VALUE",
    help="Change a resource limit (repeatable): max-file-bytes, max-depth, "
    "max-alias-expansion, max-documents, max-nodes, max-seconds-per-file (see docs/safety.md).",
)
@click.option(
    "--show",
    type=click.Choice(("error", "warning", "info")),
    default=None,
    help="Lowest severity the text formats list (default warning; the summary counts the "
    "rest). Does not change the exit code (see --fail-on) or json/sarif/junit/gitlab.",
)
@click.option("-q", "--quiet", is_flag=True,
              help="Print the findings and nothing else (no summary, hints or progress).")
@click.option("-s", "--silent", is_flag=True,
              help="Print nothing on stdout (files named by --output are still written); "
              "the exit code still says whether there are findings.")
@click.option(
    "--no-cache", is_flag=True,
    help="Do not use the project index: read every project file as context (see docs/cache.md).",
)
@click.option(
    "--cache-dir", type=click.Path(file_okay=False), default=None,
    help="Where the project index lives (default: .spotlint_cache/ at the project root; "
    "also config cache-dir, SPOTLINT_CACHE_DIR).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def check(
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    stdin_filename: str | None,
    root: str | None,
    statistics: bool,
    config_file: str | None,
    isolated: bool,
    baseline: str | None,
    write_baseline: str | None,
    report_unused_suppressions: bool,
    force_exclude: bool,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    fix_only: bool,
    workers: int | None,
    limits: tuple[str, ...],
    show: str | None,
    quiet: bool,
    silent: bool,
    no_cache: bool,
    cache_dir: str | None,
    debug: bool,
) -> None:
    """Lint files and directories (default: the current directory; '-' reads stdin)."""
    from spotlint.cli.check import CheckOptions, run_check

    options = CheckOptions(
        paths=list(paths) or ["."],
        formats=list(formats) or ["text"],
        outputs=list(outputs),
        select=_split(select),
        ignore=_split(ignore),
        extend_select=_split(extend_select),
        fail_on=fail_on,
        exit_zero=exit_zero,
        stdin_filename=stdin_filename,
        root=root,
        statistics=statistics,
        config_file=config_file,
        isolated=isolated,
        baseline=baseline,
        write_baseline=write_baseline,
        report_unused_suppressions=report_unused_suppressions,
        force_exclude=force_exclude,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        fix_only=fix_only,
        workers=workers,
        limits=list(limits),
        show=show,
        quiet=quiet,
        silent=silent,
        no_cache=no_cache,
        cache_dir=cache_dir,
        debug=debug,
        color=use_color(sys.stdout),
    )
    sys.exit(run_check(options))


def _split(values: tuple[str, ...]) -> list[str]:
    """``--select SL107,SL102 --select SL2`` -> ``[SL107, SL102, SL2]``, as ruff reads it."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(("text", "markdown", "json")), default="text")
def rules_command(fmt: str) -> None:
    """List every rule: code, name, default severity, summary."""
    from spotlint.cli.rule_docs import catalog

    pipe.write(catalog(fmt))


@cli.command("rule")
@click.argument("code_or_name")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text")
def rule_command(code_or_name: str, fmt: str) -> None:
    """Show one rule's documentation, with its bad and good examples."""
    from spotlint.cli.rule_docs import rule_page
    from spotlint.config.selection import find
    from spotlint.plugins.manager import default_registry

    found = find(default_registry().rules, code_or_name)
    if found is None:
        click.echo(f"spotlint: unknown rule {code_or_name!r} (see `spotlint rules`)", err=True)
        sys.exit(EXIT_ERROR)
    pipe.write(rule_page(found, fmt))


@cli.command("map")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(("text", "json", "html")), default="text",
              help="text (a table per cluster), json (docs/map.md) or html (a self-contained "
              "page; needs --output).")
@click.option("--output", type=click.Path(dir_okay=False), default=None,
              help="Write the map to this file instead of stdout.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Configuration file (default: .spotlint.yaml or pyproject.toml found upwards).")
@click.option("--isolated", is_flag=True,
              help="Ignore configuration files and read no repository context.")
@click.option("--root", type=click.Path(file_okay=False), default=None,
              help="Root of the scan (as for check).")
@click.option("--select", multiple=True, metavar="SELECTORS",
              help="Rules whose findings the map attaches (as for check).")
@click.option("--ignore", multiple=True, metavar="SELECTORS",
              help="Rules whose findings the map leaves out (as for check).")
@click.option("--extend-select", multiple=True, metavar="SELECTORS",
              help="Enable these in addition to the selection, comma-separated.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def map_command(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    config_file: str | None,
    isolated: bool,
    root: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    debug: bool,
) -> None:
    """Show where every job's driver and executors can land (see docs/map.md).

    Lints as `check` does (same configuration and context) and draws each
    cluster's pools and each job's placement, with its findings. Exit 0 unless
    the run fails: `check` is the gate.
    """
    from spotlint.cli.map import MapOptions, run_map

    options = MapOptions(
        paths=list(paths) or ["."], fmt=fmt, output=output, config_file=config_file,
        isolated=isolated, root=root, select=_split(select), ignore=_split(ignore),
        extend_select=_split(extend_select), color=use_color(sys.stdout), debug=debug,
    )
    sys.exit(run_map(options))


@cli.command("server")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Configuration file for every document (default: the nearest one, as check).")
@click.option("--isolated", is_flag=True,
              help="Ignore configuration files and read no repository context.")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None,
              help="Findings recorded in this baseline file are not shown.")
@click.option("--select", multiple=True, metavar="SELECTORS",
              help="Rule codes, names or code prefixes to enable, comma-separated.")
@click.option("--ignore", multiple=True, metavar="SELECTORS",
              help="Rule codes, names or code prefixes to disable, comma-separated.")
@click.option("--extend-select", multiple=True, metavar="SELECTORS",
              help="Enable these in addition to the selection, comma-separated.")
@click.option("--report-unused-suppressions", is_flag=True,
              help="Report suppression comments that matched nothing (SL005).")
@click.option("--debounce-ms", type=click.IntRange(min=0), default=150, show_default=True,
              help="Quiet time after an edit before the document is linted again.")
def server_command(
    config_file: str | None,
    isolated: bool,
    baseline: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    report_unused_suppressions: bool,
    debounce_ms: int,
) -> None:
    """Run the language server on stdin/stdout, for editors (see docs/editors.md).

    Needs the server extra: pip install 'spotlint[server]'.
    """
    from spotlint.server.session import ServerOptions

    options = ServerOptions(
        config_file=config_file, isolated=isolated, baseline=baseline,
        select=_split(select), ignore=_split(ignore), extend_select=_split(extend_select),
        report_unused_suppressions=report_unused_suppressions, debounce_ms=debounce_ms,
    )
    try:
        from spotlint.server.app import serve
    except ImportError as exc:
        missing = getattr(exc, "name", None) or str(exc)
        click.echo(f"spotlint: error: `spotlint server` needs {missing}: "
                   "pip install 'spotlint[server]'", err=True)
        sys.exit(EXIT_ERROR)
    serve(options)
