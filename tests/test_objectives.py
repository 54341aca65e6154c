"""Chapter 3 ("Root causes"): the objectives module's logic, tables and chart, and the chapter's
quotes (every long quotation in the notebook must be verbatim from the data or the seed)."""
import json
import re

import nbformat
import pandas as pd
import pytest

from handbook import ROOT, charts, data
from handbook import objectives as obj
from handbook.sources import bibliography

# --------------------------------------------------------------------------------------------
# Small hand-made frames


@pytest.fixture()
def people():
    return pd.DataFrame({
        "id": ["putin", "kirill", "berzina", "zelenskyy"],
        "name": ["Vladimir Putin", "Patriarch Kirill", "Kristine Berzina", "Volodymyr Zelenskyy"],
        "role": ["President", "Patriarch", "Managing director", "President of Ukraine"],
        "affiliation": ["Government of the Russian Federation",
                        "Russian Orthodox Church (Moscow Patriarchate)",
                        "German Marshall Fund of the United States",
                        "Office of the President of Ukraine"],
        "kind": ["politician", "church", "expert", "politician"],
    })


@pytest.fixture()
def objectives():
    return pd.DataFrame({
        "id": ["nato", "elections", "church"],
        "name": ["Limiting NATO", "Elections", "Orthodox unity"],
        "kremlin_wording": ["NATO is a threat.", "No statement.", "Sermons."],
        "kremlin_statement": ["a1", pd.NA, "a9"],
        "analyst_reading": ["CNN reads it so.", "Berzina argues so.", "CNN says so."],
        "analyst_source": ["cnn2025analysis", "cnn2025analysis", "cnn2025analysis"],
        "first_stated": pd.to_datetime(["2007-02-10", "2025-03-22", "2022-09-25"]),
        "first_stated_precision": ["day", "day", "month"],
        "status": ["both", "inferred", "both"],
        "source": ["kremlin2007munich", "cnn2025analysis", "rferl2022kirill"],
    })


@pytest.fixture()
def statements():
    return pd.DataFrame({
        "id": ["a1", "a2", "a3", "a4", "a9"],
        "speaker": ["putin", "putin", "berzina", "berzina", "kirill"],
        "date": pd.to_datetime(["2007-02-10", "2022-02-24", "2025-03-22", "2025-03-22",
                                "2022-09-25"]),
        "date_precision": ["day"] * 5,
        "quote": ["q1", "q2", "q3", "q4", "q9"],
        "context": ["c1", "c2", "c3", "c4", "c9"],
        "themes": ["nato", "nato;church", "elections;nato", "elections", pd.NA],
        "source": ["kremlin2007munich", "kremlin2022address", "cnn2025analysis",
                   "cnn2025analysis", "rferl2022kirill"],
    })


def test_voice_classifies_speakers():
    assert obj.voice("politician", "Government of the Russian Federation") == "Russian leadership"
    assert obj.voice("official", "Presidential Executive Office (Kremlin)") == "Russian leadership"
    assert obj.voice("church", "Russian Orthodox Church (Moscow Patriarchate)") == \
        "Russian Orthodox Church"
    assert obj.voice("expert", "German Marshall Fund of the United States") == \
        "Analyst or journalist"
    assert obj.voice("journalist", None) == "Analyst or journalist"
    assert obj.voice("politician", "Office of the President of Ukraine") == "Other"


def test_status_counts_keeps_every_status_in_order(objectives):
    counts = obj.status_counts(objectives)
    assert counts["status"].tolist() == ["stated", "both", "inferred"]
    assert counts["objectives"].tolist() == [0, 2, 1]
    assert counts["objectives"].sum() == len(objectives)


def test_statement_themes_explodes_and_labels(statements, people, objectives):
    pairs = obj.statement_themes(statements, people, objectives)
    assert len(pairs) == 6  # a9 has no theme and is dropped; a2 and a3 speak to two objectives
    assert sorted(pairs.loc[pairs["id"] == "a2", "objective"]) == ["church", "nato"]
    assert set(pairs.loc[pairs["speaker"] == "berzina", "voice"]) == {"Analyst or journalist"}
    assert pairs.loc[pairs["id"] == "a1", "objective_name"].item() == "Limiting NATO"


def test_objective_evidence(statements, people, objectives):
    ev = obj.objective_evidence(objectives, statements, people).set_index("id")
    assert ev.at["nato", "kremlin_statements"] == 2
    assert ev.at["nato", "analyst_statements"] == 1
    assert ev.at["elections", "kremlin_statements"] == 0
    assert ev.at["elections", "analyst_statements"] == 2
    assert ev.at["nato", "first_kremlin_statement"] == pd.Timestamp("2007-02-10")
    assert pd.isna(ev.at["elections", "first_kremlin_statement"])
    # a2 (2022-02-24) is tagged 'church', whose first_stated is 2022-09-25
    assert ev.at["church", "tagged_before_first"] == 1
    assert ev.at["nato", "tagged_before_first"] == 0
    # a9 is named by 'church' but not tagged with it
    assert not ev.at["church", "named_is_tagged"]
    assert ev.at["nato", "named_is_tagged"] and ev.at["elections", "named_is_tagged"]


