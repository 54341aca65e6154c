"""Stored notebook outputs are the same on every machine: no float at full precision, nothing
that depends on the machine, the path or the time of the run.

Strict nbval compares every stored output with a fresh run. A float kept at full precision
(``0.8424399911754025``) can come out as ``0.842439991175402`` on another machine, so every figure
is rounded before it is stored: glued figures to the decimals the prose shows, chart data to
:data:`handbook.numbers.CHART_DIGITS` significant digits, tables to what they display.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from handbook import ROOT
from handbook.numbers import CHART_DIGITS

NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
GLUE_MIME = "application/papermill.record/text/plain"
FLOAT = re.compile(r"(?<![\w.])-?(\d+)\.(\d+)(?:[eE][-+]?\d+)?(?![\w.])")
GLUE_USE = re.compile(r"\{glue(?::text|:)?\}`([^`:]+)(?::([^`]*))?`")
#: What must never reach a stored output: paths of this machine, memory addresses, clock times,
#: random ids (Altair's chart ids are derived from the chart, see handbook.charts).
LEAKS = {
    "a path on this machine": re.compile(r"(/(?:work|root|tmp|home)/|site-packages|\.venv/)"),
    "a memory address": re.compile(r" at 0x[0-9a-f]{6,}"),
    "a clock time": re.compile(r"\b\d{4}-\d{2}-\d{2}[T ](?!00:00:00)\d{2}:\d{2}:\d{2}"),
    "a random UUID": re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"),
}
#: Outputs only a build reads, never stored (issue 10): chart images and LaTeX, and a table's
#: raw-LaTeX copy for the PDF (the builds make their own, see handbook.tables and handbook.charts).
BUILD_ONLY_MIMES = {"image/png", "text/latex"}
RAW_LATEX = "{raw} latex"


def significant_digits(whole: str, fraction: str) -> int:
    """Digits that carry information (``125000.0`` has 3, ``0.84244`` has 5)."""
    return len((whole + fraction).strip("0"))


def texts(output: dict):
    """(mime type, text) of every textual part of one output."""
    if output.get("output_type") == "stream":
        yield "stream", "".join(output.get("text", ""))
    for mime, value in output.get("data", {}).items():
        if mime.startswith("image/") and mime != "image/svg+xml":
            continue
        text = "".join(value) if isinstance(value, list) else (
            value if isinstance(value, str) else json.dumps(value))
        yield mime, text
    if output.get("output_type") == "error":
        yield "error", "\n".join(output.get("traceback", []))


def long_floats(text: str, limit: int = CHART_DIGITS) -> list[str]:
    return [m.group(0) for m in FLOAT.finditer(text)
            if significant_digits(m.group(1), m.group(2)) > limit]


def prose_decimals(notebook: dict) -> dict[str, int | None]:
    """For each glued name, the most decimals the prose shows of it (None: shown as stored)."""
    shown: dict[str, int | None] = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for name, spec in GLUE_USE.findall("".join(cell["source"])):
            match = re.search(r"\.(\d+)[fe%]", spec or "")
            decimals = int(match.group(1)) if match else None
            if name in shown and (shown[name] is None or decimals is None):
                shown[name] = None
            else:
                shown[name] = max(decimals, shown.get(name) or 0) if decimals is not None else None
    return shown


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_output_holds_a_float_at_full_precision(path: Path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for index, cell in enumerate(notebook["cells"]):
        for output in cell.get("outputs", []):
            for mime, text in texts(output):
                found += [f"cell {index}, {mime}: {value}" for value in long_floats(text)]
    assert not found, (f"{path.name}: floats with more than {CHART_DIGITS} significant digits "
                       "(round them where they are computed):\n" + "\n".join(found[:20]))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_glued_figures_carry_no_more_decimals_than_the_prose_shows(path: Path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    shown = prose_decimals(notebook)
    found = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            value = output.get("data", {}).get(GLUE_MIME)
            if name is None or value is None:
                continue
            match = FLOAT.fullmatch(value.strip())
            if match and shown.get(name) is not None and len(match.group(2).rstrip("0")) > shown[name]:
                found.append(f"{name} = {value} (the prose shows {shown[name]} decimals)")
    assert not found, f"{path.name}: " + "; ".join(found)


#: A glued value is pasted into the prose as its text/plain form, so a NumPy scalar glued as it is
#: reads "np.float64(12.76)" on the page; cast it (``float()``, ``int()``) before glueing.
REPR = re.compile(r"\b(?:np|numpy)\.\w+\(|\barray\(|^Timestamp\(")


def glued_reprs(notebook: dict) -> list[str]:
    """The glued values whose text is a Python repr rather than something to read."""
    found = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            value = output.get("data", {}).get(GLUE_MIME)
            if name is not None and isinstance(value, str) and REPR.search(value.strip()):
                found.append(f"{name} = {value}")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_glued_value_reads_as_a_python_repr(path: Path):
    found = glued_reprs(json.loads(path.read_text(encoding="utf-8")))
    assert not found, f"{path.name}: glued as a repr, shown so in the prose: " + "; ".join(found)


def test_the_repr_check_finds_numpy_scalars():
    def glued(value):
        return {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data",
                "metadata": {"scrapbook": {"name": "x"}}, "data": {GLUE_MIME: value}}]}]}
    assert glued_reprs(glued("np.float64(12.76)")) == ["x = np.float64(12.76)"]
    assert glued_reprs(glued("Timestamp('2022-02-24 00:00:00')"))
    assert glued_reprs(glued("12.76")) == glued_reprs(glued("'np. is not a call'")) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_output_depends_on_the_machine_or_the_clock(path: Path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for index, cell in enumerate(notebook["cells"]):
        if "execution" in cell.get("metadata", {}):
            found.append(f"cell {index}: run timings in the cell's metadata")
        for output in cell.get("outputs", []):
            for mime, text in texts(output):
                for what, pattern in LEAKS.items():
                    match = pattern.search(text)
                    if match:
                        found.append(f"cell {index}, {mime}: {what} ({match.group(0)!r})")
    assert not found, f"{path.name}:\n" + "\n".join(found[:20])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_cell_stores_its_printed_output_in_one_stream(path: Path):
    """What a cell prints is one stream output (``handbook.notebooks`` joins the kernel's
    messages), so the stored text does not depend on when the kernel flushed."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for index, cell in enumerate(notebook["cells"]):
        names = [o["name"] for o in cell.get("outputs", []) if o["output_type"] == "stream"]
        found += [f"cell {index}: {names.count(name)} {name} outputs"
                  for name in sorted(set(names)) if names.count(name) > 1]
    assert not found, f"{path.name}: " + "; ".join(found)


