"""The built site, as a reader sees it: every page in headless Chromium with the network cut off.

For every page, in light and in dark mode: no request leaves the local server, no console error
(nor a Vega warning), every chart draws an SVG or canvas once the reader comes to it, and, at 1280 px and at 390 px, nothing
overflows the page sideways and axe-core finds no violation of any impact. Every chart is
visible with JavaScript off (a static SVG), has its data beside it (a table and a CSV file) and
draws no text under 11 px on a 390-px screen. And from the built
files: every page has a meta description, the 404 page and the sitemap exist, icons cost no
icon script or web font, and chart pages load only a small deferred script, which fetches the
Vega bundle when a chart comes into view.
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


def draw_every_chart(page, timeout: int = 30000) -> None:
    """Bring each chart into the window, as a reader scrolling down the page does, and wait
    until Vega has drawn all of them (each chart's static image replaced by an SVG or canvas
    that Vega draws)."""
    charts = page.locator(CHART_SELECTOR)
    page.mouse.move(5, 5)  # the reader's first movement: charts in the window start drawing
    for index in range(charts.count()):
        charts.nth(index).scroll_into_view_if_needed()
        page.wait_for_timeout(50)
    page.wait_for_function(
        """(selector) => [...document.querySelectorAll(selector)].every(
               div => div.getAttribute('data-drawn') === 'yes' && div.querySelector('svg, canvas')
                      && !div.querySelector('.handbook-chart-static'))""",
        arg=CHART_SELECTOR, timeout=timeout)
    page.evaluate("window.scrollTo(0, 0)")


def overflow(page) -> int:
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


#: The axe-core rules whose outcome depends on colours. The theme's dark mode changes colours
#: only (the same DOM, other CSS variables), so in dark mode these are the rules to run again.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
#: axe-core rules that are off by default (experimental) and that Lighthouse runs: a control's
#: accessible name must contain its visible text (what a speech-input user says).
EXTRA_RULES = ["label-content-name-mismatch"]


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """Every violation axe-core finds (of ``rules``, or of all its rules), of any impact, one
    line each."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    else:
        options["rules"] = {rule: {"enabled": True} for rule in EXTRA_RULES}
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
            draw_every_chart(page)  # each chart's image replaced by Vega's interactive chart
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
        assert page.locator("script[src*='vega-bundle']").count() == 0  # not before it is needed
        page.locator(CHART_SELECTOR).first.hover()  # pointing at a chart draws it
        page.wait_for_selector(f"{CHART_SELECTOR}[data-drawn='yes'] svg", timeout=20000)
        chart = page.locator(f"{CHART_SELECTOR}[role='graphics-document']").first
        label = chart.get_attribute("aria-label") or ""
        assert "Timeline scatter chart" in label
        point = page.locator(f"{CHART_SELECTOR} svg path[aria-roledescription='point']").first
        point.hover(force=True)
        page.wait_for_selector("#vg-tooltip-element.visible", timeout=5000)
        assert "Source" in page.locator("#vg-tooltip-element").inner_text()
    finally:
        context.close()


def test_every_built_page_is_tested(site):
    """Every HTML page of the built site is one of :data:`PAGES`, which every test here visits:
    a page another part of the build writes (slides, teaching pages) cannot escape the checks."""
    built = {str(path.relative_to(site)) for path in site.rglob("*.html")
             if not {"_static", "_sources", "_downloads"} & set(path.relative_to(site).parts)}
    assert built - set(PAGES) == set(), "pages no site test visits"


def test_chart_script_only_on_chart_pages(site):
    """Pages that draw charts load the small chart loader, deferred (it never blocks
    rendering), and no other page does; no page loads the 0.9 MB Vega bundle itself: the
    loader fetches it when a reader comes to a chart."""
    import re

    from handbook.sphinx.vega import BUNDLE_NAME, LOADER_NAME

    for path in PAGES:
        html = (site / path).read_text(encoding="utf-8")
        has_chart = "altair-viz-" in html
        assert (LOADER_NAME in html) == has_chart, path
        assert "vega-bundle.js" not in html, path
        for tag in re.findall(rf"<script[^>]*{re.escape(LOADER_NAME)}[^>]*>", html):
            assert re.search(r"\sdefer\b", tag), f"{path}: the chart loader blocks rendering: {tag}"
    assert (site / "_static" / BUNDLE_NAME).stat().st_size > 100_000
    assert (site / "_static" / LOADER_NAME).stat().st_size < 10_000


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


