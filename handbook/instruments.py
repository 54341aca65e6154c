"""The instruments chapter: which instruments serve which Kremlin objectives, and the dated record
of the non-military ones (elections and legitimacy, history, church).

The instruments come from the ``instruments`` column of ``data/objectives.csv``, a list the
handbook coded from its sources; the dated record comes from ``data/events.csv`` and
``data/statements.csv``. Nothing here types a fact: every label, count and date is read from
the data.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from . import dates
from .charts import FONT, PALETTE, WIDTH, finish
from .sources import cite_short, split_keys
from .tables import Table, format_date, styled

#: The instruments, in the order the data package documents them, with the label a reader sees.
INSTRUMENT_LABELS = {
    "military": "Military force",
    "political-electoral": "Politics and elections",
    "history-information": "History and information",
    "religion": "Religion",
    "economic": "Economic levers",
    "alliances": "Alliances",
}

#: Labels short enough to head a column of the dot matrix.
SHORT_LABELS = {
    "military": "Military",
    "political-electoral": "Elections",
    "history-information": "History",
    "religion": "Religion",
    "economic": "Economy",
    "alliances": "Alliances",
}

STATUS_LABELS = {
    "stated": "stated by the Kremlin",
    "inferred": "inferred by analysts only",
    "both": "stated by the Kremlin and inferred by analysts",
}

#: The three non-military strands this chapter follows, each with the events and statements
#: that document it (ids in events.csv and statements.csv). The selection is editorial.
STRANDS = {
    "Elections and legitimacy": {
        "events": ["2019-04-21-zelenskyy-elected", "2019-05-20-zelenskyy-inauguration",
                   "2024-05-20-zelenskyy-term-under-martial-law"],
        "statements": ["s03"],
    },
    "History": {
        "events": ["2021-07-12-putin-historical-unity-essay"],
        "statements": ["s10", "s11"],
    },
    "Church": {
        "events": ["2019-01-05-tomos-signed", "2022-03-06-kirill-forgiveness-sunday-sermon",
                   "2022-09-25-kirill-sacrifice-sermon"],
        "statements": ["s15"],
    },
}

#: How each kind of record is drawn: what happened, what Russian state and church leaders said,
#: and what analysts infer are kept apart by shape as well as colour.
KINDS = {
    "event": ("Event (what happened)", "circle", PALETTE[0]),
    "kremlin": ("Statement by a Russian leader (state or church)", "triangle-up", PALETTE[5]),
    "analyst": ("Statement by an analyst", "square", PALETTE[2]),
}

MARKER_EVENT = "2022-02-24-full-scale-invasion"


class PlainText(str):
    """A string whose plain-text representation has no quotation marks, so that
    ``{glue:text}`` prints ``21 April 2019`` rather than ``'21 April 2019'``."""

    def __repr__(self) -> str:
        return str(self)


def long_date(date: pd.Timestamp, precision: str = "day") -> str:
    """'24 February 2022', 'February 2022' or '2022', as precise as the data says."""
    return PlainText(dates.long_date(date, precision))


# --------------------------------------------------------------------------------------------
# Objectives x instruments


def split_instruments(value: str) -> list[str]:
    """``'military;alliances'`` -> ``['military', 'alliances']``; unknown names raise."""
    items = split_keys(value) if isinstance(value, str) else []
    unknown = [i for i in items if i not in INSTRUMENT_LABELS]
    if unknown:
        raise ValueError(f"unknown instrument(s): {', '.join(unknown)}")
    return items


def instrument_counts(objectives: pd.DataFrame) -> pd.Series:
    """Number of objectives that list each instrument, most used first (ties in data-package
    order), indexed by the instrument's id."""
    counts = pd.Series(0, index=list(INSTRUMENT_LABELS), dtype="int64")
    for value in objectives["instruments"]:
        for item in split_instruments(value):
            counts[item] += 1
    order = sorted(counts.index, key=lambda i: (-counts[i], list(INSTRUMENT_LABELS).index(i)))
    return counts[order]


