"""Russia's bloc and the West: NATO counts, waves, the record chart and the partner record."""
import json

import pandas as pd
import pytest

from handbook import alliances, data


def members_frame():
    """Three founders, one wave of two (one of them Finland), one single accession."""
    return pd.DataFrame({
        "country": ["A", "B", "C", "Finland", "D", "E"],
        "iso3": ["AAA", "BBB", "CCC", "FIN", "DDD", "EEE"],
        "accession_date": pd.to_datetime(["1949-04-04"] * 3 + ["2000-01-01", "2000-01-01",
                                                                "2010-06-01"]),
        "note": [""] * 6,
        "source": ["nato2024membercountries"] * 5 + ["nato2024membercountries;nato2023finland"],
    })


def events_frame():
    return pd.DataFrame({
        "id": ["2022-05-18-finland-sweden-apply-nato", "2024-06-19-russia-dprk-treaty",
               "2008-08-07-russia-georgia-war-begins", "x-china-row"],
        "date": pd.to_datetime(["2022-05-18", "2024-06-19", "2008-08-07", "2020-01-01"]),
        "date_precision": ["day"] * 4,
        "title": ["Finland and Sweden apply to join NATO", "Russia and North Korea sign a treaty",
                  "War", "Talks in Beijing"],
        "description": ["Applied.", "Kim Jong Un and Putin signed.", "Fighting.",
                        "Machinery (not a partner) met in Beijing."],
        "category": ["nato-eu", "diplomacy", "war", "diplomacy"],
        "status": ["confirmed", "confirmed", "confirmed", "assessed"],
        "claimed_by": pd.array([pd.NA] * 4, dtype="string"),
        "source": ["nato2022applications", "russiadprk2024treaty", "iiffmcg2009report",
                   "nato2022madrid"],
        "note": [""] * 4,
    })


# ---------------------------------------------------------------------------------- logic

def test_members_on_counts_from_the_accession_day():
    m = members_frame()
    assert alliances.members_on(m, "1999-12-31") == 3
    assert alliances.members_on(m, "2000-01-01") == 5
    assert alliances.members_on(m, "2030-01-01") == 6


def test_member_counts_by_year():
    counts = alliances.member_counts(members_frame(), 1999, 2011)
    assert counts["year"].tolist() == list(range(1999, 2012))
    assert counts.set_index("year")["members"].loc[[1999, 2000, 2009, 2010, 2011]].tolist() == [3, 5, 5, 6, 6]


def test_accession_waves_group_dates_and_mark_kinds():
    waves = alliances.accession_waves(members_frame())
    assert waves["joined"].tolist() == [3, 2, 1]
    assert waves["members_after"].tolist() == [3, 5, 6]
    assert waves["kind"].tolist() == ["founding", "highlight", "enlargement"]
    assert waves["label"].tolist() == ["3 founders", "+2", "+1"]
    assert waves.loc[1, "countries"] == "D, Finland"
    assert waves.loc[2, "source"] == "nato2024membercountries;nato2023finland"


def test_real_data_counts():
    members = data.load("nato_members")
    waves = alliances.accession_waves(members)
    assert waves["members_after"].iloc[-1] == len(members)
    assert waves["joined"].sum() == len(members)
    assert set(waves.loc[waves["kind"] == "highlight", "year"]) == {2023, 2024}


def test_waves_table_has_a_stable_id_and_caption():
    table = alliances.waves_table(members_frame())
    html = table._repr_html_()
    assert 'id="T_nato-waves"' in html and "<caption>" in html
    assert list(table.frame.columns) == ["Date", "Wave", "Joined", "Number", "Members after", "Sources"]
    assert table.frame["Number"].tolist() == [3, 2, 1]


def test_partner_record_says_when_there_is_nothing():
    record = alliances.partner_record(events_frame(), {"North Korea": ["North Korea", "Kim Jong Un"],
                                                        "Iran": ["Iran"], "China": ["Beijing"]})
    nk = record[record["partner"] == "North Korea"]
    assert nk["event_id"].tolist() == ["2024-06-19-russia-dprk-treaty"]
    iran = record[record["partner"] == "Iran"]
    assert len(iran) == 1 and iran["title"].iloc[0] == alliances.NO_EVENT
    assert pd.isna(iran["date"].iloc[0])
    assert record[record["partner"] == "China"]["event_id"].tolist() == ["x-china-row"]


def test_partner_record_matches_whole_words_only():
    record = alliances.partner_record(events_frame(), {"Iran": ["Iran"], "Chin": ["Machin"]})
    assert record["title"].tolist() == [alliances.NO_EVENT, alliances.NO_EVENT]


def test_partner_table_on_real_data():
    table = alliances.partner_table(data.load("events"))
    assert set(table.frame["Partner"]) == set(alliances.PARTNERS)
    assert 'id="T_russia-partners"' in table._repr_html_()


