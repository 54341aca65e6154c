"""The built site, as a reader sees it: every page in headless Chromium with the network cut off.

For every page: no request leaves the local server, no console error (nor a Vega warning), every
chart draws an SVG or canvas, and axe-core finds no violation of impact 'serious' or 'critical'.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import toc_files

pytestmark = pytest.mark.site  # needs the built site

CHART_SELECTOR = "div[id^='altair-viz-']"
#: Every page in _toc.yml, as the path of its HTML file, plus Sphinx's own pages.
PAGES = [f"{page}.html" for page in toc_files()] + ["index.html", "search.html", "genindex.html"]


def settle(page) -> None:
    """Let the page finish what it loads after the load event. Under a busy test run (two
    workers, a build beside) "network idle" can take long to come; a page that is still quiet
    after 15 s has made every request it was going to make, and the route handler has recorded
    any that left the site."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_load_state("networkidle", timeout=15000)
    except PlaywrightTimeout:
        page.wait_for_timeout(1000)


@pytest.fixture(scope="module")
def visit(browser, server):
    """Open a page with every non-local request blocked; report what happened."""

    def _visit(path: str):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        blocked, errors = [], []

        def route(route):
            if route.request.url.startswith(server):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        def console(message):
            # Errors, and Vega's own warnings ("WARN …": a chart spec that Vega had to repair).
            if message.type == "error" or (message.type == "warning"
                                           and message.text.startswith("WARN")):
                errors.append(message.text)

        page.on("console", console)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{server}/{path}", wait_until="load")
        if path == "index.html":  # the site's root redirects to the handbook's first page
            page.wait_for_url(f"{server}/book/index.html")
            page.wait_for_load_state("load")
        return context, page, blocked, errors

    return _visit


@pytest.mark.parametrize("path", PAGES)
def test_page_offline_without_errors_and_accessible(visit, path):
    """One visit per page: charts draw with the network cut off, nothing leaves the site, no
    console error (a Content-Security-Policy violation is one), and axe-core finds no serious or
    critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    context, page, blocked, errors = visit(path)
    try:
        charts = page.locator(CHART_SELECTOR)
        if charts.count():
            page.wait_for_function(
                """(selector) => [...document.querySelectorAll(selector)].every(
                       div => div.querySelector('svg, canvas'))""",
                arg=CHART_SELECTOR, timeout=20000,
            )
            assert page.locator(f"{CHART_SELECTOR} .error").count() == 0
        settle(page)
        assert blocked == [], f"{path} requested resources outside the site: {blocked}"
        assert errors == [], f"{path} logged console errors: {errors}"
        results = Axe().run(page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:5])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], f"{path}: axe-core found serious violations:\n" + "\n".join(serious)
    finally:
        context.close()


def test_timeline_chart_has_tooltips_and_description(visit):
    context, page, _, _ = visit("book/01-timeline.html")
    try:
        page.wait_for_selector(f"{CHART_SELECTOR} svg", timeout=20000)
        chart = page.locator(f"{CHART_SELECTOR}[role='graphics-document']").first
        label = chart.get_attribute("aria-label") or ""
        assert "Timeline scatter chart" in label
        point = page.locator(f"{CHART_SELECTOR} svg path[aria-roledescription='point']").first
        point.hover(force=True)
        page.wait_for_selector("#vg-tooltip-element.visible", timeout=5000)
        assert "Source" in page.locator("#vg-tooltip-element").inner_text()
    finally:
        context.close()


def test_vega_bundle_only_on_chart_pages(site):
    """The 0.9 MB Vega bundle is loaded by pages that draw charts and by no other page."""
    for path in PAGES:
        html = (site / path).read_text(encoding="utf-8")
        has_chart = "altair-viz-" in html
        assert ("vendor/vega-bundle.js" in html) == has_chart, path
    assert (site / "_static" / "vendor" / "vega-bundle.js").stat().st_size > 100_000


def test_every_dataset_is_downloadable(site):
    """The data catalogue links every CSV, and the linked files ship with the site."""
    import re

    from handbook import data

    html = (site / "book" / "data-catalogue.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(\.\./_downloads/[^"]+\.csv)"', html)
    names = {Path(link).name for link in links}
    for name in data.resource_names():
        assert f"{name}.csv" in names, f"no download link for {name}.csv"
    for link in links:
        assert (site / "book" / link).resolve().exists(), link


def test_links_to_timeline_events_resolve(site):
    """Every chapter's links to timeline events point at an anchor that exists."""
    import re

    timeline = (site / "book" / "01-timeline.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'id="(event-[^"]+)"', timeline))
    links = set()
    for page in (site / "book").glob("0*.html"):
        links |= set(re.findall(r'href="01-timeline\.html#(event-[^"]+)"', page.read_text(encoding="utf-8")))
    assert links, "no chapter links to the timeline"
    assert links <= anchors, sorted(links - anchors)
