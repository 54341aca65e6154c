"""The vendored Vega bundle matches Altair and is written atomically."""
import re

import altair as alt

from handbook.sphinx import vega as sphinx_vega


def test_bundle_sets_the_versions_altair_checks():
    text = sphinx_vega.bundle_text()
    assert text.startswith("/* Vega")
    assert "(function () {" in text
    for key, value in (("vega_version", alt.VEGA_VERSION), ("vegalite_version", alt.VEGALITE_VERSION),
                       ("vegaembed_version", alt.VEGAEMBED_VERSION)):
        assert f'"{key}": "{value}"' in text
    assert "window.vegaEmbed" in text
    assert "https://" not in text.split("*/", 1)[0]


def test_bundle_is_kept_in_the_cache_and_read_back_unchanged(tmp_path):
    fresh = sphinx_vega.bundle_text(tmp_path)
    [kept] = list(tmp_path.iterdir())
    assert kept.name.startswith("vega-bundle-") and kept.read_text(encoding="utf-8") in fresh
    kept.write_text("/* marker */", encoding="utf-8")  # read from the cache, not bundled again
    assert "/* marker */" in sphinx_vega.bundle_text(tmp_path)
    assert sphinx_vega.bundle_text() == fresh


def test_bibliography_entries_become_list_items():
    from handbook.sphinx.bibliography import fix_citation_list_roles

    body = '<div class="citation-list" role="list"><div role="doc-biblioentry">A</div></div>'
    assert 'role="listitem"' in fix_citation_list_roles(body)
    assert "doc-biblioentry" not in fix_citation_list_roles(body)
    other = '<p role="doc-biblioentry">not a bibliography</p>'
    assert fix_citation_list_roles(other) == other


def test_reference_list_keeps_titles_as_written_and_months_in_full():
    """pybtex's plain style would print "... crimea fate" and "mar 2014"; the handbook's keeps
    the source's capitals and writes the month out, and the book is configured to use it."""
    import yaml
    from pybtex.database import Entry, Person
    from pybtex.plugin import find_plugin

    from handbook import ROOT
    from handbook.sphinx.bibliography import full_month

    entry = Entry("article", fields={
        "title": "War council decided Crimea fate weeks before vote", "journal": "Irish Independent",
        "year": "2014", "month": "mar"}, persons={"author": [Person("Alexander, Harriet")]})
    entry.key = "example"
    style = find_plugin("pybtex.style.formatting", "handbook")()
    text = next(iter(style.format_entries([entry]))).text.render_as("text")
    assert "War council decided Crimea fate weeks before vote." in text
    assert "March 2014" in text and "mar 2014" not in text
    assert entry.fields["month"] == "mar", "the database entry itself must not be changed"
    chapter = Entry("incollection", fields={
        "title": "A chapter", "booktitle": "A book", "publisher": "A press", "year": "2018",
        "note": "Read in a copy hosted on example.org", "url": "https://example.org/book"},
        persons={"author": [Person("Author, An")]})
    chapter.key = "chapter"
    text = next(iter(style.format_entries([chapter]))).text.render_as("text")
    assert "A press, 2018. Read in a copy hosted on example.org. URL: https://example.org/book" in text
    assert [full_month(m) for m in ("jan", "Sep.", "sept", "May", "december", "Spring")] == [
        "January", "September", "September", "May", "December", "Spring"]
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"]["bibtex_default_style"] == "handbook"


def test_a_citations_tooltip_is_the_entry_without_its_note_and_links():
    """Pointing at a citation shows author, title, publisher and date; the note (how the source
    was read) and the URL are in the bibliography entry the citation leads to; the book is
    configured to use that style (the build, warnings as errors, formats every entry in it)."""
    import yaml
    from pybtex.database import Entry, Person
    from pybtex.plugin import find_plugin

    from handbook import ROOT
    from handbook.sphinx.bibliography import HandbookTooltipStyle

    entry = Entry("misc", fields={
        "title": "A report", "howpublished": "An agency", "year": "2024", "month": "may",
        "note": "Read in a copy hosted on example.org", "url": "https://example.org/report",
        "doi": "10.1000/x"}, persons={"author": [Person("Writer, A")]})
    entry.key = "report"
    full = find_plugin("pybtex.style.formatting", "handbook")()
    assert find_plugin("pybtex.style.formatting", "handbook-tooltip") is HandbookTooltipStyle
    tooltip = HandbookTooltipStyle()
    text = next(iter(tooltip.format_entries([entry]))).text.render_as("text")
    assert text == "A Writer. A report. An agency, May 2024."
    assert "example.org" in next(iter(full.format_entries([entry]))).text.render_as("text")
    assert "note" in entry.fields, "the database entry itself must not be changed"
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"]["bibtex_tooltips_style"] == "handbook-tooltip"


