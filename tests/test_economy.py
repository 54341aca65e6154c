"""handbook.economy: the figures on small hand-made frames, and the chapter's charts and table."""
import json

import numpy as np
import pandas as pd
import pytest

from handbook import data, economy

BRENT_SRC = "eia2023brentrbrte;datasets2023brentyearcsv"
GDP_SRC = "worldbank2026gdpcurrent;usrnmeee2026wbrawjson"


def toy_economy(brent, gdp_billions, start=2000, notes=None):
    """Two series in the long form of data/economy.csv, starting in ``start``."""
    rows = []
    for i, (b, g) in enumerate(zip(brent, gdp_billions)):
        note = (notes or {}).get(start + i, pd.NA)
        rows.append(("brent_usd_per_barrel", start + i, b, "USD per barrel", BRENT_SRC, note))
        rows.append(("russia_gdp_current_usd", start + i, g * 1e9, "current US$", GDP_SRC, pd.NA))
    frame = pd.DataFrame(rows, columns=["indicator", "year", "value", "unit", "source", "note"])
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    frame["note"] = frame["note"].astype("string")
    return frame


def toy_events():
    """The events the bands need, with made-up dates inside the toy span."""
    ids = [e for _, e in economy.KREMLIN_BANDS if e] + [e for _, e in economy.G8_BANDS]
    ids += [e for e in economy.G8_MARKERS + economy.RULE_EVENTS if e not in ids]
    dates = pd.date_range("2000-03-01", periods=len(ids), freq="90D")
    return pd.DataFrame({
        "id": ids, "date": dates, "date_precision": "day",
        "title": [f"Event {i}" for i in range(len(ids))],
        "description": "Something happened.", "source": "g72014hague",
        "note": pd.array([pd.NA] * len(ids), dtype="string"),
    })


@pytest.fixture(scope="module")
def real():
    return data.load("economy"), data.load("events")


# ---- figures on hand-made frames -----------------------------------------------------------

def test_wide_scales_gdp_to_billions_and_keeps_sources():
    frame = economy.wide(toy_economy([10, 20], [100, 300]))
    assert frame["year"].tolist() == [2000, 2001]
    assert frame["gdp"].tolist() == [100, 300]
    assert frame["brent"].tolist() == [10, 20]
    assert (frame["brent_source"] == BRENT_SRC).all() and (frame["gdp_source"] == GDP_SRC).all()


def test_value_and_ratio():
    eco = toy_economy([10, 40], [100, 250])
    assert economy.value(eco, economy.GDP, 2001) == 250
    assert economy.ratio(eco, economy.BRENT, 2000, 2001) == 4
    with pytest.raises(KeyError, match="1999"):
        economy.value(eco, economy.BRENT, 1999)


def test_changes_and_falls():
    eco = toy_economy([10, 5, 10, 9], [100, 50, 60, 30])
    moves = economy.changes(eco)
    assert moves["year"].tolist() == [2001, 2002, 2003]
    assert moves["brent_pct"].round(6).tolist() == [-50, 100, -10]
    assert moves["gdp_pct"].round(6).tolist() == [-50, 20, -50]
    falls = economy.falls(eco, economy.GDP)
    assert falls["year"].tolist() == [2001, 2003]  # steepest first; ties keep year order
    assert economy.falls(eco, economy.BRENT, threshold=20)["year"].tolist() == [2001]


def test_changes_skip_gaps_in_years():
    eco = toy_economy([10, 20], [100, 200])
    eco.loc[eco["year"] == 2001, "year"] = 2005
    assert economy.changes(eco).empty


def test_comovement_counts_directions_and_correlates_changes():
    # Changes: 2001 both up, 2002 both down, 2003 Brent up and GDP down.
    eco = toy_economy([10, 20, 10, 12], [100, 150, 120, 110])
    result = economy.comovement(eco, 2001, 2003)
    assert result["n_changes"] == 3 and result["n_years"] == 3
    assert result["same_direction"] == pytest.approx(2 / 3)
    moves = economy.changes(eco)
    assert result["changes_r"] == pytest.approx(np.corrcoef(moves["brent_pct"], moves["gdp_pct"])[0, 1])


