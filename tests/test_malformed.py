"""Bad input never gets past the loader, and always says where it is.

Each case copies the real ``data/`` folder, breaks one thing in one dataset (no case changes the
bibliography, so every case reads the real ``references.bib``, parsed once per worker), and checks
that validation ends in one :class:`~handbook.data.DataError` whose first line names the file,
the line and the column (``events.csv, line 12, column 'date': …``) — never a traceback
from inside pandas, csv or frictionless. The named cases cover every kind of fault once on every
dataset it applies to; the generated cases (hypothesis) throw arbitrary text into arbitrary cells.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook import BIB_PATH, DATA_DIR, data
from handbook.data import DataError

RESOURCES = {r["name"]: r for r in data.read_package()["resources"]}
FIRST_LINE = re.compile(r"^(?P<file>\S+\.csv), line (?P<line>\d+), column '(?P<column>[^']+)': \S")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pristine")
    shutil.copytree(DATA_DIR, folder / "data")
    return folder


@pytest.fixture
def copy(pristine, tmp_path) -> Path:
    shutil.copytree(pristine / "data", tmp_path / "data")
    return tmp_path


def read_rows(folder: Path, name: str) -> list[list[str]]:
    text = (folder / "data" / RESOURCES[name]["path"]).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def write_rows(folder: Path, name: str, rows: list[list[str]], *, newline: str = "\n") -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(rows)
    (folder / "data" / RESOURCES[name]["path"]).write_text(out.getvalue(), encoding="utf-8",
                                                           newline="")


def write_text(folder: Path, name: str, text: str | bytes) -> None:
    path = folder / "data" / RESOURCES[name]["path"]
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def first_problem(folder: Path, name: str) -> re.Match:
    """Validate ``name`` in ``folder``: it must fail with a DataError whose first line names the
    file, a line and a column; return that line's match."""
    with pytest.raises(DataError) as caught:
        data.load(name, data_dir=folder / "data", bib_path=BIB_PATH)
    first = str(caught.value).splitlines()[0]
    match = FIRST_LINE.match(first)
    assert match, f"first line does not name file, line and column: {first!r}"
    assert match["file"].endswith(RESOURCES[name]["path"]), first
    return match


# ---- which fields each fault applies to -------------------------------------------------------

def fields(name: str, test) -> list[str]:
    return [f["name"] for f in RESOURCES[name]["schema"]["fields"] if test(f)]


def constraint(key):
    return lambda f: key in f.get("constraints", {})


def cases():
    """(dataset, fault, field) for every fault that applies to a dataset."""
    out = []
    for name, resource in RESOURCES.items():
        schema = resource["schema"]
        first = schema["fields"][0]["name"]
        for fault in ("missing-column", "extra-column", "renamed-column", "reordered-columns",
                      "duplicated-header", "bom", "non-utf8", "control-character", "nul-byte",
                      "unclosed-quote", "text-after-quote", "extra-cell", "missing-cell",
                      "huge-field", "empty-file", "script"):
            out.append((name, fault, first))
        if schema.get("primaryKey"):
            out.append((name, "duplicate-key", first))
        picks = {
            "empty-required": fields(name, lambda f: f.get("constraints", {}).get("required")),
            "bad-date": fields(name, lambda f: f.get("type") == "date"),
            "impossible-date": fields(name, lambda f: f.get("type") == "date"),
            "date-before-minimum": fields(name, lambda f: f.get("type") == "date"
                                          and "minimum" in f.get("constraints", {})),
            "not-a-number": fields(name, lambda f: f.get("type") in ("number", "integer")),
            "not-finite": fields(name, lambda f: f.get("type") == "number"),
            "fractional-integer": fields(name, lambda f: f.get("type") == "integer"),
            "above-maximum": fields(name, lambda f: f.get("type") in ("number", "integer")
                                    and "maximum" in f.get("constraints", {})),
            "outside-enum": fields(name, constraint("enum")),
            "enum-with-space": fields(name, constraint("enum")),
            "bad-pattern": fields(name, lambda f: "pattern" in f.get("constraints", {})
                                  and not f.get("x-bibtexKeys")),
            "not-a-boolean": fields(name, lambda f: f.get("type") == "boolean"),
            "unknown-source-key": fields(name, lambda f: f.get("x-bibtexKeys")),
            "dangling-list-reference": fields(name, lambda f: "x-references" in f),
            "too-long": fields(name, constraint("maxLength")),
        }
        for fk in schema.get("foreignKeys", []):
            picks.setdefault("dangling-foreign-key", []).extend(fk["fields"])
        for fault, names in picks.items():
            if names:
                out.append((name, fault, names[0]))
    return out


