"""The vendored Vega bundle matches Altair and is written atomically."""
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


def test_bibliography_entries_become_list_items():
    from handbook.sphinx.bibliography import fix_citation_list_roles

    body = '<div class="citation-list" role="list"><div role="doc-biblioentry">A</div></div>'
    assert 'role="listitem"' in fix_citation_list_roles(body)
    assert "doc-biblioentry" not in fix_citation_list_roles(body)
    other = '<p role="doc-biblioentry">not a bibliography</p>'
    assert fix_citation_list_roles(other) == other


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


def test_charts_wait_for_the_deferred_bundle():
    """The inline stand-in sets the versions Altair checks (so Altair loads nothing from a CDN)
    and queues charts; the bundle's last lines draw the queue."""
    stub = sphinx_vega.stub_text()
    for key, value in sphinx_vega.versions().items():
        assert f'"{key}": "{value}"' in stub
    assert f"window.{sphinx_vega.QUEUE} = [];" in stub and "window.vegaEmbed = function" in stub
    assert f"(window.{sphinx_vega.QUEUE} || []).splice(0)" in sphinx_vega.bundle_text()[-600:]


def test_empty_table_headers_become_data_cells():
    from handbook.sphinx.a11y import fill_empty_table_headers

    body = '<tr><th>kind</th><th></th><th class="blank level0" >\n</th><th>x</th></tr>'
    assert fill_empty_table_headers(body) == \
        '<tr><th>kind</th><td></td><td class="blank level0" ></td><th>x</th></tr>'
    assert fill_empty_table_headers("<thead><tr><th>a</th></tr></thead>") == \
        "<thead><tr><th>a</th></tr></thead>"
