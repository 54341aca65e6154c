"""Chart builders: right fields and encodings, and the frame every chart must have."""
import json

import altair as alt
import pandas as pd
import pytest
import vl_convert as vlc

from handbook import charts, data


@pytest.fixture(scope="module")
def events():
    return data.load("events")


@pytest.fixture(scope="module")
def timeline_spec(events):
    return charts.timeline_chart(events, data.load("eras")).to_dict()


def layers(spec):
    return spec["vconcat"][0]["layer"]


def test_every_chart_has_title_subtitle_description_and_source(timeline_spec):
    assert timeline_spec["title"]["text"] == "Russia, Ukraine and the West: a timeline"
    assert timeline_spec["title"]["subtitle"]
    assert timeline_spec["description"].startswith("Timeline scatter chart of")
    footer = timeline_spec["vconcat"][1]
    assert footer["mark"]["type"] == "text"
    assert "Source: " in json.dumps(timeline_spec["datasets"])


def test_description_states_the_numbers(events, timeline_spec):
    assert f"{len(events)} events" in timeline_spec["description"]
    first, last = events["date"].min().year, events["date"].max().year
    assert f"from {first} to {last}" in timeline_spec["description"]


def test_timeline_encodings(timeline_spec):
    points = layers(timeline_spec)[-1]
    encoding = points["encoding"]
    assert encoding["x"]["field"] == "date" and encoding["x"]["type"] == "temporal"
    assert encoding["x"]["title"] == "Date (year)"
    assert encoding["y"]["field"] == "category_label" and encoding["y"]["title"]
    assert encoding["color"]["field"] == "category_label"
    assert encoding["shape"]["field"] == "category_label", "category must not rely on colour alone"
    tooltip_fields = [t["field"] for t in encoding["tooltip"]]
    assert {"date_label", "title", "description", "status_label", "source_label"} <= set(tooltip_fields)


def test_timeline_is_interactive(timeline_spec):
    binds = [p.get("bind") for p in timeline_spec["params"]]
    assert "legend" in binds and "scales" in binds


def test_eras_are_drawn_from_event_dates(events):
    eras = data.load("eras")
    frame = charts.era_frame(eras, events)
    dates = events.set_index("id")["date"].dt.strftime("%Y-%m-%d")
    assert list(frame["start"]) == sorted(dates[eras["start_event"]].tolist())
    assert frame["end"].iloc[:-1].tolist() == frame["start"].iloc[1:].tolist()
    assert frame["end"].iloc[-1] == events["date"].max().strftime("%Y-%m-%d")


def test_tooltips_carry_readable_sources(events):
    frame = charts._timeline_frame(events)
    assert frame["source_label"].str.len().min() > 10
    assert not frame["source_label"].str.contains(";;").any()


def test_finish_refuses_a_chart_without_description():
    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q")
    with pytest.raises(ValueError, match="description"):
        charts.finish(chart, title="t", subtitle="s", description=" ", source="s")


def test_renderer_gives_html_and_png_only_for_the_pdf(timeline_spec, monkeypatch):
    bundle = charts._renderer(timeline_spec)
    assert 'id="altair-viz-' in bundle["text/html"]
    assert "cdn.jsdelivr.net" in bundle["text/html"]  # the loader Altair skips when VEGA_DEBUG is set
    assert "image/png" not in bundle  # the site and the stored notebooks need no PNG
    monkeypatch.setenv(charts.STATIC_VARIABLE, "png")
    import base64
    bundle = charts._renderer(timeline_spec)
    assert base64.b64decode(bundle["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"


def test_chart_ids_are_the_same_on_every_run(timeline_spec):
    charts._chart_id.count = 0
    first = charts._renderer(timeline_spec)["text/html"]
    charts._chart_id.count = 0
    assert charts._renderer(timeline_spec)["text/html"] == first


def test_vl_convert_supports_altairs_vega_lite():
    assert charts.vl_convert_version() in vlc.get_vegalite_versions()


def test_theme_uses_colour_blind_safe_palette():
    charts.enable()
    config = alt.theme.get()()["config"]
    assert config["range"]["category"] == charts.PALETTE
    assert "#F0E442" not in charts.PALETTE  # Okabe–Ito yellow is unreadable on white
