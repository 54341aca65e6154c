"""The instruments chapter: the objectives x instruments logic, its two charts, its tables, and
the chapter's quotations and citations."""
import json
import re

import pandas as pd
import pytest

from handbook import ROOT, data, instruments
from handbook.sources import bibliography

NOTEBOOK = ROOT / "book" / "04-instruments.ipynb"


# --------------------------------------------------------------------------------------------
# Hand-made frames


@pytest.fixture
def small_objectives():
    return pd.DataFrame({
        "id": ["a", "b", "c"],
        "name": ["Aim A", "Aim B", "Aim C"],
        "instruments": ["military;alliances", "religion;history-information;alliances",
                        "alliances"],
        "kremlin_statement": ["s10", pd.NA, pd.NA],
        "status": ["both", "inferred", "stated"],
        "source": ["euromaidan2025cnnsummary", "cnn2025analysis",
                   "kremlin2021historicalunity"],
    })


@pytest.fixture
def small_records():
    events = pd.DataFrame({
        "id": ["e1", "e2", instruments.MARKER_EVENT],
        "date": pd.to_datetime(["2019-01-05", "2021-07-12", "2022-02-24"]),
        "date_precision": ["day", "month", "day"],
        "title": ["Tomos", "Essay", "Invasion"],
        "description": ["d1", "d2", "d3"],
        "category": ["narratives", "narratives", "war"],
        "status": ["confirmed", "claimed", "confirmed"],
        "claimed_by": [pd.NA, "Vladimir Putin", pd.NA],
        "source": ["tass2019tomos", "kremlin2021historicalunity", "kremlin2022address"],
    })
    statements = pd.DataFrame({
        "id": ["q1", "q2"], "speaker": ["putin", "berzina"],
        "date": pd.to_datetime(["2021-07-12", "2025-03-22"]),
        "date_precision": ["day", "day"], "quote": ["one people", "easiest way"],
        "source": ["kremlin2021historicalunity", "cnn2025analysis"],
    })
    people = pd.DataFrame({"id": ["putin", "berzina"], "name": ["Vladimir Putin", "Kristine Berzina"],
                           "kind": ["politician", "expert"]})
    strands = {"History": {"events": ["e2"], "statements": ["q1"]},
               "Church": {"events": ["e1"], "statements": []},
               "Elections and legitimacy": {"events": [], "statements": ["q2"]}}
    return events, statements, people, strands


def test_instrument_counts_orders_by_use_then_package_order(small_objectives):
    counts = instruments.instrument_counts(small_objectives)
    assert counts.to_dict() == {"alliances": 3, "military": 1, "history-information": 1,
                                "religion": 1, "political-electoral": 0, "economic": 0}
    assert list(counts.index) == ["alliances", "military", "history-information", "religion",
                                  "political-electoral", "economic"]


def test_objectives_using(small_objectives):
    assert instruments.objectives_using(small_objectives, "alliances") == ["Aim A", "Aim B", "Aim C"]
    assert instruments.objectives_using(small_objectives, "religion") == ["Aim B"]
    assert instruments.objectives_using(small_objectives, "economic") == []
    with pytest.raises(ValueError, match="unknown instrument"):
        instruments.objectives_using(small_objectives, "cyber")


def test_unknown_instrument_in_data_fails(small_objectives):
    broken = small_objectives.assign(instruments=["military;cyber", "alliances", "alliances"])
    with pytest.raises(ValueError, match="cyber"):
        instruments.instrument_counts(broken)


def test_matrix_frame_has_one_row_per_cell(small_objectives):
    frame = instruments.matrix_frame(small_objectives)
    assert len(frame) == 3 * len(instruments.INSTRUMENT_LABELS)
    assert frame["uses"].sum() == 6
    row = frame[(frame["objective"] == "Aim B") & (frame["instrument"] == "religion")].iloc[0]
    assert row["uses"] and row["uses_label"] == "listed"
    assert row["status_label"] == "inferred by analysts only"
    assert row["statement"] == "none in the dataset"
    assert row["column_label"] == "Religion|1 of 3"
    assert "Euromaidan" not in row["source_label"] and "CNN" in row["source_label"]


def test_strands_frame_kinds_dates_and_order(small_records):
    events, statements, people, strands = small_records
    frame = instruments.strands_frame(events, statements, people, strands)
    assert list(frame["id"]) == ["e1", "e2", "q1", "q2"]
    kinds = frame.set_index("id")["kind"].to_dict()
    assert kinds == {"e1": "event", "e2": "event", "q1": "kremlin", "q2": "analyst"}
    assert frame.set_index("id").loc["e2", "date_label"] == "July 2021"
    assert frame.set_index("id").loc["q2", "label"] == "Kristine Berzina: statement q2"
    assert frame["source_label"].str.len().min() > 10


def test_strands_frame_names_missing_ids(small_records):
    events, statements, people, _ = small_records
    with pytest.raises(KeyError, match="nope"):
        instruments.strands_frame(events, statements, people,
                                  {"History": {"events": ["nope"], "statements": []}})


def test_long_date_and_plain_text():
    date = pd.Timestamp("2024-05-20")
    assert instruments.long_date(date) == "20 May 2024"
    assert instruments.long_date(date, "month") == "May 2024"
    assert repr(instruments.long_date(date, "year")) == "2024"


