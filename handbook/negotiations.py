"""Negotiation episodes since 2014: what Russia signed, joined, abandoned or left unsigned.

The chapter *Talks without signatures* (``book/07-talks.ipynb``) tests the seed article's claim
that the Kremlin "has consistently refused to sign any peace agreements". This module holds its
logic and its charts:

- :func:`episodes` reads what Russia did in each episode from the data's ``russia_act``: a
  signed document, a joint statement it joined, a resolution it voted for, a text it did not
  sign, talks with no text, or absence. (The data's ``russia_signed`` "yes" covers the first
  three.)
- :func:`signing_record` counts the record; :func:`record_table` tabulates it before and after
  the full-scale invasion; :func:`episode_table` lists every episode.
- :func:`timeline_chart` and :func:`talks_2025_chart` draw the episodes, coloured *and* shaped
  by outcome, with every episode's sources in its tooltip.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import PALETTE, WIDTH, finish
from .sources import cite_short
from .tables import Table, styled

#: The event in ``data/events.csv`` that divides the record in two.
INVASION_EVENT = "2022-02-24-full-scale-invasion"

#: Outcomes in display order: (label, colour, shape). Colour and shape both encode the outcome.
OUTCOMES = {
    "signed": ("Signed", PALETTE[2], "circle"),
    "signed-then-abandoned": ("Signed, later abandoned", PALETTE[1], "diamond"),
    "not-signed": ("Not signed", PALETTE[5], "cross"),
    "no-agreement": ("No agreement", PALETTE[0], "square"),
    "ongoing": ("Ongoing", PALETTE[7], "triangle-up"),
}

#: What Russia's part in an episode was, in display order.
PARTS = [
    "Signed a document",
    "Joined a joint statement (not a treaty)",
    "Voted for a UN resolution",
    "Did not sign",
    "At the table, no text agreed",
    "Not at the table",
]
#: The data's ``russia_act`` codes, in the order of :data:`PARTS`.
ACTS = dict(zip(["signed-document", "joined-statement", "voted-resolution", "did-not-sign",
                 "at-table-no-text", "not-at-table"], PARTS))

#: Short labels for the chart axes (the full name is in the tooltip and the table).
SHORT_NAMES = {
    "geneva-statement-2014": "Geneva joint statement",
    "minsk-protocol-2014": "Minsk Protocol",
    "minsk-memorandum-2014": "Minsk Memorandum",
    "minsk-ii-2015": "Minsk II package",
    "unsc-2202-2015": "UN Security Council Res. 2202",
    "normandy-paris-2019": "Normandy summit, Paris",
    "russia-draft-treaties-2021": "Russian draft treaties",
    "us-russia-geneva-2022": "US–Russia talks, Geneva",
    "nato-russia-council-2022": "NATO–Russia Council",
    "belarus-round1-2022": "Belarus talks, round 1",
    "belarus-round2-2022": "Belarus talks, round 2",
    "belarus-round3-2022": "Belarus talks, round 3",
    "antalya-2022": "Lavrov–Kuleba, Antalya",
    "istanbul-2022": "Istanbul round (2022)",
    "black-sea-grain-2022": "Black Sea Grain Initiative",
    "jeddah-2023": "Jeddah meeting (2023)",
    "burgenstock-2024": "Bürgenstock peace summit",
    "riyadh-us-russia-2025": "US–Russia, Riyadh",
    "jeddah-us-ukraine-2025": "US–Ukraine, Jeddah",
    "riyadh-technical-2025": "Riyadh technical talks",
    "istanbul-round1-2025": "Istanbul I (2025)",
    "istanbul-round2-2025": "Istanbul II (2025)",
    "istanbul-round3-2025": "Istanbul III (2025)",
    "alaska-2025": "Trump–Putin, Alaska",
    "normandy-berlin-2016": "Normandy summit, Berlin",
    "tcg-ceasefire-measures-2020": "Contact Group ceasefire measures",
    "normandy-advisers-paris-2022": "Normandy advisers, Paris",
    "normandy-advisers-berlin-2022": "Normandy advisers, Berlin",
    "istanbul-draft-treaty-2022": "Draft neutrality treaty (2022)",
    "witkoff-putin-moscow-2025-03": "Witkoff–Putin, Moscow (March)",
    "witkoff-putin-stpetersburg-2025-04": "Witkoff–Putin, St Petersburg",
    "witkoff-putin-moscow-2025-04": "Witkoff–Putin, Moscow (April)",
    "witkoff-putin-moscow-2025-08": "Witkoff–Putin, Moscow (August)",
    "us-28-point-plan-2025": "US 28-point plan",
    "geneva-us-ukraine-2025": "US–Ukraine, Geneva",
    "abu-dhabi-us-russia-2025": "US–Russia, Abu Dhabi",
    "florida-us-ukraine-2025": "US–Ukraine, Florida",
    "witkoff-kushner-putin-2025-12": "Witkoff–Kushner–Putin, Moscow",
    "berlin-us-ukraine-2025": "US–Ukraine, Berlin",
    "miami-talks-2025-12": "Miami talks (December 2025)",
    "abu-dhabi-trilateral-2026-01": "Trilateral, Abu Dhabi (January)",
    "abu-dhabi-trilateral-2026-02": "Trilateral, Abu Dhabi (February)",
    "geneva-trilateral-2026-02": "Trilateral, Geneva (2026)",
}

SOURCE_LINE = ("Reading the Kremlin, data/negotiations.csv; each episode's own sources "
               "are in its tooltip.")


class PlainText(str):
    """A string whose plain-text form has no quotation marks, for ``myst_nb.glue`` of text:
    ``{glue:text}`` shows ``24 February 2022``, not ``'24 February 2022'``."""

    def __repr__(self) -> str:
        return str(self)


# --------------------------------------------------------------------------------------------
# Reading the record


def parties(value: str) -> list[str]:
    """``'Russia;Ukraine'`` -> ``['Russia', 'Ukraine']``."""
    return [p.strip() for p in str(value).split(";") if p.strip()]


def russia_at_table(value: str) -> bool:
    """Whether Russia is one of the parties listed in a ``parties`` cell."""
    return "Russia" in parties(value)


def date_range(start: pd.Timestamp, end: pd.Timestamp | None, long: bool = False) -> str:
    """'17 Apr 2014', '11–12 Feb 2015' or '22 Jul 2022 – 17 Jul 2023' (``long``: 'April')."""
    month = "%B" if long else "%b"
    if end is None or pd.isna(end) or end == start:
        return start.strftime(f"%-d {month} %Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.strftime(f'%-d {month} %Y')}"
    if start.year == end.year:
        return f"{start.strftime(f'%-d {month}')} – {end.strftime(f'%-d {month} %Y')}"
    return f"{start.strftime(f'%-d {month} %Y')} – {end.strftime(f'%-d {month} %Y')}"


def short_name(episode_id: str, name: str) -> str:
    """The axis label of an episode: its short name, or its name cut to 34 characters."""
    if episode_id in SHORT_NAMES:
        return SHORT_NAMES[episode_id]
    return name if len(name) <= 34 else name[:33].rstrip() + "…"


def invasion_date(events: pd.DataFrame) -> pd.Timestamp:
    """The date of the full-scale invasion, read from the events dataset."""
    return events.set_index("id").loc[INVASION_EVENT, "date"]


def episodes(talks: pd.DataFrame) -> pd.DataFrame:
    """The negotiations frame with the derived columns the charts and tables use.

    Adds ``end`` (the end date, or the start for a one-day episode), ``dates`` (readable),
    ``label`` (short name), ``russia_part``, ``russia_present``, ``ukraine_present``,
    ``outcome_label``,
    ``parties_label``, ``mediators_label`` and ``source_label``. Rows are sorted by start date.
    """
    frame = talks.sort_values(["start_date", "id"]).reset_index(drop=True).copy()
    frame["end"] = frame["end_date"].fillna(frame["start_date"])
    frame["dates"] = [date_range(s, e) for s, e in zip(frame["start_date"], frame["end_date"])]
    frame["label"] = [short_name(i, n) for i, n in zip(frame["id"], frame["name"])]
    frame["russia_part"] = frame["russia_act"].map(ACTS)
    # Russia took part if it is a listed party or if it signed, joined, voted or declined a text
    # (the UN Security Council row lists "Members of the UN Security Council").
    frame["russia_present"] = frame["russia_part"] != "Not at the table"
    frame["ukraine_present"] = ["Ukraine" in parties(p) for p in frame["parties"]]
    frame["outcome_label"] = frame["outcome"].map({k: v[0] for k, v in OUTCOMES.items()})
    frame["parties_label"] = [", ".join(parties(p)) for p in frame["parties"]]
    frame["mediators_label"] = [", ".join(parties(m)) if isinstance(m, str) else "none recorded"
                                for m in frame["mediators"]]
    frame["source_label"] = [cite_short(s) for s in frame["source"]]
    return frame


def signing_record(talks: pd.DataFrame, invasion: pd.Timestamp) -> dict:
    """Counts that test the claim that the Kremlin 'refused to sign any peace agreements'.

    Keys: ``episodes``; ``russia_present``; ``yes`` (Russia signed or joined a text) and its
    split ``signed_document``, ``joined_statement``, ``voted_resolution``; ``yes_abandoned``
    (of those, texts later abandoned); ``did_not_sign``; ``no_text`` (Russia at the table, no
    agreed text); ``absent``; ``since`` (episodes from the invasion on) with ``since_present``,
    ``since_yes`` and ``since_yes_names``; ``since_ceasefire`` (episodes from the invasion on
    with Russia at the table and a ceasefire on the table) and ``since_ceasefire_signed``.
    """
    frame = episodes(talks)
    part = frame["russia_part"]
    yes = frame[frame["russia_signed"] == "yes"]
    after = frame[frame["start_date"] >= invasion]
    after_yes = after[after["russia_signed"] == "yes"]
    ceasefire = after[after["russia_present"]
                      & after["on_the_table"].str.contains("ceasefire", case=False)]
    return {
        "episodes": len(frame),
        "russia_present": int(frame["russia_present"].sum()),
        "yes": len(yes),
        "signed_document": int((part == "Signed a document").sum()),
        "joined_statement": int((part == "Joined a joint statement (not a treaty)").sum()),
        "voted_resolution": int((part == "Voted for a UN resolution").sum()),
        "yes_abandoned": int((yes["outcome"] == "signed-then-abandoned").sum()),
        "did_not_sign": int((part == "Did not sign").sum()),
        "no_text": int((part == "At the table, no text agreed").sum()),
        "absent": int((part == "Not at the table").sum()),
        "since": len(after),
        "since_present": int(after["russia_present"].sum()),
        "since_yes": len(after_yes),
        "since_yes_names": after_yes["label"].tolist(),
        "since_ceasefire": len(ceasefire),
        "since_ceasefire_signed": int((ceasefire["russia_signed"] == "yes").sum()),
    }


def record_counts(talks: pd.DataFrame, invasion: pd.Timestamp) -> pd.DataFrame:
    """Episodes by Russia's part, before the invasion, from it on, and in all."""
    frame = episodes(talks)
    before_label = f"2014 to {(invasion - pd.Timedelta(days=1)).strftime('%-d %b %Y')}"
    after_label = f"From {invasion.strftime('%-d %b %Y')}"
    period = pd.Series(
        [after_label if d >= invasion else before_label for d in frame["start_date"]],
        index=frame.index)
    table = pd.crosstab(frame["russia_part"], period)
    table = table.reindex(index=PARTS, columns=[before_label, after_label], fill_value=0)
    table["All episodes"] = table.sum(axis=1)
    table.index.name = "Russia's part"
    table.columns.name = None
    return table.reset_index()


