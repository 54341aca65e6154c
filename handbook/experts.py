"""Expert views: the four analysts quoted in the seed article, where they agree, and their
checkable claims set against the handbook's data.

The chapter ``book/05-expert-views.ipynb`` calls these functions; nothing here types a figure
that is in ``data/``. Each function takes the frames it needs, so the tests can pass small
hand-made frames.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import PALETTE, WIDTH, finish
from .dates import long_date
from .sources import cite_short, split_keys

#: The four analysts quoted in the seed article, in the order the seed first quotes them.
EXPERTS = ["berzina", "galeotti", "soldatov", "white"]

#: The territory row that holds Galeotti's quoted "20%" (see data/territory.csv).
GALEOTTI_FIGURE = "galeotti-quoted-2025"

#: Events that date Russia's entry into the G8 and its suspension (see data/events.csv).
G8_EVENTS = {
    "joined": "1997-06-20-denver-summit-of-the-eight",
    "first_g8": "1998-05-15-birmingham-first-g8-summit",
    "suspended": "2014-03-24-g7-hague-declaration",
}

#: Display order, marks and labels for the status of a territory figure.
STATUS_LABELS = {"assessed": "Assessed (independent analyst)",
                 "claimed": "Claimed (party to the war)",
                 "quoted": "Quoted in the press (no method)",
                 "estimate": "Estimate (modelled)"}
STATUS_SHAPES = {"assessed": "circle", "claimed": "triangle-up", "quoted": "diamond",
                 "estimate": "square"}
STATUS_COLOURS = {"assessed": PALETTE[0], "claimed": PALETTE[1], "quoted": PALETTE[5],
                  "estimate": PALETTE[7]}

#: One shape per expert, so the position matrix reads without colour.
EXPERT_SHAPES = ["circle", "square", "triangle-up", "diamond"]





def pct(value: float) -> str:
    """A percentage as the source gives it: 18 -> '18%', 19.24 -> '19.24%'."""
    return f"{float(value):g}%"


# --------------------------------------------------------------------------------------------
# Who they are and what they say


def expert_profiles(people: pd.DataFrame, statements: pd.DataFrame,
                    experts: list[str] = EXPERTS) -> pd.DataFrame:
    """One row per expert: name, role and affiliation as the record gives them, the seed's
    wording, the number of their statements in the handbook, and the sources of the profile."""
    frame = people.set_index("id").loc[experts]
    counts = statements["speaker"].value_counts()
    return pd.DataFrame({
        "Expert": frame["name"].astype(str).to_numpy(),
        "Role (as the record gives it)": frame["role"].astype(str).to_numpy(),
        "Affiliation": [str(a).replace(";", "; ") for a in frame["affiliation"]],
        "The seed calls them": [f"“{w}”" for w in frame["seed_wording"]],
        "Quotes": [int(counts.get(e, 0)) for e in experts],
        "Sources": [cite_short(s) for s in frame["source"]],
    })


def expert_quotes(statements: pd.DataFrame, experts: list[str] = EXPERTS) -> pd.DataFrame:
    """The experts' statements, in the order of ``experts`` and then of their ids."""
    frame = statements[statements["speaker"].isin(experts)].copy()
    frame["order"] = frame["speaker"].map({e: i for i, e in enumerate(experts)})
    return frame.sort_values(["order", "id"]).drop(columns="order").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Positions: expert x objective, from the statements' themes


def positions(statements: pd.DataFrame, objectives: pd.DataFrame,
              experts: list[str] = EXPERTS) -> pd.DataFrame:
    """Every (expert, objective) pair with the number of the expert's statements tagged with it.

    Pairs with no statement are kept (``n == 0``): where the experts are silent is part of the
    picture. ``statements`` lists the ids; ``source`` joins the statements' source keys.
    """
    quotes = statements[statements["speaker"].isin(experts)].copy()
    quotes["theme"] = [split_keys(t) if isinstance(t, str) else [] for t in quotes["themes"]]
    long = quotes.explode("theme").dropna(subset=["theme"])
    rows = []
    for expert in experts:
        for objective in objectives["id"]:
            hits = long[(long["speaker"] == expert) & (long["theme"] == objective)]
            keys = list(dict.fromkeys(k for s in hits["source"] for k in split_keys(s)))
            rows.append({"expert": expert, "objective": objective, "n": len(hits),
                         "statements": ";".join(hits["id"]), "source": ";".join(keys)})
    return pd.DataFrame(rows)