def test_events_frame_sorts_and_states_claimant(small_records):
    events = small_records[0]
    frame = instruments.events_frame(events.iloc[::-1])
    assert list(frame["Event"]) == ["Tomos", "Essay", "Invasion"]
    assert frame["Status"].tolist()[1] == "claimed by Vladimir Putin"
    assert frame["Date"].tolist()[:2] == ["5 Jan 2019", "Jul 2021"]


# --------------------------------------------------------------------------------------------
# Charts on the real data


@pytest.fixture(scope="module")
def real():
    return {name: data.load(name) for name in ("objectives", "events", "statements", "people")}


@pytest.fixture(scope="module")
def matrix_spec(real):
    return instruments.instrument_matrix_chart(real["objectives"]).to_dict()


@pytest.fixture(scope="module")
def strands_spec(real):
    return instruments.strands_chart(real["events"], real["statements"], real["people"]).to_dict()


def _frame_checks(spec, title, description_start):
    assert spec["title"]["text"] == title
    assert spec["title"]["subtitle"]
    assert spec["description"].startswith(description_start)
    assert spec["vconcat"][1]["mark"]["type"] == "text"
    assert "Source: Reading the Kremlin" in json.dumps(spec["datasets"])


def test_matrix_chart_frame(matrix_spec, real):
    _frame_checks(matrix_spec, "Which instruments serve which objectives", "Dot matrix of")
    counts = instruments.instrument_counts(real["objectives"])
    n = len(real["objectives"])
    assert f"{n} Kremlin objectives" in matrix_spec["description"]
    for key, value in counts.items():
        assert f"{instruments.INSTRUMENT_LABELS[key]}: {value}" in matrix_spec["description"]


def test_matrix_chart_encodings_and_tooltips(matrix_spec):
    grid, dots = matrix_spec["vconcat"][0]["layer"]
    assert grid["mark"]["type"] == "rect"
    assert dots["mark"]["type"] == "point" and dots["mark"]["shape"] == "circle"
    assert dots["mark"]["filled"] is True
    assert dots["transform"] == [{"filter": "datum.uses"}], "dots only where the instrument is listed"
    for layer in (grid, dots):
        enc = layer["encoding"]
        assert enc["x"]["field"] == "column_label" and enc["x"]["type"] == "nominal"
        assert "objectives listing it" in enc["x"]["title"]
        assert enc["y"]["field"] == "objective"
        fields = {t["field"] for t in enc["tooltip"]}
        assert {"objective", "instrument_label", "uses_label", "status_label",
                "source_label"} <= fields


def test_matrix_column_labels_carry_counts(matrix_spec, real):
    counts = instruments.instrument_counts(real["objectives"])
    order = matrix_spec["vconcat"][0]["layer"][1]["encoding"]["x"]["sort"]
    n = len(real["objectives"])
    assert order == [f"{instruments.SHORT_LABELS[k]}|{v} of {n}" for k, v in counts.items()]


def test_strands_chart_frame(strands_spec):
    _frame_checks(strands_spec, "Elections, history and church: the dated record",
                  "Strip chart of")
    assert "full-scale invasion" in strands_spec["description"]


def test_strands_chart_encodings(strands_spec):
    layers = strands_spec["vconcat"][0]["layer"]
    rule, _, points = layers
    assert rule["mark"]["type"] == "rule"
    assert "source_label" in {t["field"] for t in rule["encoding"]["tooltip"]}
    enc = points["encoding"]
    assert enc["x"]["field"] == "date" and enc["x"]["type"] == "temporal"
    assert enc["x"]["title"] == "Date (year)"
    assert enc["y"]["field"] == "strand"
    assert enc["shape"]["field"] == "kind_label", "kind must not rely on colour alone"
    assert enc["color"]["field"] == "kind_label"
    assert {"date_label", "label", "detail", "kind_label", "source_label"} <= {
        t["field"] for t in enc["tooltip"]}


def test_strand_ids_exist_in_the_data(real):
    frame = instruments.strands_frame(real["events"], real["statements"], real["people"])
    expected = sum(len(s["events"]) + len(s["statements"]) for s in instruments.STRANDS.values())
    assert len(frame) == expected


# --------------------------------------------------------------------------------------------
# Tables


def test_narratives_table(real):
    table = instruments.narratives_table(real["events"])
    n = int((real["events"]["category"] == "narratives").sum())
    assert len(table.frame) == n
    assert list(table.frame.columns) == ["Date", "Event", "Status", "Sources"]
    html = table._repr_html_()
    assert "T_instruments-narratives" in html and "<caption>" in html
    assert table.frame["Sources"].str.len().min() > 10


def test_mandate_table(real):
    table = instruments.mandate_table(real["events"])
    assert len(table.frame) == 3
    assert table.frame["Date"].tolist() == ["21 Apr 2019", "20 May 2019", "20 May 2024"]


# --------------------------------------------------------------------------------------------
# The chapter's quotations and citations


def _markdown():
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")


def test_blockquotes_are_verbatim(seed_text):
    quotes = set(data.load("statements")["quote"])
    seed = seed_text
    found = 0
    for line in _markdown().splitlines():
        if not line.startswith("> ") or line.startswith("> —"):
            continue
        text = line[2:].strip()
        found += 1
        assert text in quotes or (seed and text in seed), f"not verbatim: {text[:80]}"
    assert found >= 5


def test_cited_keys_exist():
    keys = set(bibliography())
    cited = set()
    for group in re.findall(r"\{cite:[pt]\}`([^`]+)`", _markdown()):
        cited.update(k.strip() for k in group.split(","))
    assert cited and cited <= keys, sorted(cited - keys)
