"""The negotiations chapter's logic, tables and charts (handbook/negotiations.py)."""
import json

import pandas as pd
import pytest

from handbook import data
from handbook import negotiations as ng

INVASION = pd.Timestamp("2022-02-24")


def frame(rows):
    """A small negotiations frame typed like data.load('negotiations')."""
    columns = ["id", "start_date", "end_date", "name", "venue", "format", "parties", "mediators",
               "on_the_table", "russia_signed", "outcome", "outcome_note", "source"]
    out = pd.DataFrame(rows, columns=columns)
    out.insert(columns.index("russia_signed") + 1, "russia_act", out["id"].map(SMALL_ACTS))
    out["start_date"] = pd.to_datetime(out["start_date"])
    out["end_date"] = pd.to_datetime(out["end_date"])
    return out


SOURCE = "unsc2015res2202"  # any key that exists in book/references.bib
#: What Russia did in each episode of the small frame, as the data's russia_act records it.
SMALL_ACTS = {"a-signed": "signed-document", "b-joined": "joined-statement",
              "c-voted": "voted-resolution", "d-no": "did-not-sign", "e-table": "at-table-no-text",
              "f-absent": "not-at-table", "g-grain": "signed-document"}


@pytest.fixture()
def small():
    return frame([
        ["a-signed", "2014-09-05", None, "Protocol A", "Minsk", "group", "Ukraine;Russia;OSCE",
         "OSCE", "Ceasefire.", "yes", "signed-then-abandoned", "Signed by Russia's envoy.", SOURCE],
        ["b-joined", "2014-04-17", None, "Statement B", "Geneva", None, "Russia;Ukraine",
         None, "De-escalation.", "yes", "signed-then-abandoned",
         "Russia joined the agreed joint statement.", SOURCE],
        ["c-voted", "2015-02-17", None, "Resolution C", "New York", "vote",
         "Members of the UN Security Council", None, "Endorsement.", "yes",
         "signed-then-abandoned", "Adopted unanimously; Russia voted for it.", SOURCE],
        ["d-no", "2022-03-29", None, "Round D", "Istanbul", "bilateral", "Russia;Ukraine",
         "Türkiye", "Neutrality; ceasefire.", "no", "not-signed", "No treaty was signed.", SOURCE],
        ["e-table", "2025-05-16", None, "Round E", "Istanbul", "bilateral", "Russia;Ukraine",
         "Türkiye", "Ceasefire, prisoner exchange.", "not-applicable", "no-agreement",
         "No ceasefire.", SOURCE],
        ["f-absent", "2025-03-11", None, "Talks F", "Jeddah", "bilateral",
         "United States;Ukraine", "Saudi Arabia (host)", "30-day ceasefire.", "not-applicable",
         "no-agreement", "Russia was not a party.", SOURCE],
        ["g-grain", "2022-07-22", "2023-07-17", "Grain G", "Istanbul",
         "separate documents", "Russia;Ukraine;Türkiye;United Nations", "Türkiye;United Nations",
         "Grain exports.", "yes", "signed-then-abandoned", "Shoigu signed for Russia.", SOURCE],
    ])


# ---------------------------------------------------------------------------- logic


def test_russia_at_table_matches_whole_party_names():
    assert ng.russia_at_table("United States;Russia")
    assert not ng.russia_at_table("Ukraine;about 40 other states including China")
    assert not ng.russia_at_table("Russian-backed groups")


def test_date_range_labels():
    day = pd.Timestamp
    assert ng.date_range(day("2014-04-17"), pd.NaT) == "17 Apr 2014"
    assert ng.date_range(day("2015-02-11"), day("2015-02-12")) == "11–12 Feb 2015"
    assert ng.date_range(day("2024-06-15"), day("2024-06-16")) == "15–16 Jun 2024"
    assert ng.date_range(day("2021-11-30"), day("2021-12-02")) == "30 Nov – 2 Dec 2021"
    assert ng.date_range(day("2022-07-22"), day("2023-07-17")) == "22 Jul 2022 – 17 Jul 2023"


