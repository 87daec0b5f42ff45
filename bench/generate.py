"""Deterministic monorepo-like corpus for the spotlint benchmark.

A real monorepo holds a few Spark and node-pool files among many ordinary
Kubernetes manifests, Helm values, CI workflows and JSON. The benchmark is only
honest if spotlint meets that mix, so most files generated here are irrelevant
to spotlint, some of them are near misses that a naive byte filter would parse
anyway (a ``PodDisruptionBudget``, a Deployment carrying a Karpenter
annotation), and the relevant ones are copies of the real files under
``../shared/corpus`` (read at generation time, never committed). Typical files
are 1-10 KB; about one in three hundred is a 200 KB+ file (Grafana dashboard
ConfigMaps, OpenAPI documents, generated CRDs).

``--mix spark-heavy`` writes the other corpus the benchmark needs: about 60%
of the files are relevant (a platform or data team's repository, where Spark
jobs, pod templates and node pools are most of what there is). Its relevant
files are the same copies, and one in two is a *variant*: the copy with its
``name:`` values suffixed, so pools, jobs and templates are not all duplicates
of each other (a duplicate pool name changes nothing about the work done).

The same ``--seed``, ``--files`` and ``--mix`` always give byte-identical trees.

Usage: ``python bench/generate.py OUT_DIR --files 10000 [--seed 6] [--corpus DIR]
[--mix monorepo|spark-heavy]``
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

#: Share of files per generator; relevant kinds first. Weights sum to 1000.
RELEVANT_SHARE = {
    "pod-template": 30,
    "sparkapplication": 30,
    "startjobrun-json": 12,
    "spark-defaults": 15,
    "karpenter": 8,
    "eksctl": 4,
    "shell": 10,
}
IRRELEVANT_SHARE = {
    "deployment": 193,
    "deployment-karpenter-annotation": 30,
    "service": 90,
    "configmap": 90,
    "pdb": 30,
    "helm-values": 100,
    "rbac": 50,
    "ingress-hpa": 50,
    "kustomization": 30,
    "github-workflow": 60,
    "docker-compose": 25,
    "package-json": 40,
    "tsconfig-json": 20,
    "misc-json": 30,
    "misc-yaml": 43,
}
#: The Spark-heavy mix: 60% relevant, pod templates, Spark applications and node
#: pools first; the irrelevant 40% keep the monorepo's proportions.
SPARK_HEAVY_RELEVANT = {
    "pod-template": 170,
    "sparkapplication": 170,
    "startjobrun-json": 50,
    "spark-defaults": 40,
    "karpenter": 110,
    "eksctl": 30,
    "shell": 30,
}
SPARK_HEAVY_IRRELEVANT = {
    kind: max(1, round(share * 400 / sum(IRRELEVANT_SHARE.values())))
    for kind, share in IRRELEVANT_SHARE.items()
}
MIXES = {
    "monorepo": (RELEVANT_SHARE, IRRELEVANT_SHARE),
    "spark-heavy": (SPARK_HEAVY_RELEVANT, SPARK_HEAVY_IRRELEVANT),
}
_NAME_LINE = re.compile(r"(?m)^(\s*(?:- )?name: *)([A-Za-z0-9][A-Za-z0-9._-]*)[ \t]*$")
#: One file in this many is a large one (200 KB and more).
LARGE_EVERY = 300

WORDS = [
    "billing", "checkout", "search", "ledger", "catalog", "profile", "orders", "inventory",
    "gateway", "auth", "notifications", "payments", "reports", "analytics", "recommender",
    "pricing", "shipping", "reviews", "metrics", "audit", "export", "import", "scheduler",
    "worker", "frontend", "backend", "cache", "session",
]


class Gen:
    """One seeded generator; every random choice goes through ``self.rng``."""

    def __init__(self, seed: int, corpus: Path) -> None:
        self.rng = random.Random(seed)
        self.templates = _corpus_templates(corpus)

    # -- helpers ---------------------------------------------------------------
    def name(self) -> str:
        return f"{self.rng.choice(WORDS)}-{self.rng.choice(WORDS)}-{self.rng.randrange(1000)}"

    def size(self) -> int:
        """A typical file size: log-uniform between 1 and 10 KB."""
        return int(1024 * 10 ** self.rng.uniform(0, 1))

    def env(self, count: int, indent: str) -> str:
        lines = []
        for i in range(count):
            key = f"{self.rng.choice(WORDS).upper()}_{self.rng.choice(WORDS).upper()}_{i}"
            lines.append(f'{indent}- name: {key}\n{indent}  value: "{self.rng.randrange(10**6)}"')
        return "\n".join(lines)

    def pad_yaml(self, text: str, target: int, indent: str = "") -> str:
        """Grow ``text`` with plausible key/value lines until it reaches ``target`` bytes."""
        extra = []
        size = len(text)
        i = 0
        while size < target:
            line = f"{indent}{self.rng.choice(WORDS)}_{i}: {self.rng.choice(WORDS)}-{i}\n"
            extra.append(line)
            size += len(line)
            i += 1
        return text + "".join(extra)

    # -- relevant (copies of real files) --------------------------------------
    def relevant(self, kind: str, variants: bool = False) -> tuple[str, str]:
        choices = self.templates.get(kind) or []
        if not choices:
            raise SystemExit(f"no corpus file for {kind}; is --corpus right?")
        source = self.rng.choice(choices)
        text = source.read_text("utf-8")
        if variants and kind != "spark-defaults" and self.rng.random() < 0.5:
            suffix = f"-v{self.rng.randrange(10**5)}"
            text = _NAME_LINE.sub(lambda m: m.group(1) + m.group(2) + suffix, text)
        suffix = source.suffix if source.suffix in (".json", ".sh", ".yml") else ".yaml"
        if kind == "spark-defaults":
            return "spark-defaults.conf", text
        stem = {"pod-template": "pod-template", "sparkapplication": "spark-app"}.get(kind, kind)
        return f"{stem}-{self.rng.randrange(10**6)}{suffix}", text

    # -- irrelevant ------------------------------------------------------------
    def deployment(self, karpenter_annotation: bool = False) -> str:
        name = self.name()
        annotation = (
            '\n      annotations:\n        karpenter.sh/do-not-disrupt: "true"'
            if karpenter_annotation
            else ""
        )
        head = f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  labels:
    app.kubernetes.io/name: {name}
    app.kubernetes.io/part-of: {self.rng.choice(WORDS)}
spec:
  replicas: {self.rng.randrange(1, 6)}
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {name}{annotation}
    spec:
      serviceAccountName: {name}
      containers:
        - name: app
          image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/{name}:{self.rng.randrange(100)}.0
          ports:
            - containerPort: 8080
          resources:
            requests: {{cpu: 250m, memory: 512Mi}}
            limits: {{memory: 1Gi}}
          readinessProbe:
            httpGet: {{path: /healthz, port: 8080}}
          env:
"""
        target = self.size()
        count = max(1, (target - len(head)) // 60)
        return head + self.env(count, "            ") + "\n"

    def service(self) -> str:
        name = self.name()
        text = f"""apiVersion: v1
kind: Service
metadata:
  name: {name}
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-type: nlb
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: {name}
  ports:
"""
        for i in range(self.rng.randrange(1, 40)):
            text += f"    - name: port-{i}\n      port: {8000 + i}\n      targetPort: {9000 + i}\n"
        return text

    def configmap(self) -> str:
        name = self.name()
        text = f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n"
        text += "  application.properties: |\n"
        return self.pad_yaml(text, self.size(), "    ")

    def pdb(self) -> str:
        name = self.name()
        return f"""apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {name}
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
---
{self.deployment()}"""

    def helm_values(self) -> str:
        text = f"""# Default values for {self.name()}.
replicaCount: {self.rng.randrange(1, 4)}
image:
  repository: ghcr.io/example/{self.rng.choice(WORDS)}
  tag: "{self.rng.randrange(10)}.{self.rng.randrange(20)}.0"
  pullPolicy: IfNotPresent
service:
  type: ClusterIP
  port: 80
ingress:
  enabled: false
resources: {{}}
nodeSelector: {{}}
tolerations: []
affinity: {{}}
extraConfig:
"""
        return self.pad_yaml(text, self.size(), "  ")

    def rbac(self) -> str:
        name = self.name()
        rules = "".join(
            f"  - apiGroups: [\"{g}\"]\n    resources: [\"{r}\"]\n"
            "    verbs: [\"get\", \"list\", \"watch\"]\n"
            for g, r in ((self.rng.choice(("", "apps", "batch")), self.rng.choice(WORDS))
                         for _ in range(self.rng.randrange(3, 60)))
        )
        return f"""apiVersion: v1
kind: ServiceAccount
metadata:
  name: {name}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {name}
rules:
{rules}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {name}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {name}}}
subjects:
  - kind: ServiceAccount
    name: {name}
    namespace: default
"""

    def ingress_hpa(self) -> str:
        name = self.name()
        paths = "".join(
            f"          - path: /{self.rng.choice(WORDS)}/{i}\n            pathType: Prefix\n"
            f"            backend: {{service: {{name: {name}, port: {{number: 80}}}}}}\n"
            for i in range(self.rng.randrange(1, 50))
        )
        return f"""apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {name}
  annotations:
    alb.ingress.kubernetes.io/scheme: internet-facing
spec:
  ingressClassName: alb
  rules:
    - host: {name}.example.com
      http:
        paths:
{paths}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {name}
spec:
  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: {name}}}
  minReplicas: 2
  maxReplicas: {self.rng.randrange(3, 30)}
"""

    def kustomization(self) -> str:
        resources = "".join(f"  - {self.name()}.yaml\n" for _ in range(self.rng.randrange(3, 80)))
        return (
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
            f"namespace: {self.rng.choice(WORDS)}\nresources:\n{resources}"
        )

    def github_workflow(self) -> str:
        steps = "".join(
            f"      - name: {self.rng.choice(WORDS)} step {i}\n"
            f"        run: make {self.rng.choice(WORDS)} TARGET={self.rng.choice(WORDS)}\n"
            for i in range(self.rng.randrange(3, 60))
        )
        return f"""name: ci-{self.rng.choice(WORDS)}
on:
  push:
    branches: [main]
  pull_request:
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
{steps}"""

    def docker_compose(self) -> str:
        services = "".join(
            f"  {self.name()}:\n    image: example/{self.rng.choice(WORDS)}:latest\n"
            f"    ports: [\"{8000 + i}:8080\"]\n    environment:\n"
            f"      - LOG_LEVEL=info\n      - REGION=us-east-1\n"
            for i in range(self.rng.randrange(2, 40))
        )
        return f"services:\n{services}"

    def json_doc(self, kind: str) -> str:
        rng = self.rng
        if kind == "package-json":
            deps = {f"@example/{rng.choice(WORDS)}-{i}": f"^{rng.randrange(10)}.{i}.0"
                    for i in range(rng.randrange(5, 120))}
            doc: object = {"name": self.name(), "version": "1.0.0", "private": True,
                           "scripts": {"build": "tsc -b", "test": "jest"}, "dependencies": deps}
        elif kind == "tsconfig-json":
            doc = {"compilerOptions": {"target": "ES2022", "strict": True, "paths": {
                f"@{rng.choice(WORDS)}/{i}/*": [f"packages/{rng.choice(WORDS)}/src/*"]
                for i in range(rng.randrange(5, 80))}}}
        else:
            doc = [{"id": i, "name": self.name(), "enabled": rng.random() < 0.5,
                    "weight": round(rng.random(), 3)} for i in range(rng.randrange(10, 100))]
        return json.dumps(doc, indent=2) + "\n"

    def misc_yaml(self) -> str:
        repos = "".join(
            f"  - repo: https://github.com/example/{self.rng.choice(WORDS)}\n    rev: v{i}.0.0\n"
            f"    hooks:\n      - id: {self.rng.choice(WORDS)}\n"
            for i in range(self.rng.randrange(2, 60))
        )
        return f"repos:\n{repos}"

    # -- large -----------------------------------------------------------------
    def large(self) -> tuple[str, str]:
        kind = self.rng.choice(("dashboard", "openapi", "crd"))
        if kind == "dashboard":
            panels = [
                {"id": i, "type": "timeseries", "title": f"{self.rng.choice(WORDS)} latency {i}",
                 "targets": [{"expr": f'histogram_quantile(0.99, sum(rate(http_{i}[5m])) by (le))',
                              "refId": "A"}],
                 "gridPos": {"h": 8, "w": 12, "x": 12 * (i % 2), "y": 8 * i}}
                for i in range(self.rng.randrange(700, 1400))
            ]
            body = json.dumps({"title": self.name(), "panels": panels}, indent=2)
            indented = "\n".join("    " + line for line in body.splitlines())
            text = (f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {self.name()}\n"
                    f"  labels: {{grafana_dashboard: \"1\"}}\ndata:\n  dashboard.json: |\n"
                    f"{indented}\n")
            return f"dashboard-{self.rng.randrange(10**6)}.yaml", text
        if kind == "openapi":
            paths = {
                f"/v1/{self.rng.choice(WORDS)}/{i}": {
                    "get": {
                        "operationId": f"get{i}",
                        "parameters": [{"name": "id", "in": "path", "required": True,
                                        "schema": {"type": "string"}}],
                        "responses": {"200": {"description": "ok", "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/M{i}"}}}}},
                    }
                }
                for i in range(self.rng.randrange(500, 1000))
            }
            text = json.dumps({"openapi": "3.0.3", "info": {"title": "api", "version": "1"},
                               "paths": paths}, indent=2)
            return f"openapi-{self.rng.randrange(10**6)}.json", text + "\n"
        props = "".join(
            f"                  {self.rng.choice(WORDS)}{i}:\n"
            f"                    type: string\n"
            f"                    description: The {self.rng.choice(WORDS)} of this object.\n"
            for i in range(self.rng.randrange(2500, 4500))
        )
        text = f"""apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {{kind: Widget, plural: widgets}}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                fields:
                  type: object
                  properties:
{props}"""
        return f"crd-{self.rng.randrange(10**6)}.yaml", text

    def irrelevant(self, kind: str) -> tuple[str, str]:
        makers: dict[str, Callable[[], str]] = {
            "deployment": self.deployment,
            "deployment-karpenter-annotation": lambda: self.deployment(True),
            "service": self.service,
            "configmap": self.configmap,
            "pdb": self.pdb,
            "helm-values": self.helm_values,
            "rbac": self.rbac,
            "ingress-hpa": self.ingress_hpa,
            "kustomization": self.kustomization,
            "github-workflow": self.github_workflow,
            "docker-compose": self.docker_compose,
            "misc-yaml": self.misc_yaml,
        }
        if kind in ("package-json", "tsconfig-json", "misc-json"):
            stem = {"package-json": "package", "tsconfig-json": "tsconfig"}.get(kind, "data")
            return f"{stem}-{self.rng.randrange(10**6)}.json", self.json_doc(kind)
        suffix = ".yml" if kind in ("github-workflow", "docker-compose") else ".yaml"
        return f"{kind}-{self.rng.randrange(10**6)}{suffix}", makers[kind]()


