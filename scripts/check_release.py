"""Check that a release tag matches the project: ``python scripts/check_release.py vX.Y.Z``.

The release workflow runs it before building: the tag must be ``v`` followed
by the version in ``pyproject.toml``, and ``CHANGELOG.md`` must have a section
``## [X.Y.Z] - YYYY-MM-DD`` (a dated one: "not yet released" does not count).
Exits 1 with one line per problem.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]


def problems(tag: str, repo: Path = REPO) -> list[str]:
    """What is wrong with releasing ``repo`` as ``tag`` (empty: nothing)."""
    version = tomllib.loads((repo / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    found: list[str] = []
    if tag != f"v{version}":
        found.append(f"tag {tag!r} does not match version {version!r} in pyproject.toml "
                     f"(expected 'v{version}')")
    changelog = (repo / "CHANGELOG.md").read_text("utf-8")
    heading = re.compile(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}\s*$", re.M)
    if not heading.search(changelog):
        found.append(f"CHANGELOG.md has no dated section '## [{version}] - YYYY-MM-DD'")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: check_release.py vX.Y.Z", file=sys.stderr)
        return 2
    found = problems(argv[0])
    for problem in found:
        print(f"::error::{problem}")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
