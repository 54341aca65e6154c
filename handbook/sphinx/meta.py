"""Sphinx extension: a ``<meta name="description">`` on every page.

A page's description is its summary line: the first paragraph that is all in italics (a chapter
opens with one under its title). A page without one (the index of terms, the search page, the
404 page) gets the book's ``description`` from ``_config.yml``.
"""
from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes

LIMIT = 300  # characters; search engines show about 160, and a summary line may run longer


def summary_line(doctree: nodes.Node) -> str | None:
    """The text of the first paragraph whose only content is one emphasis (``*…*``)."""
    for paragraph in doctree.findall(nodes.paragraph):
        children = [c for c in paragraph.children
                    if not (isinstance(c, nodes.Text) and not c.astext().strip())]
        if len(children) == 1 and isinstance(children[0], nodes.emphasis):
            return " ".join(children[0].astext().split())
    return None


def shorten(text: str, limit: int = LIMIT) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def book_description(srcdir: Path) -> str:
    """The ``description`` of the book's ``_config.yml`` (empty when there is none)."""
    import yaml

    path = Path(srcdir) / "_config.yml"
    if not path.is_file():
        return ""
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return " ".join(str(config.get("description") or "").split())


def meta_tag(description: str) -> str:
    return f'<meta name="description" content="{html.escape(shorten(description), quote=True)}" />\n'


def _on_page(app, pagename, templatename, context, doctree) -> None:
    description = (summary_line(doctree) if doctree is not None else None) or \
        book_description(Path(app.srcdir)) or app.config.project
    context["metatags"] = context.get("metatags", "") + meta_tag(description)


def setup(app):
    app.connect("html-page-context", _on_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
