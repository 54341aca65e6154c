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

**Roles.** Docutils marks a citation list ``role="list"`` but its entries ``role="doc-biblioentry"``, a role
that DPUB-ARIA 1.1 deprecated and that is not a list item, so assistive technology (and axe-core)
sees a list without items. This extension gives the entries the ``listitem`` role.
"""
from __future__ import annotations

from pybtex.backends.plaintext import Backend as PlaintextBackend
from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field, optional_field, sentence

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_MONTH_BY_NAME = {name.lower(): name for name in MONTHS} | {
    name[:3].lower(): name for name in MONTHS} | {"sept": "September"}


def full_month(value: str) -> str:
    """A month as the reference list prints it: ``"mar"``, ``"Mar."`` or ``"march"`` become
    ``"March"``; anything else (``"Spring"``, ``"3–4 March"``) is left as typed."""
    return _MONTH_BY_NAME.get(value.strip().rstrip(".").lower(), value)


class HandbookStyle(PlainStyle):
    """``plain``, with titles as the source wrote them and months in full."""

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


register_plugin("pybtex.style.formatting", "handbook", HandbookStyle)
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
