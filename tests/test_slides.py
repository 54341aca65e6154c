"""The slide decks of the instructor guide (handbook/slides.py): each session of the four-session
plan has a deck of 5-8 slides after its title, every slide has speaker notes, each deck shows a
real chart of the chapters and ends on a discussion prompt; the decks render with nothing from
outside the site. In the built site (marked ``site``): every deck exists where Sphinx put its
page, loads nothing from elsewhere, passes axe-core at a projector's and a phone's width, moves
from slide to slide with the keyboard, shows its notes on N and in a presenter window that
follows the slides (``?notes``), and prints them.
"""
from __future__ import annotations

import json
import re

import pytest

from handbook import ROOT
from handbook.slides import chart_spec, decks, render, write_decks

EXTERNAL = re.compile(r"""(?:href|src)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""", re.I)


def test_one_deck_per_session_of_the_four_session_plan():
    guide = (ROOT / "book" / "instructor-guide.md").read_text(encoding="utf-8")
    found = decks()
    assert [deck.name for deck in found] == ["session-1", "session-2", "session-3", "session-4"]
    for deck in found:
        assert f"(slides/{deck.name}.md)" in guide, f"the guide does not link {deck.name}"


@pytest.mark.parametrize("deck", decks(), ids=lambda d: d.name)
def test_deck_has_slides_notes_a_chart_and_a_prompt(deck):
    assert 5 <= len(deck.slides) <= 8, f"{deck.name}: {len(deck.slides)} slides after the title"
    assert all(slide.notes for slide in deck.slides), \
        f"{deck.name}: slides without notes: {[s.title for s in deck.slides if not s.notes]}"
    charts = [slide for slide in deck.slides if slide.chart_title]
    assert charts, f"{deck.name} shows no chart"
    for slide in charts:  # raises when the chapter draws no such chart
        assert chart_spec(slide.chart_notebook, slide.chart_title)["title"]
    assert deck.slides[-1].title == "Discussion" and deck.slides[-1].body.strip()


def test_rendered_decks_are_self_contained(tmp_path):
    written = write_decks(tmp_path)
    assert len(written) == len(decks())
    out = tmp_path / "book" / "slides"
    for page in written:
        html = page.read_text(encoding="utf-8")
        assert not EXTERNAL.search(html), f"{page.name} loads from outside the site"
        assert 'http-equiv="Content-Security-Policy"' in html
        assert "<script>" not in html, "inline scripts would need the policy's hashes"
        assert len(re.findall(r'<meta name="description" content="[^"]{20,}"', html)) == 1
        # Every slide has notes, the title slide too: it carries the page's words to the teacher.
        assert html.count('<aside class="notes"') == html.count('<section class="slide')
        title_slide = html[html.index('id="slide-1"'):html.index('id="slide-2"')]
        shown = re.sub(r"<aside.*?</aside>", "", title_slide, flags=re.S)
        assert "full screen" not in shown and "notes" not in shown.lower(), \
            f"{page.name}: the title slide shows instructions meant for the teacher"
        assert 'href="?notes"' in html, f"{page.name} offers no presenter notes"
        charts = re.findall(r'<img src="([^"]+\.jpg)" alt="([^"]{20,})"', html)
        assert charts, f"{page.name} shows no chart with a text alternative"
        for file, _ in charts:
            assert (out / file).read_bytes()[:3] == b"\xff\xd8\xff"
        # All the deck loads, against the site's target for a page without interactive charts.
        weight = sum((out / name).stat().st_size for name in
                     [page.name, "slides.css", "slides.js", *(file for file, _ in charts)])
        assert weight < 400e3, f"{page.name} weighs {weight / 1e3:.0f} kB"
    for asset in ("slides.css", "slides.js"):
        assert not EXTERNAL.search((out / asset).read_text(encoding="utf-8"))


