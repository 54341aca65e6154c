"""Sphinx extension: the PDF prints each chart as an image drawn from its specification.

A chapter stores a chart as HTML, an empty ``<div>`` and a script holding the chart's
Vega-Lite specification (:mod:`handbook.charts`), which LaTeX cannot print. When the LaTeX
builder reads a page, this extension takes the specification out of every chart output that
has no image, draws it with vl-convert as a PNG at twice its size, and adds the PNG to the
output's bundle, where myst-nb's MIME priority for LaTeX (``_config.yml``) picks it. Drawings
are cached in ``_build/.chart-cache`` by a hash of the specification and the renderer's version,
as the site's SVGs are (:mod:`.chartpage`).

So the PDF needs no second execution of the notebooks, and no kernel draws a PNG that the site
would not show. The HTML builder is left alone.
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..files import cached
from .chartpage import CACHE_FOLDER, CHART, spec_hash, split_script

#: vl-convert's scale: the PNG has twice the chart's pixels, for print.
SCALE = 2


def chart_spec(html: str) -> dict | None:
    """The Vega-Lite specification of the Altair chart in ``html`` (``None`` if there is none)."""
    match = CHART.search(html)
    parts = split_script(match["script"]) if match else None
    return parts[0] if parts else None


def render_png(spec: dict, cache: Path) -> Path:
    """``spec`` drawn as a PNG by vl-convert into ``cache`` (unless it is there already); the
    file's path."""
    import vl_convert as vlc

    from ..charts import vl_convert_version

    path = cache / f"{spec_hash(spec)}-{SCALE}x.png"
    cached(path, lambda: vlc.vegalite_to_png(spec, scale=SCALE, vl_version=vl_convert_version()),
           binary=True)
    return path


def _is_bundle(node) -> bool:
    return isinstance(node, nodes.container) and node.get("nb_element") == "mime_bundle"


class ChartImages(SphinxTransform):
    """Give every chart output a PNG of the chart, for the LaTeX builder only."""

    default_priority = 800

    def apply(self, **kwargs) -> None:
        if self.app.builder.format != "latex":
            return
        srcdir = Path(self.app.srcdir)
        cache = srcdir / "_build" / CACHE_FOLDER
        for bundle in list(self.document.findall(_is_bundle)):
            types = {child.get("mime_type"): child for child in bundle.children}
            if "text/html" not in types or any(t.startswith("image/") for t in types if t):
                continue
            spec = chart_spec(types["text/html"].astext())
            if spec is None:
                continue
            path = render_png(spec, cache)
            image = nodes.image(uri="/" + path.relative_to(srcdir).as_posix(),
                                alt=spec.get("description", ""))
            bundle += nodes.container("", image, mime_type="image/png")


def setup(app):
    app.add_transform(ChartImages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
