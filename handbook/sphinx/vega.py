"""Sphinx extension: ship Vega, Vega-Lite and Vega-Embed with the site, and load them only when
a reader comes to a chart.

Every chart is on the page as a static SVG image from the start (:mod:`.chartpage`, set up by
this extension, renders it at build time and writes the chart's Vega-Lite specification to a
JSON file next to the page). What makes a chart interactive (tooltips, a clickable legend) is
the Vega bundle built by vl-convert for the Vega-Lite version that matches the installed Altair,
written to the site's ``_static/vendor/`` folder and wrapped in a function so that its top-level
names cannot clash with Sphinx's own scripts (300 KB gzip, and seconds of work for a phone's
processor on a page with seven charts).

So chart pages load only a small deferred script, :data:`LOADER_NAME` (:func:`loader_text`).
When a chart is in the window once the reader has scrolled, pointed, typed or touched, or when
the reader points at a chart, taps it or moves the keyboard focus into it, the loader fetches the
bundle (once) and the chart's specification, and has Vega-Embed draw the chart in place of its
image, one chart per task. Until the reader does something, a page costs no chart JavaScript. Pages without charts load neither file.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..files import cached, write_atomically

BUNDLE_NAME = "vendor/vega-bundle.js"
LOADER_NAME = "handbook-charts.js"
CHART_MARKER = "altair-viz-"


def bundle_text(cache: Path | None = None) -> str:
    """The wrapped bundle; it defines ``window.vegaEmbed`` and sets the ``VEGA_DEBUG``
    versions Altair's own scripts would check for. vl-convert takes about two seconds to bundle,
    so the bundle is kept in ``cache`` (a folder), named by the versions it depends on."""
    import altair as alt
    import vl_convert as vlc

    from ..charts import vl_convert_version

    name = f"vega-bundle-{getattr(vlc, '__version__', '')}-{vl_convert_version()}.js"
    body = cached(cache / name if cache is not None else None,
                  lambda: vlc.javascript_bundle(vl_version=vl_convert_version()))
    return (
        f"/* Vega, Vega-Lite {vl_convert_version()} and Vega-Embed, bundled by vl-convert-python "
        f"{getattr(vlc, '__version__', '')} for Altair {alt.__version__}. */\n"
        "(function () {\n" + body + "\n})();\n"
        f"window.VEGA_DEBUG = Object.assign(window.VEGA_DEBUG || {{}}, {json.dumps(versions())});\n"
    )


def versions() -> dict[str, str]:
    """The library versions Altair's chart scripts check ``window.VEGA_DEBUG`` for."""
    import altair as alt

    return {"vega_version": alt.VEGA_VERSION, "vegalite_version": alt.VEGALITE_VERSION,
            "vegaembed_version": alt.VEGAEMBED_VERSION}


def loader_text() -> str:
    """The script that makes charts interactive as the reader comes to them."""
    return f"""/* Reading the Kremlin: draw each chart with Vega when the reader comes to it
   (handbook/sphinx/vega.py). Until then the chart is its static SVG image. */
(function () {{
  "use strict";
  var here = document.currentScript;
  var bundleUrl = new URL("{BUNDLE_NAME}", here.src).href;
  var bundle = null;
  var queue = Promise.resolve();

  function loadBundle() {{
    if (!bundle) {{
      bundle = new Promise(function (resolve, reject) {{
        var script = document.createElement("script");
        script.src = bundleUrl;
        script.onload = resolve;
        script.onerror = function () {{ reject(new Error("could not load " + bundleUrl)); }};
        document.head.appendChild(script);
      }});
    }}
    return bundle;
  }}

  function nextTask() {{
    return new Promise(function (resolve) {{ setTimeout(resolve, 0); }});
  }}

  /* Vega-Embed empties the element (the image goes) before it draws: the element keeps its
     height meanwhile, so nothing below it moves. */
  function embed(el, chart) {{
    el.style.minHeight = el.offsetHeight + "px";
    return window.vegaEmbed(el, chart.spec, chart.options).then(function () {{
      el.style.minHeight = "";
      el.setAttribute("data-drawn", "yes");
    }});
  }}

  function draw(el) {{
    if (el.hasAttribute("data-drawn")) return;
    el.setAttribute("data-drawn", "pending");
    var spec = fetch(new URL(el.getAttribute("data-spec"), document.baseURI).href)
      .then(function (response) {{
        if (!response.ok) throw new Error(response.status + " " + response.url);
        return response.json();
      }});
    queue = queue
      .then(function () {{ return Promise.all([loadBundle(), spec]); }})
      .then(function (loaded) {{ return nextTask().then(function () {{ return embed(el, loaded[1]); }}); }})
      .catch(function (error) {{
        el.style.minHeight = "";
        console.error("Chart " + el.id + " not drawn: " + error);
      }});
  }}

  function start() {{
    var charts = [].slice.call(document.querySelectorAll("div[data-spec][id^='{CHART_MARKER}']"));
    charts.forEach(function (el) {{
      var frame = el.parentElement;
      ["pointerover", "focusin", "touchstart"].forEach(function (type) {{
        frame.addEventListener(type, function () {{ draw(el); }}, {{ once: true, passive: true }});
      }});
    }});
    /* Charts in the window are drawn once the reader does something (scrolls, points, types,
       touches): a page opened and read from the top costs no chart script while it loads. */
    var readerEvents = ["scroll", "pointermove", "keydown", "touchstart", "wheel"];
    function watch() {{
      readerEvents.forEach(function (type) {{ window.removeEventListener(type, watch); }});
      if (!("IntersectionObserver" in window)) {{
        charts.forEach(draw);
        return;
      }}
      var observer = new IntersectionObserver(function (entries) {{
        entries.forEach(function (entry) {{
          if (entry.isIntersecting) {{
            observer.unobserve(entry.target);
            draw(entry.target);
          }}
        }});
      }});
      charts.forEach(function (el) {{ observer.observe(el); }});
    }}
    readerEvents.forEach(function (type) {{
      window.addEventListener(type, watch, {{ passive: true }});
    }});
  }}

  start();
}})();
"""


def _write_files(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    from .chartpage import CACHE_FOLDER

    write_atomically(static / BUNDLE_NAME, bundle_text(Path(app.srcdir) / "_build" / CACHE_FOLDER))
    write_atomically(static / LOADER_NAME, loader_text())


def _add_to_chart_pages(app, pagename, templatename, context, doctree) -> None:
    if app.builder.format == "html" and CHART_MARKER in context.get("body", ""):
        app.add_js_file(LOADER_NAME, priority=900, loading_method="defer")


def setup(app):
    app.setup_extension("handbook.sphinx.chartpage")  # static images and data under each chart
    app.connect("html-page-context", _add_to_chart_pages)
    app.connect("build-finished", _write_files)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
