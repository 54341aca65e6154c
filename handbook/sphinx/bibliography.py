"""Sphinx extension: the bibliography's style, and its entries as list items.

**Style.** pybtex's ``plain`` style lowercases every article title after its first letter
(``text.capitalize()``), which turns "War council decided Crimea fate" into "... crimea fate" and
"Article by Vladimir Putin" into "... vladimir putin", and it prints a month as typed ("mar").
The ``handbook`` style (``bibtex_default_style: handbook`` in ``_config.yml``) is ``plain`` with
titles kept as the source wrote them, months in full, and the ``note`` of a chapter in a book
(``plain`` prints it for every other entry type the bibliography uses, not for that one).

**Speed.** sphinxcontrib-bibtex asks pybtex for its ``plaintext`` backend once per citation, and
pybtex looks a plugin up by scanning every installed package's entry points (about 18 ms each,
some 1,100 times a build); registering the backend at runtime makes that a dictionary lookup.
It also formats every entry twice (once for the list, once for the citation's tooltip); the style
formats each entry once and hands the tooltip the same result.

**Labels.** With author-year citations, 22 different Reuters reports of 2022 would all read
"Reuters, 2022", and the list, numbered 1 to 1,746, would not say which is which. The ``handbook``
label style labels each entry as its citations print it ("Reuters 2022"), with a letter after the
year where two works share author and year, in the list's own order ("Reuters 2022a", "Reuters
2022b"); the ``handbook`` reference style (``bibtex_reference_style``) prints the same letter in
the text, so a citation and its entry in the list carry one name.

**Roles.** Docutils marks a citation list ``role="list"`` but its entries ``role="doc-biblioentry"``, a role
that DPUB-ARIA 1.1 deprecated and that is not a list item, so assistive technology (and axe-core)
sees a list without items. This extension gives the entries the ``listitem`` role.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from types import SimpleNamespace

from pybtex.backends.plaintext import Backend as PlaintextBackend
from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import field, join, node, optional_field, sentence
from sphinxcontrib.bibtex.plugin import register_plugin as register_reference_style
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference
from sphinxcontrib.bibtex.style.template import year as plain_year

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_MONTH_BY_NAME = {name.lower(): name for name in MONTHS} | {
    name[:3].lower(): name for name in MONTHS} | {"sept": "September"}


def full_month(value: str) -> str:
    """A month as the reference list prints it: ``"mar"``, ``"Mar."`` or ``"march"`` become
    ``"March"``; anything else (``"Spring"``, ``"3–4 March"``) is left as typed."""
    return _MONTH_BY_NAME.get(value.strip().rstrip(".").lower(), value)


def letters(index: int) -> str:
    """The letter a work takes after its year: 0 is ``a``, 25 ``z``, 26 ``aa``."""
    word = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        word = chr(ord("a") + rest) + word
    return word


# The names as the reference style prints them. Built once: a PersonStyle looks its name style
# up among the installed plugins, which takes some 25 ms, once per entry otherwise.
_CITED = SimpleNamespace(person=PersonStyle())
_AUTHOR = _CITED.person.author_or_editor_or_title(full=False)
_PLAIN = PlaintextBackend()  # render_as("text") would look its backend up the same slow way


def author_year(entry: Entry) -> str:
    """An entry's author and year as an author-year citation prints them ("Reuters 2022",
    "Lee and Litvinova 2025", "Person et al. 2022"; the title where there is no author or
    editor; "n.d." where there is no year)."""
    data = {"entry": entry, "style": _CITED}
    who = _AUTHOR.format_data(data)
    year = plain_year.format_data(data)
    return f"{who.render(_PLAIN)} {year.render(_PLAIN)}"


class AuthorYearLabelStyle(BaseLabelStyle):
    """Each entry labelled as its citations print it, a letter after the year where two entries
    would otherwise share a label, in the order of the list."""

    def format_labels(self, sorted_entries):
        entries = list(sorted_entries)
        bases = [author_year(entry) for entry in entries]
        shared = {base for base, count in Counter(bases).items() if count > 1}
        seen: Counter = Counter()
        for base in bases:
            if base in shared:
                yield base + letters(seen[base])
                seen[base] += 1
            else:
                yield base


_LETTERS = re.compile(r"(?<=[\d.])[a-z]+$")


def year_letter(label: str) -> str:
    """The letter an :class:`AuthorYearLabelStyle` label puts after its year, or ``""``."""
    found = _LETTERS.search(label)
    return found.group() if found else ""


@node
def labelled_year(children, data):
    """A citation's year with the letter its entry's label carries ("2022a")."""
    assert not children
    label = data["formatted_entry"].label
    return join[plain_year, year_letter(label)].format_data(data)


class _Parenthetical(BasicAuthorYearParentheticalReferenceStyle):
    def inner(self, role_name):
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text,
            reference[join(sep=self.author_year_sep)[
                self.person.author_or_editor_or_title(full="s" in role_name), labelled_year]],
            post_text,
        ]


class _Textual(BasicAuthorYearTextualReferenceStyle):
    def inner(self, role_name):
        return join(sep=self.text_reference_sep)[
            self.person.author_or_editor_or_title(full="s" in role_name),
            join[self.bracket.left,
                 join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
                     pre_text, reference[labelled_year], post_text],
                 self.bracket.right],
        ]


@dataclass
class HandbookReferenceStyle(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's ``author_year``, with the year's letter from the entry's label."""

    def __post_init__(self):
        super().__post_init__()
        for index, style in enumerate(self.styles):
            for plain, lettered in ((BasicAuthorYearParentheticalReferenceStyle, _Parenthetical),
                                    (BasicAuthorYearTextualReferenceStyle, _Textual)):
                if type(style) is plain:
                    self.styles[index] = lettered(**vars(style))
        self.role_style.update(
            (role, style) for style in self.styles for role in style.role_names())


