"""The loader turns every kind of bad input into a DataError naming file, line, column and rule."""
import json
import shutil

import pandas as pd
import pytest

from handbook import data
from handbook.data import DataError

BIB = """@misc{good2020source, title = {A source}, organization = {Somebody}, year = {2020}}
@misc{other2021source, title = {Another source}, organization = {Somebody else}, year = {2021}}
"""

HEADER = "id,date,date_precision,title,category,status,claimed_by,source,themes"
GOOD_ROWS = [
    "2008-04-03-bucharest,2008-04-03,day,Bucharest summit,nato-eu,confirmed,,good2020source,",
    '2014-03-18-crimea,2014-03-18,day,"Crimea, annexed",war,confirmed,,good2020source;other2021source,x',
    "2022-02-24-invasion,2022-02-24,day,Full-scale invasion,war,claimed,Somebody,other2021source,x;y",
]


def _package():
    return {
        "name": "test",
        "resources": [
            {
                "name": "events", "path": "events.csv", "format": "csv", "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {"name": "id", "type": "string", "constraints": {"required": True}},
                        {"name": "date", "type": "date", "constraints": {
                            "required": True, "minimum": "1991-01-01", "maximum": "2025-12-31"}},
                        {"name": "date_precision", "type": "string",
                         "constraints": {"enum": ["day", "month", "year"]}},
                        {"name": "title", "type": "string", "constraints": {"required": True}},
                        {"name": "category", "type": "string",
                         "constraints": {"enum": ["war", "nato-eu"]}},
                        {"name": "status", "type": "string",
                         "constraints": {"enum": ["confirmed", "claimed"]}},
                        {"name": "claimed_by", "type": "string",
                         "x-requiredIf": {"field": "status", "values": ["claimed"]}},
                        {"name": "source", "type": "string", "x-bibtexKeys": True,
                         "constraints": {"required": True}},
                        {"name": "themes", "type": "string", "x-separator": ";",
                         "x-references": {"resource": "themes", "field": "id"}},
                    ],
                    "primaryKey": ["id"],
                },
            },
            {
                "name": "themes", "path": "themes.csv", "format": "csv", "encoding": "utf-8",
                "schema": {"fields": [{"name": "id", "type": "string"}], "primaryKey": ["id"]},
            },
            {
                "name": "eras", "path": "eras.csv", "format": "csv", "encoding": "utf-8",
                "schema": {
                    "fields": [{"name": "id", "type": "string"}, {"name": "start_event", "type": "string"}],
                    "foreignKeys": [{"fields": ["start_event"],
                                     "reference": {"resource": "events", "fields": ["id"]}}],
                },
            },
        ],
    }


@pytest.fixture(autouse=True)
def no_validation_record(monkeypatch, tmp_path):
    """Every test here validates: no record of valid data (data.VALIDATED) is read or written,
    except where a test points it at a folder of its own."""
    monkeypatch.setattr(data, "VALIDATED", tmp_path / "no-build" / ".data-validated")


@pytest.fixture
def dataset(tmp_path):
    """A small valid data folder; tests break one thing in it."""
    (tmp_path / "datapackage.json").write_text(json.dumps(_package()), encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "themes.csv").write_text("id\nx\ny\n", encoding="utf-8")
    (tmp_path / "eras.csv").write_text("id,start_event\nwar,2022-02-24-invasion\n", encoding="utf-8")
    write_events(tmp_path, GOOD_ROWS)
    return tmp_path