def test_short_name_falls_back_to_a_cut_name():
    assert ng.short_name("minsk-ii-2015", "whatever") == "Minsk II package"
    long = "A very long name of a negotiation episode that goes on"
    assert ng.short_name("unknown", long).endswith("…")
    assert len(ng.short_name("unknown", long)) <= 34


def test_signing_record_on_a_small_frame(small):
    record = ng.signing_record(small, INVASION)
    assert record["episodes"] == 7
    assert record["yes"] == 4
    assert (record["signed_document"], record["joined_statement"],
            record["voted_resolution"]) == (2, 1, 1)
    assert record["yes_abandoned"] == 4
    assert record["did_not_sign"] == 1
    assert record["no_text"] == 1 and record["absent"] == 1
    assert record["russia_present"] == 6  # the resolution counts: Russia voted
    assert record["since"] == 4 and record["since_present"] == 3
    assert record["since_yes"] == 1 and record["since_yes_names"] == ["Grain G"]
    # d and e put a ceasefire on the table with Russia present; neither was signed
    assert record["since_ceasefire"] == 2 and record["since_ceasefire_signed"] == 0


def test_record_counts_split_at_the_invasion(small):
    table = ng.record_counts(small, INVASION)
    assert table.columns.tolist() == ["Russia's part", "2014 to 23 Feb 2022", "From 24 Feb 2022",
                                      "All episodes"]
    assert table["Russia's part"].tolist() == ng.PARTS
    row = table.set_index("Russia's part")
    assert row.loc["Signed a document"].tolist() == [1, 1, 2]
    assert row.loc["Did not sign"].tolist() == [0, 1, 1]
    assert row["All episodes"].sum() == len(small)


def test_episode_table_shows_the_data_and_its_reading(small):
    out = ng.episode_frame(small)
    assert len(out) == len(small)
    assert out["Dates"].iloc[0] == "17 Apr 2014"  # sorted by start date
    assert {"Russia signed (data)", "What Russia did", "Outcome", "Sources"} <= set(out.columns)
    joined = out.set_index("Episode").loc["Statement B"]
    assert joined["Russia signed (data)"] == "yes"
    assert joined["What Russia did"] == "Joined a joint statement (not a treaty)"
    assert out["Sources"].str.len().min() > 10
    assert "Mediators or hosts" in out and "none recorded" in out["Mediators or hosts"].tolist()
    html = ng.episode_table(small)._repr_html_()
    assert "T_talks-episodes" in html and "<caption>" in html


def test_table_label_and_offsets():
    assert ng.table_label("United States;Russia") == "US – Russia"
    assert ng.table_label("United States;Russia;Ukraine",
                          "separate US–Russia and US–Ukraine meetings").endswith("(separate)")
    assert ng._label_offsets(["a", "a", "b", "a"]) == [-15, 16, -15, -15]


# ---------------------------------------------------------------------------- the real data


@pytest.fixture(scope="module")
def talks():
    return data.load("negotiations")


@pytest.fixture(scope="module")
def events():
    return data.load("events")


def test_every_yes_in_the_data_gets_a_reading(talks):
    parts = ng.episodes(talks)
    yes = parts[parts["russia_signed"] == "yes"]
    assert set(yes["russia_part"]) <= set(ng.PARTS[:3])


def test_every_episode_has_a_short_label(talks):
    assert set(talks["id"]) <= set(ng.SHORT_NAMES)


def test_invasion_date_comes_from_events(events):
    assert ng.invasion_date(events) == pd.Timestamp("2022-02-24")


# ---------------------------------------------------------------------------- charts


def _check_frame(spec, title):
    assert spec["title"]["text"] == title
    assert spec["title"]["subtitle"]
    assert spec["vconcat"][1]["mark"]["type"] == "text"
    assert "Source: Reading the Kremlin, data/negotiations.csv" in json.dumps(spec["datasets"])


