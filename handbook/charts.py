"""Chart builders and the handbook's shared chart theme.

Every chart returned here has a title, axis titles with units, a ``description`` (what a screen
reader hears), a source line and tooltips. Colours come from the Okabe–Ito palette, which stays
distinguishable for readers with the common forms of colour-blindness.

Call :func:`enable` once at the top of a notebook: it registers the theme and a renderer that
emits the interactive HTML (for the web site; the Vega libraries ship with the site, see
:mod:`handbook.sphinx.vega`) and, in the PDF build only, a static PNG.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
from typing import Any

import altair as alt
import pandas as pd

from .dates import long_date
from .numbers import rounded_frame
from .sources import cite_short

#: Okabe & Ito (2008), "Color Universal Design", with their yellow (too pale on white) replaced by
#: a dark ochre, and Paul Tol's wine as a tenth colour. Categorical charts also encode the
#: category by shape, not by colour alone.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
           "#999999", "#A6761D", "#882255"]
FONT = "Helvetica Neue, Arial, Liberation Sans, DejaVu Sans, sans-serif"
WIDTH = 560
SOURCE_COLOUR = "#4d4d4d"

#: Event categories, in display order, with the label a reader sees.
CATEGORY_LABELS = {
    "politics": "Politics",
    "economy": "Economy",
    "diplomacy": "Diplomacy",
    "nato-eu": "NATO and EU",
    "sanctions": "Sanctions",
    "negotiations": "Negotiations",
    "war": "War",
    "strikes": "Strikes",
    "narratives": "Narratives",
    "accountability": "Accountability",
}


@alt.theme.register("handbook", enable=False)
def handbook_theme() -> alt.theme.ThemeConfig:
    """Readable type, the Okabe–Ito palette, quiet grid lines."""
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": 320, "stroke": None},
            "range": {"category": PALETTE},
            "title": {"fontSize": 17, "subtitleFontSize": 13, "anchor": "start",
                      "subtitleColor": "#333333", "offset": 12},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "gridColor": "#e6e6e6",
                     "titleFontWeight": "normal", "labelColor": "#333333", "titleColor": "#333333"},
            "legend": {"labelFontSize": 12, "titleFontSize": 13, "titleFontWeight": "normal",
                       "orient": "bottom", "columns": 3, "columnPadding": 24, "labelLimit": 220},
            "header": {"labelFontSize": 13, "titleFontSize": 13},
            "concat": {"spacing": 6},
        }
    }


class _ScriptSafeJSON(json.JSONEncoder):
    """JSON that may sit inside a <script> element: ``<``, ``>`` and ``&`` are written as
    ``\\u003c``… so that a string from data holding ``</script>`` cannot end the element."""

    def encode(self, o: Any) -> str:
        return (super().encode(o).replace("<", "\\u003c").replace(">", "\\u003e")
                .replace("&", "\\u0026"))


#: Set by every build (``handbook.build``): charts then also carry a static PNG, which the PDF
#: prints and the site ignores. `make notebooks` does not set it, so stored notebooks hold none.
STATIC_VARIABLE = "HANDBOOK_CHARTS"


def _renderer(spec: dict, **metadata: Any) -> dict:
    """HTML (with the Vega-Lite spec) for the site; a PNG as well for the PDF build."""
    from altair.utils.mimebundle import spec_to_mimebundle

    bundle = spec_to_mimebundle(
        spec, format="html", mode="vega-lite",
        vega_version=alt.VEGA_VERSION, vegalite_version=alt.VEGALITE_VERSION,
        vegaembed_version=alt.VEGAEMBED_VERSION,
        # No actions menu: its <summary> has no text (an axe-core violation), and its editor
        # link points off the site. Readers download the data from the data catalogue instead.
        embed_options={"actions": False},
        template="universal",
        output_div=f"altair-viz-{_chart_id(spec)}",
        json_kwds={"cls": _ScriptSafeJSON},
    )
    out = {"text/html": bundle["text/html"]}
    if os.environ.get(STATIC_VARIABLE, "") == "png":
        import vl_convert as vlc

        png = vlc.vegalite_to_png(spec, scale=2, vl_version=vl_convert_version())
        out["image/png"] = base64.b64encode(png).decode("ascii")
    return out


def _chart_id(spec: dict) -> str:
    """A 32-hex-digit element id that depends only on the chart and how many charts this kernel
    drew before it, so that two runs of a notebook (and two builds of the site) are identical."""
    _chart_id.count += 1
    text = json.dumps(spec, sort_keys=True, ensure_ascii=True) + f"#{_chart_id.count}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


_chart_id.count = 0


def _to_values(data):
    """Altair's inline data, with every float rounded (see :mod:`handbook.numbers`)."""
    if isinstance(data, pd.DataFrame):
        data = rounded_frame(data)
    return alt.to_values(data)


