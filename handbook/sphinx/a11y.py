"""Sphinx extension: repairs to generated HTML that assistive technology would stumble on.

pandas writes an empty ``<th></th>`` for the corner of a table whose index or columns have names
(a cross-tabulation, a MultiIndex), and axe-core reports every empty header cell: a header with
nothing to announce. An empty header cell becomes an empty data cell, which is what it is; the
stored notebook outputs are left as they are.
"""
from __future__ import annotations

import re

EMPTY_HEADER = re.compile(r"<th(?P<attrs>(?:\s[^>]*)?)>\s*</th>")


def fill_empty_table_headers(body: str) -> str:
    """``body`` with every empty ``<th>`` turned into a ``<td>`` (its attributes kept)."""
    if "<th" not in body:
        return body
    return EMPTY_HEADER.sub(lambda m: f"<td{m['attrs']}></td>", body)


def _on_page(app, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = fill_empty_table_headers(context["body"])


def setup(app):
    app.connect("html-page-context", _on_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
