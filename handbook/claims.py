"""Reading the sources: the seed article's claims as data.

The seed article (Euromaidan Press, 22 March 2025) summarises a CNN analysis of the same day. Its
sentences are of three kinds, and a reader checks each kind differently:

``quote``
    words between quotation marks with a named speaker: the seven quotes in ``statements.csv``.
``reported-analysis``
    a reading of what the Kremlin wants, believes or intends that the seed reports as someone
    else's: explicitly ("CNN reports", "In his view"), vaguely ("historians"), or, with no
    attribution in the sentence, as part of its summary of CNN's analysis.
``assertion``
    a statement of fact, or a description of a person, in the seed's own voice.

The handbook's register of the seed's claims is the dataset ``data/seed_claims.csv`` (described
in ``data/datapackage.json``; :func:`load_claims` reads it): each a short excerpt of the seed,
copied character for character, with its kind, who says it, how the handbook checks it, the
verdict against the record, and the rows of ``data/`` that hold the record (``evidence``). The
record's sources are read from those rows, never typed.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import altair as alt
import pandas as pd

from . import SEED_PATH
from .charts import PALETTE, WIDTH, finish
from .sources import bibliography, cite_short, split_keys
from .tables import Table, format_date, styled

SEED_KEY = "euromaidan2025cnnsummary"
CNN_KEY = "cnn2025analysis"

KINDS = {
    "quote": "Quote",
    "reported-analysis": "Reported analysis",
    "assertion": "Unattributed assertion",
}
KIND_PLURALS = {
    "Quote": "quotes",
    "Reported analysis": "reported analyses",
    "Unattributed assertion": "unattributed assertions",
}
VERDICTS = {
    "supported": "Supported",
    "loose": "Loose",
    "wrong": "Wrong",
    "not-testable": "Not testable",
}
#: Verdicts are told apart by shape as well as colour (Okabe–Ito colours from the theme).
VERDICT_SHAPES = {"supported": "circle", "loose": "triangle-up", "wrong": "cross",
                  "not-testable": "square"}
VERDICT_COLOURS = {"supported": PALETTE[2], "loose": PALETTE[1], "wrong": PALETTE[5],
                   "not-testable": PALETTE[7]}
ATTRIBUTIONS = {
    "named": "named in the sentence",
    "vague": "vague (no one named)",
    "none": "none in the sentence",
}


@dataclass(frozen=True)
class Claim:
    """One claim of the seed article."""

    id: str
    excerpt: str  #: verbatim from the seed, character for character
    kind: str  #: a key of KINDS
    attribution: str  #: a key of ATTRIBUTIONS
    who: str  #: who makes the claim, as far as the seed lets a reader tell
    check: str  #: how the handbook checks it
    verdict: str  #: a key of VERDICTS
    record: str  #: what the record shows (no figures: those are computed from data/)
    evidence: tuple[str, ...] = ()  #: rows of data/ as "dataset:key" ("economy:indicator@year")
    statement: str = ""  #: for quotes, the id in statements.csv
    source: str = ""  #: bibliography keys of the seed (and of CNN, for what it reports)


def load_claims() -> tuple[Claim, ...]:
    """The register of the seed's claims, read from ``data/seed_claims.csv`` (validated)."""
    from . import data

    frame = data.load("seed_claims")
    return tuple(
        Claim(row.id, row.excerpt, row.kind, row.attribution, row.who, row.check, row.verdict,
              row.record, tuple(split_keys(row.evidence)) if isinstance(row.evidence, str) else (),
              row.statement if isinstance(row.statement, str) else "", row.source)
        for row in frame.itertuples(index=False)
    )


def __getattr__(name: str):
    # ``claims.CLAIMS`` is read from the data when first asked for, not at import.
    if name == "CLAIMS":
        return load_claims()
    raise AttributeError(name)


# --------------------------------------------------------------------------------------------
# The register as a frame, and its checks


