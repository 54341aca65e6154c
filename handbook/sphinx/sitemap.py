"""Sphinx extension: ``sitemap.xml``, the pages of the book for search engines.

Every page of the table of contents is listed, in reading order. A sitemap's addresses are
absolute: set the site's public address as ``html: baseurl:`` in ``_config.yml`` and they start
with it. Until the site has one, they are relative to the site's root (which search engines do not
accept, but which tells a reader and a test what the sitemap will hold). No dates are written, so
that two builds of the same commit stay byte-identical.
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from ..files import write_atomically

NAME = "sitemap.xml"
#: Pages that are not content: Sphinx's own and the 404 page.
SKIP = {"genindex", "search", "404"}


def sitemap_xml(addresses: list[str]) -> str:
    urls = "".join(f"  <url><loc>{escape(address)}</loc></url>\n" for address in addresses)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n")


def addresses(docnames: list[str], target_uri, baseurl: str) -> list[str]:
    """The address of every page: ``baseurl`` (with one slash after it) and its file."""
    base = baseurl.rstrip("/") + "/" if baseurl else ""
    return [base + target_uri(name) for name in docnames if name not in SKIP]


def _reading_order(env) -> list[str]:
    """The documents in the order of the table of contents, then any others."""
    order, seen = [], set()

    def walk(name):
        if name in seen or name not in env.found_docs:
            return
        seen.add(name)
        order.append(name)
        for child in env.toctree_includes.get(name, []):
            walk(child)

    walk(env.config.root_doc)
    return order + sorted(env.found_docs - seen)


def _build_finished(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    pages = addresses(_reading_order(app.env), app.builder.get_target_uri,
                      app.config.html_baseurl or "")
    write_atomically(Path(app.outdir) / NAME, sitemap_xml(pages))


def setup(app):
    app.connect("build-finished", _build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
