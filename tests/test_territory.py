"""The war and the map (chapter 6): territory charts, table and the logic behind the prose."""
import json

import pandas as pd
import pytest

from handbook import data, territory


@pytest.fixture(scope="module")
def real():
    return data.load("territory")


@pytest.fixture(scope="module")
def events():
    return data.load("events")


def toy() -> pd.DataFrame:
    """Four hand-made rows: two shares by one assessor, a claim, and an area with no share."""
    frame = pd.DataFrame({
        "id": ["a", "b", "c", "d"],
        "date": pd.to_datetime(["2022-03-01", "2023-03-01", "2024-02-01", "2022-03-15"]),
        "date_precision": ["month", "day", "month", "day"],
        "share_pct": pd.array([20.0, 18.0, 25.0, None], dtype="Float64"),
        "area_km2": pd.array([120000.0, None, None, 150000.0], dtype="Float64"),
        "assessed_by": ["Mapper X", "Mapper X", "Volodymyr Zelenskyy (President of Ukraine)",
                        "Institute for the Study of War (ISW), as reported by bne"],
        "method": ["controlled", "controlled", "claimed", "controlled"],
        "includes_crimea": pd.array([True, True, None, None], dtype="boolean"),
        "status": ["assessed", "assessed", "claimed", "assessed"],
        "note": ["", "", "", ""],
        "source": ["euromaidan2025cnnsummary"] * 4,
    })
    return frame


# --------------------------------------------------------------------------------------------
# Logic


def test_share_and_area_only_rows_split_cleanly():
    frame = toy()
    assert list(territory.share_rows(frame)["id"]) == ["a", "b", "c"]
    assert list(territory.area_only_rows(frame)["id"]) == ["d"]


def test_no_share_is_ever_computed_for_an_area_only_row():
    labelled = territory.territory_frame(toy()).set_index("id")
    assert pd.isna(labelled.loc["d", "share_pct"])
    assert labelled.loc["d", "share_text"] == "not given by the source"
    assert labelled.loc["d", "area_only"]
    with pytest.raises(ValueError, match="no share is computed"):
        territory.change(toy(), "a", "d")


def test_implied_denominators_are_labelled_as_computed_and_use_both_figures():
    result = territory.implied_denominators(toy())
    column = "implied_total_km2 (computed by the handbook)"
    assert list(result["id"]) == ["a"]
    assert result[column].iloc[0] == 600000


