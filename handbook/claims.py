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

:data:`CLAIMS` is the handbook's register of the seed's claims: each a short excerpt of the seed,
copied character for character, with its kind, who says it, how the handbook checks it, the
verdict against the record, and the rows of ``data/`` that hold the record (``evidence``). The
record's sources are read from those rows, never typed here.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import altair as alt
import pandas as pd

from . import ROOT
from .charts import PALETTE, WIDTH, finish
from .sources import bibliography, cite_short, split_keys
from .tables import Table, format_date, styled

#: The seed article, kept outside the repository by the project.
SEED_PATH = ROOT.parent / "shared" / "seed" / "source-article.txt"
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


_AS_REPORTED = "quoted by CNN, as reported by Euromaidan Press"
_SEED_VOICE = "Euromaidan Press, in its own voice (summarising CNN)"
_OPINION = ("Verbatim in the seed and in statements.csv; the handbook checks the words, the "
            "speaker and the date, not the opinion.")

CLAIMS: tuple[Claim, ...] = (
    # ---- quotes -------------------------------------------------------------------------------
    Claim("q-berzina-throw-away",
          "Putin was happy to throw all that away on behalf of his citizens",
          "quote", "named", f"Kristine Berzina, {_AS_REPORTED}", _OPINION, "not-testable",
          "An analyst's reading of Putin's motives; there is no record to hold it against.",
          ("statements:s01", "people:berzina"), "s01"),
    Claim("q-berzina-exceptionalism",
          "That doesn’t work within Russia’s understanding of its own exceptionalism.",
          "quote", "named", f"Kristine Berzina, {_AS_REPORTED}", _OPINION, "not-testable",
          "An analyst's reading of Russia's self-image.",
          ("statements:s02", "people:berzina"), "s02"),
    Claim("q-berzina-interference",
          "not through military means, but through interference and electoral process",
          "quote", "named", f"Kristine Berzina, {_AS_REPORTED}", _OPINION, "not-testable",
          "An analyst's judgement; the record shows that Russia questions Zelenskyy's legitimacy "
          "since his term ended under martial law, not what it would do in an election.",
          ("statements:s03", "events:2024-05-20-zelenskyy-term-under-martial-law"), "s03"),
    Claim("q-galeotti-20",
          "Three years on, he controls 20% of Ukraine",
          "quote", "named", f"Mark Galeotti, {_AS_REPORTED}",
          "territory.csv: the round figure against dated, map-based assessments, with their "
          "method and whether Crimea is counted.",
          "loose",
          "A round figure said in an interview, not a measurement: map-based assessments from "
          "February 2025 and January 2026 are a little lower. 'About one-fifth' is fair; a "
          "measured share it is not.",
          ("statements:s04", "territory:galeotti-quoted-2025", "territory:cnn-isw-2025-02",
           "territory:deepstate-2026-01-01"), "s04"),
    Claim("q-galeotti-vassal",
          "Ukraine is a bought and paid for vassal state",
          "quote", "named", f"Mark Galeotti, {_AS_REPORTED}", _OPINION, "not-testable",
          "Galeotti's reading of how Trump sees Ukraine, not Galeotti's own view of Ukraine.",
          ("statements:s05", "people:galeotti"), "s05"),
    Claim("q-soldatov-west",
          "it’s not a war with Ukraine, it’s a war with the West",
          "quote", "named", f"Andrei Soldatov, {_AS_REPORTED}", _OPINION, "not-testable",
          "Soldatov's reading of how the Kremlin frames the war.",
          ("statements:s06", "people:soldatov"), "s06"),
    Claim("q-white-tables",
          "Russia wants to be at all the important tables",
          "quote", "named", f"Monica White, {_AS_REPORTED}", _OPINION, "not-testable",
          "An analyst's reading of Russia's ambitions.",
          ("statements:s07", "people:white"), "s07"),
    # ---- reported analysis --------------------------------------------------------------------
    Claim("a-refused-to-sign",
          "has consistently refused to sign any peace agreements, CNN reports",
          "reported-analysis", "named", "CNN, as reported by Euromaidan Press",
          "negotiations.csv: for every episode since 2014, did Russia sign or join an agreed "
          "text, and what became of it?",
          "wrong",
          "Russia's envoy signed the Minsk Protocol of 5 September 2014; the Minsk II package of "
          "February 2015, signed where Russia was represented by its ambassador, was endorsed by "
          "the UN Security Council on a Russian draft. Russia abandoned both, and Putin said on "
          "22 February 2022 that they no longer existed. Since the full-scale invasion it has "
          "signed no settlement of the war.",
          ("negotiations:minsk-protocol-2014", "negotiations:minsk-ii-2015",
           "negotiations:unsc-2202-2015", "negotiations:istanbul-2022")),
    Claim("a-humiliation",
          "They have not forgotten the humiliation of the Soviet Union’s collapse",
          "reported-analysis", "none", _SEED_VOICE,
          "A claim about feelings: the handbook can show what Putin said about the collapse, "
          "not what he feels.",
          "not-testable",
          "Putin called the collapse of the Soviet Union 'a major geopolitical disaster of the "
          "century' (25 April 2005, official Kremlin translation).",
          ("statements:s08",)),
    Claim("a-never-enough",
          "For Russia, being the eighth member of the G7 was never enough.",
          "reported-analysis", "none", _SEED_VOICE + ", paraphrasing Berzina",
          "Berzina's reading (s02), restated in the seed's voice; an inference about motives.",
          "not-testable",
          "Russia was a full member of the G8 from 1998 and hosted its summit in 2006; whether "
          "it was 'enough' is a judgement.",
          ("events:1998-05-15-birmingham-first-g8-summit",
           "events:2006-07-15-st-petersburg-g8-summit")),
    Claim("a-galeotti-ceasefire",
          "In his view, a ceasefire would give Putin short-term gains",
          "reported-analysis", "named", "Mark Galeotti, as paraphrased by Euromaidan Press",
          "A forecast, attributed; it can be checked against later events, not today.",
          "not-testable",
          "A conditional forecast about a ceasefire that has not happened.",
          ("people:galeotti",)),
    Claim("a-root-causes-means",
          "This means eliminating Ukraine’s sovereignty, changing its government, and limiting "
          "NATO’s influence in Eastern Europe.",
          "reported-analysis", "none", _SEED_VOICE,
          "The Kremlin's own wording of the 'root causes' (statements.csv, objectives.csv) set "
          "beside the seed's reading of it.",
          "loose",
          "Kremlin officials list the 'root causes' as NATO enlargement, Ukraine's NATO "
          "ambitions and the alleged treatment of Russian speakers (Lavrov, 10 March 2025). "
          "Ending Ukraine's sovereignty and changing its government is CNN's reading of the "
          "formula; the seed states it as what the phrase 'means'.",
          ("statements:s14", "objectives:root-causes", "glossary:root causes")),
    Claim("a-war-goal",
          "with the goal of installing a pro-Russian regime in Kyiv",
          "reported-analysis", "none", _SEED_VOICE,
          "Intent is assessed, not observed: the handbook sets Putin's stated aims beside the "
          "analysts' reading.",
          "not-testable",
          "Putin's stated aims on 24 February 2022 were to 'demilitarise and denazify' Ukraine "
          "(his propaganda terms); CNN's analysis reads them as regime change. An assessment, "
          "widely shared, but not a documented fact.",
          ("statements:s13", "events:2022-02-24-full-scale-invasion",
           "objectives:sovereignty-and-government")),
    Claim("a-manipulate",
          "attempting to manipulate the process for its benefit",
          "reported-analysis", "none", _SEED_VOICE + ", following Berzina",
          "An inference about intent, stated as fact; the record holds no election to test it.",
          "not-testable",
          "No presidential election has been held in Ukraine under martial law, so there is no "
          "process yet to observe.",
          ("events:2024-05-20-zelenskyy-term-under-martial-law",)),
    Claim("a-neutral",
          "Putin also wants Ukraine to remain a “neutral” state outside of NATO.",
          "reported-analysis", "none", _SEED_VOICE,
          "events.csv and objectives.csv: what Putin himself set as conditions.",
          "supported",
          "On 14 June 2024 Putin set as a condition for a ceasefire and talks that Ukraine "
          "renounce NATO membership (and withdraw from four regions).",
          ("events:2024-06-14-putin-conditions-mfa-speech", "objectives:neutrality")),
    Claim("a-not-just-propaganda",
          "This is not just propaganda but a belief deeply rooted in the minds of Putin and his "
          "inner circle.",
          "reported-analysis", "none", _SEED_VOICE,
          "A claim about what people believe; no record can show what is in their minds.",
          "not-testable",
          "Soldatov's quote (s06) is the nearest attributed source for this reading.",
          ("statements:s06",)),
    Claim("a-historic-russia",
          "claiming that Ukraine is not a separate country but part of “historic Russia.”",
          "reported-analysis", "named", "Euromaidan Press, reporting Putin's claim",
          "statements.csv: Putin's own words, with date and translation.",
          "supported",
          "Putin's article of 12 July 2021 says Russians and Ukrainians are 'one people – a "
          "single whole'. The seed's quotation marks around 'historic Russia' give no date or "
          "source, so the handbook does not quote that phrase as Putin's.",
          ("statements:s10", "statements:s11")),
    Claim("a-historians",
          "historians refute this narrative",
          "reported-analysis", "vague", "Unnamed 'historians', as the seed reports them",
          "Who are the historians, and where did they say it? The seed names none.",
          "not-testable",
          "The handbook marks Putin's 'one people' thesis as his claim, contested by historians, "
          "but the seed gives no historian for a reader to check.",
          ("objectives:historic-russia",)),
    Claim("a-coalition",
          "he is building a coalition with anti-Western states such as China, Iran, and others",
          "reported-analysis", "none", _SEED_VOICE,
          "events.csv: documented agreements with the states named.",
          "not-testable",
          "The handbook's data hold no event on Russia's ties with China or Iran; the nearest "
          "documented act is the treaty with North Korea of 19 June 2024. Not testable with the "
          "handbook's data, which is not the same as false.",
          ("events:2024-06-19-russia-dprk-treaty", "objectives:anti-western-bloc")),
    # ---- assertions ---------------------------------------------------------------------------
    Claim("s-ruler",
          "Russian ruler Vladimir Putin",
          "assertion", "none", _SEED_VOICE,
          "people.csv: the office as the record gives it.",
          "loose",
          "His office is President of the Russian Federation; 'ruler' is a characterisation.",
          ("people:putin",)),
    Claim("s-kgb",
          "Putin and his inner circle come from the KGB, the Soviet intelligence service.",
          "assertion", "none", _SEED_VOICE,
          "Who is the inner circle? The handbook's data hold no careers to check it against.",
          "not-testable",
          "The data record that Putin was director of the FSB when Yeltsin named him prime "
          "minister in August 1999; 'his inner circle' is not defined, so the claim cannot be "
          "tested.",
          ("events:1999-08-09-putin-named-prime-minister",)),
    Claim("s-oil",
          "Soaring oil prices made Russia richer",
          "assertion", "none", _SEED_VOICE,
          "economy.csv: Brent crude and Russia's GDP, year by year.",
          "supported",
          "Brent and Russia's GDP in current US dollars both rose steeply from 1999 to 2008; the "
          "series show the two moving together, not by themselves the cause.",
          ("economy:brent_usd_per_barrel@1999", "economy:brent_usd_per_barrel@2008",
           "economy:russia_gdp_current_usd@1999", "economy:russia_gdp_current_usd@2008")),
    Claim("s-g8-joined",
          "gave it a stronger voice internationally. Russia even joined the G8",
          "assertion", "none", _SEED_VOICE,
          "events.csv and economy.csv: when did Russia join, who was president, and what did "
          "oil cost then?",
          "wrong",
          "Russia joined under Yeltsin, before the oil boom: it took part in the Denver 'Summit "
          "of the Eight' in June 1997 and was a full member at Birmingham in May 1998, when "
          "Brent was at its lowest of the decade.",
          ("events:1997-06-20-denver-summit-of-the-eight",
           "events:1998-05-15-birmingham-first-g8-summit",
           "economy:brent_usd_per_barrel@1998")),
    Claim("s-berzina",
          "Kristine Berzina, managing director at the German Marshall Fund of the US",
          "assertion", "none", _SEED_VOICE,
          "people.csv: role and affiliation as the record gives them.",
          "supported",
          "Managing director of GMF Geostrategy North at the German Marshall Fund of the "
          "United States.",
          ("people:berzina",)),
    Claim("s-expelled",
          "Russia was expelled from the G8",
          "assertion", "none", _SEED_VOICE,
          "events.csv: what the G7 leaders decided in March and June 2014.",
          "loose",
          "On 24 March 2014 the other seven leaders suspended their participation in the G8 and "
          "met as the G7 in Brussels on 4–5 June 2014 instead of in Sochi. There was no "
          "expulsion: the G8 had no procedure for one.",
          ("events:2014-03-24-g7-hague-declaration", "events:2014-06-04-g7-brussels-summit")),
    Claim("s-deadlocked",
          "the conflict has been largely deadlocked for the past two years",
          "assertion", "none", _SEED_VOICE,
          "territory.csv: the share of Ukraine under Russian control in early 2023 and early "
          "2025, with who measured it and how.",
          "supported",
          "Map-based assessments of February 2023 and February 2025 barely differ, though they "
          "come from different analysts using different totals for Ukraine's area.",
          ("territory:post-counteroffensive-feb-2023", "territory:cnn-isw-2025-02")),
    Claim("s-galeotti",
          "said Russian analyst Mark Galeotti",
          "assertion", "none", _SEED_VOICE,
          "people.csv: nationality and career as the record gives them.",
          "wrong",
          "Galeotti is a British historian and analyst of Russian security affairs, banned from "
          "entering Russia in 2022: a Russia analyst, not a Russian one.",
          ("people:galeotti",)),
    Claim("s-legitimacy",
          "the Kremlin questions Zelenskyy’s legitimacy",
          "assertion", "none", _SEED_VOICE,
          "events.csv: when Zelenskyy's term ended and what Russia made of it.",
          "supported",
          "Zelenskyy's five-year term ended on 20 May 2024 under martial law, which bars "
          "elections; Russia uses this to question his legitimacy (a claim by a party to the "
          "war).",
          ("events:2024-05-20-zelenskyy-term-under-martial-law", "people:zelenskyy")),
    Claim("s-soldatov",
          "Andrei Soldatov, a Russian journalist and security expert",
          "assertion", "none", _SEED_VOICE,
          "people.csv: role and affiliation as the record gives them.",
          "supported",
          "A Moscow-born investigative journalist, co-founder of Agentura.ru.",
          ("people:soldatov",)),
    Claim("s-kirill",
          "Patriarch Kirill, the head of the Russian Orthodox Church, openly supports the war",
          "assertion", "none", _SEED_VOICE,
          "statements.csv and events.csv: Kirill's own sermons, with date and translation.",
          "supported",
          "In his sermon of 25 September 2022 Kirill presented death in military service as a "
          "sacrifice that washes away sins.",
          ("statements:s15", "events:2022-09-25-kirill-sacrifice-sermon")),
    Claim("s-white",
          "Monica White, associate professor at the University of Nottingham",
          "assertion", "none", _SEED_VOICE,
          "people.csv: post and field as the record gives them.",
          "supported",
          "Accurate but incomplete: her post is in Russian and Slavonic Studies and she is a "
          "medievalist, not a specialist in contemporary security policy.",
          ("people:white",)),
)


# --------------------------------------------------------------------------------------------
# The register as a frame, and its checks


def claims_frame(claims: tuple[Claim, ...] | list[Claim] = CLAIMS) -> pd.DataFrame:
    """One row per claim, with readable labels for kind, verdict and attribution."""
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
    frame["seed_source"] = [f"{SEED_KEY};{CNN_KEY}" if k == "quote" or "CNN reports" in e
                            else SEED_KEY for k, e in zip(frame["kind"], frame["excerpt"])]
    return frame


def read_seed(path=SEED_PATH) -> str:
    """The seed article's text."""
    return path.read_text(encoding="utf-8")


def missing_excerpts(seed_text: str, claims=CLAIMS) -> list[str]:
    """Ids of claims whose excerpt is not in ``seed_text`` character for character."""
    return [c.id for c in claims if c.excerpt not in seed_text]


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

    names = sorted({parse_reference(r)[0] for c in CLAIMS for r in c.evidence})
    frames = {n: data.load(n) for n in names}
    keys = {n: data.describe(n)["schema"]["primaryKey"] for n in names}
    return with_record_sources(claims_frame(), frames, keys)


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