def test_record_frame_lanes_and_unknown_ids():
    statements = pd.DataFrame({"id": ["s09"], "speaker": ["putin"], "date": pd.to_datetime(["2007-02-10"]),
                               "quote": ["Words."], "context": ["Munich speech."],
                               "source": ["kremlin2007munich"]})
    lanes = {"Joins NATO": [], "Decisions": ["2022-05-18-finland-sweden-apply-nato"],
             "Says": ["s09"], "Does": ["2008-08-07-russia-georgia-war-begins"]}
    frame = alliances.record_frame(members_frame(), events_frame(), statements, lanes, since="1991-12-26")
    assert frame["lane"].tolist() == ["Joins NATO", "Says", "Does", "Joins NATO", "Decisions"]
    said = frame[frame["lane"] == "Says"].iloc[0]
    assert said["detail"] == "\u201cWords.\u201d" and said["status"].startswith("claimed by Putin")
    assert frame["source_label"].str.len().min() > 10
    with pytest.raises(KeyError, match="nope"):
        alliances.record_frame(members_frame(), events_frame(), statements, {"J": [], "X": ["nope"]})


def test_long_date():
    assert alliances.long_date(pd.Timestamp("2022-05-18")) == "18 May 2022"
    assert alliances.long_date(pd.Timestamp("2023-04-04")) == "4 April 2023"


# ---------------------------------------------------------------------------------- charts

@pytest.fixture(scope="module")
def real():
    return data.load("nato_members"), data.load("events"), data.load("statements")


@pytest.fixture(scope="module")
def enlargement_spec(real):
    members, events, _ = real
    return alliances.enlargement_chart(members, events).to_dict()


@pytest.fixture(scope="module")
def record_spec(real):
    return alliances.record_chart(*real).to_dict()


def layer_with(spec, mark):
    return [layer for layer in spec["vconcat"][0]["layer"]
            if (layer["mark"] if isinstance(layer["mark"], str) else layer["mark"]["type"]) == mark]


def test_enlargement_chart_frame(real, enlargement_spec):
    members, events, _ = real
    last = events["date"].max().year  # the chart runs to the end of the record
    assert enlargement_spec["title"]["text"] == f"NATO's membership, 1949–{last}: from 12 to 32 states"
    assert enlargement_spec["title"]["subtitle"]
    description = enlargement_spec["description"]
    assert description.startswith("Step chart of the number of NATO member states")
    assert f"to {len(members)}" in description and "18 May 2022" in description
    assert "Finland (4 April 2023)" in description and "Sweden (7 March 2024)" in description
    assert enlargement_spec["vconcat"][1]["mark"]["type"] == "text"
    assert "Source: Reading the Kremlin, data/nato_members.csv" in json.dumps(enlargement_spec["datasets"])


def test_enlargement_chart_encodings(enlargement_spec):
    line = layer_with(enlargement_spec, "line")[0]
    assert line["mark"]["interpolate"] == "step-after"
    assert line["encoding"]["x"]["field"] == "date" and line["encoding"]["x"]["type"] == "temporal"
    assert line["encoding"]["x"]["title"] == "Year"
    assert line["encoding"]["y"]["field"] == "members_after"
    assert line["encoding"]["y"]["title"] == "Member states (number)"
    points = layer_with(enlargement_spec, "point")[0]["encoding"]
    assert points["color"]["field"] == points["shape"]["field"] == "kind_label", \
        "the highlight must not rely on colour alone"
    assert {t["field"] for t in points["tooltip"]} >= {"date_label", "countries", "joined",
                                                       "members_after", "source_label"}
    rule = layer_with(enlargement_spec, "rule")[0]["encoding"]
    assert "source_label" in {t["field"] for t in rule["tooltip"]}


def test_enlargement_step_ends_at_the_last_year(real, enlargement_spec):
    line = layer_with(enlargement_spec, "line")[0]
    rows = enlargement_spec["datasets"][line["data"]["name"]]
    last = real[1]["date"].max().year
    assert rows[-1] == {"date": f"{last}-12-31", "members_after": len(real[0])}


def test_record_chart_frame_and_encodings(record_spec):
    assert record_spec["title"]["text"] == "NATO enlargement and Russia's actions on one time axis"
    assert any("sequence, not cause" in s for s in record_spec["title"]["subtitle"])
    assert record_spec["description"].startswith("Timeline chart in 5 lanes")
    assert "2008, 2014, 2022" in record_spec["description"]
    assert "Source: Reading the Kremlin" in json.dumps(record_spec["datasets"])
    points = layer_with(record_spec, "point")[0]["encoding"]
    assert points["x"]["type"] == "temporal" and points["x"]["title"] == "Date (year)"
    assert points["y"]["field"] == "lane"
    assert points["shape"]["field"] == "lane" and points["color"]["field"] == "lane"
    assert {t["field"] for t in points["tooltip"]} == {"date_label", "what", "detail", "status",
                                                       "source_label"}
