"""Table builders: compact, readable tables for the chapters.

Tables are pandas Stylers with a fixed id, so the HTML they produce is the same on every run (the
notebooks' stored outputs are checked by nbval) and carries a caption for screen readers.
"""
from __future__ import annotations

import html

import pandas as pd
from pandas.io.formats.style import Styler

from .charts import CATEGORY_LABELS
from .sources import cite_short

_DATE_FORMATS = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}


def format_date(date: pd.Timestamp, precision: str) -> str:
    """A date as precise as the data says it is: '24 Feb 2022', 'Feb 2022' or '2022'."""
    return date.strftime(_DATE_FORMATS.get(str(precision), "%Y-%m-%d"))


class Table:
    """A captioned HTML table whose output is the same on every run.

    (A pandas Styler's plain-text form holds its memory address, which would change the stored
    notebook outputs on every run.)
    """

    def __init__(self, frame: pd.DataFrame, table_id: str, caption: str):
        self.frame = frame
        self.caption = caption
        self.styler: Styler = (
            frame.style.set_uuid(table_id)
            .set_caption(caption)
            .hide(axis="index")
            .set_table_attributes('class="handbook-table"')
        )

    def _repr_html_(self) -> str:
        return self.styler.to_html()

    def __repr__(self) -> str:
        return f"Table: {self.caption} ({len(self.frame)} rows)"


def styled(frame: pd.DataFrame, table_id: str, caption: str) -> Table:
    """A table with a stable id, a caption and no index column."""
    return Table(frame, table_id, caption)


TIMELINE_PAGE = "01-timeline.html"


def event_anchor(event_id: str) -> str:
    """The id of an event's row in the timeline chapter's table."""
    return f"event-{event_id}"


def event_table(events: pd.DataFrame, caption: str = "Events, with their sources",
                link_to_timeline: bool = False) -> Table:
    """One row per event: date (as precise as known), event, category, status, sources.

    In the timeline chapter each event carries an anchor; elsewhere, with ``link_to_timeline``,
    each event links to its row on the timeline, so every chapter points to the events it
    discusses.
    """
    titles = [html.escape(str(t)) for t in events["title"]]
    if link_to_timeline:
        cells = [f'<a href="{TIMELINE_PAGE}#{event_anchor(i)}">{t}</a>'
                 for i, t in zip(events["id"], titles)]
    else:
        cells = [f'<span id="{event_anchor(i)}">{t}</span>' for i, t in zip(events["id"], titles)]
    frame = pd.DataFrame({
        "Date": [format_date(d, p) for d, p in zip(events["date"], events["date_precision"])],
        "Event": cells,
        "Category": events["category"].map(CATEGORY_LABELS),
        "Status": [s if pd.isna(c) else f"{s} by {c}"
                   for s, c in zip(events["status"], events["claimed_by"])],
        "Sources": [html.escape(cite_short(s)) for s in events["source"]],
    })
    table_id = "events-linked" if link_to_timeline else "events"
    return styled(frame, table_id, caption)


def events_by_era(events: pd.DataFrame, eras: pd.DataFrame) -> pd.DataFrame:
    """Number of events per era and category (eras in time order, categories as columns)."""
    from .charts import era_frame

    bands = era_frame(eras, events)
    starts = pd.to_datetime(bands["start"])
    index = starts.searchsorted(events["date"], side="right") - 1
    labels = bands["label"].tolist()
    era = pd.Series(
        [labels[i] if i >= 0 else "Before the first era" for i in index], index=events.index)
    table = pd.crosstab(era, events["category"].map(CATEGORY_LABELS))
    order = [lab for lab in ["Before the first era", *labels] if lab in table.index]
    columns = [c for c in CATEGORY_LABELS.values() if c in table.columns]
    table = table.loc[order, columns]
    table["All"] = table.sum(axis=1)
    table.index.name = "Era"
    table.columns.name = None
    return table
