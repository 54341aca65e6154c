"""Chart builders: right fields and encodings, and the frame every chart must have."""
import json

import altair as alt
import pandas as pd
import pytest
import vl_convert as vlc

from handbook import charts, data
from handbook.sphinx import chartpage


@pytest.fixture(scope="module")
def events():
    return data.load("events")


@pytest.fixture(scope="module")
def framed_spec(events):
    """A small chart framed by ``finish``: the renderer and the frame are tested on it. (The
    timeline itself is drawn, and its encodings checked, in chapter 1; every stored chart is
    checked by test_chart_contract.py.)"""
    frame = events.assign(year=events["date"].dt.year).groupby("year").size().reset_index(name="n")
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X("year:O", title="Year"), y=alt.Y("n:Q", title="Number of events"),
        tooltip=["year:O", "n:Q"])
    return charts.finish(chart, title="Events per year", subtitle="All events of the record",
                         description="Bar chart of the number of events per year.",
                         source="Reading the Kremlin, events").to_dict()


def test_every_chart_has_title_subtitle_description_and_source(framed_spec):
    assert framed_spec["title"]["text"] == "Events per year"
    assert framed_spec["title"]["subtitle"] == ["All events of the record"]
    assert framed_spec["description"].startswith("Bar chart of")
    footer = framed_spec["vconcat"][1]
    assert footer["mark"]["type"] == "text"
    assert "Source: " in json.dumps(framed_spec["datasets"])


def test_finish_refuses_a_chart_without_description():
    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q")
    with pytest.raises(ValueError, match="description"):
        charts.finish(chart, title="t", subtitle="s", description=" ", source="s")


@pytest.mark.parametrize("mode", ["stored", "build"])
def test_renderer_gives_only_html_to_notebooks_and_builds(framed_spec, monkeypatch, mode):
    """Stored notebooks and builds get the HTML alone: the PDF draws its own image from the
    spec in it (handbook/sphinx/chartpdf.py), so no kernel renders a PNG. The HTML is the chart's
    element and its spec, without Altair's CDN loader, which nothing there runs."""
    monkeypatch.setenv(charts.STATIC_VARIABLE, mode)
    bundle = charts._renderer(framed_spec)
    assert set(bundle) == {"text/html"}
    html = bundle["text/html"]
    assert "cdn.jsdelivr.net" not in html and "<style" not in html
    match = chartpage.CHART.fullmatch(html)
    assert match, html[:300]
    assert chartpage.split_script(match["script"]) == (framed_spec, {"actions": False,
                                                                      "mode": "vega-lite"})


def test_renderer_gives_altairs_html_to_a_reader_online(framed_spec, monkeypatch):
    """``%env HANDBOOK_CHARTS=html`` in JupyterLab: Altair's HTML, which loads Vega from a CDN
    and draws the chart with its tooltips; its spec reads as the stored one does."""
    monkeypatch.setenv(charts.STATIC_VARIABLE, "html")
    html = charts._renderer(framed_spec)["text/html"]
    assert "cdn.jsdelivr.net" in html
    match = chartpage.CHART.search(html)
    assert chartpage.split_script(match["script"])[0] == framed_spec


def test_jupyterlab_gets_an_svg_that_needs_no_network(framed_spec, monkeypatch):
    """Unset (JupyterLab, the student pack): a static SVG drawn in the kernel, no HTML, no CDN."""
    monkeypatch.delenv(charts.STATIC_VARIABLE, raising=False)
    bundle = charts._renderer(framed_spec)
    assert set(bundle) == {"image/svg+xml", "text/plain"}
    assert bundle["image/svg+xml"].lstrip().startswith("<svg")
    assert "http" not in bundle["image/svg+xml"].replace("http://www.w3.org", "")
    assert framed_spec["description"] in bundle["text/plain"]


@pytest.mark.parametrize("mode", ["stored", "html"])
def test_chart_ids_are_the_same_on_every_run(framed_spec, monkeypatch, mode):
    monkeypatch.setenv(charts.STATIC_VARIABLE, mode)
    charts._chart_id.count = 0
    first = charts._renderer(framed_spec)["text/html"]
    charts._chart_id.count = 0
    assert charts._renderer(framed_spec)["text/html"] == first


def test_vl_convert_supports_altairs_vega_lite():
    assert charts.vl_convert_version() in vlc.get_vegalite_versions()


def test_theme_uses_colour_blind_safe_palette():
    charts.enable()
    config = alt.theme.get()()["config"]
    assert config["range"]["category"] == charts.PALETTE
    assert "#F0E442" not in charts.PALETTE  # Okabe–Ito yellow is unreadable on white
