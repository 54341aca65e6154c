"""The war and the map: figures for the share of Ukraine under Russian control.

Chapter 6 ("The war and the map") reads ``data/territory.csv`` with the builders here. The rules
they follow:

* every figure is shown as its source gave it, labelled with who gave it, how (method, Crimea)
  and its status (claimed, assessed, estimate, quoted), by shape as well as colour;
* a share is never computed for a row that gives only an area: such rows are drawn on their own
  chart of areas in km²;
* anything the handbook computes from two sourced figures (for instance the denominator a share
  and an area imply) is returned in a separate frame whose column names say "computed by the
  handbook", and never written back to the data.

Only aggregate, country-wide figures are handled here; nothing about current positions.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import FONT, PALETTE, WIDTH, finish
from .sources import bibliography, cite_short, split_keys
from .tables import format_date, styled

#: Status of a figure, in display order, with a colour and a shape each (never colour alone).
STATUS_ORDER = ["assessed", "claimed", "estimate", "quoted"]
STATUS_LABELS = {
    "assessed": "Assessed (independent analyst)",
    "claimed": "Claimed (party to the war)",
    "estimate": "Estimate (modelled)",
    "quoted": "Quoted (round figure, no method)",
}
STATUS_COLOURS = {"assessed": PALETTE[0], "claimed": PALETTE[5], "estimate": PALETTE[2],
                  "quoted": PALETTE[3]}
STATUS_SHAPES = {"assessed": "circle", "claimed": "triangle-up", "estimate": "diamond",
                 "quoted": "square"}

METHOD_LABELS = {
    "controlled": "areas under Russian control",
    "controlled-incl-contested": "under Russian control, including contested areas",
    "claimed": "a claim (method not given)",
}

#: The event categories drawn on the war strip, and the first year drawn.
WAR_CATEGORIES = {"war": "War", "strikes": "Strikes"}
WAR_FROM = "2022-01-01"

#: Fixed axes, so that label placement (done in pixels) matches what Vega-Lite draws.
X_DOMAIN = ("2022-01-01", "2026-06-30")
SHARE_DOMAIN = (0.0, 30.0)
SHARE_HEIGHT = 300
AREA_HEIGHT = 260
STRIP_HEIGHT = 70

SOURCE_LINE = "Reading the Kremlin, data/territory.csv; each figure's own source is in its tooltip."
SOURCE_LINE_WAR = ("Reading the Kremlin, data/territory.csv and data/events.csv; each row's source "
                   "is in its tooltip.")


# --------------------------------------------------------------------------------------------
# Labels


def short_name(assessed_by: str) -> str:
    """A short name for a chart label: 'The Times analysis of ISW daily front-line maps' ->
    'The Times / ISW', 'Volodymyr Zelenskyy (President of Ukraine)' -> 'Zelenskyy'."""
    text = str(assessed_by)
    head = text.split(" (")[0].split(",")[0].strip()
    if " analysis of " in head:
        who, what = head.split(" analysis of ", 1)
        return f"{who} / ISW" if "ISW" in what else who
    if head.startswith("Institute for the Study of War"):
        return "ISW"
    if head.endswith("Institution"):
        return head[: -len("Institution")].strip()
    words = head.split()
    if len(words) == 2 and words[0][0].isupper() and words[1][0].isupper() and head not in (
            "War Mapper", "Forbes Ukraine"):
        return words[1]  # a person: the family name
    return head


def crimea_label(value) -> str:
    """'included', 'not included' or 'not stated' for the ``includes_crimea`` column."""
    if pd.isna(value):
        return "not stated by the source"
    return "included" if bool(value) else "not included"


_PROSE_DATES = {"day": "%-d %B %Y", "month": "%B %Y", "year": "%Y"}


def prose_date(date: pd.Timestamp, precision: str) -> str:
    """A date for running text, as precise as the data: '24 February 2022', 'February 2024'."""
    return date.strftime(_PROSE_DATES.get(str(precision), "%-d %B %Y"))


def _number(value: float) -> str:
    return f"{value:g}"


def territory_frame(territory: pd.DataFrame) -> pd.DataFrame:
    """The territory rows with the labels charts and tables show (the figures are unchanged)."""
    frame = territory.copy()
    frame["date_label"] = [format_date(d, p) for d, p in
                           zip(frame["date"], frame["date_precision"])]
    frame["who"] = [short_name(a) for a in frame["assessed_by"]]
    frame["status_label"] = frame["status"].map(STATUS_LABELS).astype("string")
    frame["method_label"] = frame["method"].map(METHOD_LABELS).astype("string")
    frame["crimea_label"] = [crimea_label(v) for v in frame["includes_crimea"]]
    frame["has_share"] = frame["share_pct"].notna().astype(bool)
    frame["area_only"] = (frame["share_pct"].isna() & frame["area_km2"].notna()).astype(bool)
    frame["share_text"] = [
        "not given by the source" if pd.isna(v) else f"{_number(v)}%" for v in frame["share_pct"]]
    frame["area_text"] = [
        "not given by the source" if pd.isna(v) else f"{v:,.0f} km²" for v in frame["area_km2"]]
    frame["source_label"] = [cite_short(s) for s in frame["source"]]
    frame["note"] = frame["note"].fillna("")
    return frame.sort_values(["date", "id"]).reset_index(drop=True)


def share_rows(territory: pd.DataFrame) -> pd.DataFrame:
    """Rows that give a share (in per cent) of Ukraine's territory."""
    return territory[territory["share_pct"].notna()]


