"""Slide decks for the instructor guide's four-session plan, built from ``book/slides/*.md``.

    python -m handbook.slides OUT_DIR     # write the decks into OUT_DIR (for a look without a build)

Each ``book/slides/session-N.md`` is an ordinary page of the book (it is in ``_toc.yml``, so
Sphinx builds it and the PDF prints it) written in a small convention:

* ``# Title`` and a first paragraph: the title slide and the page's description;
* ``## Heading``: one slide each, with Markdown content;
* ``:::{admonition} Speaker notes`` (class ``speaker-notes``): the notes of the slide above;
* ``:::{admonition} Chart: <title>`` (class ``slide-chart``) with a link to a chapter notebook:
  the chart of that title, taken from the chapter's stored output and rendered offline to an
  image (JPEG) with vl-convert.

After the site is built, :func:`write_decks` replaces each of these pages with a deck: one
self-contained HTML page (no script or style from elsewhere, no inline script) in which every
slide fills the screen. Keys: arrows, Page Up/Down, Space, Home/End move between slides; N shows
or hides the speaker notes on the same screen; P (or the link "Presenter notes") opens the deck's
notes view (``?notes``) in a second window, which follows the slides and can drive them; printing
puts one slide per page with its notes under it. Without
JavaScript the deck is a long page that scrolls. It is a plain page rather than a reveal.js deck
so that it needs no vendored framework, works with the site's Content-Security-Policy, reads
top to bottom in a screen reader, and prints with its notes.
"""
from __future__ import annotations

import html
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import ROOT

SOURCE_DIR = ROOT / "book" / "slides"
#: Charts are JPEG at twice their size, sharp on a projector and in print, and light enough to
#: keep a deck under the site's 400 kB target for a page without interactive charts (as PNG the
#: heaviest was 750 kB). Not SVG: its text is laid out with the fonts vl-convert measured, which a
#: browser without them replaces with wider ones, so labels and titles overflow and are cut.
IMAGE_SCALE = 2
JPEG_QUALITY = 85
#: Where the decks go inside a built site: over the pages Sphinx made from the same sources.
SITE_DIR = Path("book") / "slides"
ADMONITION = re.compile(r"^:::\{admonition\} (?P<title>.+?)\n(?P<body>.*?)^:::\s*$", re.M | re.S)
CHAPTER_LINK = re.compile(r"\]\((?:\.\./)?(?P<notebook>\d\d-[\w-]+)\.ipynb\)")


@dataclass
class Slide:
    title: str
    body: str  # Markdown
    notes: str = ""  # Markdown
    chart_title: str | None = None
    chart_notebook: str | None = None
    chart_caption: str = ""


@dataclass
class Deck:
    name: str  # 'session-1'
    title: str
    intro: str
    slides: list[Slide] = field(default_factory=list)


def parse(path: Path) -> Deck:
    """A deck from its Markdown source."""
    text = path.read_text(encoding="utf-8")
    head, *parts = re.split(r"^## ", text, flags=re.M)
    title_match = re.search(r"^# (.+)$", head, re.M)
    if not title_match:
        raise ValueError(f"{path}: no '# Title' line")
    intro = head[title_match.end():].strip()
    deck = Deck(path.stem, title_match.group(1).strip(), intro)
    for part in parts:
        heading, _, rest = part.partition("\n")
        slide = Slide(heading.strip(), "")
        for match in ADMONITION.finditer(rest):
            title = match["title"].strip()
            body = re.sub(r"^:class: .*\n", "", match["body"], flags=re.M).strip()
            if title == "Speaker notes":
                slide.notes = body
            elif title.startswith("Chart: "):
                link = CHAPTER_LINK.search(body)
                if not link:
                    raise ValueError(f"{path}: the chart {title!r} names no chapter notebook")
                slide.chart_title = title.removeprefix("Chart: ").strip()
                slide.chart_notebook = link["notebook"]
                slide.chart_caption = body
        slide.body = ADMONITION.sub("", rest).strip()
        deck.slides.append(slide)
    return deck