def claims_frame(claims: tuple[Claim, ...] | list[Claim] | None = None) -> pd.DataFrame:
    """One row per claim, with readable labels for kind, verdict and attribution."""
    claims = load_claims() if claims is None else claims
    frame = pd.DataFrame([asdict(c) for c in claims])
    frame["evidence"] = [";".join(e) for e in frame["evidence"]]
    frame["kind_label"] = frame["kind"].map(KINDS)
    frame["verdict_label"] = frame["verdict"].map(VERDICTS)
    frame["attribution_label"] = frame["attribution"].map(ATTRIBUTIONS)
    bad = frame[frame[["kind_label", "verdict_label", "attribution_label"]].isna().any(axis=1)]
    if not bad.empty:
        raise ValueError(f"unknown kind, verdict or attribution in claims: {list(bad['id'])}")
    if frame["id"].duplicated().any():
        raise ValueError(f"duplicate claim ids: {list(frame.loc[frame['id'].duplicated(), 'id'])}")
    frame["seed_source"] = frame["source"]  # the seed (and CNN, for what it reports): from the data
    return frame


def read_seed(path=SEED_PATH) -> str:
    """The seed article's text."""
    return path.read_text(encoding="utf-8")


def missing_excerpts(seed_text: str, claims=None) -> list[str]:
    """Ids of claims whose excerpt is not in ``seed_text`` character for character."""
    return [c.id for c in (load_claims() if claims is None else claims)
            if c.excerpt not in seed_text]


def parse_reference(reference: str) -> tuple[str, list[str]]:
    """``'economy:brent_usd_per_barrel@1998'`` -> ``('economy', ['brent_usd_per_barrel',
    '1998'])``: the dataset, and the values of its primary key (joined by '@')."""
    dataset, sep, key = reference.partition(":")
    if not sep or not dataset or not key:
        raise ValueError(f"evidence reference {reference!r} is not 'dataset:key'")
    return dataset, key.split("@")


def evidence_rows(reference: str, frames: dict[str, pd.DataFrame],
                  keys: dict[str, list[str]]) -> pd.DataFrame:
    """The row(s) of ``frames[dataset]`` that ``reference`` names; a clear error if none."""
    dataset, values = parse_reference(reference)
    if dataset not in frames:
        raise KeyError(f"evidence {reference!r}: no dataset {dataset!r} loaded")
    fields = keys[dataset]
    if len(fields) != len(values):
        raise KeyError(f"evidence {reference!r}: {dataset} is keyed by {fields}")
    frame = frames[dataset]
    mask = pd.Series(True, index=frame.index)
    for field, value in zip(fields, values):
        mask &= frame[field].astype(str) == value
    if not mask.any():
        raise KeyError(f"evidence {reference!r}: no row with {dict(zip(fields, values))}")
    return frame[mask]


def record_sources(frame: pd.DataFrame, frames: dict[str, pd.DataFrame],
                   keys: dict[str, list[str]]) -> pd.Series:
    """For each claim, the bibliography keys of its evidence rows, in order, without repeats.

    The seed and the CNN analysis it reports are left out: a claim cannot be checked against
    itself.
    """
    out = []
    for evidence in frame["evidence"]:
        found: list[str] = []
        for reference in split_keys(evidence):
            for cell in evidence_rows(reference, frames, keys)["source"]:
                found += [k for k in split_keys(cell)
                          if k not in found and k not in (SEED_KEY, CNN_KEY)]
        out.append(";".join(found))
    return pd.Series(out, index=frame.index, name="record_source")


def with_record_sources(frame: pd.DataFrame, frames: dict[str, pd.DataFrame],
                        keys: dict[str, list[str]]) -> pd.DataFrame:
    """``frame`` with a ``record_source`` column (see :func:`record_sources`)."""
    frame = frame.copy()
    frame["record_source"] = record_sources(frame, frames, keys)
    return frame


def load_register() -> pd.DataFrame:
    """The register of claims with the sources of its evidence, read from ``data/``."""
    from . import data

    register = load_claims()
    names = sorted({parse_reference(r)[0] for c in register for r in c.evidence})
    frames = {n: data.load(n) for n in names}
    keys = {n: data.describe(n)["schema"]["primaryKey"] for n in names}
    return with_record_sources(claims_frame(register), frames, keys)