def area_only_rows(territory: pd.DataFrame) -> pd.DataFrame:
    """Rows that give an area in km² but no share: no share is computed for them."""
    return territory[territory["share_pct"].isna() & territory["area_km2"].notna()]


# --------------------------------------------------------------------------------------------
# Logic the prose relies on


def implied_denominators(territory: pd.DataFrame) -> pd.DataFrame:
    """For rows that give both a share and an area: the total area the two figures imply.

    ``area_km2 / (share_pct / 100)``, computed by the handbook. The columns say so; the result
    is for reading, not for the data. Rounded shares ("about 20%") imply wide ranges, which is
    the point of the exercise.
    """
    both = territory[territory["share_pct"].notna() & territory["area_km2"].notna()]
    implied = (both["area_km2"].astype(float) / (both["share_pct"].astype(float) / 100)).round(0)
    return pd.DataFrame({
        "id": both["id"].to_numpy(),
        "assessed_by": both["assessed_by"].to_numpy(),
        "share_pct": both["share_pct"].astype(float).to_numpy(),
        "area_km2": both["area_km2"].astype(float).to_numpy(),
        "implied_total_km2 (computed by the handbook)": implied.to_numpy(),
    })


def bracketing(territory: pd.DataFrame, row_id: str, status: str = "assessed") -> pd.DataFrame:
    """The ``status`` rows with a share closest in time before and after row ``row_id``.

    Used to set a claim beside the independent assessments around it. Returns zero, one or two
    rows (the last one on or before the date, the first one after it), excluding ``row_id``.
    """
    row = territory.set_index("id").loc[row_id]
    others = share_rows(territory)
    others = others[(others["status"] == status) & (others["id"] != row_id)].sort_values("date")
    before = others[others["date"] <= row["date"]].tail(1)
    after = others[others["date"] > row["date"]].head(1)
    return pd.concat([before, after])


def change(territory: pd.DataFrame, start_id: str, end_id: str) -> dict:
    """Change in share between two rows: percentage points, years between them, and whether the
    two rows come from the same assessor (if not, the change mixes methods)."""
    rows = territory.set_index("id")
    start, end = rows.loc[start_id], rows.loc[end_id]
    if pd.isna(start["share_pct"]) or pd.isna(end["share_pct"]):
        raise ValueError("both rows must give a share; no share is computed from an area")
    return {
        "points": round(float(end["share_pct"]) - float(start["share_pct"]), 2),
        "years": round((end["date"] - start["date"]).days / 365.25, 1),
        "same_assessor": start["assessed_by"] == end["assessed_by"],
    }


