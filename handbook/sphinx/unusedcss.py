"""Sphinx extension: the theme's stylesheets without the rules no page of the site can use.

Every page loads the theme's CSS before it shows anything, and most of it styles components the
handbook never uses: ``pydata-sphinx-theme.css`` alone is 397 KB, with all of Bootstrap and Font
Awesome, of which a page uses about a tenth. On a slow phone link, and from a server that does
not compress, those bytes are the wait before the first word appears (issue 15).

When the HTML build has finished, this extension collects every word-like token (``[A-Za-z0-9_-]+``)
of every page and every script of the site, and removes from each stylesheet of ``_static`` (the
handbook's own excepted) the rules none of whose selectors can match: a selector is kept unless it
names a class or an id that appears nowhere in those tokens. The test is deliberately
conservative, as PurgeCSS's default is:

* scripts count, so a class a script adds (Bootstrap's ``show``, the theme's ``pst-…``) keeps its
  rules; so do names built at run time from a prefix (:data:`SAFE_PREFIXES`: Bootstrap writes
  ``bs-tooltip-bottom`` from ``bs-tooltip-`` and the placement);
* what is inside ``:not()``, ``:is()``, ``:where()`` and ``:has()``, and attribute selectors, is
  not tested (``:not(.unused)`` matches everything); a selector with an escape is kept;
* at-rules other than ``@media``, ``@supports``, ``@layer`` and ``@container`` (``@font-face``,
  ``@keyframes``…) are kept whole; licence comments (``/*! … */``) are kept.

The stylesheets keep their names (and the theme's ``?digest=`` addresses). Screenshots of the
site before and after, at 390 and 1280 px, light and dark, with the search dialog, menus,
tooltips and sidebars open, were identical pixel for pixel when this was written.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..files import write_atomically

TOKEN = re.compile(r"[A-Za-z0-9_-]+")
#: Class names a script builds at run time from these prefixes: their rules are always kept.
SAFE_PREFIXES = ("bs-",)
#: Stylesheets left alone: the handbook's own (already written for what its pages use).
OWN = re.compile(r"^handbook")
_FUNCTION = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
_NAME = re.compile(r"[.#](-?[A-Za-z_][A-Za-z0-9_-]*)")
_GROUPS = ("media", "supports", "layer", "container")


def site_tokens(outdir: Path) -> set[str]:
    """Every word-like token of the site's pages and scripts."""
    tokens: set[str] = set()
    files = [*outdir.rglob("*.html"), *(outdir / "_static").rglob("*.js")]
    for path in files:
        tokens.update(TOKEN.findall(path.read_text(encoding="utf-8", errors="replace")))
    return tokens


def _untested_parts_removed(selector: str) -> str:
    """``selector`` without functional pseudo-classes' arguments and attribute selectors."""
    out, index = [], 0
    while index < len(selector):
        match = _FUNCTION.match(selector, index)
        if match:
            depth, index = 1, match.end()
            while index < len(selector) and depth:
                depth += {"(": 1, ")": -1}.get(selector[index], 0)
                index += 1
            continue
        if selector[index] == "[":
            end = selector.find("]", index)
            index = end + 1 if end >= 0 else len(selector)
            continue
        out.append(selector[index])
        index += 1
    return "".join(out)


def can_match(selector: str, tokens: set[str]) -> bool:
    """False when ``selector`` names a class or an id that no page or script contains."""
    if "\\" in selector:
        return True
    names = _NAME.findall(_untested_parts_removed(selector))
    return all(name in tokens or name.startswith(SAFE_PREFIXES) for name in names)


def selectors(prelude: str) -> list[str]:
    """The selectors of a rule's comma-separated selector list."""
    parts, depth, current = [], 0, []
    for char in prelude:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def _kept(rules, tokens: set[str]) -> list:
    import tinycss2

    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if any(can_match(s, tokens) for s in selectors(tinycss2.serialize(rule.prelude))):
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPS and rule.content:
            inner = _kept(tinycss2.parse_rule_list(rule.content, skip_whitespace=True), tokens)
            if inner:
                rule.content = [token for part in inner
                                for token in (part, tinycss2.ast.WhitespaceToken(0, 0, "\n"))]
                kept.append(rule)
        elif rule.type == "comment":
            if rule.value.startswith("!"):
                kept.append(rule)
        elif rule.type != "whitespace":
            kept.append(rule)
    return kept


def purge(css: str, tokens: set[str]) -> str:
    """``css`` without the rules that cannot match anything in ``tokens``."""
    import tinycss2

    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True)
    return "\n".join(tinycss2.serialize([rule]) for rule in _kept(rules, tokens)) + "\n"


def _build_finished(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    tokens = site_tokens(outdir)
    for sheet in sorted((outdir / "_static").rglob("*.css")):
        if OWN.match(sheet.name):
            continue
        css = sheet.read_text(encoding="utf-8")
        smaller = purge(css, tokens)
        if len(smaller) < len(css):
            write_atomically(sheet, smaller)


def setup(app):
    # After the other build-finished steps: handbook.sphinx.icons reads the theme's icon rules
    # from the whole stylesheets.
    app.connect("build-finished", _build_finished, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
