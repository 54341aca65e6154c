"""Load and validate the handbook's datasets.

``data/datapackage.json`` is a Frictionless Data Package: it describes every CSV file in
``data/`` (fields, types, constraints, primary and foreign keys, licence, sources). This module
reads that description, validates a file against it with :mod:`frictionless`, adds the checks the
Table Schema standard has no word for (bibliography keys, lists of keys, conditional
requirements), and returns a typed :class:`pandas.DataFrame`.

Every problem is raised as a :class:`DataError` whose message names the file, the line of the
CSV file, the column and the rule that was broken.

Extensions to Table Schema used in ``datapackage.json`` (field properties):

``x-bibtexKeys: true``
    the cell holds one or more keys of ``book/references.bib`` separated by ``;``.
``x-separator`` and ``x-references: {"resource": ..., "field": ...}``
    the cell holds a ``;``-separated list whose items must exist in another resource's field.
``x-requiredIf: {"field": ..., "values": [...]}``
    the cell may not be empty when another field of the row takes one of the values.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import BIB_PATH, DATA_DIR, ROOT, sources
from .files import write_atomically
from .sources import bibliography, split_keys

PACKAGE_FILE = "datapackage.json"
MAX_REPORTED = 20
#: The longest cell a dataset may hold (Python's csv module stops at 131,072 characters).
MAX_CELL = 20_000


@dataclass(frozen=True)
class Problem:
    """One broken rule, located in a file."""

    file: str
    line: int | None
    column: str | None
    rule: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.rule}"


class DataError(ValueError):
    """A dataset does not match its description. ``problems`` lists every broken rule found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        shown = [str(p) for p in self.problems[:MAX_REPORTED]]
        more = len(self.problems) - len(shown)
        if more > 0:
            shown.append(f"... and {more} more problem(s)")
        super().__init__("\n".join(shown))


# --------------------------------------------------------------------------------------------
# The package description


def read_package(data_dir: Path | str = DATA_DIR) -> dict:
    """The parsed ``datapackage.json`` of ``data_dir``."""
    path = Path(data_dir) / PACKAGE_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError([Problem(str(path), None, None, "data package description is missing")]) from None
    except json.JSONDecodeError as error:
        raise DataError([Problem(str(path), error.lineno, None, f"invalid JSON: {error.msg}")]) from None


def resource_names(data_dir: Path | str = DATA_DIR) -> list[str]:
    """Names of all datasets, in the order ``datapackage.json`` lists them."""
    return [r["name"] for r in read_package(data_dir)["resources"]]


def describe(name: str, data_dir: Path | str = DATA_DIR) -> dict:
    """The resource descriptor (path, title, description, schema, sources…) of one dataset."""
    package = read_package(data_dir)
    for resource in package["resources"]:
        if resource["name"] == name:
            return resource
    known = ", ".join(r["name"] for r in package["resources"])
    raise DataError([Problem(str(Path(data_dir) / PACKAGE_FILE), None, None,
                             f"no dataset named '{name}' (known: {known})")])


# --------------------------------------------------------------------------------------------
# Reading and checking one file