def test_implied_denominators_leave_the_data_unchanged():
    frame = toy()
    before = frame.copy()
    territory.implied_denominators(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_bracketing_finds_the_assessments_around_a_claim():
    around = territory.bracketing(toy(), "c")
    assert list(around["id"]) == ["b"]
    around = territory.bracketing(toy(), "a", status="assessed")
    assert list(around["id"]) == ["b"], "the row itself is excluded; area-only rows too"


def test_change_reports_points_years_and_whether_methods_mix():
    same = territory.change(toy(), "a", "b")
    assert same == {"points": -2.0, "years": 1.0, "same_assessor": True}
    assert territory.change(toy(), "a", "c")["same_assessor"] is False


def test_short_names():
    assert territory.short_name("Volodymyr Zelenskyy (President of Ukraine)") == "Zelenskyy"
    assert territory.short_name("The Times analysis of ISW daily front-line maps") == "The Times / ISW"
    assert territory.short_name("Institute for the Study of War (ISW), as reported by bne") == "ISW"
    assert territory.short_name("War Mapper (open-source mapping account)") == "War Mapper"
    assert territory.short_name("Forbes Ukraine (magazine calculation)") == "Forbes Ukraine"
    assert territory.short_name("DeepState") == "DeepState"


def test_crimea_labels():
    assert territory.crimea_label(True) == "included"
    assert territory.crimea_label(False) == "not included"
    assert territory.crimea_label(pd.NA) == "not stated by the source"


def test_war_events_are_war_and_strikes_from_2022(events):
    war = territory.war_events(events)
    assert set(war["category"]) <= {"war", "strikes"}
    assert war["date"].min() >= pd.Timestamp("2022-01-01")
    assert war["date"].is_monotonic_increasing


def test_labels_never_overlap_and_stay_inside():
    x = pd.Series([10.0, 18.0, 300.0, 300.0])
    y = pd.Series([100.0, 100.0, 50.0, 56.0])
    texts = pd.Series(["First 7%", "Second 7%", "Third 20%", "Fourth 21%"])
    positions = territory.place_labels(x, y, texts, width=400, height=200)
    boxes = [territory._box(px, py, t, p) for px, py, t, p in zip(x, y, texts, positions) if p]
    assert len(boxes) >= 3
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[1] >= 0 and a[3] <= 200
        for b in boxes[i + 1:]:
            assert not territory._overlaps(a, b)


def test_dodge_sets_coincident_points_side_by_side():
    offsets = territory.dodge(pd.Series([5.0, 5.0, 100.0]), pd.Series([40.0, 40.0, 10.0]))
    assert offsets[0] == -offsets[1] != 0
    assert offsets[2] == 0


# --------------------------------------------------------------------------------------------
# Charts


def point_layers(spec):
    panel = spec["vconcat"][0]
    panel = panel["vconcat"][0] if "vconcat" in panel else panel
    return [layer for layer in panel["layer"] if layer["mark"]["type"] == "point"]


def text_layers(spec):
    panel = spec["vconcat"][0]
    panel = panel["vconcat"][0] if "vconcat" in panel else panel
    return [layer for layer in panel["layer"] if layer["mark"]["type"] == "text"]


@pytest.fixture(scope="module")
def share_spec(real, events):
    return territory.share_chart(real, events).to_dict()


@pytest.fixture(scope="module")
def area_spec(real):
    return territory.area_chart(real).to_dict()


def test_share_chart_frame(share_spec, real):
    assert share_spec["title"]["text"].startswith("Share of Ukraine under Russian control")
    assert share_spec["title"]["subtitle"]
    n = len(territory.share_rows(real))
    assert share_spec["description"].startswith(f"Scatter chart of {n} figures")
    assert "Source: Reading the Kremlin, data/territory.csv" in json.dumps(share_spec["datasets"])
    assert share_spec["vconcat"][1]["mark"]["type"] == "text"


def test_share_chart_status_by_colour_and_shape_with_tooltips(share_spec):
    layers = point_layers(share_spec)
    assert layers
    for layer in layers:
        encoding = layer["encoding"]
        assert encoding["color"]["field"] == "status_label"
        assert encoding["shape"]["field"] == "status_label", "status must not rely on colour alone"
        assert encoding["x"]["field"] == "date" and encoding["x"]["type"] == "temporal"
        assert "(year)" in encoding["x"]["title"]
        assert encoding["y"]["field"] == "share_pct" and "(%)" in encoding["y"]["title"]
        tips = {t["field"] for t in encoding["tooltip"]}
        assert {"assessed_by", "status_label", "method_label", "crimea_label",
                "source_label", "date_label", "share_text"} <= tips


def test_share_chart_labels_points_and_leaves_area_only_rows_out(share_spec, real):
    assert text_layers(share_spec)
    datasets = share_spec["datasets"]
    rows = next(v for v in datasets.values() if v and "point_label" in v[0])
    assert len(rows) == len(territory.share_rows(real))
    assert all(r["share_pct"] is not None for r in rows)
    assert all(r["source_label"] for r in rows)
    labelled = [r for r in rows if r["label_position"]]
    assert len(labelled) >= len(rows) - 2


def test_share_chart_has_the_war_strip(share_spec, events):
    strip = share_spec["vconcat"][0]["vconcat"][1]
    assert strip["encoding"]["shape"]["field"] == "category_label"
    assert {t["field"] for t in strip["encoding"]["tooltip"]} >= {"title", "source_label"}
    assert f"{len(territory.war_events(events))} war and strikes events" in share_spec["description"]


def test_area_chart_shows_area_only_rows_and_computes_no_share(area_spec, real):
    assert area_spec["title"]["text"].startswith("Area of Ukraine under Russian control")
    only = territory.area_only_rows(real)
    assert f"{len(only)} of them give no share" in area_spec["description"]
    layers = point_layers(area_spec)
    assert all(layer["encoding"]["y"]["field"] == "area_thousand" for layer in layers)
    assert all("km²" in layer["encoding"]["y"]["title"] for layer in layers)
    assert all(layer["encoding"]["shape"]["field"] == "status_label" for layer in layers)
    rows = next(v for v in area_spec["datasets"].values() if v and "point_label" in v[0])
    flagged = [r for r in rows if "(no share given)" in r["point_label"]]
    assert len(flagged) == len(only)
    assert all(r["share_text"] == "not given by the source" for r in flagged)


def test_territory_table_has_every_row_and_nothing_computed(real):
    table = territory.territory_table(real)
    assert len(table.frame) == len(real)
    assert list(table.frame.columns) == ["Date", "Share", "Area (km²)", "Assessed or claimed by",
                                         "Status", "Method", "Crimea", "Sources"]
    assert (table.frame["Share"] == "–").sum() == real["share_pct"].isna().sum()
    assert 'id="T_territory-figures"' in table._repr_html_()


def test_prose_dates_keep_their_precision():
    assert territory.prose_date(pd.Timestamp("2022-02-24"), "day") == "24 February 2022"
    assert territory.prose_date(pd.Timestamp("2024-02-01"), "month") == "February 2024"
    assert territory.prose_date(pd.Timestamp("2023-01-01"), "year") == "2023"


def test_denominator_table_says_it_is_computed(real):
    table = territory.denominator_table(real)
    both = real["share_pct"].notna() & real["area_km2"].notna()
    assert len(table.frame) == both.sum()
    assert any("computed by the handbook" in c for c in table.frame.columns)
    assert "computed by the handbook" in table.caption


def test_compact_sources_name_author_and_date():
    assert territory.author_date("euromaidan2025cnnsummary") == "Euromaidan Press (2025-03-22)"
    assert territory.author_date("cnn2025analysis;euromaidan2025cnnsummary").count(";") == 1
