"""Russia's bloc and the West: NATO's growth, the record around it, and Russia's partners.

Everything here is derived from the datasets: the number of NATO members in any year is counted
from the accession dates in ``data/nato_members.csv`` (never typed), the enlargement waves are the
distinct accession dates, and the record of Russia's partners is what ``data/events.csv`` says
about them, including where it says nothing.
"""
from __future__ import annotations

import re

import altair as alt
import pandas as pd

from .charts import PALETTE, WIDTH, finish
from .dates import long_date
from .sources import cite_short, split_keys
from .tables import Table, styled

#: Finland and Sweden: the two accessions that followed Russia's full-scale invasion.
HIGHLIGHT = ("FIN", "SWE")

#: The events that mark Finland's and Sweden's applications (May 2022).
APPLICATION_EVENT = "2022-05-18-finland-sweden-apply-nato"

#: Kinds of accession, in display order, with the label a reader sees.
KIND_LABELS = {
    "founding": "Founding members (1949)",
    "enlargement": "Enlargement",
    "highlight": "Finland, Sweden (2023–24)",
}

#: Lanes of the record chart, top to bottom, and the events or statements that fill them.
#: The choice of rows is the chapter's editorial choice; every row's date and text come from data.
LANES = {
    "Joins NATO": [],  # filled from nato_members.csv
    "NATO decisions, applications": [
        "2008-04-03-bucharest-summit-ukraine-georgia",
        "2022-05-18-finland-sweden-apply-nato",
        "2022-06-29-nato-madrid-summit",
    ],
    "NATO–Russia agreements": [
        "1994-06-22-russia-joins-partnership-for-peace",
        "1997-05-27-nato-russia-founding-act",
        "2002-05-28-nato-russia-council-rome",
    ],
    "Kremlin says (statement)": ["s09", "s12", "2021-12-17-russia-draft-treaties"],
    "Russia does (action)": [
        "2008-08-07-russia-georgia-war-begins",
        "2008-08-26-russia-recognises-abkhazia-south-ossetia",
        "2014-03-18-crimea-annexation-treaty",
        "2022-02-24-full-scale-invasion",
    ],
}

#: Partners named in the seed article and the brief, with the words that find them in events.
PARTNERS = {
    "North Korea": ["North Korea", "North Korean", "DPRK", "Pyongyang", "Kim Jong Un"],
    "China": ["China", "Chinese", "Beijing", "Xi Jinping"],
    "Iran": ["Iran", "Iranian", "Tehran"],
}

NO_EVENT = "No event in the dataset"




# --------------------------------------------------------------------------------------------
# Counting members


def members_on(members: pd.DataFrame, date) -> int:
    """Number of member states on ``date`` (a state counts from its accession day)."""
    return int((members["accession_date"] <= pd.Timestamp(date)).sum())


def member_counts(members: pd.DataFrame, first_year: int | None = None,
                  last_year: int | None = None) -> pd.DataFrame:
    """Number of members at the end of each year from ``first_year`` to ``last_year``."""
    years = members["accession_date"].dt.year
    first = int(years.min()) if first_year is None else int(first_year)
    last = int(years.max()) if last_year is None else int(last_year)
    rows = [{"year": y, "members": int((years <= y).sum())} for y in range(first, last + 1)]
    return pd.DataFrame(rows)


def accession_waves(members: pd.DataFrame) -> pd.DataFrame:
    """One row per accession date: who joined, how many, members afterwards, and sources.

    The first date is the founding; every later date is an enlargement. A wave that includes
    Finland or Sweden is of kind ``highlight``.
    """
    frame = members.sort_values(["accession_date", "country"])
    first = frame["accession_date"].min()
    rows = []
    total = 0
    for date, group in frame.groupby("accession_date", sort=True):
        total += len(group)
        keys: list[str] = []
        for cell in group["source"]:
            keys += [k for k in split_keys(cell) if k not in keys]
        if date == first:
            kind = "founding"
        elif group["iso3"].isin(HIGHLIGHT).any():
            kind = "highlight"
        else:
            kind = "enlargement"
        rows.append({
            "date": date,
            "year": int(date.year),
            "countries": ", ".join(group["country"]),
            "joined": len(group),
            "members_after": total,
            "kind": kind,
            "source": ";".join(keys),
        })
    waves = pd.DataFrame(rows)
    waves["label"] = [
        f"{n} founders" if k == "founding" else f"+{n}" for n, k in zip(waves["joined"], waves["kind"])
    ]
    return waves


def waves_table(members: pd.DataFrame) -> Table:
    """A compact table of NATO's founding and enlargement waves, with sources."""
    waves = accession_waves(members)
    frame = pd.DataFrame({
        "Date": [d.strftime("%-d %b %Y") for d in waves["date"]],
        "Wave": ["Founding" if k == "founding" else "Enlargement" for k in waves["kind"]],
        "Joined": waves["countries"],
        "Number": waves["joined"],
        "Members after": waves["members_after"],
        "Sources": [cite_short(s) for s in waves["source"]],
    })
    return styled(frame, "nato-waves",
                  "NATO's founding and enlargement waves, counted from the accession dates")