def _decode(path: Path, raw: bytes, expected: list[str] | None = None) -> str:
    """The file's text; a clear error for an empty or non-UTF-8 file."""
    if not raw.strip():
        listing = f": {','.join(expected)}" if expected else ""
        raise DataError([Problem(str(path), 1, expected[0] if expected else None,
                                 f"file is empty (expected a header row{listing})")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        prefix = raw[line_start: error.start].decode("utf-8", errors="replace")
        header = raw.split(b"\n", 1)[0].decode("utf-8", errors="replace")
        names = next(csv.reader([header]), [])
        index = len(next(csv.reader([prefix]), [""])) - 1 if prefix else 0
        column = names[index] if 0 <= index < len(names) else None
        raise DataError([Problem(
            str(path), line, column,
            f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "save it as UTF-8",
        )]) from None


def _row_lines(text: str) -> tuple[list[str], list[dict[str, str]], list[int]]:
    """Header, rows as dicts and the line on which each row starts (header is line 1).
    Assumes the text passed :func:`_structure_problems`."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    rows, lines = [], []
    start = reader.line_num + 1
    for values in reader:
        if values:
            rows.append(dict(zip(header, values)))
            lines.append(start)
        start = reader.line_num + 1
    return header, rows, lines


#: Characters no cell may hold: C0 controls other than tab and newline, DEL, and U+FFFD (what a
#: mis-decoded byte becomes).
_STRAY = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]")
#: What no cell may hold: a script element or a script URL. (Everything else a cell holds is shown
#: as plain text; these are refused outright, so that bad data never reaches a page.)
_SCRIPT = re.compile(r"(?i)<\s*/?\s*script\b|\b(?:javascript|vbscript)\s*:")


def _header_problem(path: Path, header: list[str], expected: list[str]) -> Problem | None:
    """One problem naming the column, if the header is not exactly the schema's field names."""
    listing = f"(expected header: {','.join(expected)})"
    if header == expected:
        return None
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        return Problem(str(path), 1, duplicated[0], f"column appears more than once in the header {listing}")
    if missing and extra:
        return Problem(str(path), 1, extra[0],
                       f"unknown column; is it '{missing[0]}' renamed? {listing}")
    if missing:
        return Problem(str(path), 1, missing[0], f"required column is missing from the header {listing}")
    if extra:
        return Problem(str(path), 1, extra[0], f"unknown column in the header {listing}")
    first = next(i for i, (a, b) in enumerate(zip(header, expected)) if a != b)
    return Problem(str(path), 1, header[first],
                   f"columns are out of order: column {first + 1} should be '{expected[first]}' {listing}")


def _structure_problems(path: Path, text: str, expected: list[str]) -> list[Problem]:
    """What must hold before any cell is read: a byte-order mark, the header by name, CSV quoting,
    the number of cells in each row, stray control characters and field size.
    Each problem names the file, the line and the column."""
    if text.startswith("\ufeff"):
        return [Problem(str(path), 1, expected[0] if expected else None,
                        "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")]
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))  # read a huge cell, then report it below
    try:
        return _rows_problems(path, text, expected)
    finally:
        csv.field_size_limit(limit)


def _rows_problems(path: Path, text: str, expected: list[str]) -> list[Problem]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    start = 1
    header: list[str] | None = None
    try:
        for values in reader:
            if header is None:
                header = values
                problem = _header_problem(path, header, expected)
                if problem:
                    return [problem]
            elif not values:
                problems.append(Problem(str(path), start, header[0],
                                        "blank line (a stray line break or carriage return?)"))
            else:
                if len(values) != len(header):
                    index = min(len(values), len(header)) if len(values) < len(header) else len(header)
                    column = header[index] if index < len(header) else header[-1]
                    problems.append(Problem(
                        str(path), start, column,
                        f"row has {len(values)} cells, the header has {len(header)}"
                        + (" (a missing cell or an unquoted comma?)" if len(values) > len(header)
                           else " (a cell is missing here)")))
                for name, value in zip(header, values):
                    stray = _STRAY.search(value)
                    script = _SCRIPT.search(value)
                    if script:
                        problems.append(Problem(
                            str(path), start, name,
                            f"a script in the cell ({script.group(0)!r}); cells are plain text"))
                    elif stray:
                        problems.append(Problem(
                            str(path), start, name,
                            f"stray control character U+{ord(stray.group(0)):04X} in the cell"))
                    elif len(value) > MAX_CELL:
                        problems.append(Problem(
                            str(path), start, name,
                            f"cell is {len(value):,} characters long (at most {MAX_CELL:,})"))
            start = reader.line_num + 1
    except csv.Error as error:
        names = header or expected
        physical = text.splitlines()
        index = _broken_field(physical[start - 1]) if start - 1 < len(physical) else 0
        column = names[min(index, len(names) - 1)] if names else None
        problems.append(Problem(str(path), start, column,
                                f"broken CSV quoting ({error}): a quote is not closed, or text "
                                "follows a closing quote"))
    return problems


