"""Strings from data are inert: HTML, scripts, quotes, backticks, MyST syntax and script URLs in a
dataset render as plain text in tables, chart tooltips, glued prose and the PDF's tables.

The planted strings go into a copy of the data, which a small book renders with the handbook's
own table, chart and glue code; then the built page is read.
"""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from handbook import tables
from helpers import make_small_book

pytestmark = pytest.mark.slow  # builds a small book

#: Strings the loader lets through (a script element or a script URL it refuses outright, see
#: tests/test_build.py) and that must still render as plain text.
PLANTED = [
    '<b>bold</b> and </td></tr></table> and <!-- a comment',
    '<img src=x onerror=alert(1)>',
    "[click](https://example.org/) and **bold** and `code` and {glue:text}`x`",
    "\"quotes\" & 'apostrophes' & ``` fence",
    "\\input{/etc/passwd} $x^2$ 100% #1 ~ _",
]
CODE = '''
from myst_nb import glue
import altair as alt
from handbook import charts, data, tables

charts.enable()
events = data.load("events", data_dir="../data", bib_path="references.bib")
planted = events[events["id"].str.contains("planted")]
assert len(planted) == {n}
glue("planted_title", planted["title"].iloc[0], display=False)
display(tables.event_table(planted, "Planted events"))
alt.Chart(planted).mark_point().encode(x="date:T", y="title:N", tooltip=["title:N", "description:N"])
'''


def plant(root: Path) -> None:
    path = root / "data" / "events.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    template = rows[1]
    header = rows[0]
    for number, text in enumerate(PLANTED):
        row = list(template)
        row[header.index("id")] = f"2020-01-0{number + 1}-planted-{number}"
        row[header.index("date")] = f"2020-01-0{number + 1}"
        row[header.index("title")] = text
        row[header.index("description")] = text
        rows.append(row)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("inert")
    make_small_book(root, CODE.format(n=len(PLANTED)), "# Index\n",
                    "# Planted\n\nThe first planted title: {glue:text}`planted_title`.\n")
    plant(root)
    result = subprocess.run([sys.executable, "-m", "handbook.build", "--root", str(root)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return (root / "_build" / "html" / "book" / "page.html").read_text(encoding="utf-8")


def test_planted_html_is_escaped_in_tables_and_prose(page):
    assert "<img src=x" not in page and "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt; and &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_planted_markup_is_not_interpreted(page):
    assert 'href="https://example.org/' not in page
    assert "<strong>bold</strong>" not in page
    assert "`code`" in page and "{glue:text}`x`" in page


def test_chart_tooltips_escape_html():
    """vega-tooltip escapes HTML unless told not to: the handbook never tells it not to."""
    import altair as alt
    import pandas as pd

    from handbook import charts

    charts.enable()
    chart = alt.Chart(pd.DataFrame({"t": PLANTED})).mark_point().encode(y="t:N", tooltip="t:N")
    html = chart._repr_mimebundle_()["text/html"]
    assert "sanitize" not in html  # vega-tooltip's default escaping stays on
    assert "</td>" not in html.split("<script")[-1] and "<img src=x" not in html  # nor can data end the script


def test_latex_tables_escape_everything():
    import pandas as pd

    latex = tables.latex_table(pd.DataFrame({"text": PLANTED}), "Planted")
    assert "```" not in latex and "\\$x" in latex and "<" not in latex
    assert tables.latex_escape("</script>") == "\\textless{}/script\\textgreater{}"
    assert "\\textbackslash{}input\\{/etc/passwd\\}" in latex