# --------------------------------------------------------------------------------------------
# The step chart


def _step_frame(waves: pd.DataFrame, end: pd.Timestamp) -> pd.DataFrame:
    """Points for a step-after line: one per wave, and one at ``end`` with the last count."""
    steps = waves[["date", "members_after"]].copy()
    tail = pd.DataFrame({"date": [pd.Timestamp(end)], "members_after": [int(waves["members_after"].iloc[-1])]})
    steps = pd.concat([steps, tail], ignore_index=True)
    steps["date"] = steps["date"].dt.strftime("%Y-%m-%d")
    return steps


def _wave_points(waves: pd.DataFrame) -> pd.DataFrame:
    frame = waves.copy()
    frame["kind_label"] = frame["kind"].map(KIND_LABELS)
    frame["date_label"] = [long_date(d) for d in frame["date"]]
    frame["source_label"] = [cite_short(s) for s in frame["source"]]
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    # Labels of waves close in time alternate: below-right of the point, then above-left.
    frame["label_pos"] = ["below-right" if i % 2 == 0 else "above-left" for i in range(len(frame))]
    return frame


def enlargement_chart(members: pd.DataFrame, events: pd.DataFrame, *,
                      end: pd.Timestamp | None = None) -> alt.VConcatChart:
    """Step chart of the number of NATO members, founding to ``end``, waves marked and labelled.

    Finland's and Sweden's accessions are highlighted by colour and shape, and their May 2022
    applications (an event in ``events``) are drawn as a dashed rule.
    """
    waves = accession_waves(members)
    end = pd.Timestamp(end) if end is not None else pd.Timestamp(
        year=int(events["date"].max().year), month=12, day=31)
    first = waves["date"].min()
    points = _wave_points(waves)
    order = [KIND_LABELS[k] for k in KIND_LABELS]
    colours = [PALETTE[6], PALETTE[0], PALETTE[5]]
    shapes = ["square", "circle", "diamond"]
    x = alt.X("date:T", title="Year",
              scale=alt.Scale(domain=[first.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d")]),
              axis=alt.Axis(format="%Y", tickCount=16, labelOverlap=True))
    y = alt.Y("members_after:Q", title="Member states (number)",
              scale=alt.Scale(domain=[0, int(waves["members_after"].max()) + 4]))
    line = (alt.Chart(_step_frame(waves, end))
            .mark_line(interpolate="step-after", color=PALETTE[7], strokeWidth=2.5)
            .encode(x=x, y=y))
    tooltip = [
        alt.Tooltip("date_label:N", title="Date"),
        alt.Tooltip("countries:N", title="Joined"),
        alt.Tooltip("joined:Q", title="Number joining"),
        alt.Tooltip("members_after:Q", title="Members after"),
        alt.Tooltip("source_label:N", title="Source"),
    ]
    marks = (alt.Chart(points)
             .mark_point(filled=True, size=110, stroke="white", strokeWidth=0.8, opacity=1)
             .encode(x=x, y=y,
                     color=alt.Color("kind_label:N", title="Accession", sort=order,
                                     scale=alt.Scale(domain=order, range=colours)),
                     shape=alt.Shape("kind_label:N", title="Accession", sort=order,
                                     scale=alt.Scale(domain=order, range=shapes)),
                     tooltip=tooltip))
    plain = points[points["kind"] != "highlight"]
    below = (alt.Chart(plain[plain["label_pos"] == "below-right"])
             .mark_text(fontSize=11, align="left", dx=6, dy=10, color="#333333")
             .encode(x=x, y=y, text="label:N"))
    above = (alt.Chart(plain[plain["label_pos"] == "above-left"])
             .mark_text(fontSize=11, align="right", dx=-6, dy=-9, color="#333333")
             .encode(x=x, y=y, text="label:N"))
    layers = [line, marks, below, above]
    highlighted = points[points["kind"] == "highlight"]
    if len(highlighted):
        note = highlighted.iloc[[0]].copy()
        note["label"] = ", ".join(f"{c} ({y})" for c, y in zip(highlighted["countries"], highlighted["year"]))
        layers.append(alt.Chart(note)
                      .mark_text(fontSize=11, align="right", dx=-14, dy=-12, color=PALETTE[5],
                                 fontWeight="bold")
                      .encode(x=x, y=y, text="label:N"))
    applications = events[events["id"] == APPLICATION_EVENT].copy()
    if len(applications):
        applications["date_label"] = [long_date(d) for d in applications["date"]]
        applications["source_label"] = [cite_short(s) for s in applications["source"]]
        applications["date"] = applications["date"].dt.strftime("%Y-%m-%d")
        applications["note"] = [f"{t} ({d})" for t, d in zip(applications["title"], applications["date_label"])]
        rule_tooltip = [alt.Tooltip("date_label:N", title="Date"),
                        alt.Tooltip("title:N", title="Event"),
                        alt.Tooltip("description:N", title="What happened"),
                        alt.Tooltip("source_label:N", title="Source")]
        rule = (alt.Chart(applications)
                .mark_rule(strokeDash=[4, 3], color=PALETTE[5], strokeWidth=1.5)
                .encode(x=x, tooltip=rule_tooltip))
        note = (alt.Chart(applications)
                .mark_text(align="right", dx=-4, fontSize=11, color=PALETTE[5], baseline="bottom")
                .encode(x=x, y=alt.value(300), text="note:N", tooltip=rule_tooltip))
        layers += [rule, note]
    chart = alt.layer(*layers).properties(width=WIDTH, height=320)
    founders = int(waves["members_after"].iloc[0])
    now = int(waves["members_after"].iloc[-1])
    enlargements = waves[waves["kind"] != "founding"]
    largest = enlargements.sort_values(["joined", "date"], ascending=[False, True]).iloc[0]
    highlight = waves[waves["kind"] == "highlight"]
    description = (
        f"Step chart of the number of NATO member states from {first.year} to {end.year}, counted "
        f"from each member's accession date, with a point for each of the {len(waves)} accession "
        f"dates. Membership rises from {founders} founders to {now}, in {len(enlargements)} "
        f"enlargements; the largest, in {largest['year']}, added {largest['joined']} states. "
        + (f"Finland ({long_date(highlight['date'].iloc[0])}) and Sweden "
           f"({long_date(highlight['date'].iloc[-1])}) are highlighted, with a dashed line at "
           f"their applications of {long_date(events.loc[events['id'] == APPLICATION_EVENT, 'date'].iloc[0])}."
           if len(highlight) == 2 and len(applications) else "")
    )
    return finish(
        chart,
        title=f"NATO's membership, {first.year}–{end.year}: from {founders} to {now} states",
        subtitle=[f"Number of member states, counted from accession dates; {len(enlargements)} "
                  "enlargements. Hover over a point for who joined and the source."],
        description=description,
        source="Reading the Kremlin, data/nato_members.csv and data/events.csv; "
               "sources in the tooltips.",
    )


# --------------------------------------------------------------------------------------------
# The record around enlargement: accessions, decisions, statements and actions on one axis


def record_frame(members: pd.DataFrame, events: pd.DataFrame, statements: pd.DataFrame,
                 lanes: dict[str, list[str]] | None = None,
                 since: str = "1991-12-26") -> pd.DataFrame:
    """One row per mark on the record chart: lane, date, what, detail, status and source.

    Accessions after ``since`` fill the first lane; the other lanes take the listed event ids
    (from ``events``) or statement ids (from ``statements``). An unknown id raises ``KeyError``.
    """
    lanes = LANES if lanes is None else lanes
    lane_names = list(lanes)
    rows = []
    waves = accession_waves(members)
    for wave in waves[waves["date"] >= pd.Timestamp(since)].itertuples():
        rows.append({"lane": lane_names[0], "date": wave.date,
                     "what": f"{wave.countries} join NATO",
                     "detail": f"{wave.joined} joined; {wave.members_after} members after.",
                     "status": "confirmed", "source": wave.source})
    by_event = events.set_index("id")
    by_statement = statements.set_index("id")
    for lane in lane_names[1:]:
        for item in lanes[lane]:
            if item in by_event.index:
                row = by_event.loc[item]
                status = row["status"] + (f" by {row['claimed_by']}"
                                          if isinstance(row["claimed_by"], str) else "")
                rows.append({"lane": lane, "date": row["date"], "what": row["title"],
                             "detail": row["description"], "status": status,
                             "source": row["source"]})
            elif item in by_statement.index:
                row = by_statement.loc[item]
                rows.append({"lane": lane, "date": row["date"],
                             "what": f"{row['speaker'].capitalize()}: {row['context']}",
                             "detail": f"\u201c{row['quote']}\u201d",
                             "status": f"claimed by {row['speaker'].capitalize()} (verbatim statement)",
                             "source": row["source"]})
            else:
                raise KeyError(f"{item!r} is neither an event id nor a statement id")
    frame = pd.DataFrame(rows).sort_values(["date", "lane"]).reset_index(drop=True)
    frame["date_label"] = [long_date(d) for d in frame["date"]]
    frame["source_label"] = [cite_short(s) for s in frame["source"]]
    return frame


def record_chart(members: pd.DataFrame, events: pd.DataFrame,
                 statements: pd.DataFrame) -> alt.VConcatChart:
    """NATO accessions and decisions, NATO–Russia agreements, Kremlin statements and Russia's
    actions, as points on one time axis, one lane each."""
    frame = record_frame(members, events, statements)
    order = list(LANES)
    first, last = frame["date"].min(), frame["date"].max()
    plot = frame.copy()
    plot["date"] = plot["date"].dt.strftime("%Y-%m-%d")
    x = alt.X("date:T", title="Date (year)",
              scale=alt.Scale(domain=[f"{first.year}-01-01", f"{last.year}-12-31"]),
              axis=alt.Axis(format="%Y", tickCount=16, labelOverlap=True))
    yy = alt.Y("lane:N", title=None, sort=order, scale=alt.Scale(padding=0.6),
               axis=alt.Axis(labelLimit=200))
    shapes = ["circle", "square", "triangle-up", "diamond", "cross"]
    colours = [PALETTE[i] for i in (0, 1, 2, 3, 5)][: len(order)]
    points = (alt.Chart(plot)
              .mark_point(filled=True, size=130, opacity=0.9, stroke="white", strokeWidth=0.6)
              .encode(x=x, y=yy,
                      color=alt.Color("lane:N", sort=order, legend=None,
                                      scale=alt.Scale(domain=order, range=colours)),
                      shape=alt.Shape("lane:N", sort=order, legend=None,
                                      scale=alt.Scale(domain=order, range=shapes[: len(order)])),
                      tooltip=[alt.Tooltip("date_label:N", title="Date"),
                               alt.Tooltip("what:N", title="What"),
                               alt.Tooltip("detail:N", title="Detail"),
                               alt.Tooltip("status:N", title="Status"),
                               alt.Tooltip("source_label:N", title="Source")]))
    actions_plot = plot[plot["lane"] == order[-1]]
    rules = (alt.Chart(actions_plot)
             .mark_rule(strokeDash=[3, 3], color=colours[-1], opacity=0.6)
             .encode(x=x, tooltip=[alt.Tooltip("date_label:N", title="Date"),
                                   alt.Tooltip("what:N", title="What"),
                                   alt.Tooltip("source_label:N", title="Source")]))
    chart = alt.layer(rules, points).properties(width=WIDTH - 150, height=260)
    counts = frame["lane"].value_counts()
    accessions = frame[frame["lane"] == order[0]]
    actions = frame[frame["lane"] == order[-1]]
    description = (
        f"Timeline chart in {len(order)} lanes, {first.year} to {last.year}: "
        + "; ".join(f"{lane} ({counts.get(lane, 0)})" for lane in order)
        + f". The {len(accessions)} accession dates after the Soviet collapse run from "
        f"{accessions['date'].min().year} to {accessions['date'].max().year}; Russia's actions "
        f"shown fall in {', '.join(sorted({str(d.year) for d in actions['date']}))}."
    )
    return finish(
        chart,
        title="NATO enlargement and Russia's actions on one time axis",
        subtitle=["Accessions, NATO decisions, NATO–Russia agreements, Kremlin statements and "
                  "Russian actions; dashed lines mark Russia's actions.",
                  "The chart shows sequence, not cause. Hover for details and sources."],
        description=description,
        source="Reading the Kremlin, data/nato_members.csv, events.csv, statements.csv; "
               "sources in the tooltips.",
    )


# --------------------------------------------------------------------------------------------
# Russia's partners, as far as the events dataset documents them


def partner_record(events: pd.DataFrame, partners: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """Events whose title or description names a partner; a 'no event' row where none does."""
    partners = PARTNERS if partners is None else partners
    text = events["title"].fillna("") + " " + events["description"].fillna("")
    rows = []
    for partner, words in partners.items():
        pattern = r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"
        found = events[text.str.contains(pattern, regex=True)].sort_values("date")
        if found.empty:
            rows.append({"partner": partner, "date": pd.NaT, "event_id": pd.NA,
                         "title": NO_EVENT, "status": pd.NA, "source": pd.NA})
        for row in found.itertuples():
            rows.append({"partner": partner, "date": row.date, "event_id": row.id,
                         "title": row.title, "status": row.status, "source": row.source})
    return pd.DataFrame(rows)


def partner_table(events: pd.DataFrame) -> Table:
    """Russia's partners named in the seed, and what the events dataset records about each."""
    record = partner_record(events)
    frame = pd.DataFrame({
        "Partner": record["partner"],
        "Date": ["—" if pd.isna(d) else long_date(d) for d in record["date"]],
        "Event": record["title"],
        "Status": ["—" if pd.isna(s) else s for s in record["status"]],
        "Sources": ["—" if pd.isna(s) else cite_short(s) for s in record["source"]],
    })
    return styled(frame, "russia-partners",
                  "Russia's partners named in the seed article: what the events dataset records")