class HandbookStyle(PlainStyle):
    """``plain``, with titles as the source wrote them, months in full, and author-year labels."""

    default_label_style = "handbook"

    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title

    def get_incollection_template(self, e):
        """``plain``'s chapter-in-a-book entry, with its ``note`` (where and how the handbook's
        authors read the chapter) before the links, as every other entry type has it."""
        *parts, web_refs = super().get_incollection_template(e).children
        return toplevel[(*parts, sentence[optional_field("note")], web_refs)]

    def format_entry(self, label, entry, bib_data=None):
        cache = self.__dict__.setdefault("_formatted", {})
        key = (label, entry.key, id(entry))
        if key not in cache:
            cache[key] = self._format_entry(label, entry, bib_data)
        return cache[key]

    def _format_entry(self, label, entry, bib_data=None):
        month = entry.fields.get("month")
        if month is not None and full_month(month) != month:
            fields = dict(entry.fields) | {"month": full_month(month)}
            copy = Entry(entry.type, fields=fields, persons=entry.persons)
            copy.key = entry.key
            entry = copy
        return super().format_entry(label, entry, bib_data=bib_data)


class HandbookTooltipStyle(HandbookStyle):
    """What a citation shows when the reader points at it (its ``title``): the entry without its
    note (how and where the handbook read the source) and its links, which the bibliography entry
    the citation leads to gives in full. The note is most of an entry's length, and a chapter
    repeats a source's tooltip at every citation of it: with the note, tooltips were a fifth of
    a chapter's HTML (70 KB of the 405 KB of ``08-bloc-and-west.html``)."""

    OMITTED = frozenset({"note", "url", "urldate", "doi", "eprint"})

    def _format_entry(self, label, entry, bib_data=None):
        fields = {name: value for name, value in entry.fields.items()
                  if name.lower() not in self.OMITTED}
        short = Entry(entry.type, fields=fields, persons=entry.persons)
        short.key = entry.key
        return super()._format_entry(label, short, bib_data=bib_data)


register_plugin("pybtex.style.formatting", "handbook", HandbookStyle)
register_plugin("pybtex.style.formatting", "handbook-tooltip", HandbookTooltipStyle)
register_plugin("pybtex.style.labels", "handbook", AuthorYearLabelStyle)
register_reference_style("sphinxcontrib.bibtex.style.referencing", "handbook", HandbookReferenceStyle)
register_plugin("pybtex.backends", "plaintext", PlaintextBackend, force=True)


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
