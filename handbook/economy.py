"""Brent crude and Russia's GDP, 1990–2024: the figures, the falls and the chart behind
chapter 2 ("From collapse to comeback").

Everything is computed from ``data/economy.csv`` (two annual series in long form) and the dated
events of ``data/events.csv``; nothing here types a figure or a date. The events that draw the
bands (who held the Kremlin, Russia's place at the summits of the G7/G8) are named by their ids
below, so a reader can look each one up in the data and its source in the bibliography.
"""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from .charts import PALETTE, WIDTH, finish
from .sources import cite_short
from .tables import Table, styled

BRENT = "brent_usd_per_barrel"
GDP = "russia_gdp_current_usd"

#: Bands of the "Kremlin" row: label, opening event. A band runs to the next band's opening event.
#: The first band opens with the start of the data (1 January of its first year).
KREMLIN_BANDS = [
    ("Soviet Union", None),
    ("Yeltsin", "1991-12-25-gorbachev-resigns"),
    ("Putin", "1999-12-31-putin-acting-president"),
    ("Tandem", "2008-03-02-medvedev-elected"),
    ("Putin", "2012-05-07-putin-returns-presidency"),
]
#: What each band means, for the tooltip.
KREMLIN_MEANING = {
    "Soviet Union": "Russia is a republic of the USSR until Gorbachev resigns",
    "Yeltsin": "Boris Yeltsin is Russia's president",
    "Putin": "Vladimir Putin is (acting) president",
    "Tandem": "Dmitry Medvedev is president and Vladimir Putin prime minister",
}
#: Bands of the "G8" row. Before the first, Russia takes no part in the leaders' summits.
G8_BANDS = [
    ("Summit of the Eight", "1997-06-20-denver-summit-of-the-eight"),
    ("G8 member", "1998-05-15-birmingham-first-g8-summit"),
    ("G7 suspends G8", "2014-03-24-g7-hague-declaration"),
]
G8_MEANING = {
    "Summit of the Eight": "Russia takes part in the Denver 'Summit of the Eight'; the G7 keeps "
                           "a separate statement on the economy",
    "G8 member": "Russia is a member of the G8 (first so called at Birmingham)",
    "G7 suspends G8": "The other seven suspend their participation in the G8 and meet as the G7",
}
#: Events drawn as points on the G8 row, and as dashed rules across the two line panels.
G8_MARKERS = ["1997-06-20-denver-summit-of-the-eight", "1998-05-15-birmingham-first-g8-summit",
              "2006-07-15-st-petersburg-g8-summit", "2014-03-24-g7-hague-declaration"]
RULE_EVENTS = ["1998-08-17-russia-devalues-and-defaults", "2014-03-24-g7-hague-declaration"]

PUTIN_SHADE = "#d9d9d9"
TANDEM_SHADE = "#eeeeee"


# --------------------------------------------------------------------------------------------
# The figures


def wide(economy: pd.DataFrame) -> pd.DataFrame:
    """One row per year: Brent (USD per barrel), GDP (billions of current US$), their sources
    and notes. Years missing from either series are dropped."""
    parts = {}
    for indicator, name in ((BRENT, "brent"), (GDP, "gdp")):
        rows = economy[economy["indicator"] == indicator].set_index("year").sort_index()
        scale = 1e9 if indicator == GDP else 1.0
        parts[name] = rows["value"].astype(float) / scale
        parts[f"{name}_source"] = rows["source"].astype(str)
        parts[f"{name}_note"] = rows["note"].astype("string")
    frame = pd.DataFrame(parts).dropna(subset=["brent", "gdp"])
    frame.index = frame.index.astype(int)
    frame.index.name = "year"
    return frame.reset_index()


def value(economy: pd.DataFrame, indicator: str, year: int) -> float:
    """The value of ``indicator`` in ``year`` (GDP in billions of US$, Brent in USD per barrel)."""
    rows = economy[(economy["indicator"] == indicator) & (economy["year"] == year)]
    if len(rows) != 1:
        raise KeyError(f"no single {indicator} value for {year}")
    scale = 1e9 if indicator == GDP else 1.0
    return float(rows["value"].iloc[0]) / scale


def ratio(economy: pd.DataFrame, indicator: str, start: int, end: int) -> float:
    """How many times larger ``indicator`` was in ``end`` than in ``start``."""
    return value(economy, indicator, end) / value(economy, indicator, start)