def _episode_layers(spec):
    return [layer for layer in spec["vconcat"][0]["layer"]
            if "tooltip" in layer.get("encoding", {})
            and any(t.get("field") == "source_label" for t in layer["encoding"]["tooltip"])]


TOOLTIP_FIELDS = {"name", "dates", "parties_label", "mediators_label", "on_the_table",
                  "russia_signed", "russia_part", "outcome_label", "outcome_note", "source_label"}


def test_timeline_chart(talks, events):
    spec = ng.timeline_chart(talks, events).to_dict()
    _check_frame(spec, "Negotiation episodes since 2014, by outcome")
    assert spec["description"].startswith(f"Timeline chart of {len(talks)} negotiation episodes")
    assert "later abandoned" in spec["description"]
    layers = _episode_layers(spec)
    assert len(layers) == 2  # bars and points
    points = next(layer for layer in layers if layer["mark"]["type"] == "point")
    enc = points["encoding"]
    assert enc["x"]["field"] == "start" and enc["x"]["type"] == "temporal"
    assert enc["x"]["title"] == "Date (year)"
    assert enc["color"]["field"] == "outcome_label"
    assert enc["shape"]["field"] == "outcome_label", "outcome must not rely on colour alone"
    assert enc["color"]["scale"]["domain"] == [v[0] for v in ng.OUTCOMES.values()]
    assert len(set(enc["shape"]["scale"]["range"])) == len(ng.OUTCOMES)
    assert TOOLTIP_FIELDS <= {t["field"] for t in enc["tooltip"]}
    bars = next(layer for layer in layers if layer["mark"]["type"] == "bar")
    assert bars["encoding"]["x2"]["field"] == "end"
    assert "Full-scale invasion, 24 February 2022" in json.dumps(spec["datasets"])


def test_talks_2025_chart(talks):
    spec = ng.talks_2025_chart(talks).to_dict()
    _check_frame(spec, "Who talked to whom in 2025")
    n2025 = int((talks["start_date"].dt.year == 2025).sum())
    assert spec["description"].startswith(f"Timeline chart of the {n2025} negotiation episodes")
    layers = _episode_layers(spec)
    points = next(layer for layer in layers if layer["mark"]["type"] == "point")
    enc = points["encoding"]
    assert enc["y"]["field"] == "table" and enc["y"]["title"] == "At the table"
    assert enc["x"]["title"] == "Date (2025, month)"
    assert enc["shape"]["field"] == "outcome_label"
    assert TOOLTIP_FIELDS <= {t["field"] for t in enc["tooltip"]}
    text = next(layer for layer in layers if layer["mark"]["type"] == "text")
    assert text["encoding"]["text"]["field"] == "label"


def test_talks_chart_refuses_an_empty_year(talks):
    with pytest.raises(ValueError, match="no negotiation episodes"):
        ng.talks_2025_chart(talks, year=2017)


def test_date_range_long_months():
    assert ng.date_range(pd.Timestamp("2025-03-23"), pd.Timestamp("2025-03-25"),
                         long=True) == "23–25 March 2025"


def test_plain_text_has_no_quotes():
    from IPython.lib.pretty import pretty

    assert pretty(ng.PlainText("24 February 2022")) == "24 February 2022"
    assert repr(ng.PlainText("x")) == "x"


def test_russia_act_in_the_data_agrees_with_russia_signed_and_the_parties():
    from handbook import data

    talks = data.load("negotiations")
    yes = {"signed-document", "joined-statement", "voted-resolution"}
    for row in talks.itertuples():
        expected = "yes" if row.russia_act in yes else (
            "no" if row.russia_act == "did-not-sign" else "not-applicable")
        assert row.russia_signed == expected, row.id
        if row.russia_act in ("at-table-no-text", "not-at-table"):
            assert (row.russia_act == "at-table-no-text") == ng.russia_at_table(row.parties), row.id