def _broken_field(line: str) -> int:
    """The index of the first cell on a physical line whose quoting is broken (a quoted cell not
    closed on the line, or text after its closing quote); the last cell if none is found."""
    index, i, n = 0, 0, len(line)
    while i < n:
        if line[i] == '"':
            i += 1
            while i < n:
                if line[i] == '"' and i + 1 < n and line[i + 1] == '"':
                    i += 2
                elif line[i] == '"':
                    break
                else:
                    i += 1
            if i >= n or (i + 1 < n and line[i + 1] != ","):
                return index
            i += 1
        else:
            while i < n and line[i] != ",":
                i += 1
        if i < n and line[i] == ",":
            index += 1
            i += 1
    return index


def _duplicate_key_problems(path: Path, resource: dict, rows: list[dict],
                            lines: list[int]) -> list[Problem]:
    """A duplicated primary key, naming its column(s), the value and both lines."""
    key = resource["schema"].get("primaryKey")
    if not key:
        return []
    key = [key] if isinstance(key, str) else list(key)
    seen: dict[tuple, int] = {}
    problems = []
    for row, line in zip(rows, lines):
        value = tuple(row.get(name, "") for name in key)
        if value in seen:
            shown = ", ".join(f"{name}={v!r}" for name, v in zip(key, value))
            problems.append(Problem(str(path), line, ",".join(key),
                                    f"duplicate primary key {shown}: also on line {seen[value]}"))
        else:
            seen[value] = line
    return problems


def _package(data_dir: Path):
    """``datapackage.json`` read by frictionless (a third of a second: :func:`validate_all` reads
    it once for all the datasets)."""
    from frictionless import Package

    logging.getLogger("frictionless").setLevel(logging.ERROR)
    return Package(str(data_dir / PACKAGE_FILE))


def _frictionless_problems(name: str, data_dir: Path, path: Path, lines: list[int],
                           package=None) -> list[Problem]:
    """Schema, type, constraint, primary- and foreign-key checks by frictionless."""
    from frictionless import system

    package = package if package is not None else _package(data_dir)
    resource = package.get_resource(name)
    first_field = resource.schema.fields[0].name if resource.schema.fields else None
    with system.use_context(trusted=True):
        report = resource.validate()
    problems = []
    for error in report.flatten(["type", "rowNumber", "fieldName", "note", "message", "label"]):
        kind, row_number, field, note, message, label = error
        line = None
        if row_number is not None:
            index = row_number - 2  # frictionless counts the header as row 1
            line = lines[index] if 0 <= index < len(lines) else row_number
        elif kind.endswith("-label") or kind.startswith("header"):
            line = 1
        rule = f"{kind}: {note}" if note else f"{kind}: {message}"
        if kind == "primary-key":
            rule = f"duplicate primary key ({note})"
        elif kind == "foreign-key":
            rule = f"foreign key not found ({note})"
            named = re.search(r'for "([^"]+)"', note or "")
            field = field or (named.group(1).split(",")[0].strip() if named else None)
        elif kind == "missing-label":
            rule = "required column is missing from the header"
        column = field or label or (first_field if line is not None else None)
        problems.append(Problem(str(path), line, column, rule))
    return problems


_NOT_FINITE = re.compile(r"^[+-]?(nan|inf|infinity)$", re.IGNORECASE)


