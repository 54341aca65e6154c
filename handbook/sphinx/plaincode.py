"""Sphinx extension: highlighted code without the spans that change nothing on the page.

Pygments wraps every token of a code cell in a ``<span>`` named for its type: a name is
``<span class="n">df</span>``, a dot ``<span class="p">.</span>``, a space
``<span class="w"> </span>``. In the site's two highlighting styles (the theme's
``a11y-high-contrast-light`` and ``-dark``), names, punctuation and white space are drawn exactly as
the code block's own text is, so those spans style nothing; yet they are a third of a chapter's
HTML (57 KB of the 391 KB of ``10-who-decides.html``, 400 KB over the site), which a phone on a
slow link downloads before it can show the page (issue 15).

This extension gives the HTML builder a lexer for ``ipython3`` (the notebooks' code cells) and
``python`` whose token stream passes through :class:`PlainFilter`: a token whose style is the same
as plain text's in *every* style the site uses becomes plain text, which Pygments writes without a
span. Which types those are is computed from the styles, not listed, so another style keeps its
colours. Error tokens are never changed (Sphinx's ``raiseonerror`` filter must still see them).
The characters of the code, and so what the copy button copies, are unchanged. Only the HTML
builder gets these lexers; every build (the site's, the PDF's) is a Sphinx process of its own.
"""
from __future__ import annotations

from functools import cache, partial

from pygments.filter import Filter
from pygments.lexers import get_lexer_by_name
from pygments.style import StyleMeta
from pygments.styles import get_style_by_name
from pygments.token import Error, Text, _TokenType

#: The languages whose lexer gets the filter: the notebooks' code cells and Python blocks.
LANGUAGES = ("ipython3", "python")


def plain_types(styles: list[StyleMeta]):
    """A test ``plain(ttype)``: True when every style draws ``ttype`` as it draws plain text."""
    bases = [style.style_for_token(Text) for style in styles]

    @cache
    def plain(ttype: _TokenType) -> bool:
        if ttype in Error:
            return False
        return all(style.style_for_token(ttype) == base for style, base in zip(styles, bases))

    return plain


class PlainFilter(Filter):
    """Turns every token that ``plain`` says is drawn as plain text into :data:`Text`."""

    def __init__(self, plain, **options):
        super().__init__(**options)
        self.plain = plain

    def filter(self, lexer, stream):
        for ttype, value in stream:
            yield (Text if self.plain(ttype) else ttype), value


def _lexer(cls, plain, **options):
    lexer = cls(**options)
    lexer.add_filter(PlainFilter(plain))
    return lexer


def site_styles(app) -> list[StyleMeta]:
    """The light and dark highlighting styles of the theme, read as pydata-sphinx-theme reads
    them (its theme options, else the theme's defaults)."""
    options = dict(app.builder.theme.get_options())
    options.update(app.config.html_theme_options or {})
    return [get_style_by_name(options[f"pygments_{mode}_style"]) for mode in ("light", "dark")]


def _builder_inited(app):
    if app.builder.format != "html":
        return
    plain = plain_types(site_styles(app))
    for language in LANGUAGES:
        cls = type(get_lexer_by_name(language))
        # Sphinx's own python lexer keeps trailing newlines; so does this one
        options = {"stripnl": False} if language == "python" else {}
        app.add_lexer(language, partial(_lexer, cls, plain, **options))


def setup(app):
    app.connect("builder-inited", _builder_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
