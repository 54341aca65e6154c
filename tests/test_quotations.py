"""Every quotation in the chapters' prose is verbatim from a source the handbook holds.

A quotation of five words or more, typed in a chapter's Markdown between double quotation marks,
must appear word for word in one of: a statement (``data/statements.csv``, ``quote``), a clause
of a Kremlin document (``data/clauses.csv``, ``clause``), the seed article, CNN's wording that the
seed summarises (``data/seed_trace.csv``), or the title of a
source in ``book/references.bib`` or ``data/documents.csv``, or the handbook's glossary.
Quotation marks, apostrophes, dashes, case and spacing are normalised; an ellipsis or an editorial
insertion in square brackets splits a quotation into parts, each checked on its own. So a quotation cannot drift from its source, and a new one needs its source
in the data first.
"""
from __future__ import annotations

import json
import re

import pytest

from handbook import ROOT, data
from handbook.sources import bibliography
from helpers import IN_CI

CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]-*.ipynb"))
MIN_WORDS = 5
QUOTED = re.compile(r"“([^”]+)”|(?<![\w=])\"([^\"\n]+)\"(?!\w)")
ROLES = re.compile(r"\{[a-z:-]+\}`[^`]*`")


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    text = re.sub(r"[“”«»„\"]", "", text)
    text = re.sub(r"[‐‑‒–—−-]", "-", text)
    text = re.sub(r"[^\w'%-]+", " ", text.lower())
    return " ".join(text.split())


def _corpus() -> str:
    parts = list(data.load("statements")["quote"].dropna())
    parts += list(data.load("clauses")["clause"].dropna())
    parts += list(data.load("documents")["title"].dropna())
    parts += list(data.load("glossary")["definition"].dropna())
    parts += list(data.load("seed_trace")["cnn_wording"].dropna())
    parts += [source.title for source in bibliography().values()]
    from handbook import SEED_PATH

    if SEED_PATH.exists():
        parts.append(SEED_PATH.read_text(encoding="utf-8"))
    elif IN_CI:
        pytest.fail(f"the seed article is missing at {SEED_PATH}")
    return " | ".join(normalise(p) for p in parts)


def quotations(markdown: str) -> list[str]:
    """The parts of five words or more of every double-quoted passage in ``markdown``."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)  # code blocks
    text = ROLES.sub(" ", text)
    text = re.sub(r"`[^`]*`", " ", text)  # inline code
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    found = []
    for match in QUOTED.finditer(text):
        passage = match.group(1) or match.group(2)
        for part in re.split(r"\s*(?:…|\.\.\.|\[[^\]]*\])\s*", passage):
            if len(normalise(part).split()) >= MIN_WORDS:
                found.append(part.strip())
    return found


def test_quotations_finds_passages_and_parts():
    text = 'He said “we will not give up one inch … of our land to them, ever” and "a b c".'
    assert quotations(text) == ["we will not give up one inch", "of our land to them, ever"]
    assert quotations("“gave [Russia] a stronger voice internationally today”") == [
        "a stronger voice internationally today"]
    assert quotations("The {cite}`x` “short one” and `\"code is not a quote at all\"`") == []


@pytest.fixture(scope="module")
def corpus():
    return _corpus()


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_every_quotation_is_verbatim(chapter, corpus):
    cells = json.loads(chapter.read_text(encoding="utf-8"))["cells"]
    missing = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        for passage in quotations("".join(cell["source"])):
            if normalise(passage) not in corpus:
                missing.append(f"cell {index}: “{passage}”")
    assert not missing, (f"{chapter.name}: quotations not found verbatim in statements, clauses, "
                         "the seed or a source's title:\n" + "\n".join(missing))