def test_lowest_and_highest_year():
    eco = toy_economy([30, 10, 50, 40], [100, 90, 80, 120])
    assert economy.lowest_year(eco, economy.BRENT) == 2001
    assert economy.lowest_year(eco, economy.GDP) == 2002
    assert economy.highest_year(eco, economy.BRENT) == 2002
    assert economy.highest_year(eco, economy.BRENT, end=2001) == 2000


def test_bands_run_from_event_to_event_and_cover_the_span():
    eco, events = toy_economy([10] * 5, [100] * 5), toy_events()
    bands = economy.kremlin_bands(events, eco)
    assert bands["start"].iloc[0] == pd.Timestamp("2000-01-01")
    assert bands["end"].iloc[-1] == pd.Timestamp("2004-12-31")
    assert bands["end"].iloc[:-1].tolist() == bands["start"].iloc[1:].tolist()
    assert bands["label"].tolist() == ["Soviet Union", "Yeltsin", "Putin", "Tandem", "Putin"]
    assert economy.status_in(bands, 2004) == "Putin"


def test_g8_status_before_during_and_after():
    eco, events = toy_economy([10] * 5, [100] * 5), toy_events()
    events.loc[events["id"] == economy.G8_BANDS[0][1], "date"] = pd.Timestamp("2001-09-01")
    events.loc[events["id"] == economy.G8_BANDS[1][1], "date"] = pd.Timestamp("2002-03-01")
    events.loc[events["id"] == economy.G8_BANDS[2][1], "date"] = pd.Timestamp("2003-03-01")
    bands = economy.g8_bands(events, eco)
    assert [economy.status_in(bands, y) for y in range(2000, 2005)] == [
        "None", "None", "G8 member", "G7 suspends G8", "G7 suspends G8"]


def test_missing_event_is_a_clear_error():
    with pytest.raises(KeyError, match="not in the events data"):
        economy.event_date(toy_events(), "1900-01-01-nothing")


def test_selected_years_table_marks_rounded_values():
    eco = toy_economy([10, 20, 30], [100, 150, 120], notes={2002: "rounded by EIA"})
    frame = economy.selected_years(eco, toy_events(), [2000, 2002])
    assert frame["Brent (USD per barrel)"].tolist() == ["10.00", "30.00 (rounded)"]
    assert frame["GDP change on year before"].tolist() == ["", "-20.0%"]
    table = economy.selected_years_table(eco, toy_events(), [2000, 2002])
    html = table._repr_html_()
    assert "economy-selected-years" in html and "<caption>" in html


# ---- the chapter's charts on the real data -------------------------------------------------

@pytest.fixture(scope="module")
def main_spec(real):
    return economy.brent_gdp_chart(*real).to_dict()


@pytest.fixture(scope="module")
def scatter_spec(real):
    return economy.changes_chart(real[0]).to_dict()


def panels(spec):
    return spec["vconcat"][0]["vconcat"]


def mark_type(layer):
    mark = layer["mark"]
    return mark if isinstance(mark, str) else mark["type"]


def test_main_chart_frame(main_spec):
    assert main_spec["title"]["text"] == "Oil and Russia's GDP in dollars, 1990–2024"
    assert main_spec["title"]["subtitle"]
    assert main_spec["description"].startswith("Two line charts stacked on one time axis")
    footer = main_spec["vconcat"][1]
    assert footer["mark"]["type"] == "text"
    assert "Source: EIA" in json.dumps(main_spec["datasets"])


def test_main_chart_description_states_computed_findings(real, main_spec):
    eco, _ = real
    text = main_spec["description"]
    assert f"{economy.value(eco, economy.BRENT, 1998):.2f}" in text
    assert f"{economy.comovement(eco, 2000, 2024)['changes_r']:.2f}" in text
    assert "1997–1998" in text and "2014" in text


