"""The built site, as a reader sees it: every page in headless Chromium with the network cut off.

For every page, in light and in dark mode: no request leaves the local server, no console error
(nor a Vega warning), every chart draws an SVG or canvas, and, at 1280 px and at 390 px, nothing
overflows the page sideways and axe-core finds no violation of any impact. And from the built
files: every page has a meta description, the 404 page and the sitemap exist, icons cost no
icon script or web font, and the chart bundle does not block rendering.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import toc_files

pytestmark = pytest.mark.site  # needs the built site

CHART_SELECTOR = "div[id^='altair-viz-']"
#: Every page in _toc.yml, as the path of its HTML file, plus Sphinx's own pages.
PAGES = [f"{page}.html" for page in toc_files()] + ["index.html", "search.html", "genindex.html",
                                                    "404.html"]
#: The widths a page must fit without sideways scrolling: a phone, a laptop.
WIDTHS = (1280, 390)
MODES = ("light", "dark")


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

    def _visit(path: str, mode: str = "light", requested: list | None = None):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        if mode != "light":  # the theme reads the reader's choice from localStorage
            context.add_init_script(f"localStorage.setItem('mode', '{mode}');"
                                    f"localStorage.setItem('theme', '{mode}');")
        page = context.new_page()
        blocked, errors = [], []

        def route(route):
            if requested is not None:
                requested.append(route.request.url)
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


def overflow(page) -> int:
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


#: The axe-core rules whose outcome depends on colours. The theme's dark mode changes colours
#: only (the same DOM, other CSS variables), so in dark mode these are the rules to run again.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """Every violation axe-core finds (of ``rules``, or of all its rules), of any impact, one
    line each."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    results = Axe().run(page, options=options)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:5])
            for v in results.response["violations"]]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", PAGES)
def test_page_offline_without_errors_and_accessible(visit, path, mode):
    """One visit per page and colour mode: charts draw with the network cut off, nothing leaves
    the site, no console error (a Content-Security-Policy violation is one); then at each width
    the page fits the window and axe-core finds no violation at all (in dark mode, of the rules
    that colours decide: the others give the same result in both modes)."""
    requested = []
    context, page, blocked, errors = visit(path, mode, requested)
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
        icon_files = [url for url in requested if "fontawesome" in url]
        assert icon_files == [], f"{path} loaded Font Awesome's script or web font: {icon_files}"
        problems = []
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(300)  # let charts and the theme's layout follow the new width
            if overflow(page) > 0:
                problems.append(f"at {width} px the page is {overflow(page)} px wider than the window")
            rules = COLOUR_RULES if mode == "dark" else None
            problems += [f"at {width} px: {line}" for line in axe_violations(page, rules)]
        assert problems == [], f"{path} ({mode} mode):\n" + "\n".join(problems)
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
    """The 0.9 MB Vega bundle is loaded by pages that draw charts and by no other page, and it
    is deferred: the page is drawn before the bundle has arrived."""
    import re

    for path in PAGES:
        html = (site / path).read_text(encoding="utf-8")
        has_chart = "altair-viz-" in html
        assert ("vendor/vega-bundle.js" in html) == has_chart, path
        for tag in re.findall(r"<script[^>]*vega-bundle\.js[^>]*>", html):
            assert re.search(r"\sdefer\b", tag), f"{path}: the Vega bundle blocks rendering: {tag}"
    assert (site / "_static" / "vendor" / "vega-bundle.js").stat().st_size > 100_000


def test_every_page_has_a_meta_description(site):
    """Search engines and link previews show a page's description: every page has one, and a
    chapter's is its summary line."""
    import re

    for path in PAGES:
        if path == "index.html":  # Jupyter Book's redirect to book/index.html
            continue
        html = (site / path).read_text(encoding="utf-8")
        found = re.findall(r'<meta name="description" content="([^"]+)"', html)
        assert len(found) == 1 and len(found[0]) > 20, f"{path}: meta descriptions {found}"
    timeline = (site / "book" / "01-timeline.html").read_text(encoding="utf-8")
    summary = re.search(r'<meta name="description" content="([^"]+)"', timeline)[1]
    first_italic_paragraph = re.search(r"<p><em>(.*?)</em></p>", timeline, re.S)[1]
    assert summary.split()[:3] == re.sub(r"<[^>]+>", "", first_italic_paragraph).split()[:3]


def test_404_page_and_sitemap(site):
    """A 404 page with the site's look, and a sitemap that lists every page of the book."""
    import re

    page = (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in page and "bd-sidebar-primary" in page
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert [loc.rsplit("/", 1)[-1] for loc in listed] == \
        [f"{page}.html".rsplit("/", 1)[-1] for page in toc_files()]


def test_icons_without_font_awesome_script(site):
    """The theme's icons are drawn by a small stylesheet: no page loads fontawesome.js (540 KB
    gzip), and the stylesheet has a shape for every icon the pages name."""
    from handbook.sphinx.icons import CSS_NAME, icons_in

    css = (site / "_static" / CSS_NAME).read_text(encoding="utf-8")
    for path in PAGES:
        html = (site / path).read_text(encoding="utf-8")
        assert "fontawesome.js" not in html, path
        for prefix, name in icons_in(html):
            assert f".fa-{name}::before" in css, f"{path}: no shape for the icon {prefix} {name}"


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


def test_search_lists_results_without_errors(visit):
    """The search page finds pages, and reading their summaries breaks no policy (Sphinx's search
    parses each result's page, whose inline handlers the search page's policy must allow)."""
    context, page, blocked, errors = visit("search.html?q=Kremlin")
    try:
        page.wait_for_selector("#search-results li", timeout=20000)
        settle(page)
        page.wait_for_timeout(1000)
        assert page.locator("#search-results li").count() >= 3
        assert blocked == [] and errors == [], (blocked, errors)
    finally:
        context.close()
