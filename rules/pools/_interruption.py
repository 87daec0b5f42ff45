"""Which interruption handling covers a pool (SL405, SL412): format-free.

A handler covers a pool unless both name their cluster and the names differ:
what cannot be told apart is assumed to be the same cluster, so a handler in
scope silences rather than a guess producing a finding.
"""

from __future__ import annotations

from spotlint.model import (
    KARPENTER_CONTROLLER,
    NODE_TERMINATION_HANDLER,
    InterruptionHandling,
    Pool,
    Project,
)


def covers(handler: InterruptionHandling, pool: Pool) -> bool:
    return handler.cluster is None or pool.cluster is None or handler.cluster == pool.cluster


def termination_handlers(project: Project, pool: Pool) -> list[InterruptionHandling]:
    """AWS Node Termination Handler deployments that cover ``pool``."""
    return [
        h for h in project.interruption
        if h.kind == NODE_TERMINATION_HANDLER and covers(h, pool)
    ]


def controllers(project: Project) -> list[InterruptionHandling]:
    """Karpenter controller configurations in scope."""
    return [h for h in project.interruption if h.kind == KARPENTER_CONTROLLER]