def changes(economy: pd.DataFrame) -> pd.DataFrame:
    """Year-on-year changes in per cent: year, brent_pct, gdp_pct (first year dropped; a year
    counts only if the year before it is in the data)."""
    frame = wide(economy).set_index("year")
    consecutive = frame.index.to_series().diff() == 1
    out = pd.DataFrame({
        "brent_pct": frame["brent"].pct_change() * 100,
        "gdp_pct": frame["gdp"].pct_change() * 100,
    })[consecutive]
    return out.reset_index()


def falls(economy: pd.DataFrame, indicator: str, threshold: float = 0.0) -> pd.DataFrame:
    """Years in which ``indicator`` fell by more than ``threshold`` per cent, steepest first."""
    column = "brent_pct" if indicator == BRENT else "gdp_pct"
    frame = changes(economy)
    frame = frame[frame[column] < -threshold].sort_values(column)
    return frame[["year", column]].rename(columns={column: "change_pct"}).reset_index(drop=True)


def comovement(economy: pd.DataFrame, start: int, end: int) -> dict:
    """How Brent and GDP moved together in the years ``start`` to ``end`` (inclusive).

    ``levels_r``: Pearson correlation of the annual levels (dominated by the shared trend);
    ``changes_r``: correlation of the year-on-year changes in per cent, where the change of a
    year is on the year before (so the change of ``start`` is on ``start - 1``);
    ``same_direction``: the share of those years in which both rose or both fell; ``n_years``,
    ``n_changes``: how many levels and changes were compared.
    """
    levels = wide(economy)
    levels = levels[(levels["year"] >= start) & (levels["year"] <= end)]
    moves = changes(economy)
    moves = moves[(moves["year"] >= start) & (moves["year"] <= end)]
    same = np.sign(moves["brent_pct"]) == np.sign(moves["gdp_pct"])
    return {
        "start": start, "end": end,
        "n_years": len(levels),
        "levels_r": float(levels["brent"].corr(levels["gdp"])),
        "n_changes": len(moves),
        "changes_r": float(moves["brent_pct"].corr(moves["gdp_pct"])),
        "same_direction": float(same.mean()) if len(moves) else float("nan"),
    }


def lowest_year(economy: pd.DataFrame, indicator: str) -> int:
    """The year of the series' lowest value."""
    rows = economy[economy["indicator"] == indicator]
    return int(rows.loc[rows["value"].astype(float).idxmin(), "year"])


def highest_year(economy: pd.DataFrame, indicator: str, start: int | None = None,
                 end: int | None = None) -> int:
    """The year of the series' highest value, optionally within ``start``–``end``."""
    rows = economy[economy["indicator"] == indicator]
    if start is not None:
        rows = rows[rows["year"] >= start]
    if end is not None:
        rows = rows[rows["year"] <= end]
    return int(rows.loc[rows["value"].astype(float).idxmax(), "year"])


# --------------------------------------------------------------------------------------------
# Events and bands


def event_date(events: pd.DataFrame, event_id: str) -> pd.Timestamp:
    """The date of one event, by id; a clear error if the id is not in the data."""
    rows = events[events["id"] == event_id]
    if rows.empty:
        raise KeyError(f"event {event_id!r} is not in the events data")
    return pd.Timestamp(rows["date"].iloc[0])


def day_label(date: pd.Timestamp) -> str:
    """'31 December 1999'."""
    return f"{date.day} {date:%B %Y}"


def _bands(events: pd.DataFrame, spec, meaning: dict, row: str, start: pd.Timestamp,
           end: pd.Timestamp) -> pd.DataFrame:
    by_id = events.set_index("id")
    rows = []
    for label, event_id in spec:
        if event_id is None:
            rows.append({"label": label, "start": start, "event": "Start of the data",
                         "event_note": "", "source_label": "", "band_start_label": str(start.year)})
            continue
        event = by_id.loc[event_id]
        note = event.get("note")
        rows.append({
            "label": label, "start": pd.Timestamp(event["date"]), "event": str(event["title"]),
            "event_note": "" if pd.isna(note) else str(note),
            "source_label": cite_short(event["source"]),
            "band_start_label": day_label(pd.Timestamp(event["date"])),
        })
    frame = pd.DataFrame(rows).sort_values("start").reset_index(drop=True)
    frame["end"] = frame["start"].shift(-1).fillna(end)
    frame = frame[(frame["end"] > start) & (frame["start"] < end)].copy()
    frame["start"] = frame["start"].clip(lower=start)
    frame["row"] = row
    frame["meaning"] = frame["label"].map(meaning).fillna("")
    frame["band_end_label"] = [str(end.year) if e == end else day_label(e) for e in frame["end"]]
    frame["mid"] = frame["start"] + (frame["end"] - frame["start"]) / 2
    return frame


