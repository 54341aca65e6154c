"""The register of the seed article's claims: verbatim, consistent with the data, well charted."""
import json

import pandas as pd
import pytest

from handbook import BIB_PATH, claims, data
from handbook.sources import bibliography, split_keys


@pytest.fixture(scope="module")
def register():
    return claims.load_register()


@pytest.fixture(scope="module")
def spec(register):
    return claims.claims_chart(register).to_dict()


# ---- the register itself ---------------------------------------------------------------------

def test_every_excerpt_is_verbatim_in_the_seed(seed_text):
    assert claims.missing_excerpts(seed_text) == []


def test_missing_excerpts_finds_a_paraphrase():
    claim = claims.Claim("x", "Russia was thrown out of the G8", "assertion", "none", "seed",
                         "events", "loose", "suspended")
    assert claims.missing_excerpts("Russia was expelled from the G8", [claim]) == ["x"]


def test_excerpts_are_short():
    assert all(len(c.excerpt) <= 140 for c in claims.CLAIMS)


def test_every_claim_has_a_known_kind_verdict_and_attribution():
    for c in claims.CLAIMS:
        assert c.kind in claims.KINDS, c.id
        assert c.verdict in claims.VERDICTS, c.id
        assert c.attribution in claims.ATTRIBUTIONS, c.id
        assert c.who and c.check and c.record, c.id
        assert c.evidence, f"{c.id} names no row of data/ as its record"


def test_quotes_are_the_seven_statements_of_the_seed():
    statements = data.load("statements").set_index("id")
    quotes = [c for c in claims.CLAIMS if c.kind == "quote"]
    from_seed = statements[statements["source"].str.contains(claims.SEED_KEY)]
    assert sorted(c.statement for c in quotes) == sorted(from_seed.index)
    for c in quotes:
        assert c.excerpt in statements.loc[c.statement, "quote"], c.id
        assert c.attribution == "named"
    assert all(not c.statement for c in claims.CLAIMS if c.kind != "quote")


def test_the_brief_s_corrections_are_in_the_register():
    by_id = {c.id: c for c in claims.CLAIMS}
    assert by_id["s-expelled"].verdict == "loose"
    assert set(by_id["s-expelled"].evidence) >= {
        "events:2014-03-24-g7-hague-declaration", "events:2014-06-04-g7-brussels-summit"}
    assert by_id["s-galeotti"].verdict == "wrong"
    assert "people:galeotti" in by_id["s-galeotti"].evidence
    assert by_id["q-galeotti-20"].verdict == "loose"
    assert by_id["a-refused-to-sign"].verdict == "wrong"
    assert "negotiations:minsk-ii-2015" in by_id["a-refused-to-sign"].evidence
    assert by_id["s-g8-joined"].verdict == "wrong"


def test_claims_frame_labels_and_seed_sources(register):
    assert len(register) == len(claims.CLAIMS)
    assert not register[["kind_label", "verdict_label", "attribution_label"]].isna().any().any()
    quote = register[register["kind"] == "quote"].iloc[0]
    assert quote["seed_source"] == f"{claims.SEED_KEY};{claims.CNN_KEY}"
    cnn = register[register["id"] == "a-refused-to-sign"].iloc[0]
    assert claims.CNN_KEY in cnn["seed_source"]
    own = register[register["id"] == "s-kgb"].iloc[0]
    assert own["seed_source"] == claims.SEED_KEY


def test_claims_frame_refuses_unknown_verdict():
    bad = claims.Claim("x", "e", "assertion", "none", "w", "c", "probably", "r", ("events:x",))
    with pytest.raises(ValueError, match="unknown"):
        claims.claims_frame([bad])


def test_claims_frame_refuses_duplicate_ids():
    c = claims.CLAIMS[0]
    with pytest.raises(ValueError, match="duplicate"):
        claims.claims_frame([c, c])


# ---- evidence: rows of data/, their sources ---------------------------------------------------

def test_parse_reference():
    assert claims.parse_reference("economy:brent_usd_per_barrel@1998") == (
        "economy", ["brent_usd_per_barrel", "1998"])
    assert claims.parse_reference("glossary:root causes") == ("glossary", ["root causes"])
    with pytest.raises(ValueError):
        claims.parse_reference("no-colon")


def small_frames():
    events = pd.DataFrame({"id": ["a", "b"], "source": ["k1;k2", "euromaidan2025cnnsummary;k3"]})
    economy = pd.DataFrame({"indicator": ["oil", "oil"], "year": [1998, 1999],
                            "source": ["k4", "k5"]})
    return {"events": events, "economy": economy}, {"events": ["id"],
                                                   "economy": ["indicator", "year"]}


def test_evidence_rows_on_a_small_frame():
    frames, keys = small_frames()
    assert claims.evidence_rows("economy:oil@1999", frames, keys)["source"].tolist() == ["k5"]
    with pytest.raises(KeyError, match="no row"):
        claims.evidence_rows("events:c", frames, keys)
    with pytest.raises(KeyError, match="keyed by"):
        claims.evidence_rows("economy:oil", frames, keys)
    with pytest.raises(KeyError, match="no dataset"):
        claims.evidence_rows("people:x", frames, keys)