def kind_verdict_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Claims by kind (rows) and verdict (columns), in the handbook's order, with totals."""
    table = pd.crosstab(frame["kind_label"], frame["verdict_label"])
    table = table.reindex(index=[k for k in KINDS.values()],
                          columns=[v for v in VERDICTS.values()], fill_value=0)
    table["All"] = table.sum(axis=1)
    table.loc["All"] = table.sum(axis=0)
    table.index.name = "Kind of claim"
    table.columns.name = None
    return table


# --------------------------------------------------------------------------------------------
# The chart


def chart_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Claims with a position: one symbol per claim, in a row per kind, ordered by verdict."""
    out = frame.copy()
    out["kind_order"] = out["kind"].map({k: i for i, k in enumerate(KINDS)})
    out["verdict_order"] = out["verdict"].map({v: i for i, v in enumerate(VERDICTS)})
    out = out.sort_values(["kind_order", "verdict_order", "id"], kind="stable")
    out["position"] = out.groupby("kind").cumcount() + 1
    out["seed_source_label"] = [cite_short(s) for s in out["seed_source"]]
    if "record_source" in out:
        out["record_source_label"] = [cite_short(s) if s else "–" for s in out["record_source"]]
    else:
        out["record_source_label"] = "–"
    return out.reset_index(drop=True)


def claims_chart(frame: pd.DataFrame, *,
                 title: str = "The seed article's claims, by kind and verdict",
                 source: str = "Euromaidan Press (22 March 2025); the record from the "
                               "handbook's data, sources in each tooltip."
                 ) -> alt.VConcatChart:
    """Unit chart: one symbol per claim, a row per kind, colour and shape for the verdict."""
    points = chart_frame(frame)
    kinds = [KINDS[k] for k in KINDS]
    verdicts = [VERDICTS[v] for v in VERDICTS]
    chart = (
        alt.Chart(points)
        .mark_point(filled=True, size=260, opacity=0.95, stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("position:Q", title="Number of claims (one symbol per claim)",
                    scale=alt.Scale(domain=[0, int(points["position"].max()) + 1]),
                    axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("kind_label:N", title="Kind of claim", sort=kinds),
            color=alt.Color("verdict_label:N", title="Verdict against the record",
                            sort=verdicts, legend=alt.Legend(columns=4),
                            scale=alt.Scale(domain=verdicts,
                                            range=[VERDICT_COLOURS[v] for v in VERDICTS])),
            shape=alt.Shape("verdict_label:N", title="Verdict against the record",
                            sort=verdicts,
                            scale=alt.Scale(domain=verdicts,
                                            range=[VERDICT_SHAPES[v] for v in VERDICTS])),
            tooltip=[
                alt.Tooltip("excerpt:N", title="The seed says"),
                alt.Tooltip("kind_label:N", title="Kind"),
                alt.Tooltip("who:N", title="Who says it"),
                alt.Tooltip("attribution_label:N", title="Attribution"),
                alt.Tooltip("verdict_label:N", title="Verdict"),
                alt.Tooltip("check:N", title="How the handbook checks it"),
                alt.Tooltip("record:N", title="The record"),
                alt.Tooltip("seed_source_label:N", title="Seed source"),
                alt.Tooltip("record_source_label:N", title="Record's sources"),
            ],
        )
        .properties(width=WIDTH, height=190)
    )
    counts = kind_verdict_counts(frame)
    total = int(counts.loc["All", "All"])
    per_kind = "; ".join(f"{k}: {int(counts.loc[k, 'All'])}" for k in kinds)
    per_verdict = ", ".join(f"{int(counts.loc['All', v])} {v.lower()}" for v in verdicts)
    untestable = counts["Not testable"].drop("All")
    most_untestable = untestable.idxmax()
    description = (
        f"Unit chart of {total} claims from the seed article, one symbol per claim, in a row for "
        f"each kind ({per_kind}); colour and shape show the verdict against the record "
        f"({per_verdict}). Most claims that cannot be tested with the handbook's data are "
        f"{KIND_PLURALS[most_untestable]} ({int(untestable.max())} of "
        f"{int(counts.loc['All', 'Not testable'])})."
    )
    return finish(
        chart, title=title,
        subtitle=f"{total} claims of the seed article, checked against the handbook's data. "
                 "Hover over a symbol for the excerpt, the check and the sources.",
        description=description, source=source,
    )


# --------------------------------------------------------------------------------------------
# Tables


def quotes_table(statements: pd.DataFrame, people: pd.DataFrame,
                 caption: str = "The seven quotes of the seed article: speaker, role as the "
                                "record gives it, and how the seed describes them") -> Table:
    """The seed's quotes (statements sourced to the seed), with speaker, role, date and route."""
    quotes = statements[statements["source"].str.contains(SEED_KEY, regex=False)]
    who = people.set_index("id")
    frame = pd.DataFrame({
        "Id": quotes["id"].astype(str),
        "Speaker": quotes["speaker"].map(who["name"]).astype(str),
        "Role (the record)": quotes["speaker"].map(who["role"]).astype(str),
        "How the seed describes them": quotes["speaker"].map(who["seed_wording"]).astype(str),
        "Date": [format_date(d, p) for d, p in zip(quotes["date"], quotes["date_precision"])],
        "Opening words": [_opening(q) for q in quotes["quote"]],
        "Sources": [cite_brief(s) for s in quotes["source"]],
    })
    return styled(frame, "seed-quotes", caption)


