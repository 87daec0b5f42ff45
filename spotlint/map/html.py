"""The map as one self-contained HTML page: inline CSS, SVG and script, nothing fetched.

Per cluster, a picture (SVG): jobs on the left with a badge for the driver and
one for the executors, pools on the right, and a line from each role to each
pool it can land on, coloured and patterned by the capacity type it gets
there. Below it, the details: each pool's capacity, instances, zones, limits
and taints, each job's answer per role and why, and the findings. Filters by
job, pool and rule hide what does not match (a small inline script; without
script everything stays visible).

Every coloured mark carries its word, and a pattern tells the capacity types
apart without colour (:mod:`spotlint.map.palette`). Every text is escaped;
the map's data is embedded as JSON with ``<`` escaped, so no scanned value can
close a tag or run script.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape

from spotlint.map.build import landing_of
from spotlint.map.palette import PAGE, PALETTE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_ROW = 88
_JOB_X, _JOB_W = 16, 330
_POOL_X, _POOL_W = 620, 330
_WIDTH = 966


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _patterns() -> str:
    """SVG patterns, one per landing, drawn over its colour."""
    out = []
    for lands, swatch in PALETTE.items():
        ink = swatch.ink
        if swatch.pattern == "stripes":
            mark = (f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{ink}" '
                    f'stroke-width="1.4"/>')
        elif swatch.pattern == "half":
            mark = f'<rect width="4" height="8" fill="{ink}" opacity="0.55"/>'
        elif swatch.pattern == "cross":
            mark = f'<path d="M0,0 L8,8 M8,0 L0,8" stroke="{ink}" stroke-width="1.4"/>'
        elif swatch.pattern == "dots":
            mark = f'<circle cx="4" cy="4" r="1.5" fill="{ink}"/>'
        else:
            mark = ""
        out.append(f'<pattern id="pat-{lands}" width="8" height="8" '
                   f'patternUnits="userSpaceOnUse"><rect width="8" height="8" '
                   f'fill="{swatch.fill}"/>{mark}</pattern>')
    return "".join(out)


def _chip(lands: str) -> str:
    """A small patterned square: the capacity type without relying on colour."""
    return (f'<svg class="chip" width="14" height="14" aria-hidden="true"><rect width="14" '
            f'height="14" rx="3" fill="url(#pat-{lands})" stroke="{PAGE["text"]}" '
            f'stroke-width="0.6"/></svg>')


def _badge(lands: str, prefix: str = "") -> str:
    word = PALETTE[lands].word
    return (f'<span class="badge lands-{lands}" data-lands="{lands}">{_chip(lands)}'
            f'{_e(prefix)}{_e(word)}</span>')


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[:size - 1] + "…"


def _svg_badge(x: int, y: int, lands: str, label: str) -> str:
    swatch = PALETTE[lands]
    text = f"{label}: {swatch.word}"
    width = 26 + round(7.8 * len(text))
    return (f'<g class="svg-badge" data-lands="{lands}"><rect x="{x}" y="{y}" width="{width}" '
            f'height="20" rx="10" fill="{swatch.fill}"/>'
            f'<rect x="{x + 5}" y="{y + 5}" width="10" height="10" rx="2" '
            f'fill="url(#pat-{lands})" stroke="{swatch.ink}" stroke-width="0.8"/>'
            f'<text x="{x + 19}" y="{y + 14}" fill="{swatch.ink}" class="svg-small">'
            f'{_e(text)}</text></g>')


def _picture(cluster: dict[str, Any], jobs: Sequence[dict[str, Any]],
             pools: dict[str, dict[str, Any]]) -> str:
    """The SVG of one cluster: jobs, pools, and a line per role and pool it reaches."""
    members = [pools[p] for p in cluster["pools"]]
    rows = max(len(members), len(jobs), 1)
    height = rows * _ROW + 16
    # pools spread over the height the jobs take, so the lines fan out instead of
    # converging on the top corner
    step = rows * _ROW / max(len(members), 1)
    where = {p["id"]: 8 + round(i * step + (step - _ROW) / 2) for i, p in enumerate(members)}
    parts = [f'<svg class="picture" viewBox="0 0 {_WIDTH} {height}" width="{_WIDTH}" '
             f'height="{height}" role="img" aria-label="{_e(cluster["name"])}: '
             f'{len(members)} pools, {len(jobs)} jobs">']
    lines = []
    for i, job in enumerate(jobs):
        top = 8 + i * _ROW
        for role, dy in (("driver", 37), ("executor", 63)):
            for reach in job[role]["pools"]:
                target = where.get(reach["pool"])
                if target is None:
                    continue
                lands = landing_of(reach["capacity"])
                dash = ' stroke-dasharray="6 4"' if role == "driver" else ""
                lines.append(
                    f'<path class="edge" data-job="{_e(job["id"])}" data-pool="{reach["pool"]}" '
                    f'd="M{_JOB_X + _JOB_W},{top + dy} C{_JOB_X + _JOB_W + 130},{top + dy} '
                    f'{_POOL_X - 130},{target + 40} {_POOL_X},{target + 40}" fill="none" '
                    f'stroke="{PALETTE[lands].fill}" stroke-width="3"{dash}>'
                    f'<title>{_e(job["name"])} {role} → {_e(pools[reach["pool"]]["name"])}: '
                    f'{_e(PALETTE[lands].word)}</title></path>')
    parts += lines
    if not jobs:
        parts.append(f'<text x="{_JOB_X + 10}" y="{height // 2 + 5}" class="svg-small" '
                     f'fill="{PAGE["muted"]}">No job of this scan can land here.</text>')
    for i, job in enumerate(jobs):
        top = 8 + i * _ROW
        parts.append(
            f'<g class="svg-job" data-job="{_e(job["id"])}"><rect x="{_JOB_X}" y="{top}" '
            f'width="{_JOB_W}" height="{_ROW - 8}" rx="8" fill="{PAGE["panel"]}" '
            f'stroke="{PAGE["border"]}"/><text x="{_JOB_X + 10}" y="{top + 17}" '
            f'class="svg-title" fill="{PAGE["text"]}">{_e(_clip(job["name"], 40))}</text>'
            f'{_svg_badge(_JOB_X + 8, top + 27, job["driver"]["lands"], "driver")}'
            f'{_svg_badge(_JOB_X + 8, top + 53, job["executor"]["lands"], "executors")}</g>')
    for pool in members:
        top = where[pool["id"]]
        lands = pool["offers"]
        parts.append(
            f'<g class="svg-pool" data-pool="{pool["id"]}"><rect x="{_POOL_X}" y="{top}" '
            f'width="{_POOL_W}" height="{_ROW - 8}" rx="8" fill="{PAGE["background"]}" '
            f'stroke="{PAGE["border"]}"/><rect x="{_POOL_X}" y="{top}" width="22" '
            f'height="{_ROW - 8}" rx="4" fill="url(#pat-{lands})"/>'
            f'<text x="{_POOL_X + 32}" y="{top + 22}" class="svg-title" fill="{PAGE["text"]}">'
            f'{_e(_clip(pool["name"], 38))}</text>'
            f'<text x="{_POOL_X + 32}" y="{top + 44}" class="svg-small" fill="{PAGE["muted"]}">'
            f'{_e(_clip(pool["kind_label"], 24))} · {_e(PALETTE[lands].word)}</text>'
            f'<text x="{_POOL_X + 32}" y="{top + 64}" class="svg-small" fill="{PAGE["muted"]}">'
            f'{_e(_clip(_pool_line(pool), 44))}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _pool_line(pool: dict[str, Any]) -> str:
    """Instances and zones in a few words, for the picture."""
    inst = pool["instances"]
    what = "/".join(inst["families"][:4]) or (inst["requirements"][0] if inst["requirements"]
                                              else "any instance")
    zones = "any zone" if pool["zones"] is None else ", ".join(pool["zones"][:3])
    return f"{what} · {zones}"


def _codes(findings: Sequence[dict[str, Any]]) -> str:
    return " ".join(sorted({f["code"] for f in findings}))


def _findings(findings: Sequence[dict[str, Any]]) -> str:
    if not findings:
        return '<p class="muted">No findings.</p>'
    items = "".join(
        f'<li class="finding sev-{_e(f["severity"])}" data-rule="{_e(f["code"])}">'
        f'<code>{_e(f["code"])}</code> <span class="sev">{_e(f["severity"])}</span> '
        f'{_e(f["message"])} <span class="where">{_e(f["path"])}:{f["line"]}</span>'
        f'{" (suppressed)" if f["suppressed"] else ""}</li>'
        for f in findings)
    return f'<ul class="findings">{items}</ul>'


def _pool_card(pool: dict[str, Any]) -> str:
    inst = pool["instances"]
    instances = ", ".join(inst["types"][:12]) or ", ".join(
        [*inst["families"], *inst["sizes"]]) or "; ".join(inst["requirements"]) or "any"
    zones = "any" if pool["zones"] is None else ", ".join(pool["zones"]) or "none"
    limits = pool["limits"]
    if limits is None:
        limit_text = "none"
    elif not limits["known"]:
        limit_text = "unknown"
    else:
        shown = [f"{k}={v}" for k, v in limits["amounts"].items()]
        if limits["replicas"] is not None:
            shown.append(f"replicas={limits['replicas']}")
        shown += [f"{k} size {v}" for k, v in limits["size"].items()]
        limit_text = " ".join(shown) or "none"
    taints = ", ".join(pool["taints"]) or "none"
    capacity = ", ".join(pool["capacity"]) if pool["capacity"] is not None else "unknown"
    return (
        f'<article class="card pool" id="{pool["id"]}" data-pool="{pool["id"]}" '
        f'data-name="{_e(pool["name"])}" data-rules="{_e(_codes(pool["findings"]))}">'
        f'<h4>{_badge(pool["offers"])} {_e(pool["kind_label"])} <span class="name">'
        f'{_e(pool["name"])}</span></h4><dl>'
        f'<dt>Capacity types</dt><dd>{_e(capacity)}</dd>'
        f'<dt>Instances</dt><dd>{_e(instances)}</dd>'
        f'<dt>Zones</dt><dd>{_e(zones)}</dd>'
        f'<dt>Limits</dt><dd>{_e(limit_text)}</dd>'
        f'<dt>Taints</dt><dd>{_e(taints)}</dd>'
        f'<dt>File</dt><dd>{_e(pool["path"])}:{pool["line"]}</dd></dl>'
        f'{_findings(pool["findings"])}</article>')


def _role(job: dict[str, Any], role: str, pools: dict[str, dict[str, Any]]) -> str:
    view = job[role]
    reach = ", ".join(f'{pools[r["pool"]]["name"]} ({", ".join(r["capacity"])})'
                      for r in view["pools"]) or "none"
    remedy = f' <em>{_e(view["remedy"])}</em>' if view["remedy"] else ""
    blocked = ""
    if view["blocked"]:
        blocked = "<br>Kept off by taints: " + _e(", ".join(
            f'{pools[b["pool"]]["name"]} ({", ".join(b["taints"])})' for b in view["blocked"]))
    word = "Driver" if role == "driver" else "Executors"
    return (f'<div class="role"><div class="role-head">{word} {_badge(view["lands"])}</div>'
            f'<div>Pools: {_e(reach)}{blocked}</div>'
            f'<div class="why">{_e(view["why"])}{remedy}</div></div>')


def _job_card(job: dict[str, Any], pools: dict[str, dict[str, Any]]) -> str:
    reached = sorted({r["pool"] for role in ("driver", "executor") for r in job[role]["pools"]})
    return (
        f'<article class="card job" id="{job["id"]}" data-job="{job["id"]}" '
        f'data-name="{_e(job["name"])}" data-pools="{" ".join(reached)}" '
        f'data-rules="{_e(_codes(job["findings"]))}">'
        f'<h4><span class="name">{_e(job["name"])}</span> <span class="muted">'
        f'{_e(job["kind"])} · {_e(job["path"])}:{job["line"]}</span></h4>'
        f'<div class="roles">{_role(job, "driver", pools)}{_role(job, "executor", pools)}</div>'
        f'{_findings(job["findings"])}</article>')


def _options(values: Sequence[tuple[str, str]], everything: str) -> str:
    return f'<option value="">{_e(everything)}</option>' + "".join(
        f'<option value="{_e(v)}">{_e(label)}</option>' for v, label in values)


def _none(jobs: Sequence[dict[str, Any]]) -> str:
    if not jobs:
        return '<p class="muted">None.</p>'
    links = ", ".join(f'<a href="#{j["id"]}">{_e(j["name"])}</a>' for j in jobs)
    return f'<p class="muted">Shown with an earlier cluster: {links}.</p>'


def _legend() -> str:
    return "".join(f'<li>{_badge(lands)}</li>' for lands in PALETTE)


def render_html(data: dict[str, Any]) -> str:
    """The page for a map (see :func:`spotlint.map.build.build_map`)."""
    pools = {p["id"]: p for p in data["pools"]}
    jobs = data["jobs"]
    sections = []
    shown: set[str] = set()
    for cluster in data["clusters"]:
        mine = [j for j in jobs if cluster["id"] in j["clusters"]]
        cards = [j for j in mine if j["id"] not in shown]  # a card once, in its first cluster
        shown.update(j["id"] for j in mine)
        region = f' <span class="muted">{_e(cluster["region"])}</span>' if cluster["region"] else ""
        title = {"named": "Cluster", "directory": "Pools in", "declared": "Declared"}.get(
            cluster["how"], "Cluster")
        sections.append(
            f'<section class="cluster" data-cluster="{cluster["id"]}"><h2>{title} '
            f'{_e(cluster["name"])}{region}</h2>'
            f'<div class="scroll">{_picture(cluster, mine, pools)}</div>'
            f'<div class="columns"><div><h3>Jobs</h3>'
            f'{"".join(_job_card(j, pools) for j in cards) or _none(mine)}</div>'
            f'<div><h3>Pools</h3>'
            f'{"".join(_pool_card(pools[p]) for p in cluster["pools"])}</div></div></section>')
    alone = [j for j in jobs if j["id"] not in shown]
    if alone:
        sections.append(
            '<section class="cluster" data-cluster=""><h2>Jobs with no cluster in scope</h2>'
            '<p class="muted">No pool of their cluster was scanned, or the pools of several '
            'clusters are equally near their files (see docs/placement.md).</p>'
            f'<div class="columns single">{"".join(_job_card(j, pools) for j in alone)}</div>'
            '</section>')
    if data["findings"]:
        sections.append(f'<section class="cluster other" data-cluster=""><h2>Other findings</h2>'
                        f'{_findings(data["findings"])}</section>')
    summary = data["summary"]
    spot_drivers = summary["driver"]["spot"] + summary["driver"]["both"]
    job_options = _options([(j["id"], j["name"]) for j in jobs], "every job")
    pool_options = _options([(p["id"], f'{p["name"]} ({p["kind_label"]})')
                             for p in data["pools"]], "every pool")
    rule_options = _options([(c, c) for c in data["rules"]], "every rule")
    payload = json.dumps(data, ensure_ascii=True).replace("<", "\\u003c")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<title>spotlint placement map</title>
<style>{_style()}</style>
</head>
<body>
<svg width="0" height="0" class="defs" aria-hidden="true"><defs>{_patterns()}</defs></svg>
<header>
<h1>Placement map</h1>
<p class="summary">{summary["jobs"]} jobs · {summary["pools"]} pools ·
{len(data["clusters"])} clusters · drivers that may land on Spot: <strong>{spot_drivers}</strong>
· spotlint {_e(data["tool"]["version"])}</p>
<ul class="legend" aria-label="Legend">{_legend()}
<li class="muted">dashed line: driver · solid line: executors</li></ul>
<form class="filters" onsubmit="return false">
<label>Job <select id="filter-job">{job_options}</select></label>
<label>Pool <select id="filter-pool">{pool_options}</select></label>
<label>Rule <select id="filter-rule">{rule_options}</select></label>
<span id="filter-count" class="muted" aria-live="polite"></span>
</form>
</header>
<main>
{"".join(sections)}
</main>
<script type="application/json" id="map-data">{payload}</script>
<script>{_asset("page.js")}</script>
</body>
</html>
"""


#: The page may load nothing: no network, no file; only its own inline style and script.
_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src data:")


def _asset(name: str) -> str:
    from importlib.resources import files

    return files("spotlint.map").joinpath(name).read_text("utf-8")


def _style() -> str:
    """The page's CSS: the palette as custom properties and badge classes, then page.css."""
    props = "".join(f"--{name}:{colour};" for name, colour in PAGE.items())
    badges = "".join(f".lands-{k}{{background:{s.fill};color:{s.ink}}}"
                     for k, s in PALETTE.items())
    return f":root{{{props}}}\n{badges}\n{_asset('page.css')}"
