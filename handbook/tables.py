"""Table builders: compact, readable tables for the chapters.

A :class:`Table` shows as HTML on the site (a pandas Styler with a fixed id, so the output is the
same on every run and nbval can check it, with a caption for screen readers) and as a LaTeX
``longtable`` in the PDF (a raw LaTeX block in its Markdown output), its columns wrapped to fit
the page.
"""
from __future__ import annotations

import html
import os
import re

import pandas as pd
from pandas.io.formats.style import Styler

from . import vocab
from .charts import STATIC_VARIABLE
from .dates import short_date as format_date
from .sources import cite_short

#: Line breaks and indentation before a table's structural tags. They render as nothing, and in a
#: stored notebook every line of an output costs its indentation and JSON quoting: without them
#: the tables of the book weigh about 130 KB less (issue 10's budget for the notebooks).
_LAYOUT = re.compile(r"\n\s*(?=</?(?:table|thead|tbody|tr|th|td|caption)\b)")


class Markup(str):
    """Text that is already HTML (escaped where it holds data): a table shows it as it is.
    Every other cell is escaped, so that a string from ``data/`` is always plain text."""


def _escaped(value) -> str:
    if isinstance(value, Markup):
        return str(value)
    return html.escape(str(value))


class Table:
    """A captioned table whose output is the same on every run.

    ``frame`` is what the PDF prints; ``html_frame`` (same shape), if given, is what the site
    shows, for cells that carry links or anchors. (A bare pandas Styler is not used in notebooks:
    its plain-text form holds its memory address, which changes on every run.)
    """

    def __init__(self, frame: pd.DataFrame, table_id: str, caption: str,
                 html_frame: pd.DataFrame | None = None):
        self.frame = frame
        self.caption = caption
        self.table_id = table_id
        shown = frame if html_frame is None else html_frame
        text_columns = [c for c in shown.columns
                        if pd.api.types.is_object_dtype(shown[c]) or pd.api.types.is_string_dtype(shown[c])]
        self.styler: Styler = (
            shown.style.set_uuid(table_id)
            .set_caption(html.escape(caption))
            .hide(axis="index")
            .set_table_attributes('class="handbook-table"')
            .format(_escaped, subset=text_columns, na_rep="")
            .format_index(escape="html", axis=1)
        )

    def _repr_html_(self) -> str:
        # Without the Styler's per-cell ids and classes, which nothing styles: a third lighter.
        text = _LAYOUT.sub("", self.styler.to_html(exclude_styles=True))
        return text.replace("<table>", f'<table id="T_{self.table_id}" class="handbook-table">', 1)

    def _repr_markdown_(self) -> str | None:
        # For the PDF: raw LaTeX inside a MyST ``raw`` block. (A text/latex output would be
        # typeset as mathematics.) Only the builds ask for it (they set the chart renderer's
        # variable to ``build``); the site shows the HTML, and the stored notebooks carry only
        # what something reads.
        if os.environ.get(STATIC_VARIABLE, "") != "build":
            return None
        return "```{raw} latex\n" + self.latex() + "\n```\n"

    def latex(self) -> str:
        """The table as the PDF prints it (a subclass may print less than the site shows)."""
        return latex_table(self.frame, self.caption)

    def __repr__(self) -> str:
        return f"Table: {self.caption} ({len(self.frame)} rows)"


def styled(frame: pd.DataFrame, table_id: str, caption: str,
           html_frame: pd.DataFrame | None = None) -> Table:
    """A table with a stable id, a caption and no index column."""
    return Table(frame, table_id, caption, html_frame)


_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                  "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                  "^": r"\textasciicircum{}", "`": r"\textasciigrave{}", "<": r"\textless{}",
                  ">": r"\textgreater{}"}


def latex_escape(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in str(value))


LINE_CHARACTERS = 95  # characters of \\footnotesize text on a line of the PDF


def column_widths(frame: pd.DataFrame, total: float = 0.98) -> list[float]:
    """Shares of the line width for each column.

    Every column gets at least its longest word (so nothing sticks out of its cell); the rest of
    the line is shared in proportion to how much more each column's typical text needs.
    """
    minimum, wanted = [], []
    for column in frame.columns:
        texts = [latex_escape(v) for v in frame[column]] + [str(column)]
        longest_word = max((len(w) for t in texts for w in t.split()), default=4)
        lengths = sorted(len(t) for t in texts)
        minimum.append(longest_word + 1)
        wanted.append(max(lengths[int(0.9 * (len(lengths) - 1))], longest_word + 1))
    spare = max(LINE_CHARACTERS - sum(minimum), 0)
    extra = [w - m for w, m in zip(wanted, minimum)]
    shares = [m + (spare * e / sum(extra) if sum(extra) else 0) for m, e in zip(minimum, extra)]
    scale = total / sum(shares)
    return [round(share * scale, 3) for share in shares]


def latex_table(frame: pd.DataFrame, caption: str) -> str:
    """A ``longtable`` that breaks across pages, with wrapped columns that fit the text width."""
    widths = column_widths(frame)
    spec = "".join(f">{{\\raggedright\\arraybackslash}}p{{{w:.3f}\\linewidth}}" for w in widths)
    header = " & ".join(f"\\textbf{{{latex_escape(c)}}}" for c in frame.columns) + r" \\"
    rows = [" & ".join(latex_escape(v) for v in row) + r" \\" for row in frame.itertuples(index=False)]
    return "\n".join([
        "\\begingroup\\footnotesize\\setlength{\\tabcolsep}{3pt}",
        f"\\begin{{longtable}}{{{spec}}}",
        f"\\caption{{{latex_escape(caption)}}}\\\\",
        "\\hline", header, "\\hline", "\\endhead",
        *rows,
        "\\hline",
        "\\end{longtable}",
        "\\endgroup",
    ])


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
        cells = [Markup(f'<a href="{TIMELINE_PAGE}#{html.escape(event_anchor(i))}">{t}</a>')
                 for i, t in zip(events["id"], titles)]
    else:
        cells = [Markup(f'<span id="{html.escape(event_anchor(i))}">{t}</span>')
                 for i, t in zip(events["id"], titles)]
    frame = pd.DataFrame({
        "Date": [format_date(d, p) for d, p in zip(events["date"], events["date_precision"])],
        "Event": events["title"].astype(str).tolist(),
        "Category": events["category"].map(vocab.labels("events", "category")),
        "Status": [s if pd.isna(c) else f"{s} by {c}"
                   for s, c in zip(events["status"], events["claimed_by"])],
        "Sources": [cite_short(s) for s in events["source"]],
    })
    html_frame = frame.assign(Event=cells)
    table_id = "events-linked" if link_to_timeline else "events"
    return styled(frame, table_id, caption, html_frame)


def discussed_events(events: pd.DataFrame, ids: list[str]) -> Table:
    """The events a chapter discusses, in time order, each linked to its row on the timeline.

    Raises ``KeyError`` naming any id that is not in the events dataset, so a chapter cannot
    link to an event that does not exist.
    """
    missing = sorted(set(ids) - set(events["id"]))
    if missing:
        raise KeyError(f"not in data/events.csv: {', '.join(missing)}")
    chosen = events[events["id"].isin(ids)].sort_values(["date", "id"])
    return event_table(chosen, "Events this chapter discusses, linked to the timeline",
                       link_to_timeline=True)
