"""Scaffold a new rule, in ruff's manner: one module, its examples, regenerated index and docs.

    python scripts/new_rule.py SL212 executor-memory-overhead --target job \\
        --severity warning --summary "Executors on Spot set no memory overhead."

writes, from the code's hundreds digit (the concern package holding that range):

* ``rules/<concern>/sl212_executor_memory_overhead.py``: metadata, the doc
  sections every rule has, and a check that finds nothing yet;
* ``rules/examples/SL212/bad.yaml`` (marked ``# expect: SL212``) and ``good.yaml``;
* the rule in its concern's ``RULES`` (the one hand-kept list, in code order);

then runs ``scripts/gen_docs.py`` so the rule index, the catalog, the rule's
page and the README table include it. What is left to write is the check, the
doc text and real examples: the example test fails until the check finds what
``bad.yaml`` marks. ``--no-docs`` skips the regeneration.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"job": "Job", "pool": "Pool", "template": "PodTemplate", "project": "Project"}
SEVERITIES = ("error", "warning", "info")

#: A minimal input of each target kind, for the example files.
EXAMPLES = {
    "job": (
        "apiVersion: sparkoperator.k8s.io/v1beta2\n"
        "kind: SparkApplication\n"
        "metadata:\n"
        "  name: {case}\n"
        "spec:\n"
        "  sparkVersion: \"3.5.1\"\n"
        "  sparkConf:\n"
        "    spark.executor.instances: \"4\"{marker}\n"
    ),
    "pool": (
        "apiVersion: karpenter.sh/v1\n"
        "kind: NodePool\n"
        "metadata:\n"
        "  name: {case}\n"
        "spec:\n"
        "  template:\n"
        "    spec:\n"
        "      requirements:\n"
        "        - key: karpenter.sh/capacity-type{marker}\n"
        "          operator: In\n"
        "          values: [spot]\n"
    ),
    "template": (
        "apiVersion: v1\n"
        "kind: Pod\n"
        "metadata:\n"
        "  name: {case}\n"
        "spec:\n"
        "  nodeSelector:\n"
        "    karpenter.sh/capacity-type: spot{marker}\n"
    ),
}
EXAMPLES["project"] = EXAMPLES["pool"]


@dataclass(frozen=True)
class Spec:
    code: str
    name: str
    target: str
    severity: str
    summary: str

    @property
    def function(self) -> str:
        return self.name.replace("-", "_")

    @property
    def module(self) -> str:
        return f"{self.code.lower()}_{self.function}"


def concern_for(code: str, rules_dir: Path) -> Path:
    """The concern package already holding codes of ``code``'s hundred."""
    hundred = code[2]
    for package in sorted(p for p in rules_dir.iterdir() if (p / "__init__.py").is_file()):
        if any(m.name[2] == hundred for m in package.glob("sl[0-9][0-9][0-9]_*.py")):
            return package
    raise SystemExit(f"no concern package under {rules_dir} holds SL{hundred}xx rules; "
                     "create the package (with RULES) first")


def check_spec(spec: Spec, rules_dir: Path) -> None:
    if not re.fullmatch(r"SL\d{3}", spec.code):
        raise SystemExit(f"{spec.code!r}: a code is SL and three digits")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", spec.name):
        raise SystemExit(f"{spec.name!r}: a name is kebab-case")
    if spec.target not in TARGETS:
        raise SystemExit(f"{spec.target!r}: the target is one of {', '.join(TARGETS)}")
    if spec.severity not in SEVERITIES:
        raise SystemExit(f"{spec.severity!r}: the severity is one of {', '.join(SEVERITIES)}")
    taken = {p.stem[:5].upper(): p for p in rules_dir.glob("*/sl[0-9][0-9][0-9]_*.py")}
    if spec.code in taken:
        raise SystemExit(f"{spec.code} exists already: {taken[spec.code]}")
    names = {p.stem[6:] for p in taken.values()}
    if spec.function in names:
        raise SystemExit(f"the name {spec.name!r} is taken")