def _corpus_templates(corpus: Path) -> dict[str, list[Path]]:
    """Parseable corpus files grouped by the generator kind they stand for."""
    manifest = corpus / "MANIFEST.tsv"
    if not manifest.is_file():
        raise SystemExit(f"corpus manifest not found: {manifest}")
    groups: dict[str, list[Path]] = {}
    for line in manifest.read_text("utf-8").splitlines()[1:]:
        repo, _commit, path, _licence, kind = line.split("\t")
        if "unparseable" in kind or path.endswith(".tf"):
            continue
        source = corpus / repo.replace("/", "__") / path
        if kind.startswith("pod-template"):
            group = "pod-template"
        elif kind.startswith(("sparkapplication", "scheduled-spark")):
            group = "sparkapplication"
        elif kind.startswith("emr-startjobrun-json"):
            group = "startjobrun-json"
        elif kind.startswith("emr-startjobrun-cli"):
            group = "shell"
        elif kind.startswith("karpenter"):
            group = "karpenter"
        elif kind.startswith("eksctl"):
            group = "eksctl"
        else:
            continue
        groups.setdefault(group, []).append(source)
    groups["spark-defaults"] = [_SPARK_DEFAULTS]
    for paths in groups.values():
        paths.sort()
    return groups


#: No spark-defaults.conf in the shared corpus: a typical one, written out once.
_SPARK_DEFAULTS = Path(__file__).resolve().parent / "data" / "spark-defaults.conf"