def war_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events of the categories war and strikes from 2022 on."""
    keep = events["category"].isin(list(WAR_CATEGORIES)) & (events["date"] >= WAR_FROM)
    return events[keep].sort_values("date").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Label placement (in pixels, on the fixed axes)


def _x_pixels(dates: pd.Series, width: int = WIDTH) -> pd.Series:
    start, end = (pd.Timestamp(d) for d in X_DOMAIN)
    return (dates - start) / (end - start) * width


def _y_pixels(values: pd.Series, domain: tuple[float, float], height: int) -> pd.Series:
    low, high = domain
    return height - (values.astype(float) - low) / (high - low) * height


#: Candidate label positions: name, dx, dy, horizontal alignment.
_POSITIONS = [("right", 9, 0, "left"), ("left", -9, 0, "right"),
              ("above", 0, -13, "center"), ("below", 0, 13, "center"),
              ("above-right", 4, -13, "left"), ("below-right", 4, 13, "left")]
#: Labels may run this far past the right edge of the plot (into the chart's margin).
RIGHT_MARGIN = 50
_CHAR_WIDTH, _LINE_HEIGHT, _POINT_RADIUS = 5.6, 12, 6


def _box(x: float, y: float, text: str, position: str) -> tuple[float, float, float, float]:
    _, dx, dy, align = next(p for p in _POSITIONS if p[0] == position)
    w = len(text) * _CHAR_WIDTH
    left = {"left": x + dx, "right": x + dx - w, "center": x + dx - w / 2}[align]
    top = y + dy - _LINE_HEIGHT / 2
    return left, top, left + w, top + _LINE_HEIGHT


def _overlaps(a, b) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def place_labels(x: pd.Series, y: pd.Series, texts: pd.Series, width: int,
                 height: int) -> list[str | None]:
    """For each point, the first position (right, left, above, below) where its label overlaps
    no point and no label already placed and stays inside the chart; ``None`` when no position
    is free (that point keeps its tooltip only)."""
    points = [(px - _POINT_RADIUS, py - _POINT_RADIUS, px + _POINT_RADIUS, py + _POINT_RADIUS)
              for px, py in zip(x, y)]
    placed: list[tuple] = []
    result: list[str | None] = []
    for px, py, text in zip(x, y, texts):
        choice = None
        for name, *_ in _POSITIONS:
            box = _box(px, py, text, name)
            inside = (box[0] >= 0 and box[2] <= width + RIGHT_MARGIN and box[1] >= 0
                      and box[3] <= height)
            if inside and not any(_overlaps(box, o) for o in points + placed):
                choice = name
                placed.append(box)
                break
        result.append(choice)
    return result


def dodge(x: pd.Series, y: pd.Series, step: float = 9.0) -> list[float]:
    """Horizontal pixel offsets that set points drawn at the same spot side by side."""
    offsets = [0.0] * len(x)
    groups: dict[tuple, list[int]] = {}
    for i, (px, py) in enumerate(zip(x, y)):
        groups.setdefault((round(px / 4), round(py / 4)), []).append(i)
    for members in groups.values():
        for k, i in enumerate(members):
            offsets[i] = (k - (len(members) - 1) / 2) * step
    return offsets


# --------------------------------------------------------------------------------------------
# Charts


def _status_scales(statuses: list[str]):
    """Legend labels, colour scale and shape scale for the statuses present."""
    order = [s for s in STATUS_ORDER if s in statuses]
    labels = [STATUS_LABELS[s] for s in order]
    colour = alt.Scale(domain=labels, range=[STATUS_COLOURS[s] for s in order])
    shape = alt.Scale(domain=labels, range=[STATUS_SHAPES[s] for s in order])
    return labels, colour, shape


def _x(title: str | None = "Date the figure refers to (year)", axis: bool = True) -> alt.X:
    return alt.X("date:T", title=title,
                 scale=alt.Scale(domain=[pd.Timestamp(d).isoformat() for d in X_DOMAIN]),
                 axis=alt.Axis(format="%Y", tickCount="year", labelOverlap=True) if axis
                 else alt.Axis(format="%Y", tickCount="year", labels=False, title=None))


def _tooltip() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("date_label:N", title="Date the figure refers to"),
        alt.Tooltip("assessed_by:N", title="Assessed or claimed by"),
        alt.Tooltip("share_text:N", title="Share of Ukraine"),
        alt.Tooltip("area_text:N", title="Area"),
        alt.Tooltip("status_label:N", title="Status"),
        alt.Tooltip("method_label:N", title="Method"),
        alt.Tooltip("crimea_label:N", title="Crimea"),
        alt.Tooltip("note:N", title="Note"),
        alt.Tooltip("source_label:N", title="Source"),
    ]


def _points_with_labels(frame: pd.DataFrame, value: str, y: alt.Y, statuses: list[str],
                        height: int, domain: tuple[float, float],
                        legend: alt.Legend | None = None) -> alt.LayerChart:
    """Points (colour and shape by status; filled when the source counts Crimea) and the text
    labels that fit, as one layered chart holding the data once. Points at the same spot are set
    side by side (one layer per pixel offset, as Vega-Lite offsets a whole mark)."""
    labels, colour, shape = _status_scales(statuses)
    px = _x_pixels(frame["date"])
    py = _y_pixels(frame[value], domain, height)
    frame = frame.assign(dodge=dodge(px, py))
    frame["label_position"] = place_labels(px + frame["dodge"], py, frame["point_label"],
                                           WIDTH, height)
    frame["crimea_counted"] = frame["includes_crimea"].fillna(False).astype(bool)
    data = frame.assign(date=frame["date"].dt.strftime("%Y-%m-%d"))
    data = data.drop(columns=["date_precision", "includes_crimea"])
    base = alt.Chart().encode(x=_x(), y=y, tooltip=_tooltip())
    layers = []
    for offset in sorted(data["dodge"].unique()):
        same = base.transform_filter(f"datum.dodge == {offset}")
        for counted in (True, False):
            rows = (data["dodge"] == offset) & (data["crimea_counted"] == counted)
            if not rows.any():
                continue
            test = "datum.crimea_counted" if counted else "!datum.crimea_counted"
            layers.append(
                same.transform_filter(test)
                .mark_point(size=110, strokeWidth=2, opacity=1, xOffset=offset, filled=counted,
                            **({} if counted else {"fill": "white"}))
                .encode(
                    color=alt.Color("status_label:N", title="Status of the figure", scale=colour,
                                    legend=legend or alt.Legend()),
                    shape=alt.Shape("status_label:N", title="Status of the figure", scale=shape,
                                    legend=legend or alt.Legend()),
                ))
        for name, dx, dy, align in _POSITIONS:
            if not ((data["dodge"] == offset) & (data["label_position"] == name)).any():
                continue
            layers.append(
                same.transform_filter(alt.datum.label_position == name)
                .mark_text(dx=dx + offset, dy=dy, align=align, baseline="middle", fontSize=10,
                           font=FONT, color="#222222")
                .encode(text="point_label:N")
            )
    return alt.layer(*layers, data=data)


def _war_strip(events: pd.DataFrame) -> alt.Chart:
    war = war_events(events)
    order = list(WAR_CATEGORIES.values())
    frame = pd.DataFrame({
        "date": war["date"].dt.strftime("%Y-%m-%d"),
        "date_label": [format_date(d, p) for d, p in zip(war["date"], war["date_precision"])],
        "title": war["title"].astype(str),
        "category_label": war["category"].map(WAR_CATEGORIES),
        "status_label": [s if pd.isna(c) else f"{s} by {c}"
                         for s, c in zip(war["status"], war["claimed_by"])],
        "source_label": [cite_short(s) for s in war["source"]],
    })
    return (
        alt.Chart(frame)
        .mark_point(size=70, filled=True, opacity=0.9)
        .encode(
            x=_x("Date of the event (year)"),
            y=alt.Y("category_label:N", title=None, sort=order,
                    axis=alt.Axis(title=None, labelFontSize=12)),
            color=alt.Color("category_label:N", sort=order, legend=None,
                            scale=alt.Scale(domain=order, range=["#000000", PALETTE[8]])),
            shape=alt.Shape("category_label:N", sort=order, legend=None,
                            scale=alt.Scale(domain=order, range=["cross", "diamond"])),
            tooltip=[alt.Tooltip("date_label:N", title="Date"),
                     alt.Tooltip("title:N", title="Event"),
                     alt.Tooltip("category_label:N", title="Category"),
                     alt.Tooltip("status_label:N", title="Status"),
                     alt.Tooltip("source_label:N", title="Source")],
        )
        .properties(width=WIDTH, height=STRIP_HEIGHT,
                    title=alt.Title("War and strikes events in the handbook's timeline",
                                    fontSize=12, fontWeight="normal", anchor="start"))
    )


def _extreme(frame: pd.DataFrame, column: str, pick) -> str:
    """'7% (Brookings, Feb 2022; Forbes Ukraine, 23 Feb 2022)': the extreme value and every row
    that has it."""
    value = pick(frame[column])
    rows = frame[frame[column] == value]
    who = "; ".join(f"{r.who}, {r.date_label}" for r in rows.itertuples())
    return f"{_number(value)}% ({who})"


def share_chart(territory: pd.DataFrame, events: pd.DataFrame) -> alt.VConcatChart:
    """Share of Ukraine under Russian control, as each source gave it, over a strip of war events.

    Rows with only an area are left out here (see :func:`area_chart`); no share is computed.
    """
    frame = territory_frame(territory)
    shares = frame[frame["has_share"]].copy()
    shares["point_label"] = [f"{w} {_number(v)}%" for w, v in zip(shares["who"], shares["share_pct"])]
    statuses = list(shares["status"].unique())
    y = alt.Y("share_pct:Q", title="Share of Ukraine under Russian control (%)",
              scale=alt.Scale(domain=list(SHARE_DOMAIN), nice=False))
    panel = _points_with_labels(shares, "share_pct", y, statuses, SHARE_HEIGHT,
                                SHARE_DOMAIN).properties(width=WIDTH, height=SHARE_HEIGHT)
    war = war_events(events)
    chart = alt.vconcat(panel, _war_strip(events), spacing=18).resolve_scale(
        color="independent", shape="independent")
    top, low = _extreme(shares, "share_pct", max), _extreme(shares, "share_pct", min)
    n_area_only = int(frame["area_only"].sum())
    counts = shares["status"].value_counts()
    status_text = ", ".join(f"{counts[s]} {s}" for s in STATUS_ORDER if s in counts)
    description = (
        f"Scatter chart of {len(shares)} figures for the share of Ukraine under Russian control, "
        f"{shares['date'].min():%B %Y} to {shares['date'].max():%B %Y}, by the date each refers "
        f"to (horizontal axis) and the share in per cent (vertical axis); colour and shape give "
        f"the status ({status_text}), a filled mark means the source counts Crimea. The lowest "
        f"figure is {low}, the highest {top}. Below, a strip "
        f"marks {len(war)} war and strikes events from the timeline. "
        f"{n_area_only} figures that give only an area are on the next chart."
    )
    return finish(
        chart,
        title="Share of Ukraine under Russian control: every figure, as its source gave it",
        subtitle=[f"{len(shares)} figures by different assessors and methods: not one series. "
                  "Shape and colour: status;",
                  "filled: the source counts Crimea; hollow: it does not say. Hover for the "
                  "source and method."],
        description=description, source=SOURCE_LINE_WAR,
    )


def area_chart(territory: pd.DataFrame) -> alt.VConcatChart:
    """Every figure that gives an area in km², including those with no share (marked)."""
    frame = territory_frame(territory)
    areas = frame[frame["area_km2"].notna()].copy()
    areas["area_thousand"] = areas["area_km2"].astype(float) / 1000
    areas["point_label"] = [
        f"{w} {v:,.0f} km²" + (" (no share given)" if only else "")
        for w, v, only in zip(areas["who"], areas["area_km2"], areas["area_only"])]
    domain = (0.0, float(max(200.0, (areas["area_thousand"].max() // 50 + 1) * 50)))
    y = alt.Y("area_thousand:Q", title="Area under Russian control (thousand km²)",
              scale=alt.Scale(domain=list(domain), nice=False))
    statuses = list(areas["status"].unique())
    inside = alt.Legend(orient="bottom-right", columns=1, fillColor="white", padding=6)
    chart = _points_with_labels(areas, "area_thousand", y, statuses, AREA_HEIGHT, domain,
                                legend=inside).properties(width=WIDTH, height=AREA_HEIGHT)
    only = areas[areas["area_only"]]
    top = areas.loc[areas["area_km2"].idxmax()]
    description = (
        f"Scatter chart of {len(areas)} figures that give the area of Ukraine under Russian "
        f"control in thousand square kilometres, by date (horizontal axis); colour and shape give "
        f"the status. {len(only)} of them give no share: "
        + "; ".join(f"{r.who}, {r.area_text}, {r.date_label}" for r in only.itertuples())
        + f". The largest area is {top['area_text']} ({top['who']}, {top['date_label']})."
    )
    return finish(
        chart,
        title="Area of Ukraine under Russian control, where the source gave one",
        subtitle=[f"{len(areas)} figures in km², {len(only)} of them with no share (the handbook "
                  "computes none).",
                  "Shape and colour: status; filled: the source counts Crimea; hollow: it does "
                  "not say.", "Points side by side share a date and a value."],
        description=description, source=SOURCE_LINE,
    )


# --------------------------------------------------------------------------------------------
# Tables


def author_date(value: str) -> str:
    """'Culverwell (2023-01-04); The Times (2023-02-23)': who and when for each key of a
    ``source`` cell, for compact tables (the tooltips and the bibliography give the titles)."""
    bib = bibliography()
    return "; ".join(f"{bib[k].who} ({bib[k].date or bib[k].year})" for k in split_keys(value))


def territory_table(territory: pd.DataFrame,
                    caption: str = "Every territory figure in the handbook, as its source gave it"):
    """All rows: date, share, area, who, status, method, Crimea, sources. Nothing computed."""
    frame = territory_frame(territory)
    table = pd.DataFrame({
        "Date": frame["date_label"],
        "Share": ["–" if pd.isna(v) else f"{_number(v)}%" for v in frame["share_pct"]],
        "Area (km²)": ["–" if pd.isna(v) else f"{v:,.0f}" for v in frame["area_km2"]],
        "Assessed or claimed by": frame["assessed_by"].astype(str),
        "Status": frame["status"].astype(str),
        "Method": frame["method"].astype(str),
        "Crimea": [{"included": "yes", "not included": "no"}.get(c, "not stated")
                   for c in frame["crimea_label"]],
        "Sources": [author_date(s) for s in frame["source"]],
    })
    return styled(table, "territory-figures", caption)


def denominator_table(territory: pd.DataFrame):
    """Rows that give both a share and an area, with the total area the two imply
    (computed by the handbook, not part of the data)."""
    implied = implied_denominators(territory)
    frame = territory_frame(territory).set_index("id")
    table = pd.DataFrame({
        "Date": frame.loc[implied["id"], "date_label"].to_numpy(),
        "Assessed or claimed by": [short_name(a) for a in implied["assessed_by"]],
        "Status": frame.loc[implied["id"], "status"].astype(str).to_numpy(),
        "Share (source)": [f"{_number(v)}%" for v in implied["share_pct"]],
        "Area (source, km²)": [f"{v:,.0f}" for v in implied["area_km2"]],
        "Implied total area (km², computed by the handbook)": [
            f"{v:,.0f}" for v in implied["implied_total_km2 (computed by the handbook)"]],
    })
    return styled(table, "territory-implied-totals",
                  "The total area each source's share and area imply: area ÷ share, computed by "
                  "the handbook (not part of the data)")