def test_slide_charts_are_redrawn_for_a_projector():
    """On a slide a chart is wider and its type larger than in the chapter, nothing of its data is
    dropped, and its subtitle says nothing of hovering, clicking or zooming a still image."""
    from handbook.slides import SLIDE_FONTS, SLIDE_PLOT_WIDTH, slide_spec

    for deck in decks():
        for slide in (s for s in deck.slides if s.chart_title):
            original = chart_spec(slide.chart_notebook, slide.chart_title)
            spec = slide_spec(original)
            def data_rows(s):  # the chart's data, without its one-row source footer
                return {k: v for k, v in (s.get("datasets") or {}).items()
                        if not (len(v) == 1 and set(v[0]) == {"text"})}
            assert data_rows(spec) == data_rows(original) and spec is not original
            assert spec["config"]["axis"]["labelFontSize"] == SLIDE_FONTS["axis"]["labelFontSize"] >= 14
            assert spec["config"]["view"]["continuousWidth"] >= SLIDE_PLOT_WIDTH
            assert not re.search(r"\((?:click|hover|drag|zoom)", json.dumps(spec), re.I), deck.name
            subtitle = " ".join(spec["title"].get("subtitle") or [])
            assert not re.search(r"hover|click|drag|zoom", subtitle, re.I), (deck.name, subtitle)
            assert not re.search(r"hover|click|drag|zoom", slide.chart_caption, re.I), deck.name


def test_slide_charts_fill_the_slide_width():
    """Drawn for a slide, every chart is at least as wide as the plot width and no taller than
    0.6 of its width, so that on a 16:9 screen, under its heading, it is shown at the slide's full
    width rather than shrunk to fit the height (the 43-row chart of the talks was not)."""
    import struct

    import vl_convert

    from handbook.slides import SLIDE_PLOT_WIDTH, slide_spec

    for deck in decks():
        for slide in (s for s in deck.slides if s.chart_title):
            png = vl_convert.vegalite_to_png(slide_spec(chart_spec(slide.chart_notebook, slide.chart_title)))
            width, height = struct.unpack(">II", png[16:24])
            assert width >= SLIDE_PLOT_WIDTH and height <= 0.6 * width, \
                f"{deck.name}: {slide.chart_title!r} is drawn {width}x{height}"


def test_render_links_chapters_to_their_built_pages():
    deck = decks()[0]
    html = render(deck, {s.chart_title: ("c.svg", "alt text") for s in deck.slides if s.chart_title})
    assert 'href="../01-timeline.html"' in html and ".ipynb" not in html
    assert 'href="../instructor-guide.html"' in html


@pytest.mark.site
def test_built_decks_open_offline_navigate_and_print(site, server, visit):
    from axe_playwright_python.sync_playwright import Axe

    for deck in decks():
        path = site / "book" / "slides" / f"{deck.name}.html"
        assert path.exists(), f"{deck.name} was not built"
        html = path.read_text(encoding="utf-8")
        assert 'class="notes"' in html and "-chart-" in html and not EXTERNAL.search(html)
        context, page, blocked, errors = visit(f"book/slides/{deck.name}.html", height=720)
        try:
            assert page.locator("img[src$='.jpg']").evaluate_all(
                "imgs => imgs.every(i => i.complete && i.naturalWidth > 0)")
            for width in (1280, 390):
                page.set_viewport_size({"width": width, "height": 720})
                violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
                assert violations == [], f"{deck.name} at {width} px: {[v['id'] for v in violations]}"
                assert page.evaluate("document.documentElement.scrollWidth - "
                                     "document.documentElement.clientWidth") <= 0
            page.set_viewport_size({"width": 1280, "height": 720})
            page.keyboard.press("ArrowRight")
            page.keyboard.press("ArrowRight")
            assert page.evaluate("location.hash") == "#slide-3"
            page.keyboard.press("ArrowLeft")
            assert page.evaluate("location.hash") == "#slide-2"
            notes = page.locator(".notes").first
            assert not notes.is_visible()
            page.keyboard.press("n")
            assert notes.is_visible()
            assert page.locator("#notes-toggle").get_attribute("aria-pressed") == "true"
            page.keyboard.press("n")
            # The presenter notes: the same deck with ?notes, in a second window that follows it.
            presenter = context.new_page()
            presenter.goto(f"{server}/book/slides/{deck.name}.html?notes", wait_until="load")
            assert presenter.locator(".notes").first.is_visible()
            violations = Axe().run(presenter, options={"resultTypes": ["violations"]}).response["violations"]
            assert violations == [], f"{deck.name} notes: {[v['id'] for v in violations]}"
            page.bring_to_front()
            page.keyboard.press("ArrowRight")
            # a function, not an expression: Playwright evaluates an expression with eval(), which
            # the deck's Content-Security-Policy refuses whenever the first check finds it false
            presenter.wait_for_function("() => location.hash === '#slide-3'", timeout=5000)
            presenter.close()
            page.emulate_media(media="print")
            assert notes.is_visible(), "the notes do not print"
            assert blocked == [] and errors == [], (blocked, errors)
        finally:
            context.close()