def test_the_scanner_finds_what_it_should():
    assert long_floats("r = 0.8424399911754025") == ["0.8424399911754025"]
    assert long_floats('{"gdp": 2292.4700783462204, "x": 0.84, "v": "5.20.1"}') == ["2292.4700783462204"]
    assert long_floats("0.000123456") == []
    assert significant_digits("0", "0001234567") == 7
    assert significant_digits("125000", "0") == 3
    assert not LEAKS["a clock time"].search('"date": "2022-01-01T00:00:00"')
    assert LEAKS["a clock time"].search("built 2026-12-02 06:12:11")
    nb = {"cells": [{"cell_type": "markdown",
                     "source": "r is {glue:text}`r:.2f`, n is {glue:text}`n` and {glue:}`x:.1f`"}]}
    assert prose_decimals(nb) == {"r": 2, "n": None, "x": 1}
    assert LEAKS["a path on this machine"].search("File /home/someone/book/x.py")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_output_only_a_build_reads(path: Path):
    """The stored notebooks carry only what the site, nbval or a reader reads."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for index, cell in enumerate(notebook["cells"]):
        for output in cell.get("outputs", []):
            for mime, value in output.get("data", {}).items():
                text = "".join(value) if isinstance(value, list) else str(value)
                if mime in BUILD_ONLY_MIMES or (mime == "text/markdown" and RAW_LATEX in text):
                    found.append(f"cell {index}: {mime}")
    assert not found, f"{path.name}:\n" + "\n".join(found)
