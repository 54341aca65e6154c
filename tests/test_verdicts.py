"""The chapters and the register of the seed's claims agree on every verdict.

A chapter that gives a verdict on one of the seed's claims reads it from the register
(``data/seed_claims.csv``) in a code cell and guards it with an ``assert``, so that nbval stops the
chapter when the register changes under it. This test finds every such guard, statically, and
checks that the verdict it asserts is the register's, so that no chapter can state a verdict the
register does not hold (and the register cannot change without the chapters being read again).
"""
from __future__ import annotations

import json
import re

from handbook import ROOT, data

CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]-*.ipynb"))
READ = re.compile(r'loc\["(?P<id>[a-z0-9-]+)", "verdict"\]')
ASSERTED = re.compile(r'==\s*"(?P<verdict>supported|loose|wrong|not-testable)"')


def guards() -> list[tuple[str, str, str]]:
    """(chapter, claim id, asserted verdict) for every verdict guard in the chapters: an
    ``assert ... == "<verdict>"`` line pairs with the claim read on the same line or, failing
    that, with the claim read last before it in the same cell."""
    found = []
    for chapter in CHAPTERS:
        for cell in json.loads(chapter.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            last = None
            for line in "".join(cell["source"]).splitlines():
                read = READ.search(line)
                if read:
                    last = read["id"]
                asserted = ASSERTED.search(line)
                if asserted and line.lstrip().startswith("assert") and last:
                    found.append((chapter.stem, last, asserted["verdict"]))
    return found


def test_guards_are_found():
    assert len({claim for _, claim, _ in guards()}) >= 2, guards()
    assert {chapter for chapter, _, _ in guards()} >= {"07-talks", "09-reading-the-sources"}


def test_chapters_assert_the_registers_verdicts():
    register = data.load("seed_claims").set_index("id")["verdict"]
    disagree = [f"{chapter}: {claim} asserted {verdict!r}, register says {register.get(claim)!r}"
                for chapter, claim, verdict in guards() if register.get(claim) != verdict]
    assert not disagree, "\n".join(disagree)
