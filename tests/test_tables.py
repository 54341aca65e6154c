"""Table builders: stable output, escaped text, anchors and links to the timeline."""
import pandas as pd

from handbook import tables


def small_events():
    return pd.DataFrame({
        "id": ["2008-04-03-bucharest", "2014-03-01-crimea"],
        "date": pd.to_datetime(["2008-04-03", "2014-03-01"]),
        "date_precision": ["day", "month"],
        "title": ["Bucharest <summit>", "Crimea & more"],
        "category": ["nato-eu", "war"],
        "status": ["confirmed", "claimed"],
        "claimed_by": [pd.NA, "Somebody"],
        "source": ["nato2008bucharest", "nato2008bucharest"],
    })


def test_table_output_is_identical_on_every_run():
    frame = pd.DataFrame({"a": [1, 2]})
    first, second = tables.styled(frame, "x", "A caption"), tables.styled(frame, "x", "A caption")
    assert first._repr_html_() == second._repr_html_()
    assert repr(first) == "Table: A caption (2 rows)"
    assert "<caption>A caption</caption>" in first._repr_html_()


def test_event_table_anchors_dates_and_escaping():
    html = tables.event_table(small_events())._repr_html_()
    assert '<span id="event-2008-04-03-bucharest">Bucharest &lt;summit&gt;</span>' in html
    assert "3 Apr 2008" in html and "Mar 2014" in html and "1 Mar 2014" not in html
    assert "claimed by Somebody" in html
    assert "Crimea &amp; more" in html


def test_event_table_links_to_the_timeline():
    html = tables.event_table(small_events(), link_to_timeline=True)._repr_html_()
    assert '<a href="01-timeline.html#event-2014-03-01-crimea">Crimea &amp; more</a>' in html


def test_latex_table_only_in_the_builds(monkeypatch):
    """Stored notebooks carry no LaTeX copy of a table; the builds (which set the renderer
    variable) get it for the PDF."""
    from handbook.charts import STATIC_VARIABLE

    monkeypatch.delenv(STATIC_VARIABLE, raising=False)
    assert tables.event_table(small_events())._repr_markdown_() is None
    monkeypatch.setenv(STATIC_VARIABLE, "build")
    assert tables.event_table(small_events())._repr_markdown_().startswith("```{raw} latex")


def test_latex_table_fits_the_page_and_escapes(monkeypatch):
    from handbook.charts import STATIC_VARIABLE

    monkeypatch.setenv(STATIC_VARIABLE, "build")
    table = tables.event_table(small_events())
    markdown = table._repr_markdown_()
    assert markdown.startswith("```{raw} latex\n") and markdown.endswith("```\n")
    latex = markdown.split("\n", 1)[1]
    assert latex.count("\\begin{longtable}") == 1 and "\\endhead" in latex
    assert "Crimea \\& more" in latex and "<span" not in latex
    widths = tables.column_widths(table.frame)
    assert abs(sum(widths) - 0.98) < 0.01
    assert min(widths) > 0


def test_every_column_holds_its_longest_word():
    frame = pd.DataFrame({"short": ["Politics", "War"], "long": ["word " * 60, "x"]})
    widths = tables.column_widths(frame)
    assert widths[0] * tables.LINE_CHARACTERS >= len("Politics")


def test_discussed_events_are_linked_in_time_order():
    events = small_events()
    html = tables.discussed_events(events, ["2014-03-01-crimea", "2008-04-03-bucharest"])._repr_html_()
    assert html.index("#event-2008-04-03-bucharest") < html.index("#event-2014-03-01-crimea")


def test_discussed_events_refuses_unknown_ids():
    import pytest
    with pytest.raises(KeyError, match="2099-01-01-nothing"):
        tables.discussed_events(small_events(), ["2099-01-01-nothing"])


def test_table_html_has_no_layout_whitespace_but_keeps_cell_text():
    frame = pd.DataFrame({"Name": ["a  b", "c\nd"], "Value": [1, 2]})
    text = tables.styled(frame, "layout", "Layout")._repr_html_()
    assert "\n  <tr" not in text and "\n<td" not in text and "\n    <td" not in text
    assert text.startswith('<table id="T_layout" class="handbook-table"><caption>Layout</caption>')
    assert ">a  b</td>" in text and ">c\nd</td>" in text  # whitespace inside a cell is the data's
