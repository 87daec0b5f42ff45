"""A job's Spark version, learned from ``sparkVersion``, an EMR release label or an image tag.

Version rules (SL208) and version-dependent defaults (SL202, SL204, SL301) need to
know which Spark a job runs. EMR on EKS jobs name an EMR release instead of a Spark
version, so this module carries the table from EMR release line to Spark version.
Every function returns None when the version cannot be known (placeholder, an
unrecognizable image); callers then assume the newest behaviour.

Sources of the table: the EMR on EKS release pages
(https://docs.aws.amazon.com/emr/latest/EMR-on-EKS-DevelopmentGuide/emr-eks-releases.html
and one page per release), the EMR Serverless release pages, and the EMR "Spark
release history" page,
https://docs.aws.amazon.com/emr/latest/ReleaseGuide/Spark-release-history.html.
Rows marked ``verified=False`` rest on that history table or on memory and were
not confirmed against an AWS page by the author; they sit between verified rows
and agree with AWS's own feature gates (decommission EMR 6.3, PVC reuse EMR 6.6,
wait-to-reuse EMR 6.12).
"""

from __future__ import annotations

import re

from spotlint.load.placeholders import has_placeholder
from spotlint.location import Node
from spotlint.model import SparkVersion
from spotlint.value import FrozenValue, frozen

_set = object.__setattr__


@frozen
class EmrRelease(FrozenValue):
    """One EMR release line: its Spark version, whether EMR on EKS ships it, the source."""

    emr: tuple[int, int, int]
    spark: tuple[int, int, int]
    on_eks: bool
    source: str
    verified: bool

    def __init__(
        self,
        emr: tuple[int, int, int],
        spark: tuple[int, int, int],
        on_eks: bool,
        source: str,
        verified: bool = True,
    ) -> None:
        _set(self, "emr", emr)
        _set(self, "spark", spark)
        _set(self, "on_eks", on_eks)
        _set(self, "source", source)
        _set(self, "verified", verified)


_SERVERLESS = "EMR Serverless release page"
_EKS = "EMR on EKS release page"
_HISTORY = "EMR Spark release history page"

#: EMR release line -> Spark version, ascending. EMR on EKS starts at 5.32.0 and 6.2.0.
EMR_RELEASES: tuple[EmrRelease, ...] = (
    EmrRelease((5, 32, 0), (2, 4, 7), True, _EKS),
    EmrRelease((5, 33, 0), (2, 4, 7), True, _HISTORY, verified=False),
    EmrRelease((5, 34, 0), (2, 4, 8), True, _HISTORY, verified=False),
    EmrRelease((5, 35, 0), (2, 4, 8), True, _EKS),
    EmrRelease((5, 36, 0), (2, 4, 8), True, _HISTORY, verified=False),
    # EMR 6.0.0 (March 2020) predates Apache Spark 3.0.0 (released June 2020,
    # https://spark.apache.org/releases/spark-release-3-0-0.html), so it cannot
    # ship Spark 3.0; the history table lists 2.4.4 for it. The AWS release page
    # itself was not confirmed, hence verified=False.
    EmrRelease((6, 0, 0), (2, 4, 4), False, _HISTORY, verified=False),
    EmrRelease((6, 1, 0), (3, 0, 0), False, _HISTORY, verified=False),
    EmrRelease((6, 2, 0), (3, 0, 1), True, _HISTORY, verified=False),
    EmrRelease((6, 3, 0), (3, 1, 1), True, _HISTORY, verified=False),
    EmrRelease((6, 4, 0), (3, 1, 2), True, _HISTORY, verified=False),
    EmrRelease((6, 5, 0), (3, 1, 2), True, _HISTORY, verified=False),
    EmrRelease((6, 6, 0), (3, 2, 0), True, _SERVERLESS),
    EmrRelease((6, 7, 0), (3, 2, 1), True, _HISTORY, verified=False),
    EmrRelease((6, 8, 0), (3, 3, 0), True, _SERVERLESS),
    EmrRelease((6, 9, 0), (3, 3, 0), True, _HISTORY, verified=False),
    EmrRelease((6, 10, 0), (3, 3, 1), True, _EKS),
    EmrRelease((6, 11, 0), (3, 3, 2), True, _EKS),
    EmrRelease((6, 12, 0), (3, 4, 0), True, _SERVERLESS),
    EmrRelease((6, 13, 0), (3, 4, 1), True, _SERVERLESS),
    EmrRelease((6, 14, 0), (3, 4, 1), True, _SERVERLESS),
    EmrRelease((6, 15, 0), (3, 4, 1), True, _HISTORY, verified=False),
    EmrRelease((7, 0, 0), (3, 5, 0), True, _SERVERLESS),
    EmrRelease((7, 1, 0), (3, 5, 0), True, _SERVERLESS),
    EmrRelease((7, 2, 0), (3, 5, 1), True, _HISTORY, verified=False),
    EmrRelease((7, 3, 0), (3, 5, 1), True, _SERVERLESS),
    EmrRelease((7, 4, 0), (3, 5, 2), True, _EKS),
    EmrRelease((7, 5, 0), (3, 5, 2), True, _EKS),
    EmrRelease((7, 6, 0), (3, 5, 3), True, _SERVERLESS),
    EmrRelease((7, 7, 0), (3, 5, 3), True, _SERVERLESS),
    EmrRelease((7, 8, 0), (3, 5, 4), True, _HISTORY),
    EmrRelease((7, 9, 0), (3, 5, 5), True, _HISTORY),
    EmrRelease((7, 10, 0), (3, 5, 5), True, _HISTORY),
    EmrRelease((7, 11, 0), (3, 5, 6), True, _HISTORY),
    EmrRelease((7, 12, 0), (3, 5, 6), True, _HISTORY),
    EmrRelease((7, 13, 0), (3, 5, 6), True, _HISTORY),
)

