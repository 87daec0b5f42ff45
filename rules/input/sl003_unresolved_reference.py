"""A local reference (a pod template file) does not resolve to a file inside the scanned root.

Pod template references (``spark.kubernetes.driver.podTemplateFile`` and the
executor twin) are resolved relative to the referencing file, then to the root
of the scan. Remote references (``s3://...``) are neither followed nor reported.
A reference that leaves the root (``../../etc/x``, an absolute path elsewhere, a
symlink pointing out) is reported and never opened. When ``spark-submit`` runs in
a Kubernetes Job or Argo step whose container mounts the path from a ConfigMap
(``volumeMounts`` of a ``configMap`` volume), the template is that ConfigMap's
value: it is linked when a file of the run defines the ConfigMap, and reported
(naming the ConfigMap and key) when none does.

## Why it matters
When the template cannot be read, spotlint cannot tell where the driver and
executors will run, and at submit time Spark fails on a missing file. A path that
escapes the repository usually means the job depends on a file that is not
reviewed with it.

## How to fix
Point the conf at a template inside the repository (a path relative to the
file that references it), or at a remote location that the job really uses.

## See also
SL101, SL102
"""

from __future__ import annotations

from spotlint.rule import Severity, engine_rule

RULE = engine_rule(
    code="SL003",
    name="unresolved-reference",
    severity=Severity.WARNING,
    summary="A local pod template reference does not resolve to a file inside the scanned root.",
    doc=__doc__,
    applies_to=("SparkApplication", "StartJobRun", "spark-defaults.conf", "shell"),
)