def test_works_sharing_author_and_year_take_a_letter_in_the_list_and_in_the_text():
    """Two Reuters reports of 2022 are "Reuters 2022a" and "Reuters 2022b" in the list, in its
    order, and their citations print the same letters; a work alone in its author and year
    keeps a bare year; and the whole bibliography has no two labels alike."""
    import re
    from types import SimpleNamespace

    import pybtex_docutils
    import yaml
    from pybtex.database import Entry, Person, parse_file
    from pybtex.plugin import find_plugin
    from sphinxcontrib.bibtex.plugin import find_plugin as find_reference_style
    from sphinxcontrib.bibtex.style.referencing import format_references
    from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

    from handbook import ROOT
    from handbook.sphinx.bibliography import HandbookReferenceStyle, letters, year_letter

    def report(key, title, year="2022"):
        entry = Entry("misc", fields={"title": title, "year": year},
                      persons={"author": [Person("{Reuters}")]})
        entry.key = key
        return entry

    scholar = Entry("book", fields={"title": "A book", "publisher": "A press", "year": "2022"},
                    persons={"author": [Person("Author, An"), Person("Other, Some"),
                                        Person("Third, A")]})
    scholar.key = "scholar"
    entries = [report("z", "Zelenskyy speaks"), report("a", "A ceasefire"), scholar,
               report("c", "Crimea", "2014")]
    style = find_plugin("pybtex.style.formatting", "handbook")()
    formatted = {e.key: e for e in style.format_entries(entries)}
    assert {k: e.label for k, e in formatted.items()} == {
        "a": "Reuters 2022a", "z": "Reuters 2022b", "c": "Reuters 2014",
        "scholar": "Author et al. 2022"}
    assert [letters(i) for i in (0, 1, 25, 26, 27)] == ["a", "b", "z", "aa", "ab"]
    assert [year_letter(x) for x in ("Reuters 2022b", "Reuters 2022", "X n.d.", "X n.d.c")] == [
        "b", "", "", "c"]

    reference = HandbookReferenceStyle()
    latex = SimpleNamespace(name="latex")  # the one builder that renders without a project
    info = SphinxReferenceInfo(builder=latex, fromdocname="a", todocname="b", citation_id="z",
                               title=None, pre_text="", post_text="")
    for role, expected in (("p", "[Reuters, 2022b]"), ("t", "Reuters [2022b]")):
        text = format_references(reference, role, [(entries[0], formatted["z"], info)])
        printed = "".join(n.astext() for n in text.render(pybtex_docutils.Backend()))
        assert re.sub(r"\\hyperlink\{[^}]*\}\{|\}", "", printed) == expected, (role, printed)

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"]["bibtex_reference_style"] == "handbook"
    assert find_reference_style("sphinxcontrib.bibtex.style.referencing", "handbook") is \
        HandbookReferenceStyle
    bibliography = parse_file(ROOT / "book" / "references.bib")
    every = list(style.format_entries(style.sort(list(bibliography.entries.values()))))
    labels = [e.label for e in every]
    assert len(set(labels)) == len(labels), "two works in the bibliography share a label"


def test_edition_is_read_from_configuration(tmp_path):
    """The student edition is a configuration value in a copy of _config.yml, not an
    environment variable, and the copy keeps everything else."""
    import yaml

    from handbook import ROOT
    from handbook.build import _edition_config
    from handbook.sphinx.edition import CONFIG_VALUE

    path = _edition_config(ROOT, tmp_path, "student")
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    original = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"][CONFIG_VALUE] == "student"
    config["sphinx"]["config"].pop(CONFIG_VALUE)
    assert config == original


def test_icons_are_read_from_pages_and_drawn_from_the_themes_own_paths():
    from handbook.sphinx import icons

    html = ('<button><i class="fa-solid fa-magnifying-glass fa-lg"></i></button>'
            '<span class="fas fa-download"></span><i class="fa-regular fa-moon"></i>'
            '<p class="fa-notanicon-without-style"></p>')
    assert icons.icons_in(html) == {("fas", "magnifying-glass"), ("fas", "download"),
                                    ("far", "moon")}
    paths = icons.icon_paths(icons._theme_script().read_text(encoding="utf-8"))
    assert paths[("fas", "search")] == paths[("fas", "magnifying-glass")]  # an alias
    assert paths[("fas", "f019")] == paths[("fas", "download")]  # by code point
    assert paths[("fas", "moon")] != paths[("far", "moon")]  # solid and regular differ
    css, missing = icons.icon_css({("fas", "download"), ("fas", "no-such-icon")}, paths,
                                  [("div.exercise p.admonition-title::after", "fas", "f303")])
    assert missing == [("fas", "no-such-icon")]
    assert ".fa-solid.fa-download::before" in css and "mask-image:url(" in css
    assert "div.exercise p.admonition-title::after{font-family:inherit;" in css