def module_text(spec: Spec) -> str:
    model = TARGETS[spec.target]
    return f'''"""{spec.summary}

## Why it matters
(What goes wrong on Spot when this is so, in two or three sentences, with a
link to the AWS, Spark or Karpenter documentation that says it.)

## How to fix
(The setting to change and its value.)

## See also
(Related codes, or remove this section.)
"""

from __future__ import annotations

from collections.abc import Iterator

from spotlint.model import {model}
from spotlint.rule import RuleContext, Severity, Violation, rule


@rule(
    code="{spec.code}",
    name="{spec.name}",
    severity=Severity.{spec.severity.upper()},
    summary="{spec.summary}",
    target="{spec.target}",
    doc=__doc__,
)
def {spec.function}({spec.target}: {model}, ctx: RuleContext) -> Iterator[Violation]:
    return
    yield
'''


def register(init: Path, spec: Spec) -> None:
    """Import the rule in its concern's ``__init__`` and add it to ``RULES``, in code order."""
    text = init.read_text("utf-8")
    imports = re.findall(r"^from \.(sl\d{3}_\w+) import (\w+)$", text, re.M)
    if not imports or "RULES: list[Rule] = [\n" not in text:
        raise SystemExit(f"{init}: expected 'from .slNNN_x import x' lines and a RULES list")
    entries = sorted([*imports, (spec.module, spec.function)])
    import_block = "\n".join(f"from .{module} import {function}" for module, function in entries)
    first = re.search(r"^from \.sl\d{3}_\w+ import \w+$", text, re.M)
    last = list(re.finditer(r"^from \.sl\d{3}_\w+ import \w+$", text, re.M))[-1]
    assert first is not None
    text = text[: first.start()] + import_block + text[last.end() :]
    start = text.index("RULES: list[Rule] = [\n")
    end = text.index("\n]", start) + 1
    listed = "".join(f"    {function},\n" for _, function in entries)
    text = text[:start] + "RULES: list[Rule] = [\n" + listed + text[end:]
    init.write_text(text, "utf-8")


def scaffold(spec: Spec, rules_dir: Path) -> list[Path]:
    """Write the module and examples and register the rule; returns the files written."""
    check_spec(spec, rules_dir)
    concern = concern_for(spec.code, rules_dir)
    module = concern / f"{spec.module}.py"
    module.write_text(module_text(spec), "utf-8")
    register(concern / "__init__.py", spec)
    examples = rules_dir / "examples" / spec.code
    examples.mkdir(parents=True)
    template = EXAMPLES[spec.target]
    bad = examples / "bad.yaml"
    good = examples / "good.yaml"
    bad.write_text(template.format(case="must-fire", marker=f"  # expect: {spec.code}"), "utf-8")
    good.write_text(template.format(case="must-not-fire", marker=""), "utf-8")
    return [module, concern / "__init__.py", bad, good]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("code", help="SLnnn, in the hundred of the concern it belongs to")
    parser.add_argument("name", help="kebab-case name, e.g. executor-memory-overhead")
    parser.add_argument("--target", choices=sorted(TARGETS), required=True)
    parser.add_argument("--severity", choices=SEVERITIES, default="warning")
    parser.add_argument("--summary", required=True, help="one sentence ending in a period")
    parser.add_argument("--no-docs", action="store_true", help="do not run scripts/gen_docs.py")
    args = parser.parse_args(argv)
    spec = Spec(args.code.upper(), args.name, args.target, args.severity, args.summary)
    for path in scaffold(spec, ROOT / "rules"):
        print(f"wrote {path.relative_to(ROOT)}")
    if not args.no_docs:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_docs.py")], check=True)
        print("regenerated rules/index.py, docs/ and the README table")
    return 0


if __name__ == "__main__":
    sys.exit(main())
