"""Helpers for the pool tests: load YAML text, normalize with the pool kinds, run a rule."""

from __future__ import annotations

import re
from pathlib import Path

from spotlint.load.base import Limits
from spotlint.load.yaml_loader import load_yaml_text
from spotlint.model import Project
from spotlint.recognize import eksctl, karpenter
from spotlint.recognize.kinds import NormalizeContext
from spotlint.rule import Rule, RuleContext

KINDS = [*karpenter.KINDS, *eksctl.KINDS]
EXPECT = re.compile(r"#\s*expect:\s*(SL\d{3})")


def project_from(text: str, path: str = "test.yaml", project: Project | None = None) -> Project:
    project = project or Project()
    loaded = load_yaml_text(path, text, Limits())
    ctx = NormalizeContext(file=loaded, project=project)
    for doc in loaded.documents:
        for kind in KINDS:
            if kind.matches(doc, loaded):
                kind.normalize(doc, ctx)
    return project


def run_rule(rule: Rule, project: Project, options: object = None) -> list[tuple[int, str, str]]:
    ctx = RuleContext(project=project, options=options)
    targets = [project] if rule.target == "project" else project.pools
    found = []
    for target in targets:
        for v in rule.run(target, ctx):
            found.append((v.location.line, rule.code, v.message))
    return sorted(found)


def expected_lines(path: Path, code: str) -> set[tuple[int, str]]:
    out = set()
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        match = EXPECT.search(line)
        if match and match.group(1) == code:
            out.add((number, code))
    return out