def test_icon_rules_of_stylesheets_are_found():
    from handbook.sphinx.icons import theme_css_icons

    variables = ':root{--pst-icon-bell:"\uf0f3";--pst-icon-admonition-default:var(--pst-icon-bell)}'
    css = ('.admonition>.admonition-title:after{color:red;content:var(--pst-icon-admonition-default)}'
           '.fa-bell:before{content:"\\f0f3"}\n/* a comment */\ndiv.exercise p.title::after {\n'
           '  content: "\\f303";\n}')
    assert theme_css_icons(css, variables) == [
        (".admonition>.admonition-title:after", "fas", "f0f3"),
        ("div.exercise p.title::after", "fas", "f303")]


def test_meta_description_is_the_summary_line():
    from docutils.core import publish_doctree

    from handbook.sphinx.meta import meta_tag, shorten, summary_line

    doctree = publish_doctree("Title\n=====\n\nSome *mixed* text.\n\n*The summary line.*\n\n*Later.*\n")
    assert summary_line(doctree) == "The summary line."
    assert summary_line(publish_doctree("No summary here.")) is None
    assert shorten("one two three four", 12) == "one two…"
    assert meta_tag('Says "no" & <more>') == \
        '<meta name="description" content="Says &quot;no&quot; &amp; &lt;more&gt;" />\n'


def test_sitemap_lists_pages_from_the_base_address():
    from handbook.sphinx.sitemap import addresses, sitemap_xml

    pages = addresses(["book/index", "genindex", "book/a&b"], lambda name: f"{name}.html",
                      "https://example.org/handbook")
    assert pages == ["https://example.org/handbook/book/index.html",
                     "https://example.org/handbook/book/a&b.html"]
    xml = sitemap_xml(pages)
    assert "<loc>https://example.org/handbook/book/a&amp;b.html</loc>" in xml
    assert addresses(["book/index"], lambda name: f"{name}.html", "") == ["book/index.html"]


def test_charts_become_interactive_when_the_reader_comes_to_them():
    """Chart pages load a small loader, not the bundle: it fetches the bundle (once, from the
    site) and a chart's specification when the chart is in view after the reader has scrolled,
    pointed, typed or touched, or when the reader points at it, taps it or focuses it."""
    loader = sphinx_vega.loader_text()
    assert f'new URL("{sphinx_vega.BUNDLE_NAME}", here.src)' in loader
    assert "IntersectionObserver" in loader and "data-spec" in loader
    for event in ("pointerover", "focusin", "touchstart", "scroll", "pointermove", "keydown"):
        assert f'"{event}"' in loader
    assert "window.vegaEmbed(el, chart.spec, chart.options)" in loader
    assert "http" not in loader


def test_folded_cells_are_named_by_their_visible_words():
    from handbook.sphinx.a11y import name_summaries_by_their_text

    body = ('<details><summary aria-label="Toggle hidden content">\n'
            '<p class="collapsed admonition-title">Show code cell source</p></summary></details>')
    fixed = name_summaries_by_their_text(body)
    assert "aria-label" not in fixed and "<summary>\n<p" in fixed and "Show code cell source" in fixed


def test_output_boxes_holding_a_table_are_reachable_by_keyboard():
    from handbook.sphinx.a11y import focusable_table_outputs

    table = '<div class="output text_html"><table id="T_x" class="handbook-table"><tr><td>1</td></tr></table></div>'
    pandas = '<div class="output text_html"><div>\n<style scoped>\n.dataframe {}</style><table></table></div></div>'
    chart = '<div class="output text_html"><div class="handbook-chart-frame" tabindex="0"></div></div>'
    assert focusable_table_outputs(table).startswith('<div class="output text_html" tabindex="0"><table')
    assert focusable_table_outputs(pandas).startswith('<div class="output text_html" tabindex="0"><div>')
    assert focusable_table_outputs(chart) == chart  # a chart's frame is reachable already


def test_empty_table_headers_become_data_cells():
    from handbook.sphinx.a11y import fill_empty_table_headers

    body = '<tr><th>kind</th><th></th><th class="blank level0" >\n</th><th>x</th></tr>'
    assert fill_empty_table_headers(body) == \
        '<tr><th>kind</th><td></td><td class="blank level0" ></td><th>x</th></tr>'
    assert fill_empty_table_headers("<thead><tr><th>a</th></tr></thead>") == \
        "<thead><tr><th>a</th></tr></thead>"


# --------------------------------------------------------------------------------------------
# Charts on the page: static image, minimum text size, the data beside them (chartpage)

