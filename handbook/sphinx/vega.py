"""Sphinx extension: ship Vega, Vega-Lite and Vega-Embed with the site, and load them only where
needed.

Altair's HTML output loads the three libraries from a CDN unless ``window.VEGA_DEBUG`` already
holds ``vega_version``, ``vegalite_version`` and ``vegaembed_version`` equal to Altair's own.
This extension writes one bundle built by vl-convert (for the Vega-Lite version that matches the
installed Altair) into the site's ``_static/vendor/`` folder, wrapped in a function so its
top-level names cannot clash with Sphinx's own scripts, and adds it as a classic ``<script>`` in
the ``<head>`` of every page that holds a chart, and of no other page.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..files import write_atomically

BUNDLE_NAME = "vendor/vega-bundle.js"
CHART_MARKER = "altair-viz-"


def bundle_text() -> str:
    """The wrapped bundle, ending with the VEGA_DEBUG versions Altair checks for."""
    import altair as alt
    import vl_convert as vlc

    from ..charts import vl_convert_version

    versions = {
        "vega_version": alt.VEGA_VERSION,
        "vegalite_version": alt.VEGALITE_VERSION,
        "vegaembed_version": alt.VEGAEMBED_VERSION,
    }
    body = vlc.javascript_bundle(vl_version=vl_convert_version())
    return (
        f"/* Vega, Vega-Lite {vl_convert_version()} and Vega-Embed, bundled by vl-convert-python "
        f"{getattr(vlc, '__version__', '')} for Altair {alt.__version__}. */\n"
        "(function () {\n" + body + "\n})();\n"
        f"window.VEGA_DEBUG = Object.assign(window.VEGA_DEBUG || {{}}, {json.dumps(versions)});\n"
    )


def _write_bundle(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    write_atomically(Path(app.outdir) / "_static" / BUNDLE_NAME, bundle_text())


def _add_to_chart_pages(app, pagename, templatename, context, doctree) -> None:
    if app.builder.format == "html" and CHART_MARKER in context.get("body", ""):
        app.add_js_file(BUNDLE_NAME, priority=100)


def setup(app):
    app.connect("html-page-context", _add_to_chart_pages)
    app.connect("build-finished", _write_bundle)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
