"""The import graph of ``spotlint`` (and ``spotlint.rules``): no circle, no upward import.

:data:`LAYERS` is the one definition of the layering (docs/architecture.md
explains it): lowest first, a module may import from its own layer and the
layers below, never from a layer above. Every import counts, including those
inside functions (a lazy import is still a dependency) and those under
``TYPE_CHECKING``. Imports through ``importlib`` are not seen: the built-in
plugin loads the rule bundle that way, on purpose, as a third-party plugin's
bundle is loaded.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Where each top-level package of the import graph lives in the source tree.
SOURCES = {"spotlint": ROOT / "spotlint", "spotlint.rules": ROOT / "rules"}

#: Lowest first. A module belongs to the layer of its longest matching prefix.
LAYERS: list[tuple[str, ...]] = [
    # the version, the error classes, located values, the value-class bases, the
    # compiled patterns kept between runs (given to ``re`` when spotlint is imported)
    ("spotlint", "spotlint.errors", "spotlint.location", "spotlint.value",
     "spotlint.compiled_patterns"),
    # bytes to located trees; which files, which are worth parsing
    ("spotlint.load",),
    # the format-free model
    ("spotlint.model",),
    # capacity types and the EC2 instance catalog
    ("spotlint.capacity",),
    # the run's settings (plain data) and severities
    ("spotlint.config.settings", "spotlint.config.severity"),
    # what rules declare and produce
    ("spotlint.rule", "spotlint.finding", "spotlint.result"),
    # configuration files, rule selection
    ("spotlint.config",),
    # domain knowledge over the model: where pods can run, Spark confs and versions
    ("spotlint.placement", "spotlint.sparkconf"),
    # format knowledge: documents to the model
    ("spotlint.recognize",),
    # changes rules propose, placed and applied as text edits
    ("spotlint.fix",),
    # the built-in rules
    ("spotlint.rules",),
    # after the rules: suppressions and baselines; output formats; the placement map
    ("spotlint.filter", "spotlint.report", "spotlint.map"),
    # hooks, the built-in plugin, the registry
    ("spotlint.plugins",),
    # the pipeline
    ("spotlint.engine",),
    # the project index: which context files a run over a few files needs
    ("spotlint.index",),
    # the public fixture harness (runs the engine)
    ("spotlint.testing",),
    # the command line, and the language server it starts (`spotlint server`)
    ("spotlint.cli", "spotlint.server"),
    ("spotlint.__main__",),
]


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package, top in SOURCES.items():
        for path in top.rglob("*.py"):
            parts = list(path.relative_to(top).with_suffix("").parts)
            if "examples" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join([package, *parts])] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> Iterator[tuple[str, int]]:
    """The spotlint modules ``name`` imports, with the line of each import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield (submodule if submodule in MODULES else base), node.lineno


def _graph() -> dict[str, dict[str, int]]:
    graph: dict[str, dict[str, int]] = {}
    for name, path in MODULES.items():
        targets = {t: line for t, line in _imports(name, path) if t in MODULES and t != name}
        graph[name] = targets
    return graph


GRAPH = _graph()


def layer_of(module: str) -> int | None:
    """The layer of the longest prefix naming ``module`` or a package holding it.

    The bare ``spotlint`` entry names the root module only, so a new top-level
    module has no layer until it is given one here.
    """
    best: tuple[int, int] | None = None
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            nested = prefix != "spotlint" and module.startswith(prefix + ".")
            matches = module == prefix or nested
            if matches and (best is None or len(prefix) > best[0]):
                best = (len(prefix), index)
    return None if best is None else best[1]


def _cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_is_built_from_the_real_tree() -> None:
    assert {"spotlint.engine.run", "spotlint.cli.main", "spotlint.rules.pools"} <= set(GRAPH)
    assert "spotlint.engine.reading" in GRAPH["spotlint.engine.run"]
    assert "spotlint.rules.pools.sl402_low_instance_diversity" in GRAPH["spotlint.rules.pools"]


def test_every_module_has_a_layer() -> None:
    assert [m for m in GRAPH if layer_of(m) is None] == []


def test_no_import_circle() -> None:
    assert _cycles(GRAPH) == []


def test_no_upward_import() -> None:
    upward = [
        f"{MODULES[source].relative_to(ROOT)}:{line}: {source} imports {target}"
        for source, targets in GRAPH.items()
        for target, line in targets.items()
        if (layer_of(target) or 0) > (layer_of(source) or 0)
    ]
    assert upward == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b": 1}, "b": {"a": 1}}, [["a", "b"]]),
        ({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}, [["a", "b", "c"]]),
        ({"a": {"b": 1}, "b": {}}, []),
    ],
)
def test_the_circle_finder_finds_circles(
    graph: dict[str, dict[str, int]], expected: list[list[str]]
) -> None:
    assert _cycles(graph) == expected


def test_a_new_top_level_module_needs_a_layer() -> None:
    assert layer_of("spotlint.something_new") is None
    assert layer_of("spotlint") == 0


def test_an_upward_import_would_be_seen() -> None:
    assert layer_of("spotlint.engine.run") > layer_of("spotlint.rule")  # type: ignore[operator]
    assert layer_of("spotlint.cli.main") == len(LAYERS) - 2
    assert layer_of("spotlint.rules.pools._common") == layer_of("spotlint.rules")