SPEC = {
    "vconcat": [
        {"layer": [
            {"mark": "point", "encoding": {
                "x": {"field": "date", "type": "temporal", "title": "Date"},
                "y": {"field": "kind", "type": "nominal", "axis": {"labelFontSize": 9}},
                "tooltip": [{"field": "what", "title": "Event"},
                            {"field": "computed", "title": "Made by a transform"}]}},
            {"mark": {"type": "text", "fontSize": 10}, "data": {"name": "data-labels"},
             "encoding": {"text": {"field": "label"}}},
        ], "data": {"name": "data-events"}},
        {"data": {"name": "data-source"}, "mark": "text", "encoding": {"text": {"field": "text"}}},
    ],
    "title": {"text": "Events by kind", "subtitle": ["One point each"]},
    "description": "Scatter chart of three events.",
    "config": {"axis": {"titleFontSize": 13}},
    "datasets": {
        "data-events": [{"date": "2022-02-24", "kind": "War", "what": "Invasion, <full-scale>",
                         "extra": 1},
                        {"date": "2014-03-18", "kind": "Politics", "what": "Annexation",
                         "extra": 2},
                        {"date": "2015-02-12", "kind": "Talks", "what": "Minsk II", "extra": None}],
        "data-labels": [{"label": "a"}],
        "data-source": [{"text": "Source: Reading the Kremlin, events."}],
    },
}


def test_chart_data_are_the_main_datasets_encoded_fields():
    """The CSV holds the rows of the largest dataset the chart draws (the source line aside),
    the fields its marks encode, tooltips first with their titles; computed fields left out.
    The table shows the tooltips' fields."""
    from handbook.sphinx.chartpage import chart_data, chart_title, source_line

    data = chart_data(SPEC)
    assert data.columns == [("what", "Event"), ("date", "Date"), ("kind", "kind")]
    assert data.shown == [("what", "Event")] and data.temporal == {"date"}
    assert data.rows == SPEC["datasets"]["data-events"]
    assert chart_title(SPEC) == "Events by kind"
    assert source_line(SPEC) == "Source: Reading the Kremlin, events."
    bare = {"mark": "bar", "data": {"name": "d"}, "datasets": {"d": [{"a": 1, "b": None}]}}
    assert chart_data(bare)[:3] == ([("a", "a"), ("b", "b")], [{"a": 1, "b": None}],
                                    [("a", "a"), ("b", "b")])


def test_a_later_title_replaces_a_fields_name_as_heading():
    """A bar's span drawn by one layer without a title and its point by another with one:
    the column is headed by the title, not by the field's name."""
    from handbook.sphinx.chartpage import chart_data

    spec = {"layer": [{"mark": "rule", "encoding": {"x": {"field": "start", "type": "temporal"}}},
                      {"mark": "point", "encoding": {
                          "x": {"field": "start", "type": "temporal", "title": "Year begun"}}}],
            "data": {"name": "d"}, "datasets": {"d": [{"start": "2006-01-01T00:00:00"}]}}
    assert chart_data(spec).columns == [("start", "Year begun")]


def test_chart_table_and_csv_hold_the_same_rows():
    from handbook.sphinx.chartpage import chart_data, csv_text, rows_phrase, table_html

    data = chart_data(SPEC)
    text = csv_text(data.columns, data.rows, data.temporal)
    assert text.splitlines() == ["Event,Date,kind", '"Invasion, <full-scale>",2022-02-24,War',
                                 "Annexation,2014-03-18,Politics", "Minsk II,2015-02-12,Talks"]
    table = table_html(data.columns, data.rows, "Data of the chart: Events by kind", limit=2)
    assert "<caption>Data of the chart: Events by kind</caption>" in table
    assert table.count('<th scope="col">') == 3 and table.count("<tr>") == 3  # header + 2 rows
    assert "Invasion, &lt;full-scale&gt;" in table and "<full-scale>" not in table
    assert rows_phrase(1) == "1 row"
    assert rows_phrase(500, 400) == "500 rows; the table shows the first 400, the CSV file all of them"


def test_fields_a_lookup_joins_are_in_the_rows():
    from handbook.sphinx.chartpage import chart_data

    spec = {"mark": "bar", "data": {"name": "votes"},
            "transform": [{"lookup": "res", "from": {"data": {"name": "info"}, "key": "res",
                                                     "fields": ["title"]}}],
            "encoding": {"y": {"field": "res", "type": "nominal"},
                         "tooltip": [{"field": "res", "title": "Resolution"},
                                     {"field": "title", "title": "Title"}]},
            "datasets": {"votes": [{"res": "ES-11/1", "n": 141}, {"res": "ES-11/9", "n": 93},
                                   {"res": "X", "n": 1}],
                         "info": [{"res": "ES-11/1", "title": "Aggression"},
                                  {"res": "ES-11/9", "title": "Compensation"}]}}
    data = chart_data(spec)
    assert data.shown == [("res", "Resolution"), ("title", "Title")]
    assert [row["title"] for row in data.rows] == ["Aggression", "Compensation", None]
    assert "title" not in spec["datasets"]["votes"][0]  # the spec is not changed


