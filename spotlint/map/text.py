"""The map as terminal text: one table of pools and one of jobs per cluster.

Plain text unless the caller asks for colour (a terminal, no ``NO_COLOR``:
:func:`spotlint.cli.check.use_color` decides); colour only tints the words,
which are always there.
"""

from __future__ import annotations

from collections.abc import Sequence

from spotlint.map.palette import PALETTE
from spotlint.report.escape import printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_MAX_CELL = 48


def _cell(text: str) -> str:
    text = printable(text)
    return text if len(text) <= _MAX_CELL else text[:_MAX_CELL - 1] + "…"


class _Painter:
    def __init__(self, color: bool) -> None:
        self.color = color

    def landing(self, lands: str) -> tuple[str, str]:
        """(plain word, painted word) of a landing: widths come from the plain one."""
        word = PALETTE[lands].word
        if not self.color:
            return word, word
        return word, f"\x1b[{PALETTE[lands].ansi}m{word}\x1b[0m"

    def bold(self, text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m" if self.color else text


def _table(header: Sequence[str], rows: Sequence[Sequence[tuple[str, str]]], indent: str,
           paint: _Painter) -> list[str]:
    """Rows of (plain, shown) cells, padded by their plain width."""
    widths = [len(h) for h in header]
    for row in rows:
        for i, (plain, _) in enumerate(row):
            widths[i] = max(widths[i], len(plain))
    lines = [indent + paint.bold("  ".join(h.ljust(w) for h, w in zip(header, widths,
                                                                      strict=True)).rstrip())]
    for row in rows:
        cells = [shown + " " * (w - len(plain))
                 for (plain, shown), w in zip(row, widths, strict=True)]
        lines.append(indent + "  ".join(cells).rstrip())
    return lines


def _plain(text: str) -> tuple[str, str]:
    text = _cell(text)
    return text, text


def _codes(findings: Sequence[dict[str, Any]]) -> str:
    active = sorted({f["code"] for f in findings if not f["suppressed"]})
    return ", ".join(active) if active else "-"


def _instances(pool: dict[str, Any]) -> str:
    inst = pool["instances"]
    parts = []
    if inst["families"]:
        parts.append("/".join(inst["families"][:6]) + ("…" if len(inst["families"]) > 6 else ""))
    if inst["sizes"]:
        parts.append(" ".join(inst["sizes"][:4]) + ("…" if len(inst["sizes"]) > 4 else ""))
    if not parts and inst["requirements"]:
        parts.append("; ".join(inst["requirements"][:2]))
    return " ".join(parts) if parts else "any"


def _zones(pool: dict[str, Any]) -> str:
    zones = pool["zones"]
    return "any" if zones is None else ", ".join(zones) or "none"


def _limits(pool: dict[str, Any]) -> str:
    limits = pool["limits"]
    if limits is None:
        return "-"
    if not limits["known"]:
        return "unknown"
    parts = [f"{k}={v}" for k, v in limits["amounts"].items()]
    if limits["replicas"] is not None:
        parts.append(f"replicas={limits['replicas']}")
    parts += [f"{k}={v}" for k, v in limits["size"].items()]
    return " ".join(parts) or "-"


def _pool_rows(pools: Sequence[dict[str, Any]], paint: _Painter) -> list[list[tuple[str, str]]]:
    return [[_plain(f"{p['kind_label']} {p['name']}"), paint.landing(p["offers"]),
             _plain(_instances(p)), _plain(_zones(p)), _plain(_limits(p)),
             _plain(_codes(p["findings"])), _plain(f"{p['path']}:{p['line']}")]
            for p in pools]


def _job_rows(jobs: Sequence[dict[str, Any]], paint: _Painter) -> list[list[tuple[str, str]]]:
    return [[_plain(job["name"]), _plain(job["kind"]), paint.landing(job["driver"]["lands"]),
             paint.landing(job["executor"]["lands"]), _plain(_codes(job["findings"])),
             _plain(f"{job['path']}:{job['line']}")]
            for job in jobs]


def _why(jobs: Sequence[dict[str, Any]]) -> list[str]:
    """One line per role whose answer needs a reason: nowhere, unknown, or an upper bound."""
    lines = []
    for job in jobs:
        told: dict[str, list[str]] = {}
        for role in ("driver", "executor"):
            view = job[role]
            if view["lands"] in ("nowhere", "unknown") or not view["complete"]:
                why = view["why"] + (f"; {view['remedy']}" if view["remedy"] else "")
                told.setdefault(why, []).append(role)
        for why, roles in told.items():
            lines.append(printable(f"    {job['name']} ({' and '.join(roles)}): {why}"))
    return lines


def render_text(data: dict[str, Any], color: bool = False) -> str:
    paint = _Painter(color)
    pools = {p["id"]: p for p in data["pools"]}
    jobs = data["jobs"]
    out: list[str] = []
    clustered: set[str] = set()
    for cluster in data["clusters"]:
        region = f" ({cluster['region']})" if cluster["region"] else ""
        title = {"named": "Cluster", "directory": "Pools in", "declared": "Declared"}.get(
            cluster["how"], "Cluster")
        out.append(paint.bold(printable(f"{title} {cluster['name']}{region}")))
        members = [pools[p] for p in cluster["pools"]]
        if members:
            out += _table(("POOL", "OFFERS", "INSTANCES", "ZONES", "LIMITS", "FINDINGS", "FILE"),
                          _pool_rows(members, paint), "  ", paint)
        mine = [j for j in jobs if cluster["id"] in j["clusters"]]
        clustered.update(j["id"] for j in mine)
        if mine:
            out.append("")
            out += _table(("JOB", "KIND", "DRIVER", "EXECUTORS", "FINDINGS", "FILE"),
                          _job_rows(mine, paint), "  ", paint)
            out += _why(mine)
        out.append("")
    alone = [j for j in jobs if j["id"] not in clustered]
    if alone:
        out.append(paint.bold("Jobs with no cluster in scope (no pool, or several clusters "
                              "equally near)"))
        out += _table(("JOB", "KIND", "DRIVER", "EXECUTORS", "FINDINGS", "FILE"),
                      _job_rows(alone, paint), "  ", paint)
        out += _why(alone)
        out.append("")
    summary = data["summary"]
    spot_drivers = summary["driver"]["spot"] + summary["driver"]["both"]
    out.append(f"{summary['jobs']} jobs, {summary['pools']} pools, "
               f"{len(data['clusters'])} clusters; drivers that may land on Spot: {spot_drivers}; "
               f"executors that may land on Spot: "
               f"{summary['executor']['spot'] + summary['executor']['both']}.")
    return "\n".join(out) + "\n"