def _extension_problems(resource: dict, rows: list[dict], lines: list[int], path: Path,
                        data_dir: Path, bib_path: Path) -> list[Problem]:
    """The handbook's own checks (see the module docstring)."""
    problems = []
    fields = resource["schema"]["fields"]
    bib = None
    targets: dict[tuple[str, str], set[str]] = {}
    for field in fields:
        name = field["name"]
        if field.get("x-bibtexKeys") and bib is None:
            bib = bibliography(bib_path)
        ref = field.get("x-references")
        if ref and (ref["resource"], ref["field"]) not in targets:
            targets[(ref["resource"], ref["field"])] = _column_values(ref["resource"], ref["field"], data_dir)
        for row, line in zip(rows, lines):
            value = (row.get(name) or "").strip()
            if field.get("type") in ("number", "integer") and _NOT_FINITE.match(value):
                # frictionless reads 'NaN' or 'inf' as a number; pandas refuses some spellings
                problems.append(Problem(str(path), line, name,
                                        f"'{value}' is not a finite number (leave the cell empty "
                                        "for a missing value)"))
            if field.get("x-bibtexKeys"):
                for key in split_keys(value):
                    if key not in bib:
                        problems.append(Problem(str(path), line, name,
                                                f"unknown source key '{key}' (not in {bib_path.name})"))
            if ref and value:
                known = targets[(ref["resource"], ref["field"])]
                for item in value.split(field.get("x-separator", ";")):
                    if item.strip() and item.strip() not in known:
                        problems.append(Problem(
                            str(path), line, name,
                            f"'{item.strip()}' is not a {ref['field']} of {ref['resource']}"))
            cond = field.get("x-requiredIf")
            if cond and not value and (row.get(cond["field"]) or "") in cond["values"]:
                problems.append(Problem(
                    str(path), line, name,
                    f"required when {cond['field']} is {row.get(cond['field'])!r}"))
    return problems


def _column_values(resource_name: str, field: str, data_dir: Path) -> set[str]:
    other = describe(resource_name, data_dir)
    text = _decode(data_dir / other["path"], (data_dir / other["path"]).read_bytes())
    _, rows, _ = _row_lines(text)
    return {row.get(field, "") for row in rows}


def validate(name: str, data_dir: Path | str = DATA_DIR, bib_path: Path | str = BIB_PATH,
             package=None) -> None:
    """Check one dataset against its description; raise :class:`DataError` listing every problem.

    The checks run in order, and a file that fails one stage is not checked further, so that one
    fault gives one message, not hundreds of consequences: the bytes (UTF-8, no BOM), the header
    by name, the CSV structure (quoting, cells per row, stray characters), duplicate keys, then
    types, constraints and foreign keys (frictionless), then the handbook's own rules.
    ``package`` is frictionless' reading of ``datapackage.json``, when the caller has it.
    """
    data_dir, bib_path = Path(data_dir), Path(bib_path)
    resource = describe(name, data_dir)
    path = data_dir / resource["path"]
    expected = [field["name"] for field in resource["schema"]["fields"]]
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(str(path), None, None, "file is missing")]) from None
    text = _decode(path, raw, expected)
    problems = _structure_problems(path, text, expected)
    if problems:
        raise DataError(problems)
    _, rows, lines = _row_lines(text)
    problems = _duplicate_key_problems(path, resource, rows, lines)
    try:
        problems += [p for p in _frictionless_problems(name, data_dir, path, lines, package)
                     if not p.rule.startswith("duplicate primary key")]
    except Exception as error:  # a validator crash still names the file
        raise DataError([Problem(str(path), None, None,
                                 f"could not be validated: {type(error).__name__}: {error}")]) from error
    if not any(p.line == 1 for p in problems):
        problems += _extension_problems(resource, rows, lines, path, data_dir, bib_path)
    if problems:
        problems.sort(key=lambda p: (p.line or 0))
        raise DataError(problems)


# --------------------------------------------------------------------------------------------
# Typed frames

_PANDAS_TYPES = {"integer": "Int64", "number": "Float64", "string": "string", "year": "Int64"}


