"""Sphinx extension: the bibliography's entries are list items.

Docutils marks a citation list ``role="list"`` but its entries ``role="doc-biblioentry"``, a role
that DPUB-ARIA 1.1 deprecated and that is not a list item, so assistive technology (and axe-core)
sees a list without items. This extension gives the entries the ``listitem`` role.
"""
from __future__ import annotations


def fix_citation_list_roles(body: str) -> str:
    """``body`` with every bibliography entry's role set to ``listitem``."""
    if 'class="citation-list"' not in body:
        return body
    return body.replace('role="doc-biblioentry"', 'role="listitem"')


def _on_page(app, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = fix_citation_list_roles(context["body"])


def setup(app):
    app.connect("html-page-context", _on_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
