"""The HTML map: self-contained, escaped, every job and pool in the DOM, filters, contrast.

The browser tests load the page in headless Chromium (Debian's ``chromium``)
over the DevTools protocol: they list every request the page made, read the
DOM and computed styles, use the filters, and save a screenshot next to the
test's temporary files. Without chromium they skip, except in CI (CI=true),
where they fail: .ci/run installs it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from support.chromium import Browser, chromium_or_skip

from spotlint.cli.commands import cli
from spotlint.map.html import render_html
from spotlint.map.palette import contrast

REPO = Path(__file__).resolve().parents[2]


def _write_map(target: Path, out: Path, *extra: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["map", str(target), "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    result = CliRunner().invoke(cli, ["map", str(target), "--format", "html", "--output",
                                      str(out), *extra])
    assert result.exit_code == 0, result.output
    return data


def test_page_is_self_contained(tmp_path: Path) -> None:
    page = tmp_path / "map.html"
    _write_map(REPO / "examples", page)
    html = page.read_text("utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    assert "<link" not in html and "@import" not in html and "url(http" not in html
    assert "default-src 'none'" in html  # the page may fetch nothing, even if it tried


def test_scanned_text_is_escaped() -> None:
    data = json.loads(CliRunner().invoke(
        cli, ["map", str(REPO / "examples"), "--format", "json"]).output)
    evil = '</script><script>alert(1)</script><img src=x onerror=alert(2)>'
    data["jobs"][0]["name"] = evil
    data["pools"][0]["name"] = evil
    html = render_html(data)
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    embedded = html.split('id="map-data">', 1)[1].split("</script>", 1)[0]
    assert json.loads(embedded)["jobs"][0]["name"] == evil


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    opened = Browser(chromium_or_skip())
    try:
        yield opened
    finally:
        opened.close()


_DOM = """(() => ({
  jobs: [...document.querySelectorAll('article.job')].map(e => [e.id, e.dataset.name]),
  pools: [...document.querySelectorAll('article.pool')].map(e => [e.id, e.dataset.name]),
  svgJobs: document.querySelectorAll('.svg-job').length,
  resources: performance.getEntriesByType('resource').map(e => e.name),
  badges: [...document.querySelectorAll('.badge')].slice(0, 200).map(e => {
    const s = getComputedStyle(e); return [s.color, s.backgroundColor, e.textContent]; }),
  muted: [...document.querySelectorAll('.muted, .why, dt')].slice(0, 50).map(e =>
    getComputedStyle(e).color),
}))()"""


def _hex(css: str) -> str:
    r, g, b = (int(v) for v in re.findall(r"\d+", css)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def _check_page(browser: Browser, page_path: Path, data: dict[str, Any], shot: Path,
                full_page: bool = True) -> Any:
    page = browser.open(page_path.as_uri(), height=1400)
    dom = page.evaluate(_DOM)
    # every job and every pool of the input is on the page
    assert sorted(dom["jobs"]) == sorted([j["id"], j["name"]] for j in data["jobs"])
    assert sorted(dom["pools"]) == sorted([p["id"], p["name"]] for p in data["pools"])
    # nothing but the page itself was requested, and no resource was loaded
    assert page.requested() == [page_path.as_uri()]
    assert dom["resources"] == []
    # the badges' computed colours pass AA, and each carries its word
    assert dom["badges"]
    for ink, ground, word in dom["badges"]:
        assert word.strip()
        assert contrast(_hex(ink), _hex(ground)) >= 4.5, (word, ink, ground)
    for ink in dom["muted"]:
        assert contrast(_hex(ink), "#ffffff") >= 4.5
    page.screenshot(shot, full_page)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return page


def test_examples_page_in_chromium(browser: Browser, tmp_path: Path) -> None:
    page_path = tmp_path / "map.html"
    data = _write_map(REPO / "examples", page_path)
    page = _check_page(browser, page_path, data, tmp_path / "map.png")
    # the job filter leaves one job card and the pools it reaches
    job = next(j for j in data["jobs"] if j["driver"]["pools"] or j["executor"]["pools"])
    reached = {r["pool"] for role in ("driver", "executor") for r in job[role]["pools"]}
    shown = page.evaluate(f"""(() => {{
      const s = document.getElementById('filter-job'); s.value = {json.dumps(job['id'])};
      s.dispatchEvent(new Event('change'));
      return {{jobs: [...document.querySelectorAll('article.job:not(.hidden)')].map(e => e.id),
              pools: [...document.querySelectorAll('article.pool:not(.hidden)')].map(e => e.id),
              count: document.getElementById('filter-count').textContent}};
    }})()""")
    assert shown["jobs"] == [job["id"]]
    assert set(shown["pools"]) == reached
    assert shown["count"] == "1 jobs shown"
    # the rule filter keeps exactly the jobs with a finding of that rule
    code = next(f["code"] for j in data["jobs"] for f in j["findings"])
    with_rule = sorted(j["id"] for j in data["jobs"] if any(f["code"] == code
                                                            for f in j["findings"]))
    shown = page.evaluate(f"""(() => {{
      const j = document.getElementById('filter-job'); j.value = '';
      const r = document.getElementById('filter-rule'); r.value = {json.dumps(code)};
      r.dispatchEvent(new Event('change'));
      return [...document.querySelectorAll('article.job:not(.hidden)')].map(e => e.id).sort();
    }})()""")
    assert shown == with_rule
    # the pool filter keeps the jobs that can land on that pool
    pool = sorted(reached)[0]
    landing = sorted(j["id"] for j in data["jobs"]
                     if any(r["pool"] == pool for role in ("driver", "executor")
                            for r in j[role]["pools"]))
    shown = page.evaluate(f"""(() => {{
      const r = document.getElementById('filter-rule'); r.value = '';
      const p = document.getElementById('filter-pool'); p.value = {json.dumps(pool)};
      p.dispatchEvent(new Event('change'));
      return [...document.querySelectorAll('article.job:not(.hidden)')].map(e => e.id).sort();
    }})()""")
    assert shown == landing


def test_corpus_page_in_chromium(browser: Browser, corpus: Path, tmp_path: Path) -> None:
    page_path = tmp_path / "corpus.html"
    data = _write_map(corpus, page_path, "--isolated")
    assert data["jobs"] and data["pools"]
    _check_page(browser, page_path, data, tmp_path / "corpus.png", full_page=False)


def test_the_request_check_sees_an_external_resource(browser: Browser, tmp_path: Path) -> None:
    """The control: a page that does fetch something is caught by the same check."""
    page_path = tmp_path / "leaky.html"
    page_path.write_text('<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png">'
                         '</body></html>', "utf-8")
    page = browser.open(page_path.as_uri())
    assert "http://127.0.0.1:9/x.png" in page.requested()
