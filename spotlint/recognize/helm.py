"""Spark confs in a Helm chart's values: ``sparkConf`` maps and ``spark-defaults.conf`` strings.

A chart's templates usually write their Spark conf from values
(``{{- range $k, $v := .Values.sparkConf }}``): the template's conf is then
open (see :mod:`spotlint.load.templated`) and the values file holds what is
actually set. So in a ``values.yaml`` (or ``values-*.yaml``) beside a
``Chart.yaml``, every ``sparkConf`` mapping, at any depth, is a job of its own
(its confs positioned in the values file, new confs fixed into it), and every
``spark-defaults.conf`` string is read as that file.
"""

from __future__ import annotations

import os
import re
from functools import cache

from spotlint.load.base import LoadedFile
from spotlint.location import Node
from spotlint.model import ConfMap, ConfOrigin, Job, JobKind
from spotlint.recognize.common import add_conf_map, apply_conf_placement, file_name
from spotlint.recognize.kinds import NormalizeContext

#: How deep values are searched for conf blocks (charts nest them a few levels down).
MAX_DEPTH = 12


def _is_chart(directory: str) -> bool:
    return os.path.isfile(os.path.join(directory, "Chart.yaml"))


@cache
def _values_file() -> re.Pattern[str]:
    """A values file's name (compiled when first asked: only for a YAML map without a kind)."""
    return re.compile(r"values(?:[-._][A-Za-z0-9_.-]*)?\.ya?ml", re.IGNORECASE)


def is_chart_values(path: str) -> bool:
    """Is ``path`` a values file of a Helm chart (``values*.yaml`` beside ``Chart.yaml``)?"""
    return bool(_values_file().fullmatch(file_name(path))) and _is_chart(
        os.path.dirname(os.path.abspath(path)))


class HelmValuesKind:
    """A Helm chart's values file that holds Spark confs."""

    name = "helm-values"
    schema: str | None = None

    def matches(self, doc: Node, file: LoadedFile) -> bool:
        return (doc.is_map and file.fmt == "yaml" and doc.get("apiVersion") is None
                and doc.get("kind") is None and is_chart_values(file.path))

    def normalize(self, doc: Node, ctx: NormalizeContext) -> None:
        stack: list[tuple[Node, tuple[str, ...]]] = [(doc, ())]
        while stack:
            node, trail = stack.pop()
            for key, value in node.items():
                where = (*trail, key)
                if key == "sparkConf" and value.is_map:
                    _conf_job(node, value, where, ctx)
                elif key == "spark-defaults.conf" and isinstance(value.value, str):
                    _defaults_file(value, where, ctx)
                elif len(where) < MAX_DEPTH:
                    # Lists of maps (one entry per cluster or queue) are searched too.
                    children = [value] if value.is_map else list(value.elements())
                    stack.extend((child, where) for child in children if child.is_map)


def _defaults_file(value: Node, where: tuple[str, ...], ctx: NormalizeContext) -> None:
    from spotlint.recognize.embedding import embed_string, relevant

    if relevant("properties", str(value.value)):
        embed_string(value, "properties", ctx, "Helm values " + ".".join(where),
                     name="spark-defaults.conf")


def _conf_job(parent: Node, block: Node, where: tuple[str, ...], ctx: NormalizeContext) -> None:
    name = f"{file_name(ctx.file.path)}: {'.'.join(where)}"
    job = Job(name=name, kind=JobKind.HELM_VALUES, doc=block.key or block,
              conf_target=None if block.unknown else ConfMap(parent, "sparkConf", block))
    add_conf_map(job, block, ConfOrigin.SPARK_CONF)
    apply_conf_placement(job)
    ctx.project.jobs.append(job)


KINDS = [HelmValuesKind()]
