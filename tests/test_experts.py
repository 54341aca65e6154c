"""handbook.experts: positions, territory comparisons, claim checks and the two charts."""
import json

import pandas as pd
import pytest

from handbook import data, experts

# --------------------------------------------------------------------------------------------
# Small hand-made frames


def people_frame():
    return pd.DataFrame({"id": ["a", "b"], "name": ["Ann Able", "Bo Baker"]})


def objectives_frame():
    return pd.DataFrame({"id": ["x", "y", "z"], "name": ["Ex", "Why", "Zed"]})


def statements_frame():
    return pd.DataFrame({
        "id": ["q1", "q2", "q3", "q4"],
        "speaker": ["a", "a", "b", "c"],
        "themes": ["x;y", "x", "y", "x"],
        "quote": ["one", "two", "three", "four"],
        "source": ["k1", "k2;k1", "k3", "k4"],
    })


def territory_frame():
    return pd.DataFrame({
        "id": ["old", "before", "quote", "claim", "after", "later"],
        "date": pd.to_datetime(["2024-01-01", "2025-02-20", "2025-03-22", "2025-03-01",
                                "2025-12-01", "2026-06-01"]),
        "share_pct": [17.0, 18.0, 20.0, 26.0, 19.24, None],
        "status": ["assessed", "assessed", "quoted", "claimed", "assessed", "assessed"],
    })


def test_positions_keep_every_pair_and_count_tags():
    frame = experts.positions(statements_frame(), objectives_frame(), ["a", "b"])
    assert len(frame) == 2 * 3
    counts = frame.set_index(["expert", "objective"])["n"]
    assert counts[("a", "x")] == 2 and counts[("a", "y")] == 1 and counts[("a", "z")] == 0
    assert counts[("b", "y")] == 1 and counts[("b", "x")] == 0
    row = frame[(frame["expert"] == "a") & (frame["objective"] == "x")].iloc[0]
    assert row["statements"] == "q1;q2"
    assert row["source"] == "k1;k2", "source keys are joined without duplicates"
    assert "c" not in set(frame["expert"]), "speakers outside the list are left out"


def test_agreement_orders_by_number_of_experts():
    frame = experts.positions(statements_frame(), objectives_frame(), ["a", "b"])
    table = experts.agreement(frame, objectives_frame(), people_frame())
    assert table["objective"].tolist() == ["y", "x", "z"]
    assert table.set_index("objective").loc["y", "experts"] == "Able, Baker"
    assert table.set_index("objective").loc["z", "experts"] == "none"
    assert table["n_experts"].tolist() == [2, 1, 0]


def test_nearest_assessments_take_one_before_and_one_after():
    near = experts.nearest_assessments(territory_frame(), pd.Timestamp("2025-03-22"))
    assert near["id"].tolist() == ["before", "after"], "claimed and quoted rows are ignored"
    assert near["days_from"].tolist() == [-30, 254]


def test_spread_in_points():
    near = experts.nearest_assessments(territory_frame(), pd.Timestamp("2025-03-22"))
    assert experts.spread(near) == {"low": 18.0, "high": 19.24, "spread": 1.24}


def test_share_figures_drop_rows_without_a_share():
    assert "later" not in experts.share_figures(territory_frame())["id"].tolist()


def test_quoted_figure_fails_clearly():
    with pytest.raises(KeyError, match="no row with id 'missing'"):
        experts.quoted_figure(territory_frame(), "missing")
    assert experts.quoted_figure(territory_frame(), "quote")["share_pct"] == 20.0


def test_formatting_helpers():
    assert experts.pct(18.0) == "18%" and experts.pct(19.24) == "19.24%"
    assert experts.long_date(pd.Timestamp("2022-02-24")) == "24 February 2022"
    assert experts.long_date(pd.Timestamp("2022-02-01"), "month") == "February 2022"


def test_g8_record_fails_clearly_without_its_events():
    events = pd.DataFrame({"id": ["other"], "date": [pd.Timestamp("2000-01-01")],
                           "date_precision": ["day"], "source": ["k"]})
    with pytest.raises(KeyError, match="G8 event"):
        experts.g8_record(events)


# --------------------------------------------------------------------------------------------
# The handbook's data


@pytest.fixture(scope="module")
def frames():
    return {name: data.load(name) for name in
            ["people", "statements", "objectives", "territory", "events"]}


def test_profiles_give_the_record_and_the_seed(frames):
    table = experts.expert_profiles(frames["people"], frames["statements"])
    assert table["Expert"].tolist() == ["Kristine Berzina", "Mark Galeotti", "Andrei Soldatov",
                                        "Monica White"]
    assert table["Quotes"].sum() == frames["statements"]["speaker"].isin(experts.EXPERTS).sum()
    assert table["Sources"].str.len().min() > 10