def objectives_using(objectives: pd.DataFrame, instrument: str) -> list[str]:
    """Names of the objectives that list ``instrument``, in data order."""
    if instrument not in INSTRUMENT_LABELS:
        raise ValueError(f"unknown instrument: {instrument}")
    return [name for name, value in zip(objectives["name"], objectives["instruments"])
            if instrument in split_instruments(value)]


def matrix_frame(objectives: pd.DataFrame) -> pd.DataFrame:
    """One row per objective and instrument: whether the objective lists it, with labels,
    the objective's status and its sources for the tooltips."""
    counts = instrument_counts(objectives)
    n = len(objectives)
    rows = []
    for row in objectives.itertuples(index=False):
        used = set(split_instruments(row.instruments))
        for instrument in counts.index:
            rows.append({
                "objective": str(row.name),
                "instrument": instrument,
                "instrument_label": INSTRUMENT_LABELS[instrument],
                "column_label": f"{SHORT_LABELS[instrument]}|{counts[instrument]} of {n}",
                "n_objectives": int(counts[instrument]),
                "uses": instrument in used,
                "uses_label": "listed" if instrument in used else "not listed",
                "n_instruments": len(used),
                "status_label": STATUS_LABELS.get(str(row.status), str(row.status)),
                "statement": "none in the dataset" if pd.isna(row.kremlin_statement)
                else str(row.kremlin_statement),
                "source_label": cite_short(row.source),
            })
    return pd.DataFrame(rows)


def instrument_matrix_chart(objectives: pd.DataFrame) -> alt.VConcatChart:
    """Dot matrix: objectives (rows) by instruments (columns); a dot where the objective lists
    the instrument. Columns are ordered by use and their labels carry the count, so the chart
    reads without colour."""
    frame = matrix_frame(objectives)
    counts = instrument_counts(objectives)
    n = len(objectives)
    columns = list(dict.fromkeys(frame["column_label"]))
    rows = list(objectives["name"].astype(str))
    tooltip = [
        alt.Tooltip("objective:N", title="Objective"),
        alt.Tooltip("instrument_label:N", title="Instrument"),
        alt.Tooltip("uses_label:N", title="For this objective"),
        alt.Tooltip("n_objectives:Q", title="Objectives listing this instrument"),
        alt.Tooltip("status_label:N", title="Objective is"),
        alt.Tooltip("statement:N", title="Kremlin statement (statements.csv)"),
        alt.Tooltip("source_label:N", title="Source"),
    ]
    x = alt.X("column_label:N", sort=columns,
              title=f"Instrument (number of the {n} objectives listing it)",
              axis=alt.Axis(orient="top", labelAngle=0, labelLimit=90, labelFontSize=11,
                            labelExpr="split(datum.label, '|')", labelLineHeight=14,
                            ticks=False, domain=False, labelPadding=6))
    y = alt.Y("objective:N", sort=rows, title=None,
              axis=alt.Axis(labelLimit=300, labelFontSize=11, ticks=False, domain=False))
    grid = alt.Chart(frame).mark_rect(fill="#f4f4f4", stroke="white", strokeWidth=2).encode(
        x=x, y=y, tooltip=tooltip)
    dots = (
        alt.Chart(frame).transform_filter(alt.datum.uses)
        .mark_point(filled=True, shape="circle", size=210, color=PALETTE[0], opacity=1)
        .encode(x=x, y=y, tooltip=tooltip)
    )
    chart = alt.layer(grid, dots).properties(width=54 * len(columns), height=30 * len(rows))
    top, bottom = counts.index[0], counts.index[-1]
    least = [INSTRUMENT_LABELS[i].lower() for i in counts.index if counts[i] == counts[bottom]]
    description = (
        f"Dot matrix of {n} Kremlin objectives (rows) by {len(counts)} instruments (columns); a "
        f"dot marks each instrument the objectives dataset lists for an objective. "
        f"{INSTRUMENT_LABELS[top]} is listed most often ({counts[top]} of {n} objectives), "
        f"{' and '.join(least)} least often ({counts[bottom]} of {n}). "
        + "; ".join(f"{INSTRUMENT_LABELS[i]}: {counts[i]}" for i in counts.index) + "."
    )
    return finish(
        chart,
        title="Which instruments serve which objectives",
        subtitle=[f"A dot marks an instrument the handbook's objectives dataset lists for an "
                  f"objective; {INSTRUMENT_LABELS[top].lower()} appear in {counts[top]} of {n},",
                  f"{' and '.join(least)} in {counts[bottom]}. The coding is editorial; "
                  "hover for each objective's sources."],
        description=description,
        source="Reading the Kremlin, data/objectives.csv (column 'instruments'); each "
               "objective's sources are in its tooltip.",
    )


