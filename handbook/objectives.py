"""What the Kremlin says it wants: the objectives, who states them, and when.

Builders for chapter 3 ("Root causes"). They read ``objectives``, ``statements`` and ``people``
(see ``data/datapackage.json``) and keep three things apart: what the Kremlin **says** (a verbatim
statement by a Russian official or the Church, with its date), what analysts **infer** (an
attributed reading) and the handbook's own bookkeeping (the ``status`` and ``first_stated`` columns
of the objectives table).
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import PALETTE, WIDTH, finish
from .dates import long_date
from .sources import bibliography, cite_short, split_keys
from .tables import Table, format_date, styled

#: The three values of ``objectives.status``, in display order, with the label a reader sees.
STATUS_LABELS = {
    "stated": "Stated by the Kremlin only",
    "both": "Stated by the Kremlin and inferred by analysts",
    "inferred": "Inferred by analysts only",
}

#: Who is speaking in a statement, in display order, with a shape for each voice.
VOICES = {
    "Russian leadership": "circle",
    "Russian Orthodox Church": "square",
    "Analyst or journalist": "triangle-up",
    "Other": "cross",
}
FIRST_STATED = "First stated (objectives table)"

#: The side of the war a voice belongs to: the Kremlin says, analysts infer.
KREMLIN_VOICES = ("Russian leadership", "Russian Orthodox Church")


# --------------------------------------------------------------------------------------------
# Logic


def voice(kind: str, affiliation: str | None) -> str:
    """The voice of a speaker, from ``people.kind`` and ``people.affiliation``.

    Officials and politicians count as the Russian leadership only when their affiliation is a
    Russian state body (a Ukrainian or American politician is 'Other').
    """
    affiliation = "" if affiliation is None or pd.isna(affiliation) else str(affiliation)
    if kind == "church" and "Russian Orthodox" in affiliation:
        return "Russian Orthodox Church"
    if kind in ("official", "politician") and any(
            word in affiliation for word in ("Russian Federation", "Kremlin")):
        return "Russian leadership"
    if kind in ("expert", "journalist"):
        return "Analyst or journalist"
    return "Other"


def status_counts(objectives: pd.DataFrame) -> pd.DataFrame:
    """How many objectives are stated, inferred or both, in a fixed order, zeros included."""
    counts = objectives["status"].value_counts()
    return pd.DataFrame({
        "status": list(STATUS_LABELS),
        "label": list(STATUS_LABELS.values()),
        "objectives": [int(counts.get(s, 0)) for s in STATUS_LABELS],
    })


def statement_themes(statements: pd.DataFrame, people: pd.DataFrame,
                     objectives: pd.DataFrame) -> pd.DataFrame:
    """One row per statement and objective it speaks to (the ``themes`` column, exploded).

    Adds the speaker's name, role and voice, and the objective's name. Statements without a
    theme are dropped.
    """
    frame = statements.dropna(subset=["themes"]).copy()
    frame["objective"] = [split_keys(t) for t in frame["themes"]]
    frame = frame.explode("objective", ignore_index=True)
    who = people.set_index("id")
    frame["speaker_name"] = frame["speaker"].map(who["name"]).astype("string")
    frame["speaker_role"] = frame["speaker"].map(who["role"]).astype("string")
    frame["voice"] = [voice(who.at[s, "kind"], who.at[s, "affiliation"]) for s in frame["speaker"]]
    frame["objective_name"] = frame["objective"].map(
        objectives.set_index("id")["name"]).astype("string")
    return frame


def objective_evidence(objectives: pd.DataFrame, statements: pd.DataFrame,
                       people: pd.DataFrame) -> pd.DataFrame:
    """Per objective: its status, first_stated, and the statements in the dataset behind it.

    Columns: ``id``, ``name``, ``status``, ``first_stated``, ``first_stated_precision``,
    ``kremlin_statements`` and ``analyst_statements`` (numbers of tagged statements by voice),
    ``first_kremlin_statement`` (date of the earliest tagged Kremlin or Church statement),
    ``named_statement`` (the verbatim statement the objectives row names, if any),
    ``named_is_tagged`` (whether that statement's ``themes`` include the objective) and
    ``tagged_before_first`` (tagged statements dated before ``first_stated``).
    """
    pairs = statement_themes(statements, people, objectives)
    kremlin = pairs[pairs["voice"].isin(KREMLIN_VOICES)]
    analysts = pairs[pairs["voice"] == "Analyst or journalist"]
    first_dates = objectives.set_index("id")["first_stated"]
    early = pairs[pairs["date"] < pairs["objective"].map(first_dates)]
    frame = objectives[["id", "name", "status", "first_stated", "first_stated_precision"]].copy()
    frame["kremlin_statements"] = frame["id"].map(kremlin["objective"].value_counts()).fillna(
        0).astype(int)
    frame["analyst_statements"] = frame["id"].map(analysts["objective"].value_counts()).fillna(
        0).astype(int)
    frame["first_kremlin_statement"] = frame["id"].map(kremlin.groupby("objective")["date"].min())
    frame["named_statement"] = objectives["kremlin_statement"].to_numpy()
    tagged = set(zip(pairs["id"], pairs["objective"]))
    frame["named_is_tagged"] = [pd.isna(s) or (s, o) in tagged
                                for s, o in zip(frame["named_statement"], frame["id"])]
    frame["tagged_before_first"] = frame["id"].map(early["objective"].value_counts()).fillna(
        0).astype(int)
    return frame.reset_index(drop=True)


def named_label(statement_id, statements: pd.DataFrame, people: pd.DataFrame) -> str:
    """'Putin, 24 Feb 2022' for a statement id; 'none' when the objective names no statement."""
    if statement_id is None or pd.isna(statement_id):
        return "none"
    row = statements.set_index("id").loc[statement_id]
    surname = str(people.set_index("id").at[row["speaker"], "name"]).split()[-1]
    return f"{surname}, {format_date(row['date'], row['date_precision'])}"


def who_when(value: str) -> str:
    """The shortest citation for a ``source`` cell: 'CNN (2025-03-22); Reuters (2024-06-14)'.

    Tables use it to stay compact; the bibliography and the chart tooltips give the full titles.
    """
    bib = bibliography()
    return "; ".join(f"{bib[k].who} ({bib[k].date or bib[k].year})" for k in split_keys(value))


def _order(objectives: pd.DataFrame) -> list[str]:
    """Objective names in the order of their first_stated date (ties: table order)."""
    return objectives.sort_values("first_stated", kind="stable")["name"].astype(str).tolist()


# --------------------------------------------------------------------------------------------
# Tables


def objectives_table(objectives: pd.DataFrame, statements: pd.DataFrame, people: pd.DataFrame,
                     caption: str = "The Kremlin's objectives: status, first statement and "
                                    "the statements behind each") -> Table:
    """One row per objective, in order of first statement, with the evidence behind it."""
    evidence = objective_evidence(objectives, statements, people).set_index("id")
    ordered = objectives.sort_values("first_stated", kind="stable")
    frame = pd.DataFrame({
        "Objective": ordered["name"].astype(str).to_numpy(),
        "Status": ordered["status"].astype(str).to_numpy(),
        "First stated": [format_date(d, p) for d, p in
                         zip(ordered["first_stated"], ordered["first_stated_precision"])],
        "Kremlin or Church statements": evidence.loc[ordered["id"], "kremlin_statements"].to_numpy(),
        "Analysts' statements": evidence.loc[ordered["id"], "analyst_statements"].to_numpy(),
        "Verbatim statement named": [named_label(s, statements, people)
                                     for s in ordered["kremlin_statement"]],
        "Sources": [who_when(s) for s in ordered["source"]],
    })
    return styled(frame, "objectives", caption)


def wording_table(objectives: pd.DataFrame,
                  caption: str = "What the Kremlin says beside what analysts read into it") -> Table:
    """Two columns side by side: the Kremlin's wording and the analysts' reading."""
    ordered = objectives.sort_values("first_stated", kind="stable")
    frame = pd.DataFrame({
        "Objective": ordered["name"].astype(str).to_numpy(),
        "What the Kremlin says (handbook's summary)": ordered["kremlin_wording"].astype(str)
        .to_numpy(),
        "What analysts read into it (attributed)": [
            f"{reading} \u2014 {who_when(keys)}" for reading, keys in
            zip(ordered["analyst_reading"], ordered["analyst_source"])],
    })
    return styled(frame, "objectives-wording", caption)


# --------------------------------------------------------------------------------------------
# The chart




_date_label = long_date


def restatement_frame(statements: pd.DataFrame, people: pd.DataFrame,
                      objectives: pd.DataFrame, offset_px: int = 7) -> pd.DataFrame:
    """The rows the restatement chart draws: first-stated markers, then statement points.

    Statement points that share an objective and a date are spread vertically by
    ``offset_px`` pixels so that none hides another.
    """
    markers = pd.DataFrame({
        "objective_name": objectives["name"].astype(str).to_numpy(),
        "date": objectives["first_stated"].dt.strftime("%Y-%m-%d").to_numpy(),
        "date_label": [_date_label(d, p) for d, p in
                       zip(objectives["first_stated"], objectives["first_stated_precision"])],
        "marker": FIRST_STATED,
        "speaker": "(the handbook's objectives table)",
        "what": [f"Earliest statement of this objective in the handbook's sources; status: "
                 f"{STATUS_LABELS[s].lower()}." for s in objectives["status"]],
        "context": objectives["kremlin_wording"].astype(str).to_numpy(),
        "source_label": [cite_short(s) for s in objectives["source"]],
        "offset": 0,
    })
    pairs = statement_themes(statements, people, objectives).sort_values(["date", "id"])
    rank = pairs.groupby(["objective", "date"]).cumcount()
    size = pairs.groupby(["objective", "date"])["id"].transform("count")
    points = pd.DataFrame({
        "objective_name": pairs["objective_name"].astype(str).to_numpy(),
        "date": pairs["date"].dt.strftime("%Y-%m-%d").to_numpy(),
        "date_label": [_date_label(d, p) for d, p in zip(pairs["date"], pairs["date_precision"])],
        "marker": pairs["voice"].to_numpy(),
        "speaker": [f"{n}, {r}" for n, r in zip(pairs["speaker_name"], pairs["speaker_role"])],
        "what": [f"\u201c{q}\u201d" for q in pairs["quote"]],
        "context": pairs["context"].astype(str).to_numpy(),
        "source_label": [cite_short(s) for s in pairs["source"]],
        "offset": ((rank - (size - 1) / 2) * offset_px).to_numpy(),
    })
    # Markers last, so the open diamonds are drawn over the points they frame.
    return pd.concat([points, markers], ignore_index=True)


def restatement_chart(statements: pd.DataFrame, people: pd.DataFrame,
                      objectives: pd.DataFrame) -> alt.VConcatChart:
    """Each objective on its own row; a point for every statement that speaks to it, by date.

    Points are coloured and shaped by voice (Russian leadership, Church, analyst); an open black
    diamond marks the objective's ``first_stated`` date. Tooltips give the date, the speaker and
    role, the verbatim quote, its occasion and its source. Drag to zoom, double-click to reset.
    """
    frame = restatement_frame(statements, people, objectives)
    present = [v for v in VOICES if v in set(frame["marker"])]
    domain = [FIRST_STATED, *present]
    shapes = ["diamond", *[VOICES[v] for v in present]]
    colours = ["#000000", *[PALETTE[list(VOICES).index(v)] for v in present]]
    fills = ["transparent", *colours[1:]]
    order = _order(objectives)
    zoom = alt.selection_interval(encodings=["x"], bind="scales")
    first = int(min(objectives["first_stated"].min(), statements["date"].min()).year)
    last = int(max(objectives["first_stated"].max(), statements["date"].max()).year)
    legend = alt.Legend(title="Who states it", columns=2, labelLimit=240)
    y = alt.Y("objective_name:N", title="Objective (in order of first statement)", sort=order,
              scale=alt.Scale(type="point", padding=0.5),
              axis=alt.Axis(labels=False, ticks=False, domain=False, grid=True,
                            gridColor="#f0f0f0"))
    points_layer = (
        alt.Chart(frame)
        .mark_point(strokeWidth=1.6, opacity=0.95)
        .encode(
            x=alt.X("date:T", title="Date of statement (year)",
                    scale=alt.Scale(domain=[alt.DateTime(year=first, month=1, date=1),
                                            alt.DateTime(year=last, month=12, date=31)]),
                    axis=alt.Axis(format="%Y", labelOverlap=True, tickCount=12)),
            y=y,
            yOffset=alt.YOffset("offset:Q", scale=None),
            shape=alt.Shape("marker:N", legend=legend,
                            scale=alt.Scale(domain=domain, range=shapes)),
            color=alt.Color("marker:N", legend=legend,
                            scale=alt.Scale(domain=domain, range=colours)),
            fill=alt.Fill("marker:N", legend=legend,
                          scale=alt.Scale(domain=domain, range=fills)),
            size=alt.Size("marker:N", legend=legend, sort=domain,
                          scale=alt.Scale(domain=domain, range=[260] + [90] * len(present))),
            tooltip=[
                alt.Tooltip("date_label:N", title="Date"),
                alt.Tooltip("objective_name:N", title="Objective"),
                alt.Tooltip("speaker:N", title="Speaker"),
                alt.Tooltip("what:N", title="Statement"),
                alt.Tooltip("context:N", title="Context"),
                alt.Tooltip("source_label:N", title="Source"),
            ],
        )
        .add_params(zoom)
    )
    # Row labels sit above each row, inside the plot, so the chart keeps its full width.
    row_labels = (
        alt.Chart(pd.DataFrame({"objective_name": order}))
        .mark_text(align="left", baseline="bottom", dy=-9, fontSize=12, color="#333333")
        .encode(x=alt.value(2), y=y, text="objective_name:N")
    )
    chart = alt.layer(row_labels, points_layer).properties(width=WIDTH, height=44 * len(order))
    evidence = objective_evidence(objectives, statements, people)
    points = frame[frame["marker"] != FIRST_STATED]
    kremlin = points[points["marker"].isin(KREMLIN_VOICES)]
    analysts = points[points["marker"] == "Analyst or journalist"]
    analyst_dates = sorted(set(analysts["date_label"]))
    unvoiced = evidence.loc[evidence["kremlin_statements"] == 0, "name"].tolist()
    description = (
        f"Dot chart of {len(points)} statement-objective pairs from {first} to {last}: one row per "
        f"objective ({len(order)} objectives, ordered by first statement), one point per statement "
        f"that speaks to it, placed by date and shaped by who speaks, with an open diamond at each "
        f"objective's first-stated date. {len(kremlin)} points stand for statements by the "
        f"Russian leadership or the Church, spread from {kremlin['date'].min()[:4]} to "
        f"{kremlin['date'].max()[:4]}; {len(analysts)} stand for analysts' statements, all "
        f"dated {' and '.join(analyst_dates)}. "
        + (f"{len(unvoiced)} objectives have no Kremlin or Church statement in the dataset: "
           f"{'; '.join(unvoiced)}." if unvoiced else
           "Every objective has at least one Kremlin or Church statement in the dataset.")
    )
    return finish(
        chart,
        title="When each objective was stated, and by whom",
        subtitle=["One row per objective; a point per statement that speaks to it. "
                  "Open diamonds mark the first-stated date.",
                  "Hover for the quote, speaker and source; drag to zoom, double-click to reset."],
        description=description,
        source="Reading the Kremlin, data/statements.csv, data/people.csv and "
               "data/objectives.csv;\neach statement's own source is in its tooltip.",
    )