def write_events(folder, rows, header=HEADER):
    (folder / "events.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def load(folder, name="events"):
    return data.load(name, data_dir=folder, bib_path=folder / "refs.bib")


def the_error(folder, name="events") -> DataError:
    with pytest.raises(DataError) as caught:
        load(folder, name)
    return caught.value


def test_good_file_loads_typed(dataset):
    frame = load(dataset)
    assert list(frame["id"]) == ["2008-04-03-bucharest", "2014-03-18-crimea", "2022-02-24-invasion"]
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert frame["date"].iloc[0] == pd.Timestamp("2008-04-03")
    assert frame["title"].dtype == "string"
    assert frame.loc[1, "title"] == "Crimea, annexed"
    assert pd.isna(frame.loc[0, "claimed_by"])


def test_missing_column(dataset):
    header = HEADER.replace(",title", "")
    rows = [",".join(r.split(",")[:3] + r.split(",")[4:]) for r in GOOD_ROWS[:1]]
    write_events(dataset, rows, header=header)
    error = the_error(dataset)
    message = str(error)
    assert "events.csv" in message and "line 1" in message and "column 'title'" in message
    assert "missing" in message


def test_bad_date(dataset):
    rows = list(GOOD_ROWS)
    rows[1] = rows[1].replace("2014-03-18,day", "2014-03-32,day")
    write_events(dataset, rows)
    message = str(the_error(dataset))
    assert "events.csv, line 3, column 'date'" in message
    assert "type-error" in message


def test_date_out_of_range(dataset):
    rows = list(GOOD_ROWS)
    rows[0] = rows[0].replace("2008-04-03,day", "1985-04-03,day")
    write_events(dataset, rows)
    message = str(the_error(dataset))
    assert "line 2, column 'date'" in message and "minimum" in message


def test_value_outside_enum(dataset):
    rows = list(GOOD_ROWS)
    rows[2] = rows[2].replace(",war,claimed", ",battle,claimed")
    write_events(dataset, rows)
    message = str(the_error(dataset))
    assert "events.csv, line 4, column 'category'" in message
    assert "enum" in message


def test_duplicate_id(dataset):
    rows = GOOD_ROWS + [GOOD_ROWS[0].replace("Bucharest summit", "Bucharest again")]
    write_events(dataset, rows)
    message = str(the_error(dataset))
    assert "events.csv, line 5" in message and "duplicate primary key" in message


def test_unknown_source_key(dataset):
    rows = list(GOOD_ROWS)
    rows[1] = rows[1].replace("good2020source;other2021source", "good2020source;nosuch1999key")
    write_events(dataset, rows)
    error = the_error(dataset)
    assert str(error) == "%s, line 3, column 'source': unknown source key 'nosuch1999key' " \
        "(not in refs.bib)" % (dataset / "events.csv")


def test_empty_file(dataset):
    (dataset / "events.csv").write_bytes(b"")
    message = str(the_error(dataset))
    assert "events.csv, line 1" in message and "empty" in message


def test_non_utf8_file(dataset):
    rows = list(GOOD_ROWS)
    rows[2] = rows[2].replace("Full-scale invasion", "Full-scale invasión")
    (dataset / "events.csv").write_bytes(("\n".join([HEADER, *rows]) + "\n").encode("latin-1"))
    message = str(the_error(dataset))
    assert "events.csv, line 4, column 'title'" in message and "UTF-8" in message


def test_required_if(dataset):
    rows = list(GOOD_ROWS)
    rows[2] = rows[2].replace("claimed,Somebody,", "claimed,,")
    write_events(dataset, rows)
    message = str(the_error(dataset))
    assert "line 4, column 'claimed_by': required when status is 'claimed'" in message


def test_unknown_item_in_list_reference(dataset):
    rows = list(GOOD_ROWS)
    rows[2] = rows[2].replace(",x;y", ",x;z")
    write_events(dataset, rows)
    message = str(the_error(dataset))
    assert "line 4, column 'themes': 'z' is not a id of themes" in message


def test_foreign_key(dataset):
    (dataset / "eras.csv").write_text("id,start_event\nwar,2022-02-25-nothing\n", encoding="utf-8")
    message = str(the_error(dataset, "eras"))
    assert "eras.csv, line 2" in message and "foreign key" in message


def test_multiline_cell_reports_the_physical_line(dataset):
    rows = list(GOOD_ROWS)
    rows[0] = rows[0].replace("Bucharest summit", '"Bucharest\nsummit"')
    rows[2] = rows[2].replace(",war,claimed", ",battle,claimed")
    write_events(dataset, rows)
    assert "line 5, column 'category'" in str(the_error(dataset))


def test_every_problem_is_listed(dataset):
    rows = list(GOOD_ROWS)
    rows[0] = rows[0].replace(",nato-eu,", ",nato,")
    rows[2] = rows[2].replace("other2021source", "missing2000key")
    write_events(dataset, rows)
    error = the_error(dataset)
    assert [(p.line, p.column) for p in error.problems] == [(2, "category"), (4, "source")]


def test_unknown_dataset_name(dataset):
    message = str(the_error(dataset, "nonsense"))
    assert "no dataset named 'nonsense'" in message and "events" in message


def test_missing_file(dataset):
    (dataset / "themes.csv").unlink()
    assert "themes.csv: file is missing" in str(the_error(dataset, "themes"))


def test_loader_reads_fresh_data_after_a_change(dataset):
    assert len(load(dataset)) == 3
    write_events(dataset, GOOD_ROWS[:2])
    assert len(load(dataset)) == 2


def test_real_datapackage_copied_still_validates(tmp_path):
    """The repository's own data validates when copied elsewhere (no hidden path assumptions)."""
    shutil.copytree(data.DATA_DIR, tmp_path / "data")
    data.validate_all(tmp_path / "data")


def test_load_skips_validating_only_data_that_validate_all_recorded(dataset, monkeypatch, tmp_path):
    """validate_all records the digest of valid data; load then trusts exactly that data. Any
    change to a data file or the bibliography makes load validate again."""
    record = tmp_path / "build" / ".data-validated"
    monkeypatch.setattr(data, "VALIDATED", record)
    data.validate_all(dataset, dataset / "refs.bib")
    assert not record.exists(), "recorded without a _build folder"

    record.parent.mkdir()
    data.validate_all(dataset, dataset / "refs.bib")
    assert [p.name for p in record.iterdir()] == [data.digest(dataset, dataset / "refs.bib")]
    checked = []
    monkeypatch.setattr(data, "validate", lambda *args: checked.append(args[0]))
    assert len(load(dataset)) == 3 and checked == []

    write_events(dataset, GOOD_ROWS[:2])  # valid, but not what was recorded
    assert len(load(dataset)) == 2 and checked == ["events"]
    monkeypatch.undo()
    monkeypatch.setattr(data, "VALIDATED", record)
    write_events(dataset, [GOOD_ROWS[0].replace("2008-04-03,", "2008-13-03,")])
    assert "line 2" in str(the_error(dataset))
    (dataset / "refs.bib").write_text(BIB.replace("good2020source", "renamed"), encoding="utf-8")
    write_events(dataset, GOOD_ROWS)
    assert "unknown source key 'good2020source'" in str(the_error(dataset))