# --------------------------------------------------------------------------------------------
# The dated record of the non-military strands


def strands_frame(events: pd.DataFrame, statements: pd.DataFrame, people: pd.DataFrame,
                  strands: dict | None = None) -> pd.DataFrame:
    """One row per event or statement in :data:`STRANDS`: strand, kind, date, label, source.

    Raises ``KeyError`` naming any id that is not in the data.
    """
    strands = STRANDS if strands is None else strands
    ev = events.set_index("id")
    st = statements.set_index("id")
    kinds = people.set_index("id")["kind"]
    names = people.set_index("id")["name"]
    missing = [i for s in strands.values() for i in s["events"] if i not in ev.index]
    missing += [i for s in strands.values() for i in s["statements"] if i not in st.index]
    if missing:
        raise KeyError(f"not in the data: {', '.join(missing)}")
    rows = []
    for strand, ids in strands.items():
        for event_id in ids["events"]:
            e = ev.loc[event_id]
            rows.append({"strand": strand, "kind": "event", "id": event_id, "date": e["date"],
                         "date_label": long_date(e["date"], e["date_precision"]),
                         "label": str(e["title"]), "detail": str(e["description"]),
                         "source_label": cite_short(e["source"])})
        for statement_id in ids["statements"]:
            s = st.loc[statement_id]
            kind = "analyst" if kinds.get(s["speaker"]) in ("expert", "journalist") else "kremlin"
            rows.append({"strand": strand, "kind": kind, "id": statement_id, "date": s["date"],
                         "date_label": long_date(s["date"], s["date_precision"]),
                         "label": f"{names.get(s['speaker'], s['speaker'])}: statement "
                                  f"{statement_id}",
                         "detail": str(s["quote"]),
                         "source_label": cite_short(s["source"])})
    frame = pd.DataFrame(rows)
    frame["kind_label"] = frame["kind"].map({k: v[0] for k, v in KINDS.items()})
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.sort_values(["date", "strand", "kind"]).reset_index(drop=True)