CASES = cases()


def break_one(folder: Path, name: str, fault: str, field: str) -> tuple[int | None, str]:
    """Break ``field`` of ``name`` by ``fault``; return the line and column the error must name
    (line None: any line)."""
    rows = read_rows(folder, name)
    header = rows[0]
    col = header.index(field)
    row = 1 if len(rows) > 1 else None
    line = 2  # rows[1] is on line 2 unless a cell spans lines
    text = "".join(rows[1]) if len(rows) > 1 else ""
    if "\n" in text:
        line = None

    def set_cell(value: str) -> tuple[int | None, str]:
        rows[row][col] = value
        write_rows(folder, name, rows)
        return line, field

    if fault == "missing-column":
        write_rows(folder, name, [r[:col] + r[col + 1:] for r in rows])
        return 1, field
    if fault == "extra-column":
        write_rows(folder, name, [r + (["extra"] if i == 0 else [""]) for i, r in enumerate(rows)])
        return 1, "extra"
    if fault == "renamed-column":
        rows[0][col] = field + "_renamed"
        write_rows(folder, name, rows)
        return 1, field + "_renamed"
    if fault == "reordered-columns":
        if len(header) < 2:
            pytest.skip("one column")
        write_rows(folder, name, [[r[1], r[0], *r[2:]] for r in rows])
        return 1, header[1]
    if fault == "duplicated-header":
        rows[0][-1] = header[0]
        write_rows(folder, name, rows)
        return 1, header[0]
    raw = (folder / "data" / RESOURCES[name]["path"]).read_text(encoding="utf-8")
    if fault == "bom":
        write_text(folder, name, "\ufeff" + raw)
        return 1, field
    if fault == "empty-file":
        write_text(folder, name, "")
        return 1, field
    if fault == "non-utf8":
        write_text(folder, name, raw.encode("utf-8").replace(b"\n", b"\n\xff", 1))
        return 2, field
    if fault == "control-character":
        return set_cell(rows[row][col] + "\x07")
    if fault == "nul-byte":
        return set_cell(rows[row][col] + "\x00")
    if fault == "script":
        return set_cell(rows[row][col] + "<script>alert(1)</script>")
    if fault == "huge-field":
        return set_cell("x" * 200_000)
    if fault == "unclosed-quote":
        lines = raw.split("\n")
        lines[1] = '"' + lines[1]
        write_text(folder, name, "\n".join(lines))
        return None, field
    if fault == "text-after-quote":
        lines = raw.split("\n")
        cells = next(csv.reader([lines[-2]]))
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(cells[1:])
        lines[-2] = f'"{cells[0].replace(chr(34), "")}"x,' + out.getvalue()  # text after a closing quote
        write_text(folder, name, "\n".join(lines))
        return len(lines) - 1, header[0]
    if fault == "extra-cell":
        rows[row].append("surplus")
        write_rows(folder, name, rows)
        return line, header[-1]
    if fault == "missing-cell":
        rows[row] = rows[row][:-1]
        write_rows(folder, name, rows)
        return line, header[-1]
    if fault == "duplicate-key":
        rows.append(list(rows[1]))
        write_rows(folder, name, rows)
        return None, None
    if fault == "empty-required":
        return set_cell("")
    if fault == "bad-date":
        return set_cell("24/02/2022")
    if fault == "impossible-date":
        return set_cell("2023-02-30")
    if fault == "date-before-minimum":
        return set_cell("1000-01-01")
    if fault == "not-a-number":
        return set_cell("about twenty")
    if fault == "not-finite":  # frictionless reads it as a number; pandas does not
        return set_cell("NAN")
    if fault == "fractional-integer":
        return set_cell("1999.5")
    if fault == "above-maximum":
        maximum = next(f for f in RESOURCES[name]["schema"]["fields"] if f["name"] == field)["constraints"]["maximum"]
        return set_cell(str(maximum * 10 + 1))
    if fault == "outside-enum":
        return set_cell("no-such-value")
    if fault == "enum-with-space":
        return set_cell(rows[row][col] + " ")
    if fault == "bad-pattern":
        return set_cell("Not A Valid Value!")
    if fault == "not-a-boolean":
        return set_cell("perhaps")
    if fault == "unknown-source-key":
        return set_cell("nosuchsource1999")
    if fault == "dangling-list-reference":
        return set_cell("no-such-item")
    if fault == "dangling-foreign-key":
        return set_cell("no-such-row")
    if fault == "too-long":
        limit = next(f for f in RESOURCES[name]["schema"]["fields"] if f["name"] == field)["constraints"]["maxLength"]
        return set_cell("x" * (limit + 1))
    raise AssertionError(fault)