def agreement(frame: pd.DataFrame, objectives: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """Per objective, which experts speak to it, most-shared first (ties in objectives' order).

    ``frame`` is the output of :func:`positions`.
    """
    names = people.set_index("id")["name"].astype(str)
    surnames = {k: v.split()[-1] for k, v in names.items()}
    order = {o: i for i, o in enumerate(objectives["id"])}
    rows = []
    for objective, group in frame.groupby("objective", sort=False):
        who = group.loc[group["n"] > 0, "expert"].tolist()
        rows.append({"objective": objective, "n_experts": len(who),
                     "experts": ", ".join(surnames[e] for e in who) or "none",
                     "statements": ";".join(s for s in group["statements"] if s)})
    result = pd.DataFrame(rows)
    result["order"] = result["objective"].map(order)
    result = result.sort_values(["n_experts", "order"], ascending=[False, True])
    return result.drop(columns="order").reset_index(drop=True)


def _position_frame(statements, objectives, people, experts):
    frame = positions(statements, objectives, experts)
    names = people.set_index("id")["name"].astype(str)
    frame["expert_name"] = frame["expert"].map(names).str.split().str[-1]
    frame["objective_name"] = frame["objective"].map(objectives.set_index("id")["name"].astype(str))
    quotes = statements.set_index("id")["quote"].astype(str)
    frame["quotes"] = [
        " | ".join(f"{i}: “{quotes[i][:110]}{'…' if len(quotes[i]) > 110 else ''}”"
                   for i in split_keys(s)) if s else "No statement in the handbook's data"
        for s in frame["statements"]]
    frame["source_label"] = [cite_short(s) if s else "–" for s in frame["source"]]
    frame["count_label"] = [f"{n} quote" + ("s" if n > 1 else "") if n else "–"
                            for n in frame["n"]]
    return frame


def position_chart(statements: pd.DataFrame, objectives: pd.DataFrame, people: pd.DataFrame,
                   experts: list[str] = EXPERTS) -> alt.VConcatChart:
    """A matrix of experts (columns) by objective (rows): a mark where an expert's quote speaks
    to the objective, with the number of quotes written beside it; a dash where none does."""
    frame = _position_frame(statements, objectives, people, experts)
    table = agreement(positions(statements, objectives, experts), objectives, people)
    row_order = table["objective"].map(objectives.set_index("id")["name"].astype(str)).tolist()
    col_order = [str(people.set_index("id").loc[e, "name"]).split()[-1] for e in experts]
    x = alt.X("expert_name:N", title="Expert quoted in the seed article", sort=col_order,
              axis=alt.Axis(orient="top", labelAngle=0, labelFontWeight="bold"))
    y = alt.Y("objective_name:N", title="Objective (handbook's objectives dataset)",
              sort=row_order, axis=alt.Axis(labelLimit=420, titleAngle=0, titleAlign="right",
                                 titleBaseline="bottom", titleX=-10, titleY=-8))
    tooltip = [alt.Tooltip("expert_name:N", title="Expert"),
               alt.Tooltip("objective_name:N", title="Objective"),
               alt.Tooltip("count_label:N", title="Quotes"),
               alt.Tooltip("quotes:N", title="Statements"),
               alt.Tooltip("source_label:N", title="Source")]
    base = alt.Chart(frame).encode(x=x, y=y, tooltip=tooltip)
    cells = base.mark_square(size=700, color="#f4f4f4", opacity=1)
    marks = base.transform_filter("datum.n > 0").mark_point(
        filled=True, size=230, opacity=0.95, stroke="black", strokeWidth=0.6).encode(
        shape=alt.Shape("expert_name:N", sort=col_order, title="Expert",
                        scale=alt.Scale(domain=col_order, range=EXPERT_SHAPES[:len(col_order)])),
        color=alt.Color("expert_name:N", sort=col_order, title="Expert",
                        scale=alt.Scale(domain=col_order, range=PALETTE[:len(col_order)])))
    counts = base.transform_filter("datum.n > 1").mark_text(
        align="left", dx=12, fontSize=12, fontWeight="bold", color="#222222").encode(
        text=alt.Text("n:Q"))
    dashes = base.transform_filter("datum.n == 0").mark_text(
        fontSize=14, color="#888888").encode(text=alt.value("–"))
    chart = alt.layer(cells, dashes, marks, counts).properties(
        width=WIDTH - 300, height=34 * len(objectives))  # the row labels take the rest
    shared = table[table["n_experts"] > 1]
    silent = table[table["n_experts"] == 0]
    top = table[table["n_experts"] == table["n_experts"].max()]
    n_quotes = int(statements["speaker"].isin(experts).sum())
    obj_names = objectives.set_index("id")["name"].astype(str)
    description = (
        f"Matrix chart of {len(experts)} experts by {len(objectives)} objectives: a shaped mark "
        f"where at least one of the expert's quotes speaks to the objective, a dash where none "
        f"does ({n_quotes} quotes carry {int(frame['n'].sum())} theme tags). {len(shared)} objectives are raised by more than "
        f"one expert; the most shared ({int(top['n_experts'].iloc[0])} experts each): "
        + "; ".join(f"{obj_names[o]} ({who})" for o, who in zip(top["objective"], top["experts"]))
        + f". {len(silent)} objectives are raised by none of them."
    )
    return finish(
        chart,
        title="Which of the Kremlin's objectives each expert speaks to",
        subtitle=["One mark per expert and objective their quotes address (a number = more than "
                  "one quote);", "a dash = no quote on it. Tagging is the handbook's reading of "
                  "each quote. Hover for the quotes."],
        description=description,
        source="Reading the Kremlin, statements and objectives datasets; quotes from CNN via "
               "Euromaidan Press",
    )


# --------------------------------------------------------------------------------------------
# Territory: Galeotti's "20%" against the assessments


def share_figures(territory: pd.DataFrame) -> pd.DataFrame:
    """The territory rows that give a share (per cent), oldest first."""
    frame = territory[territory["share_pct"].notna()].copy()
    frame["share_pct"] = frame["share_pct"].astype(float)
    return frame.sort_values(["date", "id"]).reset_index(drop=True)


def nearest_assessments(territory: pd.DataFrame, when: pd.Timestamp,
                        status: str = "assessed") -> pd.DataFrame:
    """The assessed share nearest before (or on) ``when`` and the nearest after it.

    Returns up to two rows with ``days_from`` (negative: before ``when``), oldest first.
    """
    when = pd.Timestamp(when)
    frame = share_figures(territory)
    frame = frame[frame["status"] == status].copy()
    frame["days_from"] = (frame["date"] - when).dt.days
    before = frame[frame["days_from"] <= 0].nlargest(1, "days_from")
    after = frame[frame["days_from"] > 0].nsmallest(1, "days_from")
    return pd.concat([before, after]).sort_values("date").reset_index(drop=True)


def spread(frame: pd.DataFrame) -> dict:
    """Lowest, highest and the spread (highest minus lowest) of ``share_pct``, in points."""
    values = frame["share_pct"].astype(float)
    return {"low": float(values.min()), "high": float(values.max()),
            "spread": round(float(values.max() - values.min()), 2)}


def quoted_figure(territory: pd.DataFrame, figure_id: str = GALEOTTI_FIGURE) -> pd.Series:
    """One territory row by id (by default Galeotti's quoted 20%)."""
    rows = territory[territory["id"] == figure_id]
    if rows.empty:
        raise KeyError(f"data/territory.csv has no row with id '{figure_id}'")
    return rows.iloc[0]


def _territory_frame(territory: pd.DataFrame) -> pd.DataFrame:
    frame = share_figures(territory)
    frame["status_label"] = frame["status"].map(STATUS_LABELS)
    frame["date_label"] = [long_date(d, p) for d, p in zip(frame["date"], frame["date_precision"])]
    frame["share_label"] = [pct(v) for v in frame["share_pct"]]
    frame["crimea"] = [("yes" if v else "no") if pd.notna(v) else "not stated"
                       for v in frame["includes_crimea"]]
    frame["source_label"] = [cite_short(s) for s in frame["source"]]
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    columns = ["id", "date", "date_label", "share_pct", "share_label", "assessed_by", "method",
               "crimea", "status", "status_label", "source_label"]
    return frame[columns].astype({c: str for c in columns if c != "share_pct"})


def territory_chart(territory: pd.DataFrame, quoted_id: str = GALEOTTI_FIGURE) -> alt.VConcatChart:
    """Dated shares of Ukraine under Russian control by status, with the quoted figure marked
    and the nearest independent assessments on either side of it labelled."""
    frame = _territory_frame(territory)
    quote = quoted_figure(territory, quoted_id)
    near = nearest_assessments(territory, quote["date"])
    statuses = [s for s in STATUS_LABELS if s in set(frame["status"])]
    labels = [STATUS_LABELS[s] for s in statuses]
    first, last = frame["date"].min()[:4], frame["date"].max()[:4]
    x = alt.X("date:T", title="Date the figure refers to (year)",
              axis=alt.Axis(format="%Y", tickCount="year"),
              scale=alt.Scale(domain=[alt.DateTime(year=int(first), month=1, date=1),
                                      alt.DateTime(year=int(last), month=6, date=30)]))
    y = alt.Y("share_pct:Q", title="Share of Ukraine under Russian control (%)",
              scale=alt.Scale(domain=[0, 30]))
    tooltip = [alt.Tooltip("date_label:N", title="Date"),
               alt.Tooltip("share_label:N", title="Share"),
               alt.Tooltip("assessed_by:N", title="Figure by"),
               alt.Tooltip("status_label:N", title="Status"),
               alt.Tooltip("method:N", title="Method"),
               alt.Tooltip("crimea:N", title="Includes Crimea"),
               alt.Tooltip("source_label:N", title="Source")]
    points = alt.Chart(frame).mark_point(filled=True, opacity=0.9, stroke="black",
                                         strokeWidth=0.5).encode(
        x=x, y=y, tooltip=tooltip,
        shape=alt.Shape("status_label:N", title="Status of the figure", sort=labels,
                        scale=alt.Scale(domain=labels,
                                        range=[STATUS_SHAPES[s] for s in statuses])),
        color=alt.Color("status_label:N", title="Status of the figure", sort=labels,
                        scale=alt.Scale(domain=labels,
                                        range=[STATUS_COLOURS[s] for s in statuses])),
        size=alt.condition(f"datum.id == '{quoted_id}'", alt.value(260), alt.value(110)),
    )
    rule_frame = pd.DataFrame({"share_pct": [float(quote["share_pct"])]})
    rule = alt.Chart(rule_frame).mark_rule(strokeDash=[5, 4], color="#555555").encode(y="share_pct:Q")
    notes = pd.DataFrame({
        "date": [pd.Timestamp(quote["date"]).strftime("%Y-%m-%d")]
        + [d.strftime("%Y-%m-%d") for d in near["date"]],
        "share_pct": [float(quote["share_pct"])] + near["share_pct"].astype(float).tolist(),
        "text": [f"Galeotti, quoted: {pct(quote['share_pct'])} "
                 f"({long_date(quote['date'], quote['date_precision'])})"]
        + [f"{pct(v)}, {long_date(d, p)}" for v, d, p in
           zip(near["share_pct"], near["date"], near["date_precision"])],
        "dy": [-14] + [14] * len(near),
        "align": ["right"] + ["center"] * len(near),
    })
    note_marks = [
        alt.Chart(notes.iloc[[i]]).mark_text(
            fontSize=11, color="#222222", dy=int(row.dy), align=row.align,
            dx=-8 if row.align == "right" else 0).encode(x="date:T", y="share_pct:Q", text="text:N")
        for i, row in enumerate(notes.itertuples())]
    chart = alt.layer(rule, points, *note_marks).properties(width=WIDTH, height=320)
    gap = [round(float(quote["share_pct"]) - v, 2) for v in near["share_pct"].astype(float)]
    near_text = " and ".join(
        f"{pct(v)} ({who.split(',')[0]}, {long_date(d, p)})"
        for v, who, d, p in zip(near["share_pct"], near["assessed_by"], near["date"],
                                near["date_precision"]))
    description = (
        f"Scatter chart of {len(frame)} dated figures, {first}–{last}, for the share of Ukraine "
        f"under Russian control in per cent, with shape and colour by status (assessed, claimed, "
        f"quoted). A dashed line marks Galeotti's quoted {pct(quote['share_pct'])} of "
        f"{long_date(quote['date'], quote['date_precision'])}. The nearest independent "
        f"assessments either side of it are {near_text}: the quoted figure is "
        f"{min(gap):g} to {max(gap):g} percentage points above them."
    )
    return finish(
        chart,
        title="Galeotti's “20%” beside the dated assessments of Russian-held territory",
        subtitle=["Share of Ukraine under Russian control (incl. Crimea where the source says "
                  "so), by who gives the figure;", "the dashed line is the quoted 20%. Methods "
                  "and denominators differ: hover for each figure's source."],
        description=description,
        source="Reading the Kremlin, territory dataset (data/territory.csv); each figure's own "
               "source is in its tooltip.",
    )


# --------------------------------------------------------------------------------------------
# Claims against the record


def g8_record(events: pd.DataFrame) -> dict:
    """The dated events behind Berzina's G8 remark: entry, first G8 summit, suspension."""
    indexed = events.set_index("id")
    missing = [i for i in G8_EVENTS.values() if i not in indexed.index]
    if missing:
        raise KeyError(f"data/events.csv lacks the G8 event(s): {', '.join(missing)}")
    record = {}
    for name, event_id in G8_EVENTS.items():
        row = indexed.loc[event_id]
        record[name] = {"id": event_id, "date": row["date"],
                        "label": long_date(row["date"], row["date_precision"]),
                        "source": str(row["source"])}
    return record


def claim_checks(statements: pd.DataFrame, territory: pd.DataFrame,
                 events: pd.DataFrame) -> pd.DataFrame:
    """Each checkable claim of the four experts: the claim, what the data shows, a verdict and the
    sources behind the check. Every figure in the text is computed from the frames."""
    quotes = statements.set_index("id")
    quote = quoted_figure(territory)
    near = nearest_assessments(territory, quote["date"])
    band = spread(near)
    figures = share_figures(territory)
    assessed = figures[figures["status"] == "assessed"]
    g8 = g8_record(events)
    near_text = "; ".join(
        f"{pct(v)} on {long_date(d, p)} ({who})" for v, d, p, who in
        zip(near["share_pct"], near["date"], near["date_precision"], near["assessed_by"]))
    s04_date = long_date(quotes.loc["s04", "date"], quotes.loc["s04", "date_precision"])
    first, last = assessed.iloc[0], assessed.iloc[-1]

    def keys(*cells: str) -> str:
        return ";".join(dict.fromkeys(k for c in cells for k in split_keys(c)))

    rows = [
        {"Expert": "Galeotti (s04)",
         "Claim": "“he controls 20% of Ukraine”",
         "What the data shows": (
             f"The nearest independent assessments either side of {s04_date} are {near_text}: "
             f"a range of {pct(band['low'])}–{pct(band['high'])}, a spread of "
             f"{band['spread']:g} points, both below {pct(quote['share_pct'])}. Methods and "
             "denominators differ between assessors."),
         "Verdict": (f"Rounded up: “about a fifth” is fair; “{pct(quote['share_pct'])}” is "
                     f"{round(float(quote['share_pct']) - band['high'], 2):g}–"
                     f"{round(float(quote['share_pct']) - band['low'], 2):g} points above the "
                     "nearest assessments"),
         "source": keys(str(quote["source"]), *near["source"])},
        {"Expert": "Galeotti (s04)",
         "Claim": "“the Russians are losing. The thing though is that the Ukrainians are "
                  "losing faster”",
         "What the data shows": (
             "The handbook holds no casualty, equipment-loss or cost data, so the rate at which "
             "either side is “losing” cannot be measured here. Territory is one indicator only: "
             f"assessed Russian-held shares run from {pct(first['share_pct'])} "
             f"({long_date(first['date'], first['date_precision'])}) to "
             f"{pct(last['share_pct'])} ({long_date(last['date'], last['date_precision'])}), "
             "but figures from different assessors are not a single series."),
         "Verdict": "Not testable with the handbook's data",
         "source": keys(str(quotes.loc["s04", "source"]))},
        {"Expert": "Berzina (s01)",
         "Claim": "Putin was happy to throw away G8 membership and oil wealth “because of higher "
                  "geopolitical aims” (context as reported)",
         "What the data shows": (
             f"Russia took part in the {g8['joined']['label']} Denver “Summit of the Eight”; "
             f"the {g8['first_g8']['label']} Birmingham summit was the first formally called "
             f"the G8. On {g8['suspended']['label']}, after the annexation of Crimea, the other "
             "seven suspended their participation in the G8. The seed places Russia's entry after the "
             "oil boom of the 2000s; these dates do not fit that."),
         "Verdict": "The loss of the G8 seat is confirmed; the motive is an interpretation",
         "source": keys(*(g8[k]["source"] for k in G8_EVENTS), str(quotes.loc["s01", "source"]))},
        {"Expert": "Soldatov (s06)",
         "Claim": "“For the Kremlin, it’s not a war with Ukraine, it’s a war with the West”",
         "What the data shows": (
             "A claim about how the Kremlin sees the war and what “people in Moscow” believe. "
             "The data hold what Kremlin officials said (for example Putin's statements on NATO "
             "expansion, s09 and s12), which fit this reading but cannot show a belief."),
         "Verdict": "Interpretation: not testable as a fact",
         "source": keys(str(quotes.loc["s06", "source"]), str(quotes.loc["s09", "source"]),
                        str(quotes.loc["s12", "source"]))},
        {"Expert": "White (s07)",
         "Claim": "Russia wants “a starring role in the more powerful bloc” including China or "
                  "Iran",
         "What the data shows": (
             "A reading of intentions, hedged (“maybe”, “I think”) and about the future. The "
             "handbook records actions that can be set beside it (for example the Pentagon's "
             "assessment of North Korean troops in Kursk region), but no dataset measures a "
             "“bloc” or Russia's role in it."),
         "Verdict": "Interpretation: not testable as a fact",
         "source": keys(str(quotes.loc["s07", "source"]),
                        str(events.set_index("id").loc["2024-11-04-north-korean-troops-kursk",
                                                       "source"]))},
    ]
    return pd.DataFrame(rows)


def claim_table_frame(checks: pd.DataFrame) -> pd.DataFrame:
    """The claim checks as a reader sees them: short citations instead of keys."""
    frame = checks.copy()
    frame["Sources"] = [cite_short(s) for s in frame.pop("source")]
    return frame