def test_other_datasets_with_tooltips_join_the_table():
    """A series drawn beside the main points, with tooltips of its own, follows the main rows
    with its tooltips' columns; a layer that redraws main rows adds nothing."""
    from handbook.sphinx.chartpage import chart_data

    spec = {"layer": [
        {"mark": "point", "data": {"name": "dots"}, "encoding": {
            "x": {"field": "when", "type": "nominal"},
            "tooltip": [{"field": "who", "title": "Assessed by"},
                        {"field": "share", "title": "Share (%)"}]}},
        {"mark": "point", "data": {"name": "ring"}, "encoding": {
            "tooltip": [{"field": "who", "title": "Assessed by"}]}},
        {"mark": "line", "data": {"name": "series"}, "encoding": {
            "tooltip": [{"field": "producer", "title": "Producer"}, {"field": "share", "title": "Share"}]}}],
        "datasets": {"dots": [{"who": "A", "share": 7, "when": "x"}, {"who": "B", "share": 9, "when": "y"},
                              {"who": "C", "share": 8, "when": "z"}],
                     "ring": [{"who": "B", "share": 9}],
                     "series": [{"producer": "DeepState", "share": 18},
                                {"producer": "DeepState", "share": 19}]}}
    data = chart_data(spec)
    assert data.shown == [("who", "Assessed by"), ("share", "Share (%)"), ("producer", "Producer")]
    assert data.columns[:3] == data.shown and ("when", "when") in data.columns
    assert [row.get("producer") for row in data.rows] == [None, None, None, "DeepState", "DeepState"]


def test_dates_drawn_at_midnight_are_written_as_days():
    """pandas' days reach Vega-Lite as midnight timestamps; the table and the CSV file write the
    day, and keep a real time or a field that is not drawn as a date as it is."""
    from handbook.sphinx.chartpage import csv_text, table_html

    rows = [{"d": "1981-01-01T00:00:00", "t": "2014-04-17T12:30:00", "s": "2000-01-01T00:00:00"}]
    columns = [("d", "Day"), ("t", "Time"), ("s", "Code")]
    temporal = frozenset({"d", "t"})
    assert csv_text(columns, rows, temporal).splitlines()[1] == \
        "1981-01-01,2014-04-17T12:30:00,2000-01-01T00:00:00"
    assert "<td>1981-01-01</td>" in table_html(columns, rows, "c", temporal=temporal)


def test_font_sizes_are_raised_to_the_minimum():
    from handbook.sphinx.chartpage import with_minimum_font_size

    fixed = with_minimum_font_size(SPEC, 11)
    layer = fixed["vconcat"][0]["layer"]
    assert layer[0]["encoding"]["y"]["axis"]["labelFontSize"] == 11
    assert layer[1]["mark"]["fontSize"] == 11
    assert fixed["config"]["axis"]["titleFontSize"] == 13  # larger sizes are kept
    assert SPEC["vconcat"][0]["layer"][1]["mark"]["fontSize"] == 10  # the original is untouched
    assert fixed["datasets"] is SPEC["datasets"]


def test_the_static_image_is_measured_with_the_widest_font():
    """The image's text is measured with DejaVu Sans first, in the configuration and in any mark
    that names the handbook's font; the interactive spec is untouched."""
    from handbook.charts import FONT
    from handbook.sphinx.chartpage import STATIC_FONT, with_static_font

    spec = {"config": {"font": FONT}, "layer": [{"mark": {"type": "text", "font": FONT}},
                                                 {"mark": {"type": "text", "font": "serif"}}],
            "datasets": {"d": [{"font": FONT}]}}
    fixed = with_static_font(spec)
    assert STATIC_FONT.startswith("DejaVu Sans,") and set(STATIC_FONT.split(", ")) == set(FONT.split(", "))
    assert fixed["config"]["font"] == STATIC_FONT
    assert fixed["layer"][0]["mark"]["font"] == STATIC_FONT
    assert fixed["layer"][1]["mark"]["font"] == "serif"  # a font chosen on purpose is kept
    assert spec["config"]["font"] == FONT and spec["layer"][0]["mark"]["font"] == FONT
    assert fixed["datasets"] is spec["datasets"]  # data are never rewritten
    assert with_static_font({"mark": "bar"})["config"]["font"] == STATIC_FONT


