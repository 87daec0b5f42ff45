"""Virtual environments for tests that install spotlint, built without a network.

Tests that install spotlint (the wheel test, the fresh-clone test) need its
dependencies in the new environment. Downloading them needs a package index,
which a fresh clone on an offline machine does not have; the packages are
already installed where the tests run, though. So the new environment sees
them through a ``.pth`` file pointing at a directory of links to the current
environment's packages, leaving out spotlint itself: pip then finds every
dependency already satisfied and installs only spotlint, from the wheel or the
clone under test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

#: Environment for child processes that must not reach a package index or the network:
#: pip reads no configuration file and no index, and any HTTP(S) request fails at once.
OFFLINE = {
    "PIP_NO_INDEX": "1",
    "PIP_CONFIG_FILE": os.devnull,
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    "http_proxy": "http://127.0.0.1:9",
    "https_proxy": "http://127.0.0.1:9",
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "no_proxy": "",
    "NO_PROXY": "",
}


def offline_env(**extra: str) -> dict[str, str]:
    """The current environment, offline (see :data:`OFFLINE`), without other pip settings."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("PIP_")}
    env.update(OFFLINE)
    env.update(extra)
    return env


def _package_dirs() -> list[Path]:
    """The directories on ``sys.path`` that hold installed distributions (site-packages,
    the user site, or the links of an environment made by :func:`make_venv`)."""
    found: list[Path] = []
    for entry in sys.path:
        if not entry or not os.path.isdir(entry):
            continue
        if any(name.endswith(".dist-info") for name in os.listdir(entry)):
            found.append(Path(entry))
    return found


def _is_spotlint(name: str) -> bool:
    lower = name.lower()
    return lower == "spotlint" or lower.startswith(("spotlint-", "__editable__.spotlint",
                                                    "__editable___spotlint"))


def make_venv(target: Path) -> Path:
    """A virtual environment at ``target`` that sees the current packages but not spotlint.

    Returns its Python. ``pip install`` there finds the dependencies installed and
    needs no index (run it with :func:`offline_env`).
    """
    venv.EnvBuilder(with_pip=True).create(target)
    python = target / "bin" / "python"
    # ensurepip may bundle an old setuptools, which would hide the current one.
    subprocess.run(
        [str(python), "-m", "pip", "uninstall", "--yes", "--quiet", "setuptools"],
        capture_output=True, env=offline_env(),
    )
    shadow = target / "current-packages"
    shadow.mkdir()
    for directory in _package_dirs():
        for entry in directory.iterdir():
            link = shadow / entry.name
            if _is_spotlint(entry.name) or entry.suffix == ".pth" or link.exists():
                continue
            link.symlink_to(entry)
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    Path(purelib, "current-packages.pth").write_text(f"{shadow}\n", encoding="utf-8")
    return python