@pytest.mark.site
def test_search_summarises_the_decks_without_errors(visit):
    """Sphinx's search indexes the decks' source pages, then reads each result's built page for
    its summary (from the element with role="main"): a deck must give it one."""
    context, page, _, errors = visit("search.html?q=mini-lecture")
    try:
        page.wait_for_selector("#search-results li", timeout=20000)
        page.wait_for_timeout(2000)
        results = page.locator("#search-results li")
        found = [results.nth(i).inner_text() for i in range(results.count())]
        assert sum("Slides for session" in text for text in found) >= 4, found
        assert errors == [], errors
    finally:
        context.close()


def test_the_title_slide_projects_the_session_not_the_page_title():
    for deck in decks():
        html = render(deck, {s.chart_title: ("c.jpg", "alt text") for s in deck.slides if s.chart_title})
        heading = re.search(r'<h1 id="slide-1-heading">([^<]+)</h1>', html).group(1)
        assert deck.title.startswith("Slides for session") and "Slides for" not in heading
        assert deck.title.endswith(heading)
        number = deck.name.removeprefix("session-")
        assert f'<p class="deck-book">Session {number} · Reading the Kremlin</p>' in html
        assert f"<title>{deck.title}" in html.replace("&#x27;", "'")


def test_slide_charts_keep_their_labels_and_drop_interaction_footers():
    """On a still slide no source footer speaks of tooltips, and text drawn in a plot (era and
    event labels) is drawn over the marks, at least SLIDE_MIN_TEXT pixels, and never cut at the
    plot's edge."""
    from handbook.slides import SLIDE_MIN_TEXT, _mark_type, _views, slide_spec

    footers = 0
    for deck in decks():
        for slide in (s for s in deck.slides if s.chart_title):
            spec = slide_spec(chart_spec(slide.chart_notebook, slide.chart_title))
            for rows in spec.get("datasets", {}).values():
                if len(rows) == 1 and set(rows[0]) == {"text"}:
                    footers += 1
                    assert rows[0]["text"].startswith("Source") and rows[0]["text"].endswith(".") \
                        or "tooltip" not in rows[0]["text"]
                    assert not re.search(r"tooltip|hover|click", rows[0]["text"], re.I), rows[0]
            for view in _views(spec):
                layers = view.get("layer") or []
                kinds = [_mark_type(layer) for layer in layers]
                if "text" in kinds:
                    first_text = kinds.index("text")
                    assert all(kind == "text" for kind in kinds[first_text:]), (deck.name, kinds)
                    for layer in layers[first_text:]:
                        assert layer["mark"]["clip"] is False
                        assert layer["mark"].get("fontSize", SLIDE_MIN_TEXT) >= SLIDE_MIN_TEXT
    assert footers >= 4
    timeline = slide_spec(chart_spec("01-timeline", "Russia, Ukraine and the West: a timeline"))
    assert "Source: Reading the Kremlin, events (data/events.csv)." in json.dumps(timeline)


def test_slide_images_are_kept_in_the_cache(tmp_path):
    from handbook.slides import slide_image, slide_spec

    deck = decks()[0]
    slide = next(s for s in deck.slides if s.chart_title)
    spec = slide_spec(chart_spec(slide.chart_notebook, slide.chart_title))
    image = slide_image(spec, tmp_path)
    assert image[:3] == b"\xff\xd8\xff"  # a JPEG
    [kept] = list(tmp_path.iterdir())
    assert kept.read_bytes() == image
    kept.write_bytes(b"kept")  # read back from the cache, not drawn again
    assert slide_image(spec, tmp_path) == b"kept"
