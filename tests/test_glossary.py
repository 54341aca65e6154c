"""The glossary directive's text: every row, sorted, escaped, with forms and sources."""
import pandas as pd

from handbook import data
from handbook.sphinx.glossary import glossary_markdown, md_escape


def test_escape_markdown_markup():
    assert md_escape("a *b* [c] `d` <e> #f") == r"a \*b\* \[c\] \`d\` \<e\> \#f"


def test_every_term_once_sorted_ignoring_quotes():
    glossary = data.load("glossary")
    assert len(glossary) >= 40
    lines = glossary_markdown(glossary)
    terms = [line for line in lines if line and not line.startswith((" ", "`", ":"))]
    assert len(terms) == len(glossary)
    keys = [t.strip('"“”').casefold() for t in terms]
    assert keys == sorted(keys)


def test_entry_shows_three_forms_note_and_sources():
    row = pd.Series({"term": "Kyiv", "kind": "place", "definition": "Capital of Ukraine.",
                     "en": "Kyiv", "uk": "Київ", "ru": "Киев", "naming_note": "Not Kiev.",
                     "source": "a2020x;b2021y"})
    text = "\n".join(glossary_markdown(pd.DataFrame([row])))
    assert "English: **Kyiv** · Ukrainian: **Київ** · Russian: **Киев**" in text
    assert "*On the name:* Not Kiev." in text
    assert "{cite:p}`a2020x,b2021y`" in text


def test_places_have_ukrainian_and_russian_forms():
    glossary = data.load("glossary")
    places = glossary[glossary["kind"] == "place"]
    assert places["uk"].notna().all() and places["ru"].notna().all()
    assert {"Kyiv", "Bakhmut"} <= set(places["term"])
    assert glossary.loc[glossary["term"] == "Kyiv", "naming_note"].str.contains("Kiev").all()
