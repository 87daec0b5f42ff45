"""Every error spotlint reports to the user, and the exit codes they map to.

Two families, told apart by what the user can do about them:

* :class:`SpotlintError` and its subclasses: the command line, a configuration
  or baseline file, a rule selector or a plugin is wrong. The CLI prints
  ``spotlint: error: <message>`` and exits :data:`EXIT_ERROR`.
* :class:`InternalError`: a bug in spotlint or a plugin, raised with the file or
  rule being processed. The CLI prints one line naming it (the traceback only
  with ``--debug``) and exits :data:`EXIT_ERROR` too.

Problems with a scanned file are neither: they become findings (SL001, SL002,
SL003) and the run goes on.

Exit codes (one table, documented in the README):

* 0 (:data:`EXIT_OK`): no finding at or above ``--fail-on``;
* 1 (:data:`EXIT_FINDINGS`): findings at or above ``--fail-on``;
* 2 (:data:`EXIT_ERROR`): usage error, bad configuration, or an internal error.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

EXIT_OK: Final = 0
EXIT_FINDINGS: Final = 1
EXIT_ERROR: Final = 2


class SpotlintError(Exception):
    """Something the user can correct; the message is shown as is."""


class UsageError(SpotlintError):
    """Bad command-line arguments."""


class ConfigError(SpotlintError):
    """A configuration file that cannot be used."""


class BaselineError(SpotlintError):
    """A baseline file that cannot be read or written."""


class PluginError(SpotlintError):
    """A plugin could not be loaded or returned something invalid."""


class UnknownSelector(SpotlintError, ValueError):
    """A rule selector that names no rule (a typo in config or on the command line)."""


class UnknownFormatError(SpotlintError, ValueError):
    """A format name no built-in or plugin reporter provides."""


class WriteError(SpotlintError):
    """A file spotlint was asked to write (a report, a fix, a baseline) could not be."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path
        self.reason = reason


class InternalError(Exception):
    """A bug in spotlint or a plugin, with the file or rule it happened in."""

    def __init__(self, where: str, exc: BaseException) -> None:
        super().__init__(f"internal error while processing {where}: {type(exc).__name__}: {exc}")
        self.where = where
        self.original = exc
