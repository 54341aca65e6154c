"""The bibliography: ``book/references.bib`` is the single list of sources.

Prose cites it with ``{cite}``; every data row names keys of it in its ``source`` column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pybtex.database import parse_file

from . import BIB_PATH

KEY_SEPARATOR = ";"


@dataclass(frozen=True)
class Source:
    key: str
    entry_type: str
    title: str
    who: str
    year: str
    date: str
    url: str

    @property
    def short(self) -> str:
        """A one-line citation for tooltips and tables: 'Who (date), Title'."""
        when = self.date or self.year
        return f"{self.who} ({when}), {self.title}"

    @property
    def author_date(self) -> str:
        """An author-date citation for a long table, where the title would crowd the row:
        'Who (date)'; the bibliography, ordered by author, has the rest."""
        return f"{self.who} ({self.date or self.year})"


_LATEX_ESCAPES = re.compile(r"\\([%&_#$])")


def _clean(text: str) -> str:
    """BibTeX text as a reader should see it: no braces, no escapes, en dashes."""
    text = _LATEX_ESCAPES.sub(r"\1", text.replace("{", "").replace("}", ""))
    return text.replace("``", "“").replace("''", "”").replace("--", "–").strip()


@lru_cache(maxsize=8)
def _read(path: str, mtime: float) -> dict[str, Source]:
    database = parse_file(path, bib_format="bibtex")
    sources = {}
    for key, entry in database.entries.items():
        fields = entry.fields
        persons = entry.persons.get("author", [])
        if persons:
            names = [" ".join(p.last_names) for p in persons]
            who = names[0] if len(names) == 1 else (
                f"{names[0]} and {names[1]}" if len(names) == 2 else f"{names[0]} et al."
            )
        else:
            who = fields.get("organization") or fields.get("institution") or fields.get(
                "howpublished") or fields.get("journal") or fields.get("publisher", "")
        sources[key] = Source(
            key=key,
            entry_type=entry.type,
            title=_clean(fields.get("title", "")),
            who=_clean(who),
            year=fields.get("year", ""),
            date=fields.get("date", ""),
            url=fields.get("url", ""),
        )
    return sources


def bibliography(path: Path | str = BIB_PATH) -> dict[str, Source]:
    """All entries of the bibliography, by key."""
    path = Path(path)
    return _read(str(path), path.stat().st_mtime)


def split_keys(value: str) -> list[str]:
    """``'a;b'`` -> ``['a', 'b']``; empty parts are dropped."""
    return [part.strip() for part in str(value).split(KEY_SEPARATOR) if part.strip()]


def cite_short(value: str, path: Path | str = BIB_PATH) -> str:
    """Short citations for a ``source`` cell, joined with '; '."""
    bib = bibliography(path)
    return "; ".join(bib[key].short for key in split_keys(value))


def cite_author_date(value: str, path: Path | str = BIB_PATH) -> str:
    """Author-date citations for a ``source`` cell, joined with '; ': 'Who (date); Who (date)'."""
    bib = bibliography(path)
    return "; ".join(bib[key].author_date for key in split_keys(value))