def strands_chart(events: pd.DataFrame, statements: pd.DataFrame,
                  people: pd.DataFrame) -> alt.VConcatChart:
    """Events and statements of the three non-military strands on one time axis, one lane per
    strand, kind of record by shape and colour, with the full-scale invasion as a reference."""
    frame = strands_frame(events, statements, people)
    lanes = list(STRANDS)
    kinds_present = [k for k in KINDS if k in set(frame["kind"])]
    domain = [KINDS[k][0] for k in kinds_present]
    first, last = int(frame["date"].dt.year.min()), int(frame["date"].dt.year.max())
    plot = frame.assign(date=frame["date"].dt.strftime("%Y-%m-%d"))
    pad = pd.Timedelta(days=120)
    x = alt.X("date:T", title="Date (year)",
              scale=alt.Scale(domain=[(frame["date"].min() - pad).strftime("%Y-%m-%d"),
                                      (frame["date"].max() + pad).strftime("%Y-%m-%d")]),
              axis=alt.Axis(format="%Y", tickCount="year", labelOverlap=True))
    points = (
        alt.Chart(plot)
        .mark_point(filled=True, size=150, opacity=0.95, stroke="white", strokeWidth=0.8)
        .encode(
            x=x,
            y=alt.Y("strand:N", sort=lanes, title="Strand", scale=alt.Scale(padding=0.6)),
            yOffset=alt.YOffset("kind_label:N", sort=domain),
            shape=alt.Shape("kind_label:N", title="Kind of record", sort=domain,
                            scale=alt.Scale(domain=domain,
                                            range=[KINDS[k][1] for k in kinds_present])),
            color=alt.Color("kind_label:N", title="Kind of record", sort=domain,
                            scale=alt.Scale(domain=domain,
                                            range=[KINDS[k][2] for k in kinds_present])),
            tooltip=[
                alt.Tooltip("date_label:N", title="Date"),
                alt.Tooltip("label:N", title="Record"),
                alt.Tooltip("detail:N", title="What it says"),
                alt.Tooltip("kind_label:N", title="Kind"),
                alt.Tooltip("source_label:N", title="Source"),
            ],
        )
    )
    marker = events.loc[events["id"] == MARKER_EVENT]
    layers = [points]
    if len(marker):
        m = marker.iloc[0]
        ref = pd.DataFrame({"date": [m["date"].strftime("%Y-%m-%d")],
                            "label": ["Full-scale invasion"],
                            "date_label": [long_date(m["date"], m["date_precision"])],
                            "source_label": [cite_short(m["source"])]})
        rule = alt.Chart(ref).mark_rule(strokeDash=[4, 3], color="#555555").encode(
            x="date:T",
            tooltip=[alt.Tooltip("label:N", title="Reference"),
                     alt.Tooltip("date_label:N", title="Date"),
                     alt.Tooltip("source_label:N", title="Source")])
        text = alt.Chart(ref).mark_text(align="left", dx=4, dy=-4, baseline="bottom", fontSize=11,
                                        color="#333333", font=FONT).encode(
            x="date:T", y=alt.value(0), text="label:N")
        layers = [rule, text, points]
    chart = alt.layer(*layers).properties(width=WIDTH - 120, height=230)
    n_events = int((frame["kind"] == "event").sum())
    n_statements = len(frame) - n_events
    by_lane = frame.groupby("strand")["date"].agg(["min", "max"])
    lane_text = "; ".join(
        f"{lane}: {by_lane.loc[lane, 'min'].year}" + (
            f" to {by_lane.loc[lane, 'max'].year}"
            if by_lane.loc[lane, "max"].year != by_lane.loc[lane, "min"].year else "")
        for lane in lanes)
    description = (
        f"Strip chart of {n_events} events and {n_statements} statements from {first} to {last}, "
        f"placed by date on the horizontal axis and in three lanes (elections and legitimacy, "
        f"history, church); shape and colour say whether a mark is an event, a statement by a "
        f"Russian state or church leader, or a statement by an analyst. A dashed line marks the "
        f"full-scale invasion. "
        f"Years covered per lane: {lane_text}."
    )
    return finish(
        chart,
        title="Elections, history and church: the dated record",
        subtitle=f"{n_events} events and {n_statements} verbatim statements, {first}–{last}. "
                 "Shape says what kind of record each mark is; hover for its source.",
        description=description,
        source="Reading the Kremlin, data/events.csv and data/statements.csv; each record's "
               "own source is in its tooltip.",
    )


# --------------------------------------------------------------------------------------------
# Tables


def _status(status, claimed_by) -> str:
    return str(status) if pd.isna(claimed_by) else f"{status} by {claimed_by}"


def events_frame(events: pd.DataFrame) -> pd.DataFrame:
    """Date (as precise as known), event, status and sources, in date order."""
    events = events.sort_values("date")
    return pd.DataFrame({
        "Date": [format_date(d, p) for d, p in zip(events["date"], events["date_precision"])],
        "Event": events["title"].astype(str).tolist(),
        "Status": [_status(s, c) for s, c in zip(events["status"], events["claimed_by"])],
        "Sources": [cite_short(s) for s in events["source"]],
    })


def narratives_table(events: pd.DataFrame) -> Table:
    """Every event in the category 'narratives', with its status and sources."""
    chosen = events[events["category"] == "narratives"]
    return styled(events_frame(chosen), "instruments-narratives",
                  f"Events in the category 'narratives' ({len(chosen)}), with their sources")


def mandate_table(events: pd.DataFrame) -> Table:
    """The events that date Zelenskyy's mandate, with their sources."""
    ids = STRANDS["Elections and legitimacy"]["events"]
    chosen = events[events["id"].isin(ids)]
    if len(chosen) != len(ids):
        raise KeyError("an event of Zelenskyy's mandate is missing from events.csv")
    return styled(events_frame(chosen), "instruments-mandate",
                  "Zelenskyy's mandate in the record: election, inauguration, end of the regular "
                  "term")