#: Release labels as those pages write them (``emr-7.1.0-latest``,
#: ``emr-6.10.0-java11-20230220``, ``notebook-spark/emr-6.10.0-latest``), unanchored at
#: the end for image use below.
RELEASE_LABEL = re.compile(
    r"^(?:notebook-(?:spark|python)/)?emr-(\d{1,9})\.(\d{1,9})\.(\d{1,9})"
    r"(?:-[a-z0-9-]+?)?(?:-latest|-\d{8})?$"
)
#: Version numbers have at most 9 digits, so converting them is always cheap and safe.
_SPARK_VERSION = re.compile(r"^v?(\d{1,9})\.(\d{1,9})(?:\.(\d{1,9}))?(?:[-+._].*)?$")
_IMAGE_EMR = re.compile(r"(?:^|/)emr-(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?:[-:]|$)")
#: Image repositories (last path component) whose tag is the Spark version.
_SPARK_REPOS = frozenset({"spark", "spark-py", "spark-r"})


def _text(node: Node | None) -> str | None:
    if node is None or node.unknown:
        return None
    text = node.text()
    if text is None:
        return None
    text = text.strip()
    if not text or has_placeholder(text):
        return None
    return text


def spark_for_release(emr: tuple[int, int, int]) -> EmrRelease | None:
    """The table row for an EMR release, by its release line (X.Y); None if unknown.

    A release newer than the last row is assumed to carry at least the newest
    Spark in the table (a lower bound, which is what version gates need).
    A patch release (6.10.1) belongs to its line (6.10.0).
    """
    line = (emr[0], emr[1])
    for row in EMR_RELEASES:
        if (row.emr[0], row.emr[1]) == line:
            return row
    last = EMR_RELEASES[-1]
    if emr > last.emr and emr[0] == last.emr[0]:
        return last
    return None


def from_spark_version(node: Node | None) -> SparkVersion | None:
    """Parse ``spec.sparkVersion`` (``3.5.0``, ``3.1.1``, ``v3.4``); None when not a version."""
    text = _text(node)
    if text is None:
        return None
    m = _SPARK_VERSION.match(text)
    if not m:
        return None
    return SparkVersion(
        int(m.group(1)), int(m.group(2)), int(m.group(3) or 0), source="sparkVersion", node=node
    )


def _from_release(
    major: int, minor: int, patch: int, node: Node | None, source: str
) -> SparkVersion | None:
    row = spark_for_release((major, minor, patch))
    if row is None:
        return None
    return SparkVersion(
        *row.spark, source=source, node=node, emr_release=f"{major}.{minor}.{patch}"
    )


def from_release_label(node: Node | None) -> SparkVersion | None:
    """Map an EMR release label (``emr-6.6.0-latest``, ``emr-7.1.0``) to its Spark version."""
    text = _text(node)
    if text is None:
        return None
    m = RELEASE_LABEL.match(text)
    if not m:
        return None
    return _from_release(int(m.group(1)), int(m.group(2)), int(m.group(3)), node, "releaseLabel")


def from_image(node: Node | None) -> SparkVersion | None:
    """A Spark version from a recognizable image reference; None for any other image.

    Recognized: EMR images (``.../spark/emr-6.10.0:latest``, ``emr-7.1.0:20240321``,
    or a tag that is an EMR release label), and Apache Spark images whose repository
    is ``spark``/``spark-py``/``spark-r`` with a version tag (``apache/spark:3.5.1``,
    ``spark:3.5.0-scala2.12-java11-ubuntu``, ``gcr.io/spark-operator/spark:v3.1.1``).
    Other repositories' tags are application versions, not Spark's, so they are ignored.
    """
    text = _text(node)
    if text is None:
        return None
    ref = text.split("@", 1)[0]
    last = ref.rsplit("/", 1)[-1]
    repo, _, tag = last.partition(":")
    m = _IMAGE_EMR.search("/" + ref.rsplit("/", 1)[-1]) or _IMAGE_EMR.search(ref)
    if m:
        return _from_release(int(m.group(1)), int(m.group(2)), int(m.group(3)), node, "image")
    if tag:
        lm = RELEASE_LABEL.match(tag)
        if lm:
            return _from_release(
                int(lm.group(1)), int(lm.group(2)), int(lm.group(3)), node, "image"
            )
    if repo in _SPARK_REPOS and tag:
        sm = _SPARK_VERSION.match(tag)
        if sm:
            return SparkVersion(
                int(sm.group(1)), int(sm.group(2)), int(sm.group(3) or 0), source="image", node=node
            )
    return None


def emr_release_for(spark: tuple[int, int]) -> str | None:
    """First EMR on EKS release line (``"6.6"``) with that Spark minor, for messages."""
    for row in EMR_RELEASES:
        if row.on_eks and (row.spark[0], row.spark[1]) >= spark:
            if (row.spark[0], row.spark[1]) == spark:
                return f"{row.emr[0]}.{row.emr[1]}"
            return None
    return None