def test_g8_record_dates(frames):
    record = experts.g8_record(frames["events"])
    assert record["joined"]["date"].year == 1997 and record["first_g8"]["date"].year == 1998
    assert record["suspended"]["label"] == "24 March 2014"


def test_claim_checks(frames):
    checks = experts.claim_checks(frames["statements"], frames["territory"], frames["events"])
    assert list(checks.columns) == ["Expert", "Claim", "What the data shows", "Verdict", "source"]
    assert len(checks) == 5
    galeotti = checks.iloc[0]
    assert "18%" in galeotti["What the data shows"] and "19.24%" in galeotti["What the data shows"]
    assert "no casualty" in checks.iloc[1]["What the data shows"]
    assert checks.iloc[3]["Verdict"].startswith("Interpretation")
    assert checks.iloc[4]["Verdict"].startswith("Interpretation")
    table = experts.claim_table_frame(checks)
    assert "source" not in table.columns and table["Sources"].str.len().min() > 10


def test_quoted_claims_are_verbatim(frames):
    """Every phrase in quotation marks in the Claim column is in the expert's statement."""
    import re

    checks = experts.claim_checks(frames["statements"], frames["territory"], frames["events"])
    quotes = frames["statements"].set_index("id")["quote"]
    for expert, claim in zip(checks["Expert"], checks["Claim"]):
        statement = re.search(r"\((s\d+)\)", expert).group(1)
        for phrase in re.findall(r"“([^”]+)”", claim):
            assert phrase in quotes[statement], (statement, phrase)


# --------------------------------------------------------------------------------------------
# Charts


def test_position_chart(frames):
    spec = experts.position_chart(frames["statements"], frames["objectives"],
                                  frames["people"]).to_dict()
    assert spec["title"]["text"] == "Which of the Kremlin's objectives each expert speaks to"
    assert spec["title"]["subtitle"]
    assert spec["description"].startswith("Matrix chart of 4 experts by 10 objectives")
    assert "Great-power status" in spec["description"] and "anti-Western" in spec["description"]
    assert "Source: " in json.dumps(spec["datasets"])
    layers = spec["vconcat"][0]["layer"]
    marks = [layer for layer in layers if layer["mark"]["type"] == "point"][0]
    encoding = marks["encoding"]
    assert encoding["x"]["field"] == "expert_name" and encoding["x"]["title"]
    assert encoding["y"]["field"] == "objective_name" and encoding["y"]["title"]
    assert encoding["shape"]["field"] == "expert_name", "experts must not rely on colour alone"
    tips = {t["field"] for t in encoding["tooltip"]}
    assert {"expert_name", "objective_name", "quotes", "source_label"} <= tips


def test_position_frame_tooltips(frames):
    frame = experts._position_frame(frames["statements"], frames["objectives"],
                                    frames["people"], experts.EXPERTS)
    spoken = frame[frame["n"] > 0]
    assert spoken["source_label"].str.contains("Euromaidan Press").all()
    assert (frame.loc[frame["n"] == 0, "quotes"] == "No statement in the handbook's data").all()


def test_territory_chart(frames):
    spec = experts.territory_chart(frames["territory"]).to_dict()
    assert spec["title"]["text"].startswith("Galeotti's “20%”")
    assert spec["description"].startswith("Scatter chart of")
    assert "18%" in spec["description"] and "19.24%" in spec["description"]
    assert "Source: " in json.dumps(spec["datasets"])
    layers = spec["vconcat"][0]["layer"]
    points = [layer for layer in layers if layer["mark"]["type"] == "point"][0]
    encoding = points["encoding"]
    assert encoding["x"]["field"] == "date" and encoding["x"]["type"] == "temporal"
    assert "(year)" in encoding["x"]["title"]
    assert encoding["y"]["field"] == "share_pct" and "(%)" in encoding["y"]["title"]
    assert encoding["shape"]["field"] == "status_label", "status must not rely on colour alone"
    tips = {t["field"] for t in encoding["tooltip"]}
    assert {"date_label", "share_label", "assessed_by", "status_label", "source_label"} <= tips
    rules = [layer for layer in layers if layer["mark"]["type"] == "rule"]
    assert len(rules) == 1, "the quoted 20% is marked"


def test_territory_frame_sources(frames):
    frame = experts._territory_frame(frames["territory"])
    assert frame["share_pct"].notna().all()
    assert frame["source_label"].str.len().min() > 10
    assert set(frame["crimea"]) <= {"yes", "no", "not stated"}