def test_every_page_links_one_stylesheet_and_preloads_no_script(site):
    """Each page asks for its styles in one request (handbook/sphinx/cssbundle.py): the bundle,
    which holds every sheet the page would have linked, with no @import left to chain a second
    request and every url() pointing at a file that ships with the site."""
    import re

    from handbook.sphinx.cssbundle import BUNDLE

    bundle = (site / BUNDLE).read_text(encoding="utf-8")
    assert "@import" not in bundle
    for part in ("_static/basic.css", "_static/styles/pydata-sphinx-theme.css",
                 "_static/handbook-icons.css", "_static/handbook.css"):
        assert f"/* {part} " in bundle, part
    assert bundle.index("/* _static/basic.css ") < bundle.index("/* _static/handbook.css ")
    for target in re.findall(r'url\("([^"]+)"\)', bundle):
        if not target.startswith("data:"):
            assert (site / BUNDLE).parent.joinpath(target.partition("?")[0]).resolve().is_file(), target
    for path in [p for p in PAGES if not p.startswith("book/slides/")]:  # the slides: their own
        html = (site / path).read_text(encoding="utf-8")
        sheets = re.findall(r'<link[^>]*rel="stylesheet"[^>]*>', html)
        if path == "index.html":  # the site's root only sends the reader on to the book
            assert not sheets and 'http-equiv="Refresh"'.lower() in html.lower()
            continue
        assert len(sheets) == 1 and "handbook-bundle.css?v=" in sheets[0], (path, sheets)
        assert 'rel="preload"' not in html, path


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


def test_search_from_any_page_without_loading_the_index_there(visit):
    """The header's search box (Ctrl+K) on a chapter sends the reader to the search page, which
    finds results; the chapter itself does not download the search index (about 80 KB gzip),
    which only the search page uses while the theme's search-as-you-type is off."""
    requested: list[str] = []
    context, page, blocked, errors = visit("book/03-root-causes.html", requested=requested)
    try:
        settle(page)
        assert not [url for url in requested
                    if url.rsplit("/", 1)[-1].split("?")[0] in ("searchindex.js", "searchtools.js")]
        page.keyboard.press("Control+k")
        box = page.locator("input[name=q]:visible").first
        box.fill("Istanbul")
        box.press("Enter")
        page.wait_for_url("**/search.html?q=Istanbul*")
        page.wait_for_selector("#search-results li", timeout=20000)
        assert page.locator("#search-results li").count() >= 3
        assert blocked == [] and errors == [], (blocked, errors)
    finally:
        context.close()


def chart_pages(site) -> list[str]:
    """The pages (of :data:`PAGES`) that hold a chart."""
    pages = [path for path in PAGES
             if "altair-viz-" in (site / path).read_text(encoding="utf-8")]
    assert pages, "no page holds a chart"
    return pages


def test_every_chart_is_visible_without_javascript_and_has_its_data(site, visit):
    """With JavaScript off, every chart is a static SVG with a size on the page, one image for
    assistive technology named by the chart's description; under it a keyboard-reachable
    <details> holds a table of its data, a CSV link that serves exactly the table's rows (its
    columns first, then those that only place a mark), the chart's source line and a "How to
    cite" line."""
    import csv
    import io

    from handbook.sphinx.chartpage import MAX_TABLE_ROWS

    problems = []
    for path in chart_pages(site):
        context, page, _, _ = visit(path, javascript=False)
        try:
            charts = page.locator(CHART_SELECTOR)
            count = charts.count()
            assert count, path
            for index in range(count):
                chart = charts.nth(index)
                where = f"{path}, chart {index + 1}"
                image = chart.locator(":scope > img.handbook-chart-static")
                if image.count() != 1:
                    problems.append(f"{where}: no static image")
                    continue
                image.scroll_into_view_if_needed()  # a lazy image loads when it is near
                label = image.get_attribute("alt") or ""
                loaded = image.evaluate("img => img.decode().then(() => img.naturalWidth)")
                box = image.bounding_box()
                if len(label) < 20 or not loaded or box["width"] < 200 or box["height"] < 100:
                    problems.append(f"{where}: image {box} ({loaded} px wide) named {label!r}")
                details = chart.locator("xpath=following::details[1]")
                summary = details.locator("summary")
                if "The data behind this chart" not in summary.inner_text():
                    problems.append(f"{where}: no data under the chart")
                    continue
                summary.focus()
                page.keyboard.press("Enter")  # open it by keyboard
                if details.get_attribute("open") is None:
                    problems.append(f"{where}: the data do not open by keyboard")
                table = details.locator("table")
                headings = [" ".join(cell.split()) for cell in
                            table.locator("thead th[scope='col']").all_inner_texts()]
                headers = len(headings)
                shown = table.locator("tbody tr").count()
                link = details.get_by_role("link", name="Download the data (CSV")
                response = page.request.get(link.evaluate("a => a.href"))
                if not response.ok:
                    problems.append(f"{where}: the CSV link answers {response.status}")
                    continue
                rows = list(csv.reader(io.StringIO(response.text())))
                if rows[0][:headers] != headings or min(len(rows) - 1, MAX_TABLE_ROWS) != shown \
                        or shown == 0:
                    problems.append(f"{where}: CSV {len(rows) - 1} rows x {len(rows[0])}, table "
                                    f"{shown} rows x {headers}")
                first = [" ".join(cell.inner_text().split()) for cell in
                         table.locator("tbody tr").first.locator("td").all()]
                if first != [" ".join(cell.split()) for cell in rows[1][:headers]]:
                    problems.append(f"{where}: the CSV's first row {rows[1]} is not the table's "
                                    f"{first}")
                text = details.inner_text()
                if "Source:" not in text or "How to cite this chart:" not in text:
                    problems.append(f"{where}: no source or citation line")
                how_to = details.get_by_role("link", name="How to cite").evaluate("a => a.href")
                if not how_to.endswith("/book/index.html#how-to-cite") \
                        or not page.request.get(how_to).ok:
                    problems.append(f"{where}: the citation links {how_to}")
        finally:
            context.close()
    assert problems == [], "\n".join(problems)