def decks(source_dir: Path = SOURCE_DIR) -> list[Deck]:
    """Every deck, in session order."""
    paths = sorted(source_dir.glob("session-*.md"), key=lambda p: int(re.sub(r"\D", "", p.stem)))
    return [parse(path) for path in paths]


def chart_spec(notebook: str, title: str, book: Path = ROOT / "book") -> dict:
    """The Vega-Lite specification of the chart titled ``title`` stored in ``notebook``'s
    outputs (charts are stored as HTML holding their spec, which the site's chart pages read the
    same way: :mod:`handbook.sphinx.chartpage`)."""
    from .sphinx.chartpage import CHART, chart_title, split_script

    cells = json.loads((book / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        for output in cell.get("outputs", []):
            page = output.get("data", {}).get("text/html", "")
            page = "".join(page) if isinstance(page, list) else page
            for match in CHART.finditer(page):
                parts = split_script(match["script"])
                if parts and chart_title(parts[0]) == title:
                    return parts[0]
    raise LookupError(f"no chart titled {title!r} in book/{notebook}.ipynb")


#: On a slide a chart is redrawn for a projector: its plot widened to about this many pixels (no
#: data or encoding changes, so nothing is cropped), its type set larger, and the subtitle's hints
#: about hovering, clicking, dragging or zooming left out, since the slide shows a still image.
SLIDE_PLOT_WIDTH = 960
SLIDE_FONTS = {
    "axis": {"labelFontSize": 15, "titleFontSize": 16},
    "legend": {"labelFontSize": 15, "titleFontSize": 16, "symbolSize": 120, "labelLimit": 420},
    "header": {"labelFontSize": 15, "titleFontSize": 16},
    "title": {"fontSize": 24, "subtitleFontSize": 17},
}
INTERACTION_HINT = re.compile(
    r"[^.;]*\b(?:[Hh]over|[Cc]lick|[Dd]rag|[Zz]oom|tooltip)[^.;]*[.;]?\s*")
#: The same hints in a chart's source footer, a text mark drawn from a one-row dataset
#: ("Source: ...; each event's own source is in its tooltip."): the clause is cut, the sentence
#: closed with a full stop.
FOOTER_HINT = re.compile(r"[;,]\s*[^;.]*\b(?:hover|click|tooltip)[^;.]*\.?\s*$", re.I)
#: Text drawn inside a plot (era and event labels) is set no smaller than this on a slide, and
#: drawn over the points and bars, which would otherwise hide it.
SLIDE_MIN_TEXT = 12


def _views(spec: dict):
    """The spec and its nested views (concatenations and layers), depth first."""
    yield spec
    for key in ("vconcat", "hconcat", "concat", "layer"):
        for view in spec.get(key, []) or []:
            if isinstance(view, dict):
                yield from _views(view)


def _drop_hints(node) -> None:
    """Remove "(click to filter)" and the like from every title in a specification."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "title" and isinstance(value, str):
                node[key] = re.sub(r"\s*\((?:[Cc]lick|[Hh]over|[Dd]rag|[Zz]oom)[^)]*\)", "", value)
            else:
                _drop_hints(value)
    elif isinstance(node, list):
        for item in node:
            _drop_hints(item)


def _mark_type(view: dict) -> str | None:
    mark = view.get("mark")
    return mark.get("type") if isinstance(mark, dict) else mark


def _text_on_top(spec: dict) -> None:
    """In every layered view, draw the text layers last and no smaller than
    :data:`SLIDE_MIN_TEXT`, so that labels are not hidden under the marks or too small to read."""
    for view in _views(spec):
        layers = view.get("layer")
        if not isinstance(layers, list):
            continue
        texts = [layer for layer in layers if isinstance(layer, dict) and _mark_type(layer) == "text"]
        view["layer"] = [layer for layer in layers if layer not in texts] + texts
        for layer in texts:
            if isinstance(layer["mark"], dict):
                layer["mark"]["clip"] = False  # a label may run past the plot's edge, not be cut
                if layer["mark"].get("fontSize", SLIDE_MIN_TEXT) < SLIDE_MIN_TEXT:
                    layer["mark"]["fontSize"] = SLIDE_MIN_TEXT


def _drop_footer_hints(spec: dict) -> None:
    """Cut "each event's own source is in its tooltip" and the like from a source footer."""
    for rows in (spec.get("datasets") or {}).values():
        if isinstance(rows, list) and len(rows) == 1 and isinstance(rows[0], dict) \
                and set(rows[0]) == {"text"} and isinstance(rows[0]["text"], str):
            cut = FOOTER_HINT.sub(".", rows[0]["text"])
            rows[0]["text"] = cut if cut != "." else rows[0]["text"]


def slide_spec(spec: dict) -> dict:
    """A copy of a chapter's chart specification drawn for a slide (see :data:`SLIDE_FONTS`)."""
    import copy

    spec = copy.deepcopy(spec)
    _drop_footer_hints(spec)
    _text_on_top(spec)
    title = spec.get("title")
    if isinstance(title, dict) and title.get("subtitle"):
        lines = title["subtitle"] if isinstance(title["subtitle"], list) else [title["subtitle"]]
        lines = [INTERACTION_HINT.sub("", line).strip() for line in lines]
        title["subtitle"] = [line for line in lines if line]
    _drop_hints(spec)
    config = spec.setdefault("config", {})
    for key, values in SLIDE_FONTS.items():
        config[key] = {**config.get(key, {}), **values}
    view_config = config.setdefault("view", {})
    base = view_config.get("continuousWidth", 300)
    factor = SLIDE_PLOT_WIDTH / base
    if factor > 1:
        view_config["continuousWidth"] = SLIDE_PLOT_WIDTH
        for view in _views(spec):
            if isinstance(view.get("width"), (int, float)):
                view["width"] = round(view["width"] * factor)
            elif "mark" in view and "width" not in view:  # a band scale: fit it to the width
                view["width"] = SLIDE_PLOT_WIDTH
    return spec


def _markdown(text: str) -> str:
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(text)
    # Links to pages of the book point at their built HTML.
    return re.sub(r'href="([^":#]+)\.(?:ipynb|md)(#[^"]*)?"',
                  lambda m: f'href="{m[1]}.html{m[2] or ""}"', rendered)


def _plain(markdown: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return " ".join(re.sub(r"[*_`]", "", text).split())


def projected_title(title: str) -> tuple[str, str]:
    """("Session 1", "The record and its sources") from "Slides for session 1: The record and
    its sources"; ("", title) for a title in another form."""
    match = re.match(r"^Slides for (session \d+):\s*(.+)$", title, re.I)
    return (match[1].capitalize(), match[2]) if match else ("", title)


def render(deck: Deck, chart_files: dict[str, str]) -> str:
    """The deck as one HTML page; ``chart_files`` maps a chart title to (file name, alt)."""
    esc = html.escape
    total = len(deck.slides) + 1
    # The title slide shows the title only: the page's introduction, which speaks to the teacher,
    # is the title slide's speaker notes.
    # It projects the session's name without the page's "Slides for session N:", which is for
    # the table of contents; the session's number goes on the line under it.
    session, projected = projected_title(deck.title)
    sections = [
        f'<section class="slide slide-title" id="slide-1" aria-labelledby="slide-1-heading" '
        f'tabindex="-1">\n<h1 id="slide-1-heading">{esc(projected)}</h1>\n'
        f'<p class="deck-book">{esc(session + " · " if session else "")}Reading the Kremlin</p>\n'
        f'<aside class="notes" aria-label="Speaker notes, slide 1">\n<h2>Speaker notes</h2>\n'
        f'{_markdown(deck.intro)}</aside>\n'
        f'<p class="slide-number">1 / {total}</p>\n</section>'
    ]
    for number, slide in enumerate(deck.slides, start=2):
        parts = [f'<h2 id="slide-{number}-heading">{esc(slide.title)}</h2>', _markdown(slide.body)]
        if slide.chart_title:
            file, alt = chart_files[slide.chart_title]
            parts.append(f'<figure class="chart">\n<img src="{esc(file)}" alt="{esc(alt)}">\n'
                         f'<figcaption><strong>{esc(slide.chart_title)}.</strong> '
                         f'{_markdown(slide.chart_caption).strip()}</figcaption>\n</figure>')
        if slide.notes:
            parts.append(f'<aside class="notes" aria-label="Speaker notes, slide {number}">\n'
                         f'<h3>Speaker notes</h3>\n{_markdown(slide.notes)}</aside>')
        parts.append(f'<p class="slide-number">{number} / {total}</p>')
        kind = "slide has-chart" if slide.chart_title else "slide"
        sections.append(f'<section class="{kind}" id="slide-{number}" '
                        f'aria-labelledby="slide-{number}-heading" tabindex="-1">\n'
                        + "\n".join(parts) + "\n</section>")
    description = esc(_plain(deck.intro), quote=True)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{description}">
<title>{esc(deck.title)} (slides) – Reading the Kremlin</title>
<link rel="icon" href="../../_static/favicon.svg">
<link rel="stylesheet" href="slides.css">
<script src="slides.js" defer></script>
</head>
<body>
<header class="deck-bar">
<nav aria-label="Slides">
<a href="../instructor-guide.html">Instructor guide</a>
<a href="?notes" id="presenter-link" target="deck-notes">Presenter notes (P)</a>
<button type="button" id="notes-toggle" aria-pressed="false">Notes on this screen (N)</button>
<span class="keys">Move with the arrow keys, Page Up/Down or Space. On a projector, open the presenter
notes in a second window on your own screen (it follows the slides), or print: the printout puts
the notes under each slide.</span>
</nav>
</header>
<main role="main">
{chr(10).join(sections)}
</main>
</body>
</html>
"""


def slide_image(spec: dict, cache: Path | None = None) -> bytes:
    """``spec`` drawn for a projector as a JPEG by vl-convert (half a second a chart); read from
    ``cache`` (a folder) when it was drawn before, and stored there when not."""
    import vl_convert

    from .files import cached
    from .sphinx.chartpage import spec_hash

    path = (cache / f"{spec_hash(spec)}-slide-{IMAGE_SCALE}x-q{JPEG_QUALITY}.jpg"
            if cache is not None else None)
    return cached(path, lambda: vl_convert.vegalite_to_jpeg(spec, scale=IMAGE_SCALE,
                                                            quality=JPEG_QUALITY), binary=True)


def write_decks(site_html: Path, source_dir: Path = SOURCE_DIR, book: Path = ROOT / "book",
                cache: Path | None = None) -> list[Path]:
    """Write every deck, its chart and the shared assets into ``site_html/book/slides``, over
    the pages Sphinx built from the same sources; return the decks written. Chart images are
    kept in ``cache`` between builds."""
    from .sphinx.csp import add_policy

    found = decks(source_dir)
    if not found:
        return []
    out = site_html / SITE_DIR
    out.mkdir(parents=True, exist_ok=True)
    assets = Path(__file__).parent / "slides_assets"
    for asset in ("slides.css", "slides.js"):
        (out / asset).write_text((assets / asset).read_text(encoding="utf-8"), encoding="utf-8")
    written = []
    for deck in found:
        charts = {}
        for index, slide in enumerate(s for s in deck.slides if s.chart_title):
            spec = slide_spec(chart_spec(slide.chart_notebook, slide.chart_title, book))
            name = f"{deck.name}-chart-{index + 1}.jpg"
            (out / name).write_bytes(slide_image(spec, cache))
            charts[slide.chart_title] = (name, spec.get("description") or slide.chart_title)
        page = out / f"{deck.name}.html"
        page.write_text(add_policy(render(deck, charts)), encoding="utf-8")
        written.append(page)
    return written


if __name__ == "__main__":
    for path in write_decks(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html"):
        print(path)