def test_static_svg_is_rendered_once_and_cached(tmp_path, monkeypatch):
    """vl-convert draws a spec once; the same spec is then read from the cache, and a changed
    spec is drawn again."""
    import vl_convert as vlc

    from handbook.sphinx import chartpage

    calls = []
    real = vlc.vegalite_to_svg
    monkeypatch.setattr(vlc, "vegalite_to_svg", lambda *a, **k: calls.append(1) or real(*a, **k))
    svg = chartpage.render_svg(SPEC, tmp_path)
    assert svg.lstrip().startswith("<svg") and "Events by kind" in svg
    assert chartpage.render_svg(SPEC, tmp_path) == svg and len(calls) == 1
    assert len(list(tmp_path.glob("*.svg"))) == 1
    changed = {**SPEC, "description": "Another description."}
    chartpage.render_svg(changed, tmp_path)
    assert len(calls) == 2 and len(list(tmp_path.glob("*.svg"))) == 2


def test_static_svg_file_keeps_no_roles_of_its_own():
    from handbook.sphinx.chartpage import static_svg, svg_size

    svg = ('<?xml version="1.0"?>\n<svg class="marks" width="727" height="551.5" '
           'role="graphics-document" aria-label="x"><g role="graphics-object"></g></svg>')
    out = static_svg(svg)
    assert out.startswith('<svg class="marks"') and "role=" not in out and "aria-" not in out
    assert svg_size(out) == (727, 552)


def test_chart_in_page_gets_image_data_and_larger_text():
    """A page's Altair chart becomes: a frame; the chart's div, naming its specification file
    and holding the static image; the details with table, CSV and citation. Altair's script
    goes; the files hold the specification (text raised to 11 px), the SVG and the CSV."""
    import json

    from handbook.charts import _ScriptSafeJSON
    from handbook.sphinx.chartpage import rewrite_body

    script = ("\n  (function(spec, embedOpt){\n    vegaEmbed(el, spec, embedOpt);\n  })("
              + json.dumps(SPEC, cls=_ScriptSafeJSON) + ', {"actions": false, "mode": "vega-lite"});\n')
    body = (f'<p>Before</p><div id="altair-viz-abc"></div>\n'
            f'<script type="text/javascript">{script}</script><p>After</p>')
    written = {}
    out = rewrite_body(body, "book/01-x", lambda spec: '<svg width="600" height="300"></svg>',
                       lambda title: f"CITE {title}", written.__setitem__)
    assert ('<div id="altair-viz-abc" data-spec="chart-data/01-x-1.json"><img class="handbook-'
            'chart-static" src="chart-data/01-x-1.svg" alt="Scatter chart of three events." '
            'width="600" height="300" decoding="async" /></div>') in out
    assert out.startswith('<p>Before</p><div class="handbook-chart-frame" tabindex="0"')
    assert out.endswith("</details><p>After</p>") and "<script" not in out
    assert sorted(written) == ["chart-data/01-x-1.csv", "chart-data/01-x-1.json",
                               "chart-data/01-x-1.svg"]
    chart = json.loads(written["chart-data/01-x-1.json"])
    assert chart["options"] == {"actions": False, "mode": "vega-lite"}
    assert chart["spec"]["vconcat"][0]["layer"][1]["mark"]["fontSize"] == 11
    assert chart["spec"]["datasets"] == SPEC["datasets"]
    assert 'href="chart-data/01-x-1.csv" download' in out and "CITE Events by kind" in out
    assert "The data behind this chart (3 rows)" in out
    second = rewrite_body(body + body.replace("abc", "def"), "book/01-x",
                          lambda spec: '<svg width="6" height="3"></svg>', str, written.__setitem__)
    assert 'src="chart-data/01-x-2.svg" alt="Scatter chart of three events." width="6" ' \
           'height="3" loading="lazy"' in second  # only the first chart's image loads at once