def _typed(frame: pd.DataFrame, fields: list[dict]) -> pd.DataFrame:
    for field in fields:
        name, kind = field["name"], field.get("type", "string")
        column = frame[name].replace("", pd.NA)
        if kind == "date":
            frame[name] = pd.to_datetime(column, format="%Y-%m-%d")
        elif kind == "datetime":
            frame[name] = pd.to_datetime(column, utc=True)
        elif kind == "boolean":
            truthy = field.get("trueValues", ["true", "True", "TRUE", "1"])
            falsy = field.get("falseValues", ["false", "False", "FALSE", "0"])
            mapping = {**{v: True for v in truthy}, **{v: False for v in falsy}}
            frame[name] = column.map(mapping).astype("boolean")
        elif kind in ("integer", "number", "year"):
            frame[name] = pd.to_numeric(column).astype(_PANDAS_TYPES[kind])
        else:
            frame[name] = column.astype("string")
    return frame


#: Digests of data that :func:`validate_all` found valid, one empty file each (see the module
#: docstring); only kept where the folder's parent, ``_build``, exists.
VALIDATED = ROOT / "_build" / ".data-validated"


def digest(data_dir: Path | str = DATA_DIR, bib_path: Path | str = BIB_PATH) -> str:
    """A digest of everything validation depends on: the files in ``data_dir`` and ``bib_path``
    (names and bytes), the validating code, and frictionless' version."""
    from importlib.metadata import version

    hasher = hashlib.sha256(version("frictionless").encode())
    for module in (Path(__file__), Path(sources.__file__)):
        hasher.update(module.read_bytes())
    data_dir = Path(data_dir)
    for path in [*sorted(p for p in data_dir.iterdir() if p.is_file()), Path(bib_path)]:
        hasher.update(path.name.encode() + b"\0")
        hasher.update(path.read_bytes() if path.exists() else b"(missing)")
    return hasher.hexdigest()


def _recorded(data_dir: Path, bib_path: Path) -> bool:
    return VALIDATED.is_dir() and (VALIDATED / digest(data_dir, bib_path)).exists()


def _record(data_dir: Path, bib_path: Path) -> None:
    if VALIDATED.parent.is_dir():
        VALIDATED.mkdir(exist_ok=True)
        write_atomically(VALIDATED / digest(data_dir, bib_path), "")


@lru_cache(maxsize=32)
def _load_cached(name: str, data_dir: str, bib_path: str, stamp: tuple) -> pd.DataFrame:
    if not _recorded(Path(data_dir), Path(bib_path)):
        validate(name, data_dir, bib_path)
    resource = describe(name, data_dir)
    frame = pd.read_csv(Path(data_dir) / resource["path"], dtype=str, keep_default_na=False,
                        encoding="utf-8")
    return _typed(frame, resource["schema"]["fields"])


def _stamp(data_dir: Path, bib_path: Path) -> tuple:
    files = sorted(data_dir.glob("*.csv")) + [data_dir / PACKAGE_FILE, bib_path]
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists())


def load(name: str, data_dir: Path | str = DATA_DIR, bib_path: Path | str = BIB_PATH) -> pd.DataFrame:
    """Read ``data/<name>.csv``, validate it against ``datapackage.json`` and return it typed.

    Dates become ``datetime64``, integers ``Int64``, numbers ``Float64``, booleans ``boolean``
    and text ``string``; empty cells are missing values. Raises :class:`DataError` on any problem.
    """
    data_dir, bib_path = Path(data_dir), Path(bib_path)
    frame = _load_cached(name, str(data_dir), str(bib_path), _stamp(data_dir, bib_path))
    return frame.copy()


def validate_all(data_dir: Path | str = DATA_DIR, bib_path: Path | str = BIB_PATH) -> None:
    """Validate every dataset; one :class:`DataError` lists the problems of all of them. When all
    are valid, record their digest (see the module docstring)."""
    problems: list[Problem] = []
    try:
        package = _package(Path(data_dir))
    except Exception:  # each dataset's validation then reports it against its own file
        package = None
    for name in resource_names(data_dir):
        try:
            validate(name, data_dir, bib_path, package)
        except DataError as error:
            problems += error.problems
    if problems:
        raise DataError(problems)
    _record(Path(data_dir), Path(bib_path))