def test_restatement_frame_spreads_ties_and_draws_markers_last(statements, people, objectives):
    frame = obj.restatement_frame(statements, people, objectives, offset_px=8)
    assert frame["marker"].iloc[-len(objectives):].eq(obj.FIRST_STATED).all()
    same_day = frame[(frame["objective_name"] == "Elections") & (frame["date"] == "2025-03-22")
                     & (frame["marker"] != obj.FIRST_STATED)]
    assert sorted(same_day["offset"]) == [-4.0, 4.0]
    assert frame.loc[frame["marker"] == obj.FIRST_STATED, "offset"].eq(0).all()
    church = frame[(frame["objective_name"] == "Orthodox unity")
                   & (frame["marker"] == obj.FIRST_STATED)]
    assert church["date_label"].item() == "September 2022"  # month precision respected
    assert frame["source_label"].str.len().min() > 10


def test_tables_on_hand_made_frames(statements, people, objectives):
    table = obj.objectives_table(objectives, statements, people)
    assert table.frame["Objective"].tolist() == ["Limiting NATO", "Orthodox unity", "Elections"]
    assert table.frame["Verbatim statement named"].tolist() == ["Putin, 10 Feb 2007",
                                                                "Kirill, 25 Sep 2022", "none"]
    assert 'id="T_objectives"' in table._repr_html_()
    wording = obj.wording_table(objectives)
    assert list(wording.frame.columns)[1:] == ["What the Kremlin says (handbook's summary)",
                                               "What analysts read into it (attributed)"]
    assert wording.frame["What analysts read into it (attributed)"].str.contains(
        r"CNN \(2025-03-22\)").all()
    assert "<caption>" in wording._repr_html_()


# --------------------------------------------------------------------------------------------
# The chart, on the real data


@pytest.fixture(scope="module")
def real():
    return data.load("statements"), data.load("people"), data.load("objectives")


@pytest.fixture(scope="module")
def spec(real):
    return obj.restatement_chart(*real).to_dict()


def test_chart_frame(spec):
    assert spec["title"]["text"] == "When each objective was stated, and by whom"
    assert spec["title"]["subtitle"]
    assert spec["vconcat"][1]["mark"]["type"] == "text"
    assert "Source: Reading the Kremlin" in json.dumps(spec["datasets"])


def test_chart_description_states_computed_findings(spec, real):
    statements, people, objectives = real
    pairs = obj.statement_themes(statements, people, objectives)
    description = spec["description"]
    assert description.startswith("Dot chart of")
    assert f"{len(pairs)} statement-objective pairs" in description
    assert f"{len(objectives)} objectives" in description
    assert "22 March 2025" in description


def _layer(spec, mark):
    return next(layer for layer in spec["vconcat"][0]["layer"]
                if (layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"])
                == mark)


def test_chart_encodings_and_tooltips(spec):
    enc = _layer(spec, "point")["encoding"]
    assert enc["x"]["field"] == "date" and enc["x"]["type"] == "temporal"
    assert "(year)" in enc["x"]["title"]
    assert enc["y"]["field"] == "objective_name" and enc["y"]["title"]
    assert enc["shape"]["field"] == "marker", "voice must not rely on colour alone"
    assert enc["color"]["field"] == "marker"
    assert enc["shape"]["scale"]["domain"][0] == obj.FIRST_STATED
    assert set(enc["color"]["scale"]["range"][1:]) <= set(charts.PALETTE)
    fields = {t["field"] for t in enc["tooltip"]}
    assert {"date_label", "speaker", "what", "context", "source_label"} <= fields
    assert any(p.get("bind") == "scales" for p in spec["params"])


def test_chart_labels_every_row(spec, real):
    labels = _layer(spec, "text")
    assert labels["encoding"]["text"]["field"] == "objective_name"
    names = {row["objective_name"] for row in spec["datasets"][labels["data"]["name"]]}
    assert names == set(real[2]["name"])


def test_chart_tooltips_carry_quotes_and_sources(real):
    frame = obj.restatement_frame(*real)
    statements = real[0]
    points = frame[frame["marker"] != obj.FIRST_STATED]
    assert set(points["what"].str.strip("\u201c\u201d")) <= set(statements["quote"])
    assert not frame["source_label"].str.contains(";;").any()


# --------------------------------------------------------------------------------------------
# The chapter's quotations


def _quoted_spans(text):
    spans = re.findall(r'"([^"\n]+)"', text) + re.findall(r"\u201c([^\u201d\n]+)\u201d", text)
    return [s for s in spans if len(s.split()) >= 5]


def test_long_quotations_in_the_chapter_are_verbatim(real, seed_text):
    statements = real[0]
    notebook = nbformat.read(ROOT / "book" / "03-root-causes.ipynb", as_version=4)
    corpus = list(statements["quote"]) + [s.title for s in bibliography().values()]
    corpus.append(seed_text)
    spans = [s for cell in notebook.cells if cell.cell_type == "markdown"
             for s in _quoted_spans(cell.source)]
    assert spans, "the chapter quotes its sources"
    missing = [s for s in spans if not any(s.strip(" .…") in text for text in corpus)]
    assert not missing, f"not verbatim from statements.csv, the seed or a title: {missing}"