DIRS = ("services", "charts", "platform", "jobs", "infra", "apps", "deploy", "tools")


def generate(
    out: Path, files: int, seed: int, corpus: Path = DEFAULT_CORPUS, mix: str = "monorepo"
) -> dict[str, int]:
    """Write ``files`` files under ``out`` (emptied first); return counts per kind."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    gen = Gen(seed, corpus)
    relevant, irrelevant = MIXES[mix]
    variants = mix != "monorepo"
    kinds = list(relevant) + list(irrelevant)
    weights = list(relevant.values()) + list(irrelevant.values())
    counts: dict[str, int] = {}
    for index in range(files):
        directory = out / gen.rng.choice(DIRS) / f"{gen.rng.choice(WORDS)}-{index // 25}"
        if index % LARGE_EVERY == LARGE_EVERY // 2:
            kind = "large"
            name, text = gen.large()
        else:
            kind = gen.rng.choices(kinds, weights)[0]
            if kind in relevant:
                name, text = gen.relevant(kind, variants)
            else:
                name, text = gen.irrelevant(kind)
        if kind == "spark-defaults":
            directory = directory / f"conf-{index}"
        directory.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(text, "utf-8")
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--mix", choices=sorted(MIXES), default="monorepo")
    args = parser.parse_args(argv)
    counts = generate(args.out, args.files, args.seed, args.corpus, args.mix)
    total = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    relevant = sum(n for k, n in counts.items() if k in MIXES[args.mix][0])
    print(f"{args.files} files, {total / 1e6:.1f} MB, {relevant} relevant, in {args.out}",
          file=sys.stderr)
    for kind in sorted(counts):
        print(f"  {counts[kind]:6d}  {kind}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    os.umask(0o022)
    sys.exit(main())