@pytest.mark.parametrize("name,fault,field", CASES, ids=[f"{n}-{f}" for n, f, _ in CASES])
def test_named_fault_is_one_clear_error(copy, name, fault, field):
    line, column = break_one(copy, name, fault, field)
    match = first_problem(copy, name)
    if line is not None:
        assert int(match["line"]) == line, match.group(0)
    if column is not None:
        assert match["column"] == column, match.group(0)


def test_there_are_enough_named_cases():
    assert len({fault for _, fault, _ in CASES}) >= 30
    assert {name for name, _, _ in CASES} == set(RESOURCES)


def test_missing_column_is_one_error_listing_the_header(copy):
    rows = read_rows(copy, "events")
    col = rows[0].index("date")
    write_rows(copy, "events", [r[:col] + r[col + 1:] for r in rows])
    with pytest.raises(DataError) as caught:
        data.load("events", data_dir=copy / "data", bib_path=BIB_PATH)
    assert len(caught.value.problems) == 1
    message = str(caught.value)
    assert "column 'date': required column is missing" in message
    assert "expected header: id,date,date_precision," in message


def test_duplicate_key_names_column_value_and_both_lines(copy):
    rows = read_rows(copy, "events")
    rows.append(list(rows[3]))
    write_rows(copy, "events", rows)
    with pytest.raises(DataError) as caught:
        data.load("events", data_dir=copy / "data", bib_path=BIB_PATH)
    problem = caught.value.problems[0]
    assert problem.column == "id"
    assert f"id={rows[3][0]!r}" in problem.rule and "also on line 4" in problem.rule


def test_crlf_line_endings_load_exactly_like_lf(copy):
    for name in RESOURCES:
        before = data.load(name, data_dir=copy / "data", bib_path=BIB_PATH)
        write_rows(copy, name, read_rows(copy, name), newline="\r\n")
        after = data.load(name, data_dir=copy / "data", bib_path=BIB_PATH)
        assert before.equals(after), name


# ---- generated cases --------------------------------------------------------------------------

def fresh_rows(folder: Path, name: str) -> list[list[str]]:
    """Restore the data in ``folder`` (hypothesis reuses it between examples); ``name``'s rows."""
    shutil.rmtree(folder / "data")
    shutil.copytree(DATA_DIR, folder / "data")
    return read_rows(folder, name)


NASTY = st.one_of(
    st.text(max_size=40),
    st.sampled_from(['"', '""', "a,b", "x\ny", "\r", "\x00", "\ufeff", "\ufffd", "<script>",
                     "2022-13-45", "-1", "1e309", "NaN", "true", " ", "", "é" * 3, "𝕏"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(RESOURCES)), data_=st.data(), value=NASTY)
def test_any_value_in_any_cell_loads_or_fails_clearly(copy, name, data_, value):
    rows = fresh_rows(copy, name)
    row = data_.draw(st.integers(1, len(rows) - 1))
    col = data_.draw(st.integers(0, len(rows[0]) - 1))
    rows[row][col] = value
    write_rows(copy, name, rows)
    try:
        data.load(name, data_dir=copy / "data", bib_path=BIB_PATH)
    except DataError as error:
        first = str(error).splitlines()[0]
        assert FIRST_LINE.match(first), first


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(RESOURCES)), data_=st.data())
def test_any_damage_to_the_header_is_one_error_naming_a_column(copy, name, data_):
    rows = fresh_rows(copy, name)
    order = data_.draw(st.permutations(range(len(rows[0]))))
    keep = data_.draw(st.integers(1, len(order)))
    chosen = list(order)[:keep]
    if chosen == list(range(len(rows[0]))):
        return
    write_rows(copy, name, [[r[i] for i in chosen] for r in rows])
    with pytest.raises(DataError) as caught:
        data.load(name, data_dir=copy / "data", bib_path=BIB_PATH)
    assert len(caught.value.problems) == 1
    assert FIRST_LINE.match(str(caught.value)), str(caught.value)
