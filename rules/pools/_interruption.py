"""Which interruption handling covers a pool (SL405, SL412): format-free.

A handler (a Node Termination Handler deployment, a Karpenter controller's
configuration) acts in one cluster. It covers a pool when:

* both name their cluster (a pool through its source or through the
  configuration's ``clusters:`` mapping of its path) and the clusters are the same;
* otherwise, when the pool is among the pools placement would match a pod in
  the handler's file against (:class:`~spotlint.placement.clusters.ScopeFinder`):
  those under the nearest ancestor directory of the handler that holds any
  pool, never above its repository, one cluster's where they name several.
  Where several clusters are equally near the handler, it covers all of them:
  what cannot be told apart is assumed to be its cluster, so a guess never
  produces a finding.

So when several repositories are scanned together, a handler in one repository
does not silence the findings of another's pools.
"""

from __future__ import annotations

import weakref

from spotlint.model import (
    KARPENTER_CONTROLLER,
    NODE_TERMINATION_HANDLER,
    InterruptionHandling,
    Pool,
    Project,
)
from spotlint.rule import RuleContext

TYPE_CHECKING = False
if TYPE_CHECKING:
    from spotlint.placement.clusters import ScopeFinder

#: finder -> handler path -> ids of the pools a handler there serves
_SERVED: weakref.WeakKeyDictionary[ScopeFinder, dict[str, frozenset[int]]] = (
    weakref.WeakKeyDictionary())


def _finder(ctx: RuleContext) -> ScopeFinder:
    """The run's cluster scoping: the placement index's (built once per run)."""
    from spotlint.placement.view import index_for

    return index_for(ctx.project, ctx.capacity, ctx.settings).finder


def _served(finder: ScopeFinder, path: str) -> frozenset[int]:
    """The pools a handler defined in ``path`` acts on when names do not decide."""
    from spotlint.placement.clusters import AMBIGUOUS

    known = _SERVED.setdefault(finder, {})
    found = known.get(path)
    if found is None:
        scope = finder.scope(path)
        pools = finder.around(path) if scope.how == AMBIGUOUS else scope.pools
        found = known[path] = frozenset(id(p) for p in pools)
    return found


def covers(ctx: RuleContext, handler: InterruptionHandling, pool: Pool) -> bool:
    """Does ``handler`` act on ``pool``'s nodes? (see the module docstring)"""
    from spotlint.placement.clusters import Cluster

    finder = _finder(ctx)
    ours = Cluster(handler.cluster) if handler.cluster else finder.mapped(handler.path)
    theirs = finder.cluster_of(pool)
    if ours is not None and theirs is not None:
        return ours.same(theirs)
    return id(pool) in _served(finder, handler.path)


def termination_handlers(ctx: RuleContext, pool: Pool) -> list[InterruptionHandling]:
    """AWS Node Termination Handler deployments that cover ``pool``."""
    return [
        h for h in ctx.project.interruption
        if h.kind == NODE_TERMINATION_HANDLER and covers(ctx, h, pool)
    ]


def controllers(project: Project) -> list[InterruptionHandling]:
    """Karpenter controller configurations in scope."""
    return [h for h in project.interruption if h.kind == KARPENTER_CONTROLLER]