def cite_brief(value: str) -> str:
    """Compact citations for a table cell: 'Who (date); Who (year)' (titles are in the tooltips
    and the bibliography)."""
    bib = bibliography()
    return "; ".join(f"{bib[k].who} ({bib[k].date or bib[k].year})" for k in split_keys(value))


def _opening(quote: str, words: int = 8) -> str:
    parts = str(quote).split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def loose_or_wrong(frame: pd.DataFrame) -> pd.DataFrame:
    """The claims the record shows to be loose or wrong, wrong first."""
    out = frame[frame["verdict"].isin(["wrong", "loose"])].copy()
    out["order"] = out["verdict"].map({"wrong": 0, "loose": 1})
    return out.sort_values(["order", "id"], kind="stable").drop(columns="order")


def record_table(frame: pd.DataFrame,
                 caption: str = "Where the seed is loose or wrong, and what the record shows"
                 ) -> Table:
    """Compact table of the loose and wrong claims: excerpt, verdict, record, record's sources."""
    rows = loose_or_wrong(frame)
    table = pd.DataFrame({
        "The seed says": rows["excerpt"],
        "Kind": rows["kind_label"],
        "Verdict": rows["verdict_label"],
        "The record": rows["record"],
        "Record's sources": [cite_brief(s) for s in rows["record_source"]],
    })
    return styled(table, "seed-loose-or-wrong", caption)


def register_table(frame: pd.DataFrame,
                   caption: str = "The register of the seed article's claims") -> Table:
    """Every claim: excerpt, kind, who says it, attribution, how it is checked, verdict."""
    rows = chart_frame(frame)
    table = pd.DataFrame({
        "The seed says": rows["excerpt"],
        "Kind": rows["kind_label"],
        "Who says it": rows["who"],
        "Attribution": rows["attribution_label"],
        "How the handbook checks it": rows["check"],
        "Verdict": rows["verdict_label"],
    })
    return styled(table, "seed-claims", caption)


# --------------------------------------------------------------------------------------------
# Small helpers the chapter's text uses


def russia_signed(negotiations: pd.DataFrame) -> pd.DataFrame:
    """Episodes in which Russia signed or formally joined an agreed text, in date order."""
    rows = negotiations[negotiations["russia_signed"] == "yes"]
    return rows.sort_values("start_date", kind="stable")


def assessment(territory: pd.DataFrame, row_id: str) -> pd.Series:
    """One row of ``territory.csv`` by id, with a clear error if it is missing."""
    rows = territory[territory["id"] == row_id]
    if rows.empty:
        raise KeyError(f"territory.csv has no row {row_id!r}")
    return rows.iloc[0]
