"""Chart builders and the handbook's shared chart theme.

Every chart returned here has a title, axis titles with units, a ``description`` (what a screen
reader hears), a source line and tooltips. Colours come from the Okabe–Ito palette, which stays
distinguishable for readers with the common forms of colour-blindness.

Call :func:`enable` once at the top of a notebook: it registers the theme and a renderer that
emits the interactive HTML (for the web site; the Vega libraries ship with the site, see
:mod:`handbook.sphinx.vega`) and, in the PDF build only, a static PNG.
"""
from __future__ import annotations

import hashlib
import json
import os
from typing import Any

import altair as alt
import pandas as pd

from .numbers import rounded_frame

#: Okabe & Ito (2008), "Color Universal Design", with their yellow (too pale on white) replaced by
#: a dark ochre, and Paul Tol's wine as a tenth colour. Categorical charts also encode the
#: category by shape, not by colour alone.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
           "#999999", "#A6761D", "#882255"]
FONT = "Helvetica Neue, Arial, Liberation Sans, DejaVu Sans, sans-serif"
WIDTH = 560
SOURCE_COLOUR = "#4d4d4d"

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
                       "orient": "bottom", "columns": 3, "columnPadding": 24, "labelLimit": 220,
                       "titleLimit": 400},
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


#: How charts are output, by the kernel's environment:
#:
#: - ``build`` (every build, ``handbook.build``) and ``stored`` (``make notebooks`` and nbval, so
#:   what the notebooks store): the chart's element and its Vega-Lite spec in a short script
#:   (:func:`chart_html`). Nothing runs that script on the site: the site's chart pages read the
#:   spec from it (:mod:`handbook.sphinx.chartpage`), and so does the PDF build, which draws its
#:   own image of each chart (:mod:`handbook.sphinx.chartpdf`); ``build`` also makes tables add a
#:   LaTeX copy for the PDF (:mod:`handbook.tables`);
#: - ``html``: Altair's own HTML, whose script loads Vega from a CDN and draws the chart with its
#:   tooltips, for a reader online in JupyterLab (``%env HANDBOOK_CHARTS=html``, then re-run
#:   the chart's cell);
#: - unset or ``svg`` (JupyterLab: ``make lab``, the student pack): a static SVG drawn by
#:   vl-convert in the kernel, which needs no network. JupyterLab cannot draw the HTML offline (it
#:   loads Vega from a CDN) nor Vega-Lite 6's own mimetype (it renders up to v5).
STATIC_VARIABLE = "HANDBOOK_CHARTS"
#: Vega-Embed's options for every chart. No actions menu: its <summary> has no text (an axe-core
#: violation), and its editor link points off the site. Readers download each chart's data from
#: the link under it instead.
EMBED_OPTIONS = {"actions": False}


def chart_html(spec: dict) -> str:
    """The chart's element and a script holding its spec, as the stored notebooks and the
    builds keep it: what Altair's HTML keeps of a chart without its 2.5 KB loader (a style
    element and the code that fetches Vega from a CDN), which nothing there runs. The script
    ends as Altair's does, ``})(SPEC, OPTIONS);``, and draws the chart only where Vega-Embed
    is already on the page."""
    options = {**EMBED_OPTIONS, "mode": "vega-lite"}
    return (f'<div id="altair-viz-{_chart_id(spec)}"></div>\n'
            '<script type="text/javascript">\n'
            '(function(spec, embedOpt){\n'
            '  if (typeof vegaEmbed === "function")'
            ' vegaEmbed(document.currentScript.previousElementSibling, spec, embedOpt);\n'
            f'}})({json.dumps(spec, cls=_ScriptSafeJSON)}, {json.dumps(options)});\n'
            '</script>')


def _renderer(spec: dict, **metadata: Any) -> dict:
    """The chart's HTML (with the Vega-Lite spec) for the site, the PDF build and the stored
    notebooks; Altair's HTML for a reader online; an SVG in JupyterLab (see
    :data:`STATIC_VARIABLE`)."""
    from altair.utils.mimebundle import spec_to_mimebundle

    mode = os.environ.get(STATIC_VARIABLE, "") or "svg"
    if mode == "svg":
        import vl_convert as vlc

        svg = vlc.vegalite_to_svg(spec, vl_version=vl_convert_version())
        return {"image/svg+xml": svg, "text/plain": f"<chart: {spec.get('description', '')}>"}
    if mode != "html":
        return {"text/html": chart_html(spec)}

    bundle = spec_to_mimebundle(
        spec, format="html", mode="vega-lite",
        vega_version=alt.VEGA_VERSION, vegalite_version=alt.VEGALITE_VERSION,
        vegaembed_version=alt.VEGAEMBED_VERSION, embed_options=EMBED_OPTIONS,
        template="universal",
        output_div=f"altair-viz-{_chart_id(spec)}",
        json_kwds={"cls": _ScriptSafeJSON},
    )
    return {"text/html": bundle["text/html"]}


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