#: The effective size, in CSS pixels, of the smallest visible text in each chart Vega has drawn:
#: the font size times the factor by which the SVG is drawn (its width on screen over its own).
SMALLEST_TEXT = """(selector) => [...document.querySelectorAll(selector)].map(div => {
    const svg = div.querySelector('svg');
    if (!svg) return null;
    const own = svg.viewBox.baseVal && svg.viewBox.baseVal.width
        ? svg.viewBox.baseVal.width : parseFloat(svg.getAttribute('width'));
    const scale = svg.getBoundingClientRect().width / own;
    const sizes = [...svg.querySelectorAll('text')]
        .filter(t => t.textContent.trim() && t.getBBox().width > 0)
        .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    return sizes.length ? Math.min(...sizes) : null;
})"""
MIN_TEXT_PX = 11


def smallest_static_text(site, page) -> list[float | None]:
    """The same for each chart's static image: the smallest font size in its SVG file times
    the factor by which the image is drawn (its width on screen over its natural width)."""
    import re
    from urllib.parse import urlparse

    sizes = []
    for image in page.locator(f"{CHART_SELECTOR} > img.handbook-chart-static").all():
        image.scroll_into_view_if_needed()
        src = image.evaluate("img => img.decode().then(() => img.src)")
        svg = (site / urlparse(src).path.lstrip("/")).read_text(encoding="utf-8")
        fonts = [float(size) for size in re.findall(r'font-size="([\d.]+)px"', svg)]
        scale = image.evaluate("img => img.getBoundingClientRect().width / img.naturalWidth")
        sizes.append(min(fonts) * scale if fonts else None)
    return sizes


@pytest.mark.parametrize("javascript", [False, True], ids=["static", "interactive"])
def test_chart_text_is_at_least_11_px_on_a_phone(site, visit, javascript):
    """On a 390-px screen no chart is shrunk until its labels are unreadable: every text of
    every chart (title, axes, legend, marks, source line) is drawn at 11 px or more, in the
    static image and in the interactive chart, and the page itself does not scroll sideways."""
    problems = []
    for path in chart_pages(site):
        context, page, _, _ = visit(path, width=390, height=844, javascript=javascript)
        try:
            if javascript:
                draw_every_chart(page)
                smallest = page.evaluate(SMALLEST_TEXT, CHART_SELECTOR)
            else:
                smallest = smallest_static_text(site, page)
            assert len(smallest) == page.locator(CHART_SELECTOR).count(), path
            for index, size in enumerate(smallest):
                if size is None or size < MIN_TEXT_PX - 0.05:
                    problems.append(f"{path}, chart {index + 1}: smallest text {size} px")
            if overflow(page) > 0:
                problems.append(f"{path}: the page is {overflow(page)} px wider than the window")
        finally:
            context.close()
    assert problems == [], "\n".join(problems)


#: The texts of an SVG document that stick out of its own box, left or right, as the browser
#: draws them: [text, left, right, width of the image].
TEXT_OUTSIDE = """() => {
  const svg = document.querySelector("svg");
  const width = svg.width.baseVal.value;
  return [...svg.querySelectorAll("text")].map(text => [text.textContent, text.getBoundingClientRect()])
    .filter(([, box]) => box.width > 0 && (box.left < -1 || box.right > width + 1))
    .map(([text, box]) => [text.slice(0, 50), Math.round(box.left), Math.round(box.right), width]);
}"""


def test_static_chart_text_stays_inside_the_image(site, visit):
    """Every text of every static chart image (titles, subtitles, axis labels, the source line)
    lies inside the image as the browser draws it: none loses its first letters or last words to
    a font wider than the one the image was measured with (chartpage.STATIC_FONT)."""
    images = sorted((site / "book" / "chart-data").glob("*.svg"))
    assert len(images) >= 30, "the static chart images are missing"
    context, page, _, _ = visit("book/index.html", javascript=False)
    problems = []
    try:
        base = page.url.rsplit("/", 1)[0]
        for image in images:
            page.goto(f"{base}/chart-data/{image.name}")
            outside = page.evaluate(TEXT_OUTSIDE)
            if outside:
                problems.append(f"{image.name}: {outside[:3]}")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