alt.data_transformers.register("handbook", _to_values)


def vl_convert_version() -> str:
    """The Vega-Lite version string vl-convert should use to match the installed Altair."""
    major, minor = alt.VEGALITE_VERSION.split(".")[:2]
    return f"{major}.{minor}"


alt.renderers.register("handbook", _renderer)


def enable() -> None:
    """Use the handbook's theme and renderer in this kernel."""
    alt.theme.enable("handbook")
    alt.renderers.enable("handbook")
    alt.data_transformers.enable("handbook")


# --------------------------------------------------------------------------------------------
# The frame every chart shares


def finish(chart: alt.TopLevelMixin, *, title: str, subtitle: str | list[str], description: str,
           source: str) -> alt.VConcatChart:
    """Give ``chart`` a title, subtitle, screen-reader description and a source line below it.

    The source line is a text mark under the chart, so it survives export to PNG and PDF.
    """
    for name, value in (("title", title), ("description", description), ("source", source)):
        if not value or not str(value).strip():
            raise ValueError(f"every chart needs a non-empty {name}")
    subtitle = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    footer = (
        alt.Chart(pd.DataFrame({"text": [f"Source: {source}"]}))
        .mark_text(align="left", baseline="top", fontSize=11, color=SOURCE_COLOUR, font=FONT,
                   limit=WIDTH, lineBreak="\n")
        .encode(x=alt.value(0), y=alt.value(0), text="text:N")
        .properties(width=WIDTH, height=16)
    )
    return alt.vconcat(chart, footer).properties(
        title=alt.Title(title, subtitle=subtitle),
        description=description,
    )


# --------------------------------------------------------------------------------------------
# The timeline


def _timeline_frame(events: pd.DataFrame) -> pd.DataFrame:
    frame = events.copy()
    frame["category_label"] = frame["category"].map(CATEGORY_LABELS).astype("string")
    frame["date_label"] = [long_date(d, p) for d, p in zip(frame["date"], frame["date_precision"])]
    frame["source_label"] = [cite_short(s) for s in frame["source"]]
    frame["status_label"] = [
        f"{s}" + (f" by {c}" if isinstance(c, str) and c else "")
        for s, c in zip(frame["status"], frame["claimed_by"].fillna(""))
    ]
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    columns = ["id", "date", "date_label", "title", "description", "category", "category_label",
               "status_label", "source_label"]
    return frame[columns]


