"""Every third-party import is declared: the package's in ``dependencies``, the tests' in ``test``.

A fresh clone runs ``pip install -e ".[test]"`` and then the tests, so a module
that the code or the tests import but pyproject.toml does not name fails there
and nowhere else. The imports are read from the source (lazy imports inside
functions included) and mapped to the distributions that provide them.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable
from importlib.metadata import packages_distributions
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[2]
#: Our own top-level packages and the tests' support package, imported by name.
LOCAL = {"spotlint", "rules", "schemas", "generate", "floor", "run", "support"}


def _name(requirement: str) -> str:
    """``ruamel.yaml>=0.18; python_version<'3.11'`` -> ``ruamel-yaml``."""
    bare = re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", bare).lower()


def _declared(*extras: str) -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    names = {_name(r) for r in project["dependencies"]}
    for extra in extras:
        names |= {_name(r) for r in project["optional-dependencies"][extra]}
    return names


def _type_checking_only(tree: ast.AST) -> set[int]:
    """Ids of the nodes under ``if TYPE_CHECKING:``: read by type checkers, never run."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        test = getattr(node, "test", None)
        if isinstance(node, ast.If) and (
            (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
            or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
        ):
            skipped |= {id(child) for stmt in node.body for child in ast.walk(stmt)}
    return skipped


def _imports(files: Iterable[Path]) -> dict[str, Path]:
    """Top-level module names imported anywhere in ``files`` (absolute imports only).

    Imports under ``if TYPE_CHECKING:`` do not count: they never run, and mypy
    (a test extra) brings what they name.
    """
    found: dict[str, Path] = {}
    for path in files:
        tree = ast.parse(path.read_text("utf-8"))
        type_only = _type_checking_only(tree)
        for node in ast.walk(tree):
            if id(node) in type_only:
                continue
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], path)
    return found


def _undeclared(files: Iterable[Path], declared: set[str]) -> list[str]:
    local = LOCAL | {p.stem for p in (REPO / "tests").rglob("*.py")}
    providers = packages_distributions()
    missing = []
    for module, where in sorted(_imports(files).items()):
        if module in sys.stdlib_module_names or module in local:
            continue
        dists = {_name(d) for d in providers.get(module, [module])}
        if not dists & declared:
            shown = where.relative_to(REPO) if where.is_relative_to(REPO) else where
            missing.append(f"{module} (imported in {shown})")
    return missing


def test_the_package_imports_only_declared_dependencies() -> None:
    server = REPO / "spotlint" / "server"
    files = [*(REPO / "spotlint").rglob("*.py"), *(REPO / "rules").rglob("*.py")]
    assert _undeclared([f for f in files if server not in f.parents], _declared()) == []
    # `spotlint server` may import its extra too (and nothing else imports the server).
    assert _undeclared(server.rglob("*.py"), _declared("server")) == []


def test_the_tests_import_only_what_the_test_extras_install() -> None:
    files = [*(REPO / "tests").rglob("*.py"), *(REPO / "scripts").rglob("*.py"),
             *(REPO / "bench").rglob("*.py")]
    assert _undeclared(files, _declared("test")) == []


def test_a_missing_declaration_is_reported(tmp_path: Path) -> None:
    module = tmp_path / "uses_yaml.py"
    module.write_text("def f():\n    import yaml\n    from jsonschema import validators\n")
    assert _undeclared([module], {"jsonschema"}) == [f"yaml (imported in {module})"]
    assert _undeclared([module], {"jsonschema", "pyyaml"}) == []


def test_imports_for_type_checkers_only_are_not_dependencies(tmp_path: Path) -> None:
    module = tmp_path / "typed.py"
    module.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import yaml\n"
        "else:\n    import jsonschema\n"
    )
    assert _undeclared([module], set()) == [f"jsonschema (imported in {module})"]
