"""Configuration files: ``.spotlint.yaml`` or ``[tool.spotlint]`` in ``pyproject.toml``.

One file governs a run: the first found walking up from the scanned paths, stopping
at the git root (a repository's settings never leak in from a parent directory).
The file is validated against ``schemas/config.schema.json``, the same schema
editors can use, before anything is applied, so a typo is a one-line usage error
naming the key and the file rather than a silently ignored setting or a
traceback. Paths and globs in the file are relative to the file's directory,
which is also the project root: the default scan root and context directory.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from spotlint.config.options import OptionSpec, option_specs
from spotlint.config.roots import start_directory
from spotlint.config.selection import matches
from spotlint.config.settings import Settings
from spotlint.config.validate import Validator
from spotlint.errors import ConfigError
from spotlint.load.base import Limits
from spotlint.load.bounded import read_bounded
from spotlint.load.ignore import work_tree
from spotlint.rule import LazyRule, Rule, Severity
from spotlint.value import FrozenValue, frozen, replace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_set = object.__setattr__


CONFIG_NAMES = (".spotlint.yaml", ".spotlint.yml")
PYPROJECT = "pyproject.toml"
#: Top-level keys that set one rule option wherever a rule declares it.
OPTION_SHORTHANDS = ("min-instance-types", "tiny-sizes")


@frozen
class Config(FrozenValue):
    """A validated configuration: where it came from and its (kebab-case) keys.

    With ``extend``, ``data`` holds the base's keys under the file's own, and
    ``origins`` names the file each key was read from.
    """

    path: str
    data: Mapping[str, Any]
    origins: Mapping[str, str]

    def __init__(
        self,
        path: str,
        data: Mapping[str, Any],
        origins: Mapping[str, str] | None = None,
    ) -> None:
        _set(self, "path", path)
        _set(self, "data", data)
        _set(self, "origins", {} if origins is None else origins)

    def origin(self, key: str) -> str:
        """The file that set ``key`` (this one, or a base it extends)."""
        return self.origins.get(key, self.path)

    @property
    def root(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))


def find_config(paths: Sequence[str]) -> Config | None:
    """The configuration governing ``paths``' common directory, or None when there is none."""
    found = config_file_in(start_directory(paths), stop_at_git=True)
    return load_file(found) if found else None


def config_file_in(directory: str, stop_at_git: bool) -> str | None:
    """The nearest configuration file at or above ``directory`` (None: there is none).

    The search stops at the git root (a repository's settings never leak in from
    a parent directory). A ``pyproject.toml`` counts only with a
    ``[tool.spotlint]`` table.
    """
    current = os.path.abspath(directory)
    while True:
        found = own_config_file(current)
        if found is not None:
            return found
        parent = os.path.dirname(current)
        if (stop_at_git and os.path.exists(os.path.join(current, ".git"))) or parent == current:
            return None
        current = parent


def own_config_file(directory: str) -> str | None:
    """The configuration file in ``directory`` itself, if any."""
    for name in CONFIG_NAMES:
        candidate = os.path.join(directory, name)
        if os.path.isfile(candidate):
            return candidate
    pyproject = os.path.join(directory, PYPROJECT)
    if os.path.isfile(pyproject) and _read_pyproject(pyproject) is not None:
        return pyproject
    return None


def load_file(path: str) -> Config:
    """Read and validate a configuration file and the bases it ``extend``s."""
    data = _load_one(path)
    if "extend" not in data:
        return Config(path=path, data=data)
    from spotlint.config.extend import resolve

    directory = os.path.dirname(os.path.abspath(path))
    merged, origins = resolve(path, data, _load_one, work_tree(directory) or os.sep)
    return Config(path=path, data=merged, origins=origins)


def _load_one(path: str) -> dict[str, Any]:
    """Read and validate one configuration file (YAML, or a pyproject.toml)."""
    if os.path.basename(path) == PYPROJECT or path.endswith(".toml"):
        return _validated(path, _read_pyproject(path) or {})
    limits = Limits()
    try:
        data = read_bounded(path, limits.max_file_bytes)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror or exc}") from None
    # The configuration comes with the repository being checked, so it is read like
    # any scanned file: same loader, same limits (an alias bomb stops at
    # max-alias-expansion instead of taking minutes and gigabytes).
    from spotlint.load.files import load_bytes

    loaded = load_bytes(path, data, limits, "yaml")
    if loaded.errors:
        error = loaded.errors[0]
        message = error.message if error.message.startswith("invalid YAML") else (
            f"cannot read configuration: {error.message}")
        raise ConfigError(f"{path}:{error.line}:{error.col}: {message}")
    if len(loaded.documents) > 1:
        raise ConfigError(f"{path}: a configuration file holds one YAML document")
    document = loaded.documents[0].plain() if loaded.documents else None
    return _validated(path, {} if document is None else document)


