"""Clusters: the pools one job can be scheduled on, and no others.

A repository often keeps several clusters' pools side by side (one directory
per environment or blueprint), and a scan may cover several repositories. A
pod is scheduled by its own cluster only, so matching it against every pool
scanned mixes regions and lets one repository's pools judge another's jobs.
The pools a job is matched against (its *scope*) are chosen here, in order:

1. **Mapped**: the configuration's ``clusters`` entries name the files of each
   cluster by path globs; a job in such a file sees exactly that cluster's
   pools (wherever they are), plus the declared pools of that cluster.
2. **Nearest**: otherwise the pools under the closest ancestor directory of the
   job's file that holds any pool, never above the job's repository (the
   nearest directory holding ``.git``). When those pools name several clusters
   (eksctl ``metadata.name`` and ``region``, a Terraform cluster name, a
   Karpenter node class's discovery tag), the cluster whose pools sit nearest
   to the job wins; pools that name no cluster go with it when they are at
   least as near. Clusters equally near leave the scope *ambiguous*: spotlint
   does not guess which one runs the job.
3. **Declared**: pools the configuration declares (``pools``) join the scope
   of the jobs their ``paths`` match, of their ``cluster``, or of every job when
   they name neither. A job with no pool of its own in reach sees the declared
   pools of the only cluster that declares any.

Two clusters are the same when their names match and their regions do not
differ (a Karpenter discovery tag names a cluster but no region).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Collection, Iterable, Sequence

from spotlint.config.settings import path_glob_match
from spotlint.model import Pool
from spotlint.value import FrozenValue, frozen

_set = object.__setattr__

#: How a scope was chosen (see the module docstring).
MAPPED, NEAREST, DECLARED, NONE, AMBIGUOUS = "mapped", "nearest", "declared", "none", "ambiguous"


@frozen
class Cluster(FrozenValue):
    """An EKS cluster by name, and its region when the source says."""

    name: str
    region: str | None

    def __init__(
        self,
        name: str,
        region: str | None = None,
    ) -> None:
        _set(self, "name", name)
        _set(self, "region", region)

    def __str__(self) -> str:
        return f"{self.name} ({self.region})" if self.region else self.name

    def same(self, other: Cluster) -> bool:
        return self.name == other.name and (
            self.region is None or other.region is None or self.region == other.region)


@frozen
class DeclaredPool(FrozenValue):
    """A pool the configuration describes: it lives outside the scanned files."""

    pool: Pool
    cluster: Cluster | None
    paths: tuple[str, ...]

    def __init__(
        self,
        pool: Pool,
        cluster: Cluster | None = None,
        paths: tuple[str, ...] = (),
    ) -> None:
        _set(self, "pool", pool)
        _set(self, "cluster", cluster)
        _set(self, "paths", paths)


@frozen
class ClusterPaths(FrozenValue):
    """A configuration ``clusters`` entry: the files (globs) that belong to a cluster."""

    cluster: Cluster
    paths: tuple[str, ...]

    def __init__(
        self,
        cluster: Cluster,
        paths: tuple[str, ...],
    ) -> None:
        _set(self, "cluster", cluster)
        _set(self, "paths", paths)


@frozen
class Scope(FrozenValue):
    """The pools a job is matched against, and how they were chosen."""

    pools: tuple[Pool, ...]
    how: str
    cluster: Cluster | None
    #: the clusters that were equally near (``how == AMBIGUOUS``)
    rivals: tuple[Cluster, ...]

    def __init__(
        self,
        pools: tuple[Pool, ...],
        how: str,
        cluster: Cluster | None = None,
        rivals: tuple[Cluster, ...] = (),
    ) -> None:
        _set(self, "pools", pools)
        _set(self, "how", how)
        _set(self, "cluster", cluster)
        _set(self, "rivals", rivals)

    def why_unknown(self) -> str:
        """Why there is nothing to match against, for a message."""
        if self.how == AMBIGUOUS:
            names = ", ".join(str(c) for c in self.rivals[:3])
            more = f" and {len(self.rivals) - 3} more" if len(self.rivals) > 3 else ""
            return (f"the pools of {len(self.rivals)} clusters ({names}{more}) are equally near "
                    f"its file")
        return "no node pool of its cluster is in scope"

    def remedy(self) -> str:
        """What the user can write in the configuration to make placement known."""
        if self.how == AMBIGUOUS:
            return "map its path to one cluster under `clusters:` in the spotlint configuration"
        return "declare the cluster's node pools under `pools:` in the spotlint configuration"


def covers(rel: str, glob: str) -> bool:
    """Does a configuration glob cover this (config-relative) path?

    As for ``per-path-ignores``, and a glob naming a directory (``jobs``,
    ``clusters/*/jobs``) also covers every file under it.
    """
    if path_glob_match(rel, glob):
        return True
    parts = rel.split("/")
    pattern = glob.rstrip("/")
    return any(fnmatch.fnmatchcase("/".join(parts[:i]), pattern) for i in range(1, len(parts)))


def pool_cluster(pool: Pool) -> Cluster | None:
    return Cluster(pool.cluster, pool.region) if pool.cluster else None


class ScopeFinder:
    """Chooses each job's scope from the project's pools, declared pools and mappings.

    ``relative`` turns a path into the configuration-relative form that
    ``clusters`` and ``pools`` globs are written against. Answers are kept per
    path: every role of every job asks.
    """

    def __init__(
        self,
        pools: Sequence[Pool],
        declared: Sequence[DeclaredPool] = (),
        mappings: Sequence[ClusterPaths] = (),
        relative: Callable[[str], str] = lambda path: path,
        self_contained: Collection[str] = (),
        holds_git: Callable[[str], bool | None] | None = None,
    ) -> None:
        #: files that are a context of their own (Markdown guides): their jobs see
        #: only their own pools, and no other job sees those pools
        self.self_contained = frozenset(self_contained)
        self._own = {path: [p for p in pools if p.path == path] for path in self.self_contained}
        pools = [p for p in pools if p.path not in self.self_contained]
        self.declared = list(declared)
        self.mappings = list(mappings)
        self.relative = relative
        self.identity: dict[int, Cluster | None] = {}
        for pool in pools:
            mapped = self._mapped(pool.path)
            self.identity[id(pool)] = pool_cluster(pool) or mapped
        self.pools = list(pools)
        #: directory -> the positions (in ``pools``) of the pools directly in it
        self._direct: dict[str, list[int]] = {}
        #: directory -> its subdirectories holding pools (in them or below them)
        self._below: dict[str, list[str]] = {}
        #: every directory holding pools, in it or below it: the nearest ancestor
        #: holding pools is then a few lookups up the tree instead of a scan of every
        #: pool per directory. Each pool's directory climbs only until a directory
        #: already met (its parents are then met too): pools share most of their parents.
        self._holding: set[str] = set()
        #: directory -> the pools in it or below it, in pool order (made when asked)
        self._subtree: dict[str, list[Pool]] = {}
        #: id(pool) -> its directory, and its path components (for closeness: split
        #: when a choice between clusters needs them)
        self._directory: dict[int, str] = {}
        self._parts: dict[int, list[str]] = {}
        direct, below, holding = self._direct, self._below, self._holding
        for at, pool in enumerate(pools):
            directory = self._directory[id(pool)] = _directory_of(pool.path)
            found = direct.get(directory)
            if found is not None:
                found.append(at)
                continue
            direct[directory] = [at]
            while directory not in holding:
                holding.add(directory)
                parent = _parent(directory)
                if parent == directory:
                    break
                below.setdefault(parent, []).append(directory)
                directory = parent
        self._by_path: dict[str, Scope] = {}
        #: id of a choice of ``_nearest`` -> its scope (without declared pools)
        self._by_nearest: dict[int, Scope] = {}
        self._nearest_by_dir: dict[str, tuple[list[Pool], Cluster | None, tuple[Cluster, ...]]] = {}
        #: (ancestor holding the pools, is the job directory that ancestor) -> the
        #: choice: see ``_choose``
        self._chosen: dict[tuple[str, bool],
                           tuple[list[Pool], Cluster | None, tuple[Cluster, ...]]] = {}
        self._repo_roots: dict[str, str | None] = {}
        #: whether a directory holds ``.git`` as the run's walk listed it (None: the walk
        #: did not list it): no ``stat`` for the directories of the jobs it found
        self._git_listed = holds_git

    # -- public ------------------------------------------------------------------------

    def scope(self, path: str) -> Scope:
        found = self._by_path.get(path)
        if found is None:
            found = self._by_path[path] = self._scope(path)
        return found

    def mapped(self, path: str) -> Cluster | None:
        """The cluster the configuration's ``clusters`` entries map ``path`` to (None: none)."""
        return self._mapped(path)

    def cluster_of(self, pool: Pool) -> Cluster | None:
        """The cluster a pool names, or the one its path is mapped to (None: unknown)."""
        if id(pool) in self.identity:
            return self.identity[id(pool)]
        return pool_cluster(pool)

    def around(self, path: str) -> list[Pool]:
        """Every pool under the nearest ancestor of ``path``'s directory that holds any,
        within its repository, whatever their clusters: what :meth:`scope` chooses one
        cluster's pools from (and leaves ambiguous on a tie)."""
        ancestor = self._nearest_ancestor(_directory_of(path))
        return list(self._pools_under(ancestor)) if ancestor is not None else []

    # -- choosing ----------------------------------------------------------------------

    def _scope(self, path: str) -> Scope:
        if path in self.self_contained:
            own = self._own.get(path, [])
            return Scope(tuple(own), NEAREST if own else NONE)
        mapped = self._mapped(path)
        if mapped is not None:
            own = [p for p in self.pools if (c := self.identity[id(p)]) and c.same(mapped)]
            declared = self._declared_for(path, mapped, bool(own))
            return Scope(tuple(own + declared), MAPPED if own or declared else NONE, mapped)
        nearest = self._nearest(_directory_of(path))
        if self.declared:
            return self._nearest_scope(path, nearest)
        # Without declared pools the scope is the nearest pools' alone: the files of
        # every directory that chose them share one (and with it one pool index and
        # one matching per distinct placement, see PlacementIndex).
        key = id(nearest)  # kept in ``_nearest_by_dir``: the id stays its own
        found = self._by_nearest.get(key)
        if found is None:
            found = self._by_nearest[key] = self._nearest_scope(path, nearest)
        return found

    def _nearest_scope(
        self, path: str, nearest: tuple[list[Pool], Cluster | None, tuple[Cluster, ...]],
    ) -> Scope:
        near, cluster, rivals = nearest
        declared = self._declared_for(path, cluster, bool(near))
        if rivals and not declared:
            return Scope((), AMBIGUOUS, rivals=rivals)
        if near:
            return Scope(tuple(near + declared), NEAREST, cluster)
        if declared:
            return Scope(tuple(declared), DECLARED, self._declared_cluster(declared))
        return Scope((), NONE)

    def _mapped(self, path: str) -> Cluster | None:
        if not self.mappings:
            return None
        rel = self.relative(path)
        for mapping in self.mappings:
            if any(covers(rel, glob) for glob in mapping.paths):
                return mapping.cluster
        return None

    def _declared_for(self, path: str, cluster: Cluster | None, has_own: bool) -> list[Pool]:
        if not self.declared:
            return []
        rel = self.relative(path)
        chosen: list[Pool] = []
        by_cluster: list[DeclaredPool] = []
        for entry in self.declared:
            if entry.paths:
                if any(covers(rel, glob) for glob in entry.paths):
                    chosen.append(entry.pool)
            elif entry.cluster is None:
                chosen.append(entry.pool)
            elif cluster is not None:
                if entry.cluster.same(cluster):
                    chosen.append(entry.pool)
            else:
                by_cluster.append(entry)
        if by_cluster and not has_own and not chosen:
            named = _distinct(e.cluster for e in by_cluster if e.cluster is not None)
            if len(named) == 1:  # the only cluster in scope
                chosen = [e.pool for e in by_cluster]
        return chosen

    def _declared_cluster(self, pools: list[Pool]) -> Cluster | None:
        named = _distinct(pool_cluster(p) for p in pools)
        return named[0] if len(named) == 1 else None

    # -- the nearest pools -------------------------------------------------------------

    def _nearest(self, directory: str) -> tuple[list[Pool], Cluster | None, tuple[Cluster, ...]]:
        """The nearest pools of one cluster, that cluster, and rivals when there is a tie."""
        found = self._nearest_by_dir.get(directory)
        if found is None:
            found = self._nearest_by_dir[directory] = self._choose(directory)
        return found

    def _choose(self, directory: str) -> tuple[list[Pool], Cluster | None, tuple[Cluster, ...]]:
        """The choice for one directory, shared by every directory that would compute it alike.

        The pools in scope are those under the nearest ancestor holding any, and no
        directory between that ancestor and ``directory`` holds one: each pool's
        directory parts from ``directory``'s at the component just below the
        ancestor (or ends at the ancestor), so every pool's closeness (shared
        depth) is the same for every directory under the ancestor. Only the
        ancestor itself can differ (at the file system root, ``"/".split("/")``
        has an empty last component). Keyed so, the job directories under one
        ancestor share one grouping of its pools instead of each grouping them
        again (quadratic in a repository with many jobs and pools).
        """
        ancestor = self._nearest_ancestor(directory)
        if ancestor is None:
            return [], None, ()
        key = (ancestor, directory == ancestor)
        found = self._chosen.get(key)
        if found is None:
            found = self._chosen[key] = self._choose_among(
                list(self._pools_under(ancestor)), directory.split(os.sep))
        return found

    def _choose_among(
        self, scoped: list[Pool], ours: list[str]
    ) -> tuple[list[Pool], Cluster | None, tuple[Cluster, ...]]:
        groups = _group(scoped, self.identity)
        if len(groups) <= 1:
            return scoped, (groups[0][0] if groups else None), ()
        parts = self._parts
        for pool in scoped:
            if id(pool) not in parts:
                parts[id(pool)] = self._directory[id(pool)].split(os.sep)
        closeness = [max(_shared_depth(ours, parts[id(p)]) for p in members)
                     for _, members in groups]
        best = max(closeness)
        winners = [g for g, c in zip(groups, closeness, strict=True) if c == best]
        if len(winners) > 1:
            return [], None, tuple(cluster for cluster, _ in winners)
        cluster, members = winners[0]
        anonymous = [p for p in scoped if self.identity[id(p)] is None
                     and _shared_depth(ours, parts[id(p)]) >= best]
        kept = {id(p) for p in members + anonymous}
        return [p for p in scoped if id(p) in kept], cluster, ()

    def _nearest_ancestor(self, directory: str) -> str | None:
        """The nearest directory at or above ``directory`` that has pools (in it or
        below it), not climbing past the repository holding ``directory``: the walk
        stops there, so every pool it can meet is inside that repository. None when
        there is none."""
        boundary = self._repo_root(directory)
        while True:
            if directory in self._holding:
                return directory
            parent = _parent(directory)
            if parent == directory or directory == boundary:
                return None
            directory = parent

    def _pools_under(self, directory: str) -> list[Pool]:
        """The pools in ``directory`` or below it, in pool order (a directory holding
        some: see ``_holding``); found once per directory asked (the few nearest
        ancestors the run's jobs choose), not for every parent of every pool."""
        found = self._subtree.get(directory)
        if found is None:
            direct, below = self._direct, self._below
            positions: list[int] = []
            pending = [directory]
            while pending:  # (a loop, not recursion: trees may be deep)
                current = pending.pop()
                positions.extend(direct.get(current, ()))
                pending.extend(below.get(current, ()))
            pools = self.pools
            found = self._subtree[directory] = [pools[at] for at in sorted(positions)]
        return found

    def _repo_root(self, directory: str) -> str | None:
        """The nearest directory at or above ``directory`` holding ``.git`` (None: none).

        A loop, not recursion: a tree thousands of directories deep must not
        exhaust the interpreter's stack."""
        unresolved: list[str] = []
        root: str | None = None
        while True:
            if directory in self._repo_roots:
                root = self._repo_roots[directory]
                break
            unresolved.append(directory)
            listed = self._git_listed(directory) if self._git_listed is not None else None
            if _holds_git(directory) if listed is None else listed:
                root = directory
                break
            parent = _parent(directory)
            if parent == directory:
                break
            directory = parent
        for seen in unresolved:
            self._repo_roots[seen] = root
        return root


def _holds_git(directory: str) -> bool:
    """``os.path.exists(os.path.join(directory, ".git"))``: one stat for each job
    directory and its parents (without the two Python calls around it)."""
    if os.sep != "/" or directory[-1:] == "/" or not directory:
        return os.path.exists(os.path.join(directory, ".git"))
    try:
        os.stat(directory + "/.git")
    except (OSError, ValueError):
        return False
    return True


def _directory_of(path: str) -> str:
    """``os.path.dirname(os.path.abspath(path))``, without normalizing a path that is
    absolute and normal already (every path of a run is, but for odd ones): the
    finder asks it of every pool and of every job's file."""
    if (path[:1] != "/" or path[:2] == "//" or "/." in path or "//" in path
            or path.endswith("/") or os.sep != "/"):
        return os.path.dirname(os.path.abspath(path))
    return path[: path.rfind("/")] or "/"


def _parent(directory: str) -> str:
    """``os.path.dirname`` of an absolute normal directory (one :func:`_directory_of`
    gives, or a parent of one); the file system root is its own parent."""
    if directory[:2] == "//" or os.sep != "/":
        return os.path.dirname(directory)
    return directory[: directory.rfind("/")] or "/"


def _distinct(clusters: Iterable[Cluster | None]) -> list[Cluster]:
    out: list[Cluster] = []
    for cluster in clusters:
        if cluster is not None and not any(c.same(cluster) for c in out):
            out.append(cluster)
    return out


def _group(
    pools: list[Pool], identity: dict[int, Cluster | None]
) -> list[tuple[Cluster, list[Pool]]]:
    """Named pools by cluster. A pool whose source gives no region joins the one
    cluster of that name that has a region; with several such, it stands apart.

    Groups are found through dictionaries (by cluster, by name), in the order
    they first appear: comparing each pool with every group so far was
    quadratic in the pools of a scope."""
    groups: list[tuple[Cluster, list[Pool]]] = []
    where: dict[Cluster, list[Pool]] = {}
    named: dict[str, list[tuple[Cluster, list[Pool]]]] = {}

    def join(cluster: Cluster, pool: Pool) -> None:
        members = where.get(cluster)
        if members is None:
            members = where[cluster] = []
            group = (cluster, members)
            groups.append(group)
            named.setdefault(cluster.name, []).append(group)
        members.append(pool)

    regionless: list[tuple[Cluster, Pool]] = []
    for pool in pools:
        cluster = identity[id(pool)]
        if cluster is None:
            continue
        if cluster.region is None:
            regionless.append((cluster, pool))
            continue
        join(cluster, pool)
    for cluster, pool in regionless:
        same_name = named.get(cluster.name, [])
        if len(same_name) == 1:
            same_name[0][1].append(pool)
            continue
        join(cluster, pool)
    return groups


def _shared_depth(ours: list[str], theirs: list[str]) -> int:
    """How many leading path components the job's directory and the pool's share."""
    depth = 0
    for a, b in zip(ours, theirs, strict=False):
        if a != b:
            break
        depth += 1
    return depth