def test_main_chart_panels_share_time_axis_and_have_units(main_spec):
    brent, gdp, strip = panels(main_spec)
    assert main_spec["vconcat"][0]["resolve"]["scale"]["x"] == "shared"
    titles = []
    for panel in (brent, gdp):
        line = [lyr for lyr in panel["layer"] if mark_type(lyr) == "line"][0]
        assert line["encoding"]["x"]["field"] == "date" and line["encoding"]["x"]["type"] == "temporal"
        titles.append(line["encoding"]["y"]["title"])
    assert titles == ["Brent (USD per barrel)", "GDP (billions of current US$)"]
    rect = strip["layer"][0]
    assert rect["encoding"]["y"]["field"] == "row"
    assert "mid-year" in rect["encoding"]["x"]["title"]


def test_main_chart_tooltips_carry_sources_and_notes(main_spec):
    brent, gdp, strip = panels(main_spec)
    brent_points = [lyr for lyr in brent["layer"] if mark_type(lyr) == "point"][0]
    fields = [t["field"] for t in brent_points["encoding"]["tooltip"]]
    assert {"year_label", "brent", "brent_note", "brent_source_label"} <= set(fields)
    assert brent_points["encoding"]["shape"]["field"] == "brent_kind"  # rounded values by shape
    gdp_points = [lyr for lyr in gdp["layer"] if mark_type(lyr) == "point"][0]
    assert "gdp_source_label" in [t["field"] for t in gdp_points["encoding"]["tooltip"]]
    for layer in strip["layer"]:
        assert "source_label" in [t["field"] for t in layer["encoding"]["tooltip"]]


def test_rounded_brent_values_say_so_in_the_data(real):
    frame = economy._series_frame(real[0])
    rounded = frame[frame["brent_kind"] == "EIA's rounded annual average"]
    assert rounded["year"].tolist() == [2023, 2024]
    assert rounded["brent_note"].str.contains("rounded").all()
    assert rounded["brent_source_label"].str.contains("Short-Term Energy Outlook").all()
    assert frame["gdp_source_label"].str.contains("World Bank").all()


def test_bands_on_real_events(real):
    eco, events = real
    kremlin = economy.kremlin_bands(events, eco)
    putin = kremlin[kremlin["label"] == "Putin"]
    assert putin["start"].iloc[0] == pd.Timestamp("1999-12-31")
    assert kremlin.loc[kremlin["label"] == "Tandem", "end"].iloc[0] == pd.Timestamp("2012-05-07")
    g8 = economy.g8_bands(events, eco)
    assert economy.status_in(g8, 1996) == "None"
    assert economy.status_in(g8, 1998) == "G8 member"
    assert economy.status_in(g8, 2014) == "G7 suspends G8"
    # Russia joined the summits before Putin became acting president.
    assert g8["start"].iloc[0] < putin["start"].iloc[0]


def test_scatter_chart(real, scatter_spec):
    eco, _ = real
    assert scatter_spec["title"]["text"].startswith("Oil and GDP moved together after 2000")
    assert scatter_spec["description"].startswith("Scatter chart of year-on-year changes")
    layer = [lyr for lyr in scatter_spec["vconcat"][0]["layer"] if mark_type(lyr) == "point"][0]
    enc = layer["encoding"]
    assert enc["x"]["field"] == "brent_pct" and "(%)" in enc["x"]["title"]
    assert enc["y"]["field"] == "gdp_pct" and "(%)" in enc["y"]["title"]
    assert enc["shape"]["field"] == "period" and enc["color"]["field"] == "period"
    fields = [t["field"] for t in enc["tooltip"]]
    assert {"year_label", "brent_source_label", "gdp_source_label", "brent_note"} <= set(fields)
    # The title's claim holds on the data.
    late, early = economy.comovement(eco, 2000, 2024), economy.comovement(eco, 1991, 1999)
    assert late["changes_r"] > early["changes_r"] + 0.3
    assert f"{late['changes_r']:.2f}" in scatter_spec["description"]