def test_record_sources_skip_the_seed_and_repeats():
    frames, keys = small_frames()
    frame = pd.DataFrame({"evidence": ["events:a;events:b;economy:oil@1998", "events:b"]})
    assert claims.record_sources(frame, frames, keys).tolist() == ["k1;k2;k3;k4", "k3"]


def test_every_evidence_row_exists_and_every_source_is_in_the_bibliography(register):
    bib = set(bibliography(BIB_PATH))
    for keys in register["record_source"]:
        assert set(split_keys(keys)) <= bib
    for c in ("a-refused-to-sign", "s-expelled", "s-g8-joined", "s-galeotti", "q-galeotti-20"):
        assert register.set_index("id").loc[c, "record_source"], f"{c} has no record source"


def test_kind_verdict_counts_on_a_small_frame():
    frame = pd.DataFrame({"kind_label": ["Quote", "Quote", "Unattributed assertion"],
                          "verdict_label": ["Loose", "Not testable", "Wrong"]})
    table = claims.kind_verdict_counts(frame)
    assert list(table.columns) == ["Supported", "Loose", "Wrong", "Not testable", "All"]
    assert table.loc["Quote", "All"] == 2 and table.loc["Reported analysis", "All"] == 0
    assert table.loc["All", "All"] == 3 and table.loc["All", "Wrong"] == 1


def test_chart_frame_positions_count_up_within_each_kind(register):
    frame = claims.chart_frame(register)
    for _, group in frame.groupby("kind"):
        assert sorted(group["position"]) == list(range(1, len(group) + 1))
    first = frame[frame["kind"] == "assertion"].sort_values("position")["verdict"].tolist()
    order = list(claims.VERDICTS)
    assert first == sorted(first, key=order.index), "verdicts are grouped in order"


# ---- the chart ---------------------------------------------------------------------------------

def test_chart_title_description_and_source(spec, register):
    assert spec["title"]["text"] == "The seed article's claims, by kind and verdict"
    assert spec["title"]["subtitle"]
    assert spec["description"].startswith(f"Unit chart of {len(register)} claims")
    assert "reported analyses" in spec["description"]
    assert spec["vconcat"][1]["mark"]["type"] == "text"
    assert "Source: Euromaidan Press" in json.dumps(spec["datasets"])


def test_chart_encodings_use_shape_as_well_as_colour(spec):
    encoding = spec["vconcat"][0]["encoding"]
    assert encoding["x"]["field"] == "position" and "Number of claims" in encoding["x"]["title"]
    assert encoding["y"]["field"] == "kind_label" and encoding["y"]["title"] == "Kind of claim"
    assert encoding["color"]["field"] == "verdict_label"
    assert encoding["shape"]["field"] == "verdict_label"
    assert encoding["shape"]["scale"]["range"] == list(claims.VERDICT_SHAPES.values())


def test_chart_tooltips_carry_excerpt_check_and_sources(spec):
    fields = {t["field"] for t in spec["vconcat"][0]["encoding"]["tooltip"]}
    assert {"excerpt", "who", "verdict_label", "check", "record", "seed_source_label",
            "record_source_label"} <= fields
    rows = next(iter(spec["datasets"].values()))
    assert all(r["seed_source_label"].startswith("Euromaidan Press") for r in rows)


# ---- tables and helpers ------------------------------------------------------------------------

def test_quotes_table_lists_the_seven_quotes():
    table = claims.quotes_table(data.load("statements"), data.load("people"))
    assert len(table.frame) == 7
    assert set(table.frame["Speaker"]) == {"Kristine Berzina", "Mark Galeotti",
                                           "Andrei Soldatov", "Monica White"}
    assert 'id="T_seed-quotes"' in table._repr_html_()


def test_record_table_lists_wrong_before_loose(register):
    table = claims.record_table(register)
    verdicts = table.frame["Verdict"].tolist()
    assert verdicts == sorted(verdicts, key=["Wrong", "Loose"].index)
    assert set(verdicts) == {"Wrong", "Loose"}
    assert table.frame["Record's sources"].str.len().min() > 10


def test_register_table_has_every_claim(register):
    assert len(claims.register_table(register).frame) == len(register)


def test_russia_signed_on_a_small_frame():
    frame = pd.DataFrame({"id": ["b", "a", "c"], "russia_signed": ["yes", "yes", "no"],
                          "start_date": pd.to_datetime(["2015-02-11", "2014-09-05",
                                                        "2022-03-29"])})
    assert claims.russia_signed(frame)["id"].tolist() == ["a", "b"]


def test_assessment_names_a_missing_row():
    with pytest.raises(KeyError, match="territory.csv"):
        claims.assessment(pd.DataFrame({"id": ["x"]}), "y")


def test_cite_brief_gives_who_and_date():
    assert claims.cite_brief("g72014hague") == "Group of Seven (2014-03-24)"
    assert claims.cite_brief("") == ""