def test_pdf_chart_image_is_drawn_from_the_stored_html_and_cached(tmp_path):
    """The PDF's image of a chart comes from the spec in the HTML a notebook stores."""
    import nbformat

    from handbook import ROOT
    from handbook.sphinx.chartpdf import chart_spec, render_png

    notebook = nbformat.read(ROOT / "book" / "01-timeline.ipynb", as_version=4)
    html = next(o["data"]["text/html"] for c in notebook.cells if c.cell_type == "code"
                for o in c.get("outputs", []) if "altair-viz-" in o.get("data", {}).get("text/html", ""))
    spec = chart_spec(html)
    assert spec["description"] and spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert chart_spec("<p>no chart</p>") is None
    path = render_png(spec, tmp_path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    path.write_bytes(b"kept")
    assert render_png(spec, tmp_path).read_bytes() == b"kept"


def test_unused_css_rules_are_removed_and_nothing_else():
    from handbook.sphinx.unusedcss import can_match, purge, selectors

    tokens = {"navbar", "show", "main", "dropdown-menu"}
    assert can_match(".navbar .show", tokens) and can_match("main > p", tokens)
    assert not can_match(".navbar .carousel-item", tokens) and not can_match("#sidebar", tokens)
    assert can_match(".bs-tooltip-bottom", tokens)  # built at run time from a prefix
    assert can_match("a:not(.carousel)", tokens) and can_match('[class*="carousel"]', tokens)
    assert can_match(r".sm\:hidden", tokens)  # escapes are not interpreted: kept
    assert selectors(".a, :is(.b, .c) p,.d") == [".a", ":is(.b, .c) p", ".d"]
    css = ("/*! Bootstrap licence */\n/* a comment */\n.navbar{color:red}\n.carousel,.show{x:1}\n"
           ".carousel{y:2}\n@media (min-width:1px){.carousel{z:3}.show{z:4}}\n"
           "@media print{.toast{a:b}}\n@font-face{font-family:F}\n"
           "@keyframes spin{from{top:0}}\np{margin:0}\n")
    out = purge(css, tokens)
    for kept in ("/*! Bootstrap licence */", ".navbar{color:red}", ".carousel,.show{x:1}",
                 ".show{z:4}", "@font-face{font-family:F}", "@keyframes spin", "p{margin:0}"):
        assert kept in out, kept
    for gone in ("a comment", ".carousel{y:2}", ".carousel{z:3}", "@media print", ".toast"):
        assert gone not in out, gone


def test_unused_css_leaves_the_handbooks_own_stylesheets(tmp_path):
    from types import SimpleNamespace

    from handbook.sphinx.unusedcss import _build_finished

    static = tmp_path / "_static"
    static.mkdir()
    (tmp_path / "index.html").write_text('<div class="used">', encoding="utf-8")
    (static / "theme.js").write_text("el.classList.add('scripted')", encoding="utf-8")
    for name in ("theme.css", "handbook.css"):
        (static / name).write_text(".used{a:1}\n.scripted{b:2}\n.unused{c:3}\n", encoding="utf-8")
    app = SimpleNamespace(outdir=str(tmp_path), builder=SimpleNamespace(format="html"))
    _build_finished(app, None)
    theme = (static / "theme.css").read_text(encoding="utf-8")
    assert ".used{a:1}" in theme and ".scripted{b:2}" in theme and ".unused" not in theme
    assert ".unused{c:3}" in (static / "handbook.css").read_text(encoding="utf-8")


def test_css_bundle_keeps_order_imports_and_addresses(tmp_path):
    """The bundle is the sheets in the page's order, an @import replaced by the sheet it names,
    every relative url() rewritten for the bundle's folder; what it cannot take in unchanged
    (an @import with a media query) stops the build with the file's name."""
    from types import SimpleNamespace

    import pytest

    from handbook.sphinx import cssbundle

    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "styles" / "theme.css").write_text('@charset "utf-8";\n@import "../basic.css";\n',
                                                 encoding="utf-8")
    (static / "basic.css").write_text('.a{background:url(file.png)}\n', encoding="utf-8")
    (static / "styles" / "pydata-sphinx-theme.css").write_text(
        "@font-face{src:url(../vendor/f.woff2?x=1)}\n.b{background:url('data:image/svg+xml,x')}\n",
        encoding="utf-8")
    (static / "handbook.css").write_text(".c{background:url(\"img/c.svg\")}\n", encoding="utf-8")
    names = cssbundle.page_stylesheets([SimpleNamespace(filename="_static/handbook.css",
                                                        attributes={}, priority=500)])
    assert names == (*cssbundle.THEME_FIRST, "_static/handbook.css")
    out = cssbundle.bundle(tmp_path, names)
    assert "@import" not in out and "@charset" not in out
    assert out.index(".a{") < out.index("@font-face") < out.index(".c{")
    assert 'url("../file.png")' in out and 'url("../vendor/f.woff2?x=1")' in out
    assert "url('data:image/svg+xml,x')" in out and 'url("../img/c.svg")' in out
    # a sheet for print only, or one from elsewhere, is not bundled: the page keeps its links
    assert cssbundle.page_stylesheets([SimpleNamespace(filename="_static/p.css",
                                                       attributes={"media": "print"})]) is None
    assert cssbundle.page_stylesheets([SimpleNamespace(filename="https://x.org/a.css",
                                                       attributes={})]) is None
    # a sheet outside the bundle's folder importing another: each url() rebased once, from its own sheet
    (static / "sub").mkdir()
    (static / "sub" / "x.css").write_text(".x{background:url(x.png)}\n", encoding="utf-8")
    (static / "other.css").write_text('@import "sub/x.css";\n.o{background:url(o.png)}\n',
                                      encoding="utf-8")
    other = cssbundle.bundle(tmp_path, ["_static/other.css"])
    assert 'url("../sub/x.png")' in other and 'url("../o.png")' in other
    (static / "handbook.css").write_text('@import "x.css" print;\n', encoding="utf-8")
    with pytest.raises(cssbundle.BundleError, match="handbook.css"):
        cssbundle.bundle(tmp_path, names)
    assert cssbundle.version(names) == cssbundle.version(list(names)) != cssbundle.version(names[:2])


