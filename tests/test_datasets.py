"""The handbook's own data: valid, sourced, consistent, and every reference in use."""
import json
import re

import pandas as pd

from handbook import BIB_PATH, DATA_DIR, ROOT, data
from handbook.sources import bibliography, split_keys

CITE = re.compile(r"\{(?:cite|cite:p|cite:t|cite:ps|cite:ts|footcite|footcite:p|footcite:t)\}`([^`]+)`")


def test_every_dataset_validates():
    data.validate_all()


def test_every_resource_is_described_fully():
    package = data.read_package()
    assert package["licenses"]
    for resource in package["resources"]:
        assert resource.get("title") and resource.get("description"), resource["name"]
        assert resource.get("sources"), resource["name"]
        assert (DATA_DIR / resource["path"]).exists(), resource["path"]
        for field in resource["schema"]["fields"]:
            assert field.get("description"), f"{resource['name']}.{field['name']} has no description"
        assert any(f.get("x-bibtexKeys") for f in resource["schema"]["fields"]) or \
            resource["name"] == "eras", f"{resource['name']} has no source column"


def test_every_csv_in_data_is_described():
    described = {r["path"] for r in data.read_package()["resources"]}
    assert {p.name for p in DATA_DIR.glob("*.csv")} == described


def cited_in_prose() -> set[str]:
    keys = set()
    for path in list((ROOT / "book").glob("*.md")) + list((ROOT / "book").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        for match in CITE.findall(text):
            keys.update(k.strip() for k in match.split(","))
    return keys


def cited_in_data() -> set[str]:
    keys = set()
    for resource in data.read_package()["resources"]:
        frame = data.load(resource["name"])
        for field in resource["schema"]["fields"]:
            if field.get("x-bibtexKeys"):
                for cell in frame[field["name"]].dropna():
                    keys.update(split_keys(cell))
    return keys


def test_every_prose_citation_exists():
    missing = cited_in_prose() - set(bibliography())
    assert not missing, f"cited in book/ but not in {BIB_PATH.name}: {sorted(missing)}"


def test_every_bibliography_entry_is_used():
    unused = set(bibliography()) - cited_in_data() - cited_in_prose()
    assert not unused, f"entries of {BIB_PATH.name} that nothing cites: {sorted(unused)}"


def test_every_bibliography_entry_has_title_year_and_publisher():
    for key, source in bibliography().items():
        assert source.title, key
        assert re.fullmatch(r"\d{4}", source.year), f"{key}: year {source.year!r}"
        assert source.who, f"{key}: no author or organisation"
        if source.date:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source.date), f"{key}: date {source.date!r}"
            assert source.date[:4] == source.year, f"{key}: date {source.date} but year {source.year}"


def test_event_ids_carry_their_date():
    events = data.load("events")
    for event_id, date in zip(events["id"], events["date"]):
        assert event_id.startswith(date.strftime("%Y-%m-%d")), event_id


def test_no_duplicate_events():
    events = data.load("events")
    key = events["date"].dt.strftime("%Y-%m-%d") + " " + events["title"].str.lower()
    assert not key.duplicated().any(), key[key.duplicated()].tolist()


def test_month_and_year_precision_dates_are_first_of_period():
    for name, column, precision in (("events", "date", "date_precision"),
                                    ("statements", "date", "date_precision"),
                                    ("territory", "date", "date_precision")):
        frame = data.load(name)
        month = frame[frame[precision] == "month"][column]
        year = frame[frame[precision] == "year"][column]
        assert (month.dt.day == 1).all(), name
        assert ((year.dt.day == 1) & (year.dt.month == 1)).all(), name


def test_events_cover_1991_to_the_geneva_talks_in_every_category():
    """At least 300 events, from 1991 to at least the Geneva talks of 23 November 2025, in every
    category; both sides' conduct of the war and the findings of courts and investigations."""
    events = data.load("events")
    assert len(events) >= 300
    assert events["date"].min().year == 1991 and events["date"].max() >= pd.Timestamp("2025-11-23")
    assert (events["category"] == "strikes").sum() >= 20
    assert (events["category"] == "accountability").sum() >= 20
    categories = json.loads((DATA_DIR / "datapackage.json").read_text())["resources"][0]
    enum = [f for f in categories["schema"]["fields"] if f["name"] == "category"][0]
    assert set(events["category"]) == set(enum["constraints"]["enum"])


def test_nato_count_is_derived_from_accession_dates():
    members = data.load("nato_members")
    assert len(members) == 32
    by_year = members["accession_date"].dt.year.value_counts().sort_index().cumsum()
    assert by_year.loc[1949] == 12 and by_year.loc[2024] == 32


def test_economy_series_are_annual_and_complete():
    economy = data.load("economy")
    for indicator in ("brent_usd_per_barrel", "russia_gdp_current_usd"):
        years = sorted(economy.loc[economy["indicator"] == indicator, "year"])
        assert years == list(range(1990, 2025)), indicator


def test_territory_rows_give_share_or_area():
    territory = data.load("territory")
    assert (territory["share_pct"].notna() | territory["area_km2"].notna()).all()
    quoted = territory[territory["status"] == "quoted"]
    assert quoted["assessed_by"].str.contains("Galeotti").any()


def test_seed_quotes_are_verbatim(seed_text):
    """Every statement sourced to the seed article appears in it character for character."""
    seed = seed_text
    statements = data.load("statements")
    from_seed = statements[statements["source"].str.contains("euromaidan2025cnnsummary")]
    assert len(from_seed) >= 7
    for quote in from_seed["quote"]:
        assert quote in seed, quote


def test_every_bibliography_entry_has_an_author_for_the_bibliography_style():
    """The bibliography's style needs an author (a corporate one in double braces will do)."""
    from pybtex.database import parse_file

    missing = [key for key, entry in parse_file(str(BIB_PATH)).entries.items()
               if "author" not in entry.persons and "editor" not in entry.persons]
    assert not missing, f"entries without author: {missing} (use author = {{{{Organisation}}}})"


def test_every_url_is_http_and_clean():
    """URLs in the bibliography and in data are http(s) addresses, without TeX escapes; no cell
    of any dataset holds a script URL."""
    from pybtex.database import parse_file

    bad = []
    for key, entry in parse_file(str(BIB_PATH)).entries.items():
        url = entry.fields.get("url")
        if url is not None and (not re.fullmatch(r"https?://\S+", url) or "\\" in url):
            bad.append(f"{key}: {url}")
    scheme = re.compile(r"(?i)\b(javascript|vbscript|data)\s*:")
    for name in data.resource_names():
        frame = data.load(name)
        for column in frame.columns:
            for value in frame[column].dropna().astype(str):
                if scheme.search(value) or (value.startswith(("http:", "https:"))
                                            and not re.fullmatch(r"https?://\S+", value)):
                    bad.append(f"{name}.{column}: {value[:80]}")
    assert not bad, "\n".join(bad)


def test_economic_levels_are_positive():
    """Growth rates may be negative; prices, GDP and revenues may not."""
    economy = data.load("economy")
    levels = economy[~economy["indicator"].str.endswith("_pct")]
    assert (levels["value"] > 0).all()