def _span(economy: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    years = economy["year"].astype(int)
    return pd.Timestamp(year=years.min(), month=1, day=1), pd.Timestamp(year=years.max(),
                                                                        month=12, day=31)


def kremlin_bands(events: pd.DataFrame, economy: pd.DataFrame) -> pd.DataFrame:
    """Who held the Kremlin, as bands from each opening event to the next, over the data's span."""
    start, end = _span(economy)
    return _bands(events, KREMLIN_BANDS, KREMLIN_MEANING, "Kremlin", start, end)


def g8_bands(events: pd.DataFrame, economy: pd.DataFrame) -> pd.DataFrame:
    """Russia's place at the summits, as bands from each opening event to the next."""
    start, end = _span(economy)
    return _bands(events, G8_BANDS, G8_MEANING, "G8", start, end)


def marker_frame(events: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Selected events with a date label, description and readable source, for marks."""
    frame = events[events["id"].isin(ids)].copy()
    missing = set(ids) - set(frame["id"])
    if missing:
        raise KeyError(f"events not in the data: {sorted(missing)}")
    frame["date_label"] = [day_label(pd.Timestamp(d)) for d in frame["date"]]
    frame["source_label"] = [cite_short(s) for s in frame["source"]]
    frame["date"] = pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d")
    return frame[["id", "date", "date_label", "title", "description", "source_label"]]


def status_in(bands: pd.DataFrame, year: int) -> str:
    """The band label in force in the middle of ``year`` (1 July)."""
    mid = pd.Timestamp(year=year, month=7, day=1)
    hit = bands[(bands["start"] <= mid) & (bands["end"] > mid)]
    return str(hit["label"].iloc[0]) if len(hit) else "None"


# --------------------------------------------------------------------------------------------
# The chart


def _series_frame(economy: pd.DataFrame) -> pd.DataFrame:
    frame = wide(economy)
    frame["date"] = [f"{y}-07-01" for y in frame["year"]]
    frame["brent_kind"] = np.where(frame["brent_note"].isna(), "Annual average, two decimals",
                                   "EIA's rounded annual average")
    frame["brent_note"] = frame["brent_note"].fillna("None").astype(str)
    frame["gdp_note"] = frame["gdp_note"].fillna("None").astype(str)
    frame["brent_source_label"] = [cite_short(s) for s in frame["brent_source"]]
    frame["gdp_source_label"] = [cite_short(s) for s in frame["gdp_source"]]
    frame["year_label"] = frame["year"].astype(str)
    return frame


def _bands_for_chart(bands: pd.DataFrame) -> pd.DataFrame:
    frame = bands.copy()
    for column in ("start", "end", "mid"):
        frame[column] = pd.to_datetime(frame[column]).dt.strftime("%Y-%m-%d")
    return frame


def _x(domain, field="date", title=None, labels=True):
    """The shared time axis. Pass ``domain=None`` (the charts here do): the bands already span
    the years shown, and Vega-Lite warns about "conflicting" domains when an explicit domain
    meets the data domains of the other views."""
    scale = alt.Scale(domain=domain) if domain is not None else alt.Undefined
    return alt.X(f"{field}:T", title=title, scale=scale,
                 axis=alt.Axis(format="%Y", tickCount=18, labelOverlap=True, labels=labels,
                               ticks=labels))


def brent_gdp_chart(economy: pd.DataFrame, events: pd.DataFrame, *,
                    title: str = "Oil and Russia's GDP in dollars, 1990–2024",
                    source: str = "EIA (Brent; 2023–2024 rounded, STEO); World Bank (GDP, "
                                  "current US$); data/events.csv.",
                    ) -> alt.VConcatChart:
    """Brent above, GDP below, on one time axis; under them a strip with who held the Kremlin
    and Russia's place at the G7/G8 summits. Putin's years are shaded in both line panels
    (the Medvedev–Putin tandem lighter); dashed rules mark the 1998 default and the G7's
    suspension of the G8 in 2014."""
    series = _series_frame(economy)
    start, end = _span(economy)
    kremlin = _bands_for_chart(kremlin_bands(events, economy))
    g8 = _bands_for_chart(g8_bands(events, economy))
    rules = marker_frame(events, RULE_EVENTS)
    markers = marker_frame(events, G8_MARKERS)
    band_tooltip = [
        alt.Tooltip("meaning:N", title="Period"),
        alt.Tooltip("band_start_label:N", title="From"),
        alt.Tooltip("band_end_label:N", title="To"),
        alt.Tooltip("event:N", title="Opening event"),
        alt.Tooltip("event_note:N", title="Note"),
        alt.Tooltip("source_label:N", title="Source"),
    ]
    putin = kremlin[kremlin["label"].isin(["Putin", "Tandem"])]
    shade = (
        alt.Chart(putin).mark_rect()
        .encode(x=_x(None, "start", labels=False), x2="end:T",
                color=alt.Color("label:N", scale=alt.Scale(domain=["Putin", "Tandem"],
                                                           range=[PUTIN_SHADE, TANDEM_SHADE]),
                                legend=None),
                tooltip=band_tooltip)
    )
    rule_marks = (
        alt.Chart(rules).mark_rule(strokeDash=[4, 3], color="#555555", strokeWidth=1.2)
        .encode(x="date:T",
                tooltip=[alt.Tooltip("date_label:N", title="Date"),
                         alt.Tooltip("title:N", title="Event"),
                         alt.Tooltip("source_label:N", title="Source")])
    )

    def panel(column, y_title, colour, tooltip, shape=None, height=150):
        base = alt.Chart(series).encode(
            x=_x(None, labels=False),
            y=alt.Y(f"{column}:Q", title=y_title, scale=alt.Scale(zero=True)))
        line = base.mark_line(color=colour, strokeWidth=2)
        point_kwargs = {"tooltip": tooltip}
        if shape is not None:
            point_kwargs["shape"] = shape
        points = base.mark_point(filled=True, size=34, color=colour, opacity=1).encode(
            **point_kwargs)
        return alt.layer(shade, rule_marks, line, points).properties(width=WIDTH, height=height)

    brent_tooltip = [
        alt.Tooltip("year_label:N", title="Year"),
        alt.Tooltip("brent:Q", title="Brent (USD per barrel)", format=".2f"),
        alt.Tooltip("brent_kind:N", title="Figure"),
        alt.Tooltip("brent_note:N", title="Note"),
        alt.Tooltip("brent_source_label:N", title="Source"),
    ]
    gdp_tooltip = [
        alt.Tooltip("year_label:N", title="Year"),
        alt.Tooltip("gdp:Q", title="GDP (billions of current US$)", format=",.1f"),
        alt.Tooltip("gdp_note:N", title="Note"),
        alt.Tooltip("gdp_source_label:N", title="Source"),
    ]
    kinds = ["Annual average, two decimals", "EIA's rounded annual average"]
    brent_panel = panel(
        "brent", "Brent (USD per barrel)", PALETTE[0], brent_tooltip,
        shape=alt.Shape("brent_kind:N", title="Brent figure",
                        scale=alt.Scale(domain=kinds, range=["circle", "diamond"]),
                        legend=alt.Legend(orient="top-left", direction="vertical", columns=1,
                                          fillColor="white", padding=4)))
    gdp_panel = panel("gdp", "GDP (billions of current US$)", PALETTE[5], gdp_tooltip)

    strip_bands = pd.concat([kremlin, g8], ignore_index=True)
    strip_bands["fill"] = strip_bands["label"].map({
        "Soviet Union": "#f2f2f2", "Yeltsin": "#f2f2f2", "Putin": PUTIN_SHADE,
        "Tandem": TANDEM_SHADE, "Summit of the Eight": "#cfe3f2", "G8 member": "#9ecae1",
        "G7 suspends G8": "#ffffff"})
    rows = ["Kremlin", "G8"]
    y_row = alt.Y("row:N", title=None, sort=rows, axis=alt.Axis(labelFontSize=12, domain=False,
                                                                  ticks=False))
    strip_rect = (
        alt.Chart(strip_bands).mark_rect(stroke="#999999", strokeWidth=0.6)
        .encode(x=_x(None, "start", title="Year (annual values plotted at mid-year)"),
                x2="end:T",
                y=y_row, color=alt.Color("fill:N", scale=None), tooltip=band_tooltip)
    )
    labelled = strip_bands[strip_bands["label"].isin(
        ["Yeltsin", "Putin", "Tandem", "G8 member", "G7 suspends G8"])]
    strip_text = (
        alt.Chart(labelled).mark_text(fontSize=11, color="#222222")
        .encode(x="mid:T", y=y_row, text="label:N", tooltip=band_tooltip)
    )
    strip_points = (
        alt.Chart(markers.assign(row="G8"))
        .mark_point(shape="triangle-down", filled=True, size=70, color="#000000",
                    yOffset=-8)
        .encode(x="date:T", y=y_row,
                tooltip=[alt.Tooltip("date_label:N", title="Date"),
                         alt.Tooltip("title:N", title="Event"),
                         alt.Tooltip("description:N", title="What happened"),
                         alt.Tooltip("source_label:N", title="Source")])
    )
    strip = alt.layer(strip_rect, strip_text, strip_points).properties(width=WIDTH, height=56)

    chart = alt.vconcat(brent_panel, gdp_panel, strip, spacing=8).resolve_scale(
        x="shared", color="independent", shape="independent")

    low_b, low_g = lowest_year(economy, BRENT), lowest_year(economy, GDP)
    top_b, peak_g = highest_year(economy, BRENT), highest_year(economy, GDP)
    first_year, last_year = int(series["year"].min()), int(series["year"].max())
    recent = comovement(economy, 2000, last_year)
    nineties = comovement(economy, first_year + 1, 1999)
    joined = event_date(events, G8_BANDS[0][1]).year
    full = event_date(events, G8_BANDS[1][1]).year
    suspended = event_date(events, G8_BANDS[2][1]).year
    description = (
        f"Two line charts stacked on one time axis, {start.year}–{end.year}: the Brent crude "
        f"price in US dollars per barrel above, Russia's GDP in billions of current US dollars "
        f"below, with Putin's years shaded and a strip showing who held the Kremlin and Russia's "
        f"place at the G7/G8 summits. Brent is lowest in {low_b} "
        f"({value(economy, BRENT, low_b):.2f} dollars) and GDP in {low_g} "
        f"({value(economy, GDP, low_g):,.0f} billion dollars); Brent is highest in {top_b} "
        f"({value(economy, BRENT, top_b):.2f} dollars) and GDP in {peak_g} "
        f"({value(economy, GDP, peak_g):,.0f} billion dollars). Russia joined the summits under "
        f"Yeltsin in {joined}–{full}; the G7 suspended the G8 in {suspended}. Year-on-year "
        f"changes in the two series correlate at {recent['changes_r']:.2f} from {recent['start']}"
        f" to {recent['end']} and at {nineties['changes_r']:.2f} from {nineties['start']} to "
        f"{nineties['end']}."
    )
    return finish(
        chart, title=title,
        subtitle=["Brent (USD per barrel, top) and GDP (billions of current US$, middle); Putin's "
                  "years shaded, the Medvedev–Putin tandem lighter.",
                  "Dashed lines: the August 1998 default and the G7's suspension of the G8 in "
                  "March 2014. Hover for values, notes and sources."],
        description=description, source=source,
    )


def changes_chart(economy: pd.DataFrame, split: int = 2000, *,
                  title: str = "Oil and GDP moved together after 2000, much less in the 1990s",
                  source: str = "EIA (Brent); World Bank (GDP, current US$); the handbook's "
                                "computation.",
                  ) -> alt.VConcatChart:
    """Scatter of year-on-year changes: Brent (x) against GDP in dollars (y), one point per year,
    shape and colour by period (before ``split`` or from it)."""
    moves = changes(economy)
    levels = wide(economy).set_index("year")
    moves["period"] = np.where(moves["year"] < split, f"Before {split}", f"{split} and after")
    moves["year_label"] = moves["year"].astype(str)
    moves["brent_source_label"] = [cite_short(levels.loc[y, "brent_source"]) for y in moves["year"]]
    moves["gdp_source_label"] = [cite_short(levels.loc[y, "gdp_source"]) for y in moves["year"]]
    moves["brent_note"] = [levels.loc[y, "brent_note"] for y in moves["year"]]
    moves["brent_note"] = moves["brent_note"].fillna("None").astype(str)
    periods = [f"Before {split}", f"{split} and after"]
    first, last = int(moves["year"].min()), int(moves["year"].max())
    early = comovement(economy, first, split - 1)
    late = comovement(economy, split, last)
    base = alt.Chart(moves)
    zero_x = alt.Chart(pd.DataFrame({"v": [0]})).mark_rule(color="#999999").encode(x="v:Q")
    zero_y = alt.Chart(pd.DataFrame({"v": [0]})).mark_rule(color="#999999").encode(y="v:Q")
    points = base.mark_point(filled=True, size=80, opacity=0.9).encode(
        x=alt.X("brent_pct:Q", title="Change in Brent price on previous year (%)"),
        y=alt.Y("gdp_pct:Q", title="Change in GDP, current US$, on previous year (%)"),
        color=alt.Color("period:N", title="Period", sort=periods,
                        scale=alt.Scale(domain=periods, range=[PALETTE[1], PALETTE[0]]),
                        legend=alt.Legend(orient="top-left", direction="vertical", columns=1,
                                          fillColor="white", padding=4)),
        # Same field, title and legend as the colour: Vega-Lite merges the two into one legend
        # whose symbols show both colour and shape.
        shape=alt.Shape("period:N", title="Period", sort=periods,
                        scale=alt.Scale(domain=periods, range=["square", "circle"]),
                        legend=alt.Legend(orient="top-left", direction="vertical", columns=1,
                                          fillColor="white", padding=4)),
        tooltip=[
            alt.Tooltip("year_label:N", title="Year"),
            alt.Tooltip("brent_pct:Q", title="Brent change (%)", format="+.1f"),
            alt.Tooltip("gdp_pct:Q", title="GDP change (%)", format="+.1f"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("brent_note:N", title="Brent note"),
            alt.Tooltip("brent_source_label:N", title="Brent source"),
            alt.Tooltip("gdp_source_label:N", title="GDP source"),
        ],
    )
    labels = base.transform_filter(
        (alt.datum.gdp_pct < -20) | (alt.datum.brent_pct > 40)
    ).mark_text(align="left", dx=7, dy=-6, fontSize=10, color="#333333").encode(
        x="brent_pct:Q", y="gdp_pct:Q", text="year_label:N")
    chart = alt.layer(zero_x, zero_y, points, labels).properties(width=WIDTH, height=340)
    description = (
        f"Scatter chart of year-on-year changes, {first}–{last}: the change in the Brent price "
        f"(per cent, horizontal) against the change in Russia's GDP in current US dollars "
        f"(per cent, vertical), one point per year, squares before {split} and circles from "
        f"{split}. The changes correlate at {late['changes_r']:.2f} from {split} to {last}, "
        f"and both series moved in the same direction in {late['same_direction']:.0%} of those "
        f"years; before {split} the correlation is {early['changes_r']:.2f}."
    )
    return finish(
        chart, title=title,
        subtitle=[f"Each point is a year: how much Brent and Russia's dollar GDP changed on the "
                  f"year before. Correlation {late['changes_r']:.2f} from {split}, "
                  f"{early['changes_r']:.2f} before.",
                  "Labelled: years with a GDP fall of more than 20% or a Brent rise of more "
                  "than 40%."],
        description=description, source=source,
    )


# --------------------------------------------------------------------------------------------
# The table


def selected_years(economy: pd.DataFrame, events: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Brent, GDP, GDP change, who held the Kremlin and Russia's G8 status in ``years``."""
    frame = wide(economy).set_index("year")
    moves = changes(economy).set_index("year")
    kremlin = kremlin_bands(events, economy)
    g8 = g8_bands(events, economy)
    kremlin_words = {"Soviet Union": "USSR (Gorbachev)", "Tandem": "Medvedev, Putin PM"}
    g8_words = {"None": "Not a member", "G7 suspends G8": "Suspended by the G7"}
    rows = []
    for year in years:
        who = status_in(kremlin, year)
        g8_status = status_in(g8, year)
        change = moves["gdp_pct"].get(year, np.nan)
        rows.append({
            "Year": str(year),
            "Brent (USD per barrel)": f"{frame.loc[year, 'brent']:.2f}"
            + (" (rounded)" if pd.notna(frame.loc[year, "brent_note"]) else ""),
            "GDP (US$ billion)": f"{frame.loc[year, 'gdp']:,.1f}",
            "GDP change on year before": "" if pd.isna(change) else f"{change:+.1f}%",
            "Kremlin (mid-year)": kremlin_words.get(who, who),
            "G8 (mid-year)": g8_words.get(g8_status, g8_status),
        })
    return pd.DataFrame(rows)


def selected_years_table(economy: pd.DataFrame, events: pd.DataFrame, years: list[int],
                         caption: str | None = None) -> Table:
    """:func:`selected_years` as a captioned handbook table."""
    caption = caption or (
        "Brent crude and Russia's GDP in selected years, with who held the Kremlin and Russia's "
        "place at the summits on 1 July of each year. Sources: EIA (Brent; 2023–2024 EIA's "
        "whole-dollar figures), World Bank (GDP, current US$), data/events.csv.")
    return styled(selected_years(economy, events, years), "economy-selected-years", caption)
