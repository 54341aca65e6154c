"""Sphinx extension: repairs to generated HTML that assistive technology would stumble on.

pandas writes an empty ``<th></th>`` for the corner of a table whose index or columns have names
(a cross-tabulation, a MultiIndex), and axe-core reports every empty header cell: a header with
nothing to announce. An empty header cell becomes an empty data cell, which is what it is; the
stored notebook outputs are left as they are.

MyST-NB gives each folded code cell's ``<summary>`` the label "Toggle hidden content", which
overrides what the reader sees on it ("Show code cell source"): a voice-control user who says the
visible words finds no such control, and Lighthouse fails the page's label-content-name-mismatch
audit. The label is dropped, so the visible words name the control.
"""
from __future__ import annotations

import re

EMPTY_HEADER = re.compile(r"<th(?P<attrs>(?:\s[^>]*)?)>\s*</th>")


def fill_empty_table_headers(body: str) -> str:
    """``body`` with every empty ``<th>`` turned into a ``<td>`` (its attributes kept)."""
    if "<th" not in body:
        return body
    return EMPTY_HEADER.sub(lambda m: f"<td{m['attrs']}></td>", body)


FOLDED_CELL_SUMMARY = '<summary aria-label="Toggle hidden content">'


def name_summaries_by_their_text(body: str) -> str:
    """``body`` with MyST-NB's generic label taken off every folded cell's ``<summary>``."""
    return body.replace(FOLDED_CELL_SUMMARY, "<summary>")


def _on_page(app, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = name_summaries_by_their_text(fill_empty_table_headers(context["body"]))


def setup(app):
    app.connect("html-page-context", _on_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
