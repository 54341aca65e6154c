"""Sphinx extension: the ``handbook-glossary`` directive builds the glossary from data/glossary.csv.

The glossary's terms live in one place, the dataset; the directive turns each row into an entry
of a Sphinx ``glossary`` (so chapters link to it with ``{term}``), with the English, Ukrainian
and Russian forms, the note on names that carry politics, and the row's sources as citations.
"""
from __future__ import annotations

import re

import pandas as pd
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from ..data import load
from ..sources import split_keys

KIND_LABELS = {"place": "place", "institution": "institution", "concept": "concept",
               "event": "event", "agreement": "agreement", "term": "term"}


def md_escape(text: str) -> str:
    """Escape the characters Markdown (MyST) would read as markup."""
    return re.sub(r"([\\`*_\[\]<>{}|#])", r"\\\1", str(text)).replace("\n", " ")


def entry_lines(row: pd.Series) -> list[str]:
    """The MyST lines of one glossary entry: the term, then its definition indented."""
    lines = [str(row["term"]).replace("\n", " "),
             f"  {md_escape(row['definition'])} *({KIND_LABELS[row['kind']]})*", ""]
    forms = [(label, row[column]) for label, column in
             (("English", "en"), ("Ukrainian", "uk"), ("Russian", "ru")) if pd.notna(row[column])]
    if forms:
        lines += ["  " + " · ".join(f"{label}: **{md_escape(value)}**" for label, value in forms),
                  ""]
    if pd.notna(row["naming_note"]):
        lines += [f"  *On the name:* {md_escape(row['naming_note'])}", ""]
    lines += [f"  Sources: {{cite:p}}`{','.join(split_keys(row['source']))}`", ""]
    return lines


def glossary_markdown(glossary: pd.DataFrame) -> list[str]:
    """A MyST ``glossary`` directive holding every row, sorted by term (ignoring quotation marks
    and case, so "special military operation" files under S)."""
    lines = ["````{glossary}", ""]
    order = glossary["term"].str.strip('"“”').str.casefold().sort_values().index
    for _, row in glossary.loc[order].iterrows():
        lines += entry_lines(row)
    return lines + ["````"]


class HandbookGlossary(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        glossary = load("glossary")
        self.env.note_dependency(str(self.env.srcdir) + "/data/glossary.csv")
        container = nodes.container(classes=["handbook-glossary"])
        self.state.nested_parse(StringList(glossary_markdown(glossary), source="data/glossary.csv"),
                                self.content_offset, container)
        return container.children


def setup(app):
    app.add_directive("handbook-glossary", HandbookGlossary)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
