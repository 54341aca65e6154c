"""Sphinx extension: repairs to generated HTML that assistive technology would stumble on.

pandas writes an empty ``<th></th>`` for the corner of a table whose index or columns have names
(a cross-tabulation, a MultiIndex), and axe-core reports every empty header cell: a header with
nothing to announce. An empty header cell becomes an empty data cell, which is what it is; the
stored notebook outputs are left as they are.

MyST-NB gives each folded code cell's ``<summary>`` the label "Toggle hidden content", which
overrides what the reader sees on it ("Show code cell source"): a voice-control user who says the
visible words finds no such control, and Lighthouse fails the page's label-content-name-mismatch
audit. The label is dropped, so the visible words name the control.

A table a notebook prints sits in an output box that scrolls sideways when the table is wider than
the column (``handbook.css``): on a phone most of them are. A box that scrolls must be reachable by
keyboard, or a keyboard user cannot see the columns beyond the edge (axe-core's
scrollable-region-focusable rule). Every output box that holds a table (a handbook table or
pandas' own) is given ``tabindex="0"``, whether or not it overflows at the reader's width, which
the build cannot know.
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


#: A notebook output box whose content is a table: a handbook table, or pandas' own (a ``<div>``
#: that opens with its scoped style).
TABLE_OUTPUT = re.compile(r'<div class="output text_html">(?=\s*(?:<table\b|<div>\s*<style scoped))')


def focusable_table_outputs(body: str) -> str:
    """``body`` with every output box that holds a table reachable by keyboard."""
    return TABLE_OUTPUT.sub('<div class="output text_html" tabindex="0">', body)


def _on_page(app, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = focusable_table_outputs(
            name_summaries_by_their_text(fill_empty_table_headers(context["body"])))


def setup(app):
    app.connect("html-page-context", _on_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