def test_css_bundle_is_linked_only_by_pages_with_the_sites_list(tmp_path):
    """The first page's list is the site's: a page with the same list gets the bundle, a page
    with another list (or a print-only sheet) keeps its links; the bundle is written at the end,
    from the site's list, or from the builder's when no page was written."""
    from types import SimpleNamespace

    from handbook.sphinx import cssbundle

    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    for name in ("styles/theme.css", "styles/pydata-sphinx-theme.css", "a.css", "b.css"):
        (static / name).write_text(f".{name.rsplit('/', 1)[-1][:-4]}{{x:1}}\n", encoding="utf-8")

    def sheet(name, **attributes):
        return SimpleNamespace(filename=f"_static/{name}", attributes=attributes, priority=500)

    app = SimpleNamespace(outdir=str(tmp_path), builder=SimpleNamespace(
        format="html", _css_files=[sheet("a.css")]))
    cssbundle._builder_inited(app)
    pages = [{"css_files": [sheet("a.css")]}, {"css_files": [sheet("a.css")]},
             {"css_files": [sheet("a.css"), sheet("b.css")]},
             {"css_files": [sheet("a.css"), sheet("b.css", media="print")]}]
    for context in pages:
        cssbundle._on_page(app, "page", "page.html", context, None)
    assert [("handbook_css_bundle" in c) for c in pages] == [True, True, False, False]
    cssbundle._build_finished(app, None)
    out = (tmp_path / cssbundle.BUNDLE).read_text(encoding="utf-8")
    assert ".a{x:1}" in out and ".b{" not in out
    cssbundle._builder_inited(app)  # a build that writes no page: the builder's list
    app.builder._css_files = [sheet("a.css"), sheet("b.css")]
    cssbundle._build_finished(app, None)
    assert ".b{x:1}" in (tmp_path / cssbundle.BUNDLE).read_text(encoding="utf-8")


def test_plain_code_drops_only_spans_that_style_nothing():
    """Names, punctuation and spaces are drawn as the block's text in both of the site's styles,
    so they lose their spans; keywords, strings, numbers and operators keep theirs; the text of
    the code is unchanged; another style's colours decide for themselves."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
    from pygments.styles import get_style_by_name
    from pygments.token import Error, Keyword, Name, Punctuation, Text

    from handbook.sphinx.plaincode import PlainFilter, plain_types

    site = plain_types([get_style_by_name("a11y-high-contrast-light"),
                        get_style_by_name("a11y-high-contrast-dark")])
    assert site(Name) and site(Punctuation) and site(Text.Whitespace) and site(Name.Namespace)
    assert not site(Keyword) and not site(Name.Builtin) and not site(Error)
    code = "import pandas as pd\nframe = pd.read_csv('data/x.csv', nrows=3)  # a comment\n"
    lexer = get_lexer_by_name("ipython3")
    before = highlight(code, lexer, HtmlFormatter())
    lexer.add_filter(PlainFilter(site))
    after = highlight(code, lexer, HtmlFormatter())
    for gone in ('class="n"', 'class="p"', 'class="w"', 'class="nn"'):
        assert gone in before and gone not in after
    for kept in ('class="kn"', 'class="s1"', 'class="mi"', 'class="o"', 'class="c1"', 'class="k"'):
        assert (kept in before) == (kept in after), kept
    assert len(after) < 0.7 * len(before)
    strip = re.compile(r"<[^>]+>")
    assert strip.sub("", after) == strip.sub("", before)
    # a style that colours names keeps their spans
    assert not plain_types([get_style_by_name("monokai"), get_style_by_name("default")])(Name.Namespace)


def test_scripts_are_deferred_except_inline_ones_and_documentation_options():
    from sphinx.builders.html._assets import _JavaScript

    from handbook.sphinx.deferscripts import deferred

    plain = deferred(_JavaScript("_static/sphinx_highlight.js", priority=200))
    assert plain.attributes == {"defer": "defer"} and plain.priority == 200
    tabs = deferred(_JavaScript("_static/design-tabs.js", **{"data-sd-tabs-storage-prefix": "x"}))
    assert tabs.attributes == {"data-sd-tabs-storage-prefix": "x", "defer": "defer"}
    assert deferred("_static/clipboard.min.js").attributes == {"defer": "defer"}
    for unchanged in (_JavaScript("_static/documentation_options.js"),
                      _JavaScript("_static/doctools.js"),
                      _JavaScript(None, body="let toggleHintShow = 'Click to show';"),
                      _JavaScript("_static/a.js", defer="defer"),
                      _JavaScript("_static/b.js", **{"async": "async"}),
                      _JavaScript("_static/c.js", type="module")):
        assert deferred(unchanged) == unchanged