def _read_pyproject(path: str) -> dict[str, Any] | None:
    # Imported here, as difflib below: a run without a pyproject.toml skips the cost.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    tool = document.get("tool")
    section = tool.get("spotlint") if isinstance(tool, dict) else None
    return section if isinstance(section, dict) else None


def schema() -> dict[str, Any]:
    """``schemas/config.schema.json`` as installed (plain file access: importlib.resources
    costs a few milliseconds, and spotlint is never run from a zip archive)."""
    import importlib

    package = importlib.import_module("spotlint.schemas")
    directory = os.path.dirname(os.path.abspath(package.__file__ or ""))
    with open(os.path.join(directory, "config.schema.json"), encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


@lru_cache(maxsize=1)
def _validator() -> Validator:
    return Validator(schema())


def _validated(path: str, data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping of keys to values")
    errors = sorted(
        _validator().iter_errors(data),
        key=lambda e: (len(e.absolute_path), [str(p) for p in e.absolute_path]),
    )
    if errors:
        raise ConfigError(f"{path}: {_describe(errors[0])}")
    return data


def _dotted(parts: Iterable[Any]) -> str:
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in parts) or "(top level)"


def _describe(error: Any) -> str:
    where = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = set(error.schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in known)
        patterns = error.schema.get("patternProperties", {})
        if patterns:
            import re

            extra = [k for k in extra if not any(re.search(p, k) for p in patterns)]
        if extra:
            key = extra[0]
            import difflib

            hint = difflib.get_close_matches(key, sorted(known), n=1)
            suffix = f" (did you mean {hint[0]!r}?)" if hint else ""
            return f"unknown key {_dotted([*where, key])!r}{suffix}"
    return f"{_dotted(where)}: {error.message}"


# -- applying a configuration -------------------------------------------------------


def load_config_into(
    settings: Settings,
    paths: Sequence[str],
    explicit: str | None,
    rules: Sequence[Rule] = (),
) -> Config | None:
    """Find (or read ``explicit``), validate and apply the configuration to ``settings``."""
    if explicit is not None:
        if not os.path.isfile(explicit):
            raise ConfigError(f"{explicit}: configuration file not found")
        config: Config | None = load_file(explicit)
    else:
        config = find_config(paths)
    if config is not None:
        apply(config, settings, rules)
    return config


def apply(config: Config, settings: Settings, rules: Sequence[Rule]) -> None:
    """Copy the configuration's values into ``settings`` (CLI flags are applied after)."""
    data, where = config.data, config.path
    settings.config_root = config.root
    for key in ("select", "ignore", "extend-select"):
        if key in data:
            _check_selectors(data[key], rules, where, key)
            setattr(settings, key.replace("-", "_"), list(data[key]))
    if "fail-on" in data:
        settings.fail_on = data["fail-on"]
    if "severity" in data:
        settings.severity = _severities(data["severity"], rules, where)
    if "exclude" in data:
        settings.exclude = list(data["exclude"])
    if "per-path-ignores" in data:
        for glob, selectors in data["per-path-ignores"].items():
            _check_selectors(selectors, rules, where, f"per-path-ignores.{glob}")
        settings.per_path_ignores = {k: list(v) for k, v in data["per-path-ignores"].items()}
    if "ignore-objects" in data:
        for index, entry in enumerate(data["ignore-objects"]):
            _check_selectors(entry.get("rules", []), rules, where, f"ignore-objects[{index}].rules")
        settings.ignore_objects = [dict(entry) for entry in data["ignore-objects"]]
    if "context" in data:
        settings.context = [os.path.join(config.root, p) for p in data["context"]]
    if "cache-dir" in data:
        settings.cache_dir = os.path.join(config.root, data["cache-dir"])
    if "report-unused-suppressions" in data:
        settings.report_unused_suppressions = bool(data["report-unused-suppressions"])
    if "markdown" in data:
        settings.markdown = bool(data["markdown"])
    if "capacity-labels" in data:
        settings.capacity_labels = {
            label: {value: capacity for capacity, values in table.items() for value in values}
            for label, table in data["capacity-labels"].items()
        }
    if "limits" in data:
        values = {k.replace("-", "_"): v for k, v in data["limits"].items()}
        try:
            settings.limits = replace(Limits(), **values)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{where}: limits: {exc}") from None
    settings.config_path = config.path
    if "clusters" in data:
        settings.clusters = [dict(entry) for entry in data["clusters"]]
    if "pools" in data:
        settings.declared_pools = [dict(entry) for entry in data["pools"]]
    if "durable-storage-schemes" in data:
        settings.durable_storage_schemes = tuple(s.lower() for s in data["durable-storage-schemes"])
    _rule_options(data, settings, rules, where)


def _check_selectors(selectors: Iterable[str], rules: Sequence[Rule], where: str, key: str) -> None:
    if not rules:
        return
    for selector in selectors:
        if not any(matches(selector, r) for r in rules):
            raise ConfigError(f"{where}: {key}: unknown rule selector {selector!r}")


def _severities(table: Mapping[str, str], rules: Sequence[Rule], where: str) -> dict[str, Severity]:
    _check_selectors(table, rules, where, "severity")
    chosen: dict[str, tuple[int, Severity]] = {}
    for selector, level in table.items():
        for rule in rules:
            score = matches(selector, rule)
            if score and score >= chosen.get(rule.code, (0, Severity.INFO))[0]:
                chosen[rule.code] = (score, Severity(level))
    return {code: level for code, (_, level) in chosen.items()}


def option_fields(rule: Rule) -> dict[str, OptionSpec]:
    """A rule's options by their kebab-case config name (see :mod:`spotlint.config.options`:
    ``dataclasses`` is imported only for an options class that is a dataclass)."""
    return {spec.name.replace("_", "-"): spec for spec in option_specs(rule.options)}


def _declared_options() -> dict[str, set[str]]:
    """The built-in rules' option names by code, as the configuration schema lists them
    (a test holds the schema to the rules), so reading them imports no rule."""
    rules = schema()["properties"]["rules"]["properties"]
    return {code: set(entry.get("properties", {})) for code, entry in rules.items()}


def _is_loaded(rule: Rule) -> bool:
    """False for a built-in rule whose concern package is not imported yet."""
    return not isinstance(rule, LazyRule) or "loaded" in rule.__dict__


def _has_option(rule: Rule, name: str, declared: Mapping[str, set[str]]) -> bool:
    """Does ``rule`` take option ``name``? Built-in rules are answered from the schema,
    which lists every built-in rule that has options (tests/test_config.py)."""
    if rule.code in declared:
        return name in declared[rule.code]
    if not _is_loaded(rule):
        return False  # a built-in rule the schema does not list takes no options
    return name in option_fields(rule)


def _rule_options(
    data: Mapping[str, Any], settings: Settings, rules: Sequence[Rule], where: str
) -> None:
    """Rule options from the shorthand keys and ``rules:``, checked against each rule.

    Built-in rules' options are known from the schema, which already checked
    their values: their options type is built here only if the rule is already
    imported, else when the rule runs (:mod:`spotlint.engine.checking`), so a
    configuration does not import every rule concern on the hot path.
    """
    declared = _declared_options()
    wanted: list[tuple[Rule, str, Any, str]] = []
    for key in OPTION_SHORTHANDS:
        if key in data:
            wanted += [(r, key, data[key], key) for r in rules if _has_option(r, key, declared)]
    by_code = {r.code: r for r in rules}
    for code, options in data.get("rules", {}).items():
        rule = by_code.get(code)
        if rule is None:
            if rules:
                raise ConfigError(f"{where}: rules: unknown rule {code!r}")
            continue
        for name, value in options.items():
            if not _has_option(rule, name, declared):
                known = declared.get(code) or set(option_fields(rule))
                raise ConfigError(
                    f"{where}: unknown key 'rules.{code}.{name}' ({code} options: "
                    f"{', '.join(sorted(known)) or 'none'})"
                )
            wanted.append((rule, name, value, f"rules.{code}.{name}"))
    for rule, name, value, key in wanted:
        if isinstance(value, list):
            value = tuple(value)  # sequence options are tuples (frozen, hashable)
        settings.rule_options.setdefault(rule.code, {})[name.replace("-", "_")] = value
        settings.option_sources[rule.code] = f"{where}: {key}"
        if not _is_loaded(rule):
            continue
        try:
            assert rule.options is not None
            rule.options(**settings.rule_options[rule.code])
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{where}: {key}: {exc}") from None
