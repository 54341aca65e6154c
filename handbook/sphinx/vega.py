"""Sphinx extension: ship Vega, Vega-Lite and Vega-Embed with the site, and load them only where
needed.

Altair's HTML output loads the three libraries from a CDN unless ``window.VEGA_DEBUG`` already
holds ``vega_version``, ``vegalite_version`` and ``vegaembed_version`` equal to Altair's own.
This extension writes one bundle built by vl-convert (for the Vega-Lite version that matches the
installed Altair) into the site's ``_static/vendor/`` folder, wrapped in a function so its
top-level names cannot clash with Sphinx's own scripts, and adds it to every page that holds a
chart, and to no other page.

The bundle (300 KB gzip) does not block rendering: it is a ``defer`` script, which runs once the
page has been parsed. Altair's chart scripts run earlier, where they stand in the page; a small
inline script in ``<head>`` (:data:`STUB`) sets the versions Altair checks, so that it loads
nothing from a CDN, and a stand-in ``vegaEmbed`` that queues every chart. The bundle's last lines
replace the stand-in and draw the queued charts. The Content-Security-Policy hashes the stand-in
like any inline script (:mod:`.csp`).

Until the bundle has drawn a chart, the reader sees its static SVG, rendered at build time by
:mod:`.chartpage` (set up by this extension), which also puts the chart's data under it.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..files import write_atomically

BUNDLE_NAME = "vendor/vega-bundle.js"
CHART_MARKER = "altair-viz-"
#: The global array in which the stand-in ``vegaEmbed`` queues charts until the bundle arrives.
QUEUE = "handbookVegaQueue"


def bundle_text() -> str:
    """The wrapped bundle, ending with the VEGA_DEBUG versions Altair checks for and the lines
    that draw the charts the stand-in queued (see :func:`stub_text`)."""
    import altair as alt
    import vl_convert as vlc

    from ..charts import vl_convert_version

    body = vlc.javascript_bundle(vl_version=vl_convert_version())
    return (
        f"/* Vega, Vega-Lite {vl_convert_version()} and Vega-Embed, bundled by vl-convert-python "
        f"{getattr(vlc, '__version__', '')} for Altair {alt.__version__}. */\n"
        "(function () {\n" + body + "\n})();\n"
        f"window.VEGA_DEBUG = Object.assign(window.VEGA_DEBUG || {{}}, {json.dumps(versions())});\n"
        "/* Draw the charts that the stand-in vegaEmbed queued while the page was parsed, one per\n"
        "   task, so that the page stays responsive between two charts.\n"
        "   Vega-Embed empties the chart's element, which holds the static image (.chartpage),\n"
        "   before it draws: the element keeps its height meanwhile, so nothing below it moves. */\n"
        "(function drawNext(queue) {\n"
        "  var call = queue.shift();\n"
        "  if (!call) return;\n"
        "  var el = typeof call[0] === 'string' ? document.querySelector(call[0]) : call[0];\n"
        "  if (el) el.style.minHeight = el.offsetHeight + 'px';\n"
        "  var done = function () { if (el) el.style.minHeight = ''; };\n"
        "  window.vegaEmbed(call[0], call[1], call[2]).then(\n"
        "    function (result) { done(); call[3](result); },\n"
        "    function (error) { done(); call[4](error); });\n"
        "  setTimeout(function () { drawNext(queue); }, 0);\n"
        f"}})((window.{QUEUE} || []).splice(0));\n"
    )


def versions() -> dict[str, str]:
    """The library versions Altair's chart scripts check ``window.VEGA_DEBUG`` for."""
    import altair as alt

    return {"vega_version": alt.VEGA_VERSION, "vegalite_version": alt.VEGALITE_VERSION,
            "vegaembed_version": alt.VEGAEMBED_VERSION}


def stub_text() -> str:
    """The inline script that lets Altair's chart scripts run before the deferred bundle."""
    return (
        f"window.VEGA_DEBUG = Object.assign(window.VEGA_DEBUG || {{}}, {json.dumps(versions())});\n"
        f"window.{QUEUE} = [];\n"
        "window.vegaEmbed = function (element, spec, options) {\n"
        "  return new Promise(function (resolve, reject) {\n"
        f"    window.{QUEUE}.push([element, spec, options, resolve, reject]);\n"
        "  });\n"
        "};\n"
    )


def _write_bundle(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    write_atomically(Path(app.outdir) / "_static" / BUNDLE_NAME, bundle_text())


def _add_to_chart_pages(app, pagename, templatename, context, doctree) -> None:
    if app.builder.format == "html" and CHART_MARKER in context.get("body", ""):
        app.add_js_file(None, body=stub_text(), priority=100)
        app.add_js_file(BUNDLE_NAME, priority=100, loading_method="defer")


def setup(app):
    app.setup_extension("handbook.sphinx.chartpage")  # static images and data under each chart
    app.connect("html-page-context", _add_to_chart_pages)
    app.connect("build-finished", _write_bundle)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