def record_table(talks: pd.DataFrame, invasion: pd.Timestamp) -> Table:
    """:func:`record_counts` as a captioned table."""
    return styled(record_counts(talks, invasion), "talks-record",
                  "Negotiation episodes since 2014 by what Russia did, before and after the "
                  "full-scale invasion")


def episode_frame(talks: pd.DataFrame) -> pd.DataFrame:
    """One compact row per episode for :func:`episode_table`."""
    frame = episodes(talks)
    return pd.DataFrame({
        "Dates": frame["dates"],
        "Episode": frame["name"],
        "Parties": frame["parties_label"],
        "Mediators or hosts": frame["mediators_label"],
        "Russia signed (data)": frame["russia_signed"],
        "What Russia did": frame["russia_part"],
        "Outcome": frame["outcome_label"],
        "Sources": frame["source_label"],
    })


def episode_table(talks: pd.DataFrame) -> Table:
    """Every episode: dates, parties, mediators, Russia's part, outcome and sources.

    The outcome notes are long; the chart tooltips carry them."""
    return styled(episode_frame(talks), "talks-episodes",
                  "Every negotiation episode in the dataset, with what Russia did and the sources")


# --------------------------------------------------------------------------------------------
# Charts

_TOOLTIP = [
    alt.Tooltip("name:N", title="Episode"),
    alt.Tooltip("dates:N", title="Dates"),
    alt.Tooltip("venue:N", title="Venue"),
    alt.Tooltip("format:N", title="Format"),
    alt.Tooltip("parties_label:N", title="Parties"),
    alt.Tooltip("mediators_label:N", title="Mediators or hosts"),
    alt.Tooltip("on_the_table:N", title="On the table"),
    alt.Tooltip("russia_signed:N", title="Russia signed (data)"),
    alt.Tooltip("russia_part:N", title="What Russia did"),
    alt.Tooltip("outcome_label:N", title="Outcome"),
    alt.Tooltip("outcome_note:N", title="Outcome note"),
    alt.Tooltip("source_label:N", title="Sources"),
]