def era_frame(eras: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Eras with start and end dates taken from the events that open them.

    An era runs from its opening event to the next era's opening event; the last one runs to the
    last event in ``events``.
    """
    dates = events.set_index("id")["date"]
    frame = eras.copy()
    frame["start"] = frame["start_event"].map(dates)
    frame = frame.sort_values("start").reset_index(drop=True)
    frame["end"] = frame["start"].shift(-1).fillna(events["date"].max())
    frame["shade"] = [i % 2 for i in range(len(frame))]
    frame["label_offset"] = [3 + 13 * (i % 2) for i in range(len(frame))]
    frame["start"] = frame["start"].dt.strftime("%Y-%m-%d")
    frame["end"] = frame["end"].dt.strftime("%Y-%m-%d")
    return frame[["id", "label", "short_label", "start", "end", "shade", "label_offset"]]


def timeline_chart(events: pd.DataFrame, eras: pd.DataFrame | None = None, *,
                   title: str = "Russia, Ukraine and the West: a timeline",
                   source: str = "Reading the Kremlin, events dataset (data/events.csv); "
                                 "each event's own source is in its tooltip.") -> alt.VConcatChart:
    """Events as points by date and category, over shaded eras.

    Click a category in the legend to show only that category (shift-click for more); drag
    across the chart to zoom into a period, double-click to reset. Tooltips give each event's
    date, description, status and source.
    """
    frame = _timeline_frame(events)
    order = [CATEGORY_LABELS[c] for c in CATEGORY_LABELS if c in set(events["category"])]
    pick = alt.selection_point(fields=["category_label"], bind="legend")
    zoom = alt.selection_interval(encodings=["x"], bind="scales")
    first, last = events["date"].min().year, events["date"].max().year
    x = alt.X("date:T", title="Date (year)",
              scale=alt.Scale(domain=[alt.DateTime(year=int(first), month=1, date=1),
                                      alt.DateTime(year=int(last), month=12, date=31)]),
              axis=alt.Axis(format="%Y", labelOverlap=True, tickCount=20))
    points = (
        alt.Chart(frame)
        .mark_point(filled=True, size=90, opacity=0.85, stroke="white", strokeWidth=0.6)
        .encode(
            x=x,
            y=alt.Y("category_label:N", title="Category of event", sort=order,
                    scale=alt.Scale(padding=1.6)),
            color=alt.Color("category_label:N", title="Category (click to filter)", sort=order,
                            scale=alt.Scale(domain=order, range=PALETTE[: len(order)])),
            shape=alt.Shape("category_label:N", sort=order, legend=None),
            opacity=alt.condition(pick, alt.value(0.9), alt.value(0.08)),
            tooltip=[
                alt.Tooltip("date_label:N", title="Date"),
                alt.Tooltip("title:N", title="Event"),
                alt.Tooltip("description:N", title="What happened"),
                alt.Tooltip("category_label:N", title="Category"),
                alt.Tooltip("status_label:N", title="Status"),
                alt.Tooltip("source_label:N", title="Source"),
            ],
        )
        .add_params(pick, zoom)
    )
    layers = [points]
    if eras is not None:
        bands = era_frame(eras, events)
        shade = (
            alt.Chart(bands)
            .mark_rect(opacity=0.5)
            .encode(
                x="start:T", x2="end:T",
                color=alt.Color("shade:N", scale=alt.Scale(domain=[0, 1],
                                                           range=["#f2f2f2", "#ffffff"]),
                                legend=None),
                tooltip=[alt.Tooltip("label:N", title="Era"),
                         alt.Tooltip("start:T", title="From", format="%-d %B %Y"),
                         alt.Tooltip("end:T", title="To", format="%-d %B %Y")],
            )
        )
        labels = (
            alt.Chart(bands)
            .mark_text(align="left", baseline="top", dx=3, fontSize=10, color="#444444")
            .encode(x="start:T", y=alt.Y("label_offset:Q", scale=None), text="short_label:N",
                    tooltip=[alt.Tooltip("label:N", title="Era")])
        )
        layers = [shade, labels, points]
    chart = alt.layer(*layers).resolve_scale(color="independent").properties(
        width=WIDTH, height=340)
    counts = frame["category_label"].value_counts()
    busiest = counts.index[0]
    description = (
        f"Timeline scatter chart of {len(frame)} events from {first} to {last}, one point per "
        f"event, placed by date on the horizontal axis and by category on the vertical axis"
        + (", over shaded bands for the eras" if eras is not None else "")
        + f". The busiest category is {busiest} with {counts.iloc[0]} events."
    )
    return finish(
        chart, title=title,
        subtitle=f"{len(frame)} dated, sourced events, {first}–{last}. Click a legend entry to "
                 "filter, drag to zoom, hover for details.",
        description=description, source=source,
    )