def _chart_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns a chart needs, with dates as ISO strings (JSON-safe)."""
    out = frame.copy()
    out["start"] = out["start_date"].dt.strftime("%Y-%m-%d")
    out["end"] = out["end"].dt.strftime("%Y-%m-%d")
    out["format"] = out["format"].fillna("not recorded")
    columns = ["id", "label", "start", "end", "name", "dates", "venue", "format",
               "parties_label", "mediators_label", "on_the_table", "russia_signed",
               "russia_part", "outcome", "outcome_label", "outcome_note", "source_label"]
    return out[columns].astype(object)


def _outcome_encodings(frame: pd.DataFrame) -> tuple[alt.Color, alt.Shape]:
    """Colour and shape by outcome, with the count of each outcome in the legend."""
    counts = frame["outcome"].value_counts()
    labels = {k: f"{v[0]} ({int(counts.get(k, 0))})" for k, v in OUTCOMES.items()}
    expr = " : ".join(f"datum.value === '{v[0]}' ? '{labels[k]}'" for k, v in OUTCOMES.items())
    legend = alt.Legend(title="Outcome (number of episodes)", titleLimit=400,
                        labelExpr=f"{expr} : datum.value", symbolSize=110, symbolOpacity=1,
                        columns=3)
    domain = [v[0] for v in OUTCOMES.values()]
    color = alt.Color("outcome_label:N", sort=domain, legend=legend,
                      scale=alt.Scale(domain=domain, range=[v[1] for v in OUTCOMES.values()]))
    shape = alt.Shape("outcome_label:N", sort=domain, legend=legend,
                      scale=alt.Scale(domain=domain, range=[v[2] for v in OUTCOMES.values()]))
    return color, shape


def timeline_chart(talks: pd.DataFrame, events: pd.DataFrame, *,
                   title: str = "Negotiation episodes since 2014, by outcome",
                   source: str = SOURCE_LINE) -> alt.VConcatChart:
    """One row per episode in time order: a point at its start, a bar to its end.

    Colour and shape both encode the outcome; a dashed rule marks the full-scale invasion (date
    from ``events``). Tooltips give parties, mediators, what was on the table, what Russia did,
    the outcome note and the sources.
    """
    frame = episodes(talks)
    data = _chart_frame(frame)
    invasion = invasion_date(events)
    order = data["label"].tolist()
    first, last = frame["start_date"].min().year, frame["end"].max().year
    color, shape = _outcome_encodings(frame)
    x = alt.X("start:T", title="Date (year)",
              scale=alt.Scale(domain=[alt.DateTime(year=int(first), month=1, date=1),
                                      alt.DateTime(year=int(last), month=12, date=31)]),
              axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1}))
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=230))
    base = alt.Chart(data)
    # The explicit domain is set on the points layer only: Vega-Lite warns about "conflicting"
    # domains when layers repeat the same explicit domain.
    bars = base.mark_bar(height=7, opacity=0.55).encode(
        x=alt.X("start:T"), x2="end:T", y=y, color=color, tooltip=_TOOLTIP)
    points = base.mark_point(filled=True, size=120, opacity=0.95, stroke="white",
                             strokeWidth=0.6).encode(
        x=x, y=y, color=color, shape=shape, tooltip=_TOOLTIP)
    marker = pd.DataFrame({"date": [invasion.strftime("%Y-%m-%d")],
                           "text": [f"Full-scale invasion, {invasion.strftime('%-d %B %Y')}"]})
    rule = alt.Chart(marker).mark_rule(strokeDash=[4, 3], color="#4d4d4d").encode(
        x="date:T", tooltip=[alt.Tooltip("text:N", title="Marker")])
    rule_label = alt.Chart(marker).mark_text(align="right", dx=-4, dy=-4, baseline="bottom",
                                             fontSize=11, color="#4d4d4d").encode(
        x="date:T", y=alt.value(0), text="text:N")
    chart = alt.layer(rule, rule_label, bars, points).properties(
        width=WIDTH - 170, height=20 * len(data))
    rec = signing_record(talks, invasion)
    counts = frame["outcome_label"].value_counts()
    description = (
        f"Timeline chart of {len(frame)} negotiation episodes from {first} to {last}, one row per "
        f"episode in time order, a point at the start date and a bar to the end date, colour and "
        f"shape showing the outcome. Outcomes: "
        f"{'; '.join(f'{k.lower()} {n}' for k, n in counts.items())}. "
        f"Russia signed or joined {rec['yes']} texts, all before the invasion of "
        f"{invasion.strftime('%-d %B %Y')} except {', '.join(rec['since_yes_names']) or 'none'}; "
        f"{rec['yes_abandoned']} of them were later abandoned."
    )
    return finish(
        chart, title=title,
        subtitle=f"{len(frame)} episodes, {first}–{last}. Hover over an episode for parties, "
                 "agenda, what Russia did and sources.",
        description=description, source=source,
    )


def table_label(parties_cell: str, format_cell: str | None = None) -> str:
    """Who sat at the table, as 'US – Russia' (parties in their data order).

    When the episode's format says the parties met in separate meetings, the label says so.
    """
    label = " – ".join("US" if p == "United States" else p for p in parties(parties_cell))
    if isinstance(format_cell, str) and "separate" in format_cell.lower():
        label += " (separate)"
    return label


def _label_offsets(rows: list[str]) -> list[int]:
    """Vertical offsets for point labels: above, below, above… within each row."""
    seen: dict[str, int] = {}
    offsets = []
    for row in rows:
        k = seen.get(row, 0)
        offsets.append(-15 if k % 2 == 0 else 16)
        seen[row] = k + 1
    return offsets


def talks_2025_chart(talks: pd.DataFrame, *, year: int = 2025,
                     title: str = "Who talked to whom in 2025",
                     source: str = SOURCE_LINE) -> alt.VConcatChart:
    """The episodes of one year by date, one row per combination of parties.

    Colour and shape encode the outcome; each point is labelled with the episode's short name.
    """
    frame = episodes(talks)
    frame = frame[frame["start_date"].dt.year == year].reset_index(drop=True)
    if frame.empty:
        raise ValueError(f"no negotiation episodes start in {year}")
    data = _chart_frame(frame)
    data["table"] = [table_label(p, f) for p, f in zip(frame["parties"], frame["format"])]
    data["label"] = data["label"].str.replace(f" ({year})", "", regex=False)
    # Alternate labels above and below the points, so that close episodes do not collide.
    data["label_dy"] = _label_offsets(data["table"].tolist())
    rows = list(dict.fromkeys(data["table"]))
    last = frame["end"].max()
    end = (last + pd.offsets.MonthEnd(1)) if last.day > 1 else last
    x = alt.X("start:T", title=f"Date ({year}, month)",
              scale=alt.Scale(domain=[f"{year}-01-01", end.strftime("%Y-%m-%d")]),
              axis=alt.Axis(format="%b", tickCount={"interval": "month", "step": 1}))
    y = alt.Y("table:N", sort=rows, title="At the table",
              axis=alt.Axis(labelLimit=230), scale=alt.Scale(padding=0.8))
    color, shape = _outcome_encodings(frame)
    base = alt.Chart(data)
    bars = base.mark_bar(height=7, opacity=0.55).encode(
        x=alt.X("start:T"), x2="end:T", y=y, color=color, tooltip=_TOOLTIP)
    points = base.mark_point(filled=True, size=150, opacity=0.95, stroke="white",
                             strokeWidth=0.6).encode(
        x=x, y=y, color=color, shape=shape, tooltip=_TOOLTIP)
    labels = base.mark_text(fontSize=11, color="#333333").encode(
        x=alt.X("start:T"), y=y, text="label:N", yOffset=alt.YOffset("label_dy:Q", scale=None),
        tooltip=_TOOLTIP)
    chart = alt.layer(bars, points, labels).properties(width=WIDTH - 150,
                                                       height=70 * len(rows))
    with_russia = frame[frame["russia_present"]]
    with_ukraine = frame[frame["ukraine_present"]]
    both = frame[frame["russia_present"] & frame["ukraine_present"]]
    signed_by_russia = int((with_russia["russia_signed"] == "yes").sum())
    description = (
        f"Timeline chart of the {len(frame)} negotiation episodes that began in {year}, by date "
        f"and by the parties at the table ({len(rows)} combinations), colour and shape showing "
        f"the outcome. Russia took part in {len(with_russia)}, Ukraine in {len(with_ukraine)}, "
        f"both in {len(both)}; Russia signed {signed_by_russia} texts in these episodes."
    )
    return finish(
        chart, title=title,
        subtitle=f"{len(frame)} episodes in {year}, by who was at the table. Hover for details "
                 "and sources.",
        description=description, source=source,
    )
