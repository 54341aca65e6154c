"""Sphinx extension: a page's stylesheets as one file, fetched in one request.

Every page of the site links the same eleven stylesheets (the theme's, Sphinx's, the
extensions' and the handbook's), and the theme's first one, ``styles/theme.css``, only
``@import``\\ s Sphinx's ``basic.css``, which the browser can ask for only once it has read it.
Nothing is drawn until all of them have arrived. On a slow phone link each request costs a round
trip of its own, and the import two in a row, before the first word appears (issue 15).

This extension links one stylesheet instead, ``_static/styles/handbook-bundle.css``: the same
sheets, in the order the page would have linked them, each imported file in place of its
``@import``, and each relative ``url()`` rewritten for the bundle's folder, so the cascade and
every font and image are as before. The separate stylesheets stay in ``_static`` (the search
page and anything else may still name them).

* ``html-page-context`` lists the page's stylesheets (the theme's two, then Sphinx's list in the
  order Sphinx sorts it) and, when the list is the site's (the first page's), puts the bundle's
  version in the context: ``templates/layout.html`` then writes one ``<link>`` where the page's
  first stylesheet was, and none of the others. A page with another list keeps its links.
* ``build-finished`` writes the bundle, after every step that rewrites a stylesheet
  (:mod:`handbook.sphinx.icons` writes ``handbook-icons.css``, :mod:`handbook.sphinx.unusedcss`
  purges the theme's).

The same template drops the theme's ``<link rel="preload" as="script">`` hints for
``bootstrap.js`` and ``pydata-sphinx-theme.js``: the scripts themselves are still loaded, deferred,
at the end of the page, but the hints made the browser fetch 100 KB of script at high priority
alongside the stylesheets, before the first paint, which needs none of it.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

from ..files import write_atomically

#: Where the bundle is written, in the build's folder. Its name starts with ``handbook``
#: so that :mod:`handbook.sphinx.unusedcss` leaves it alone (it purges the sheets it is made of).
BUNDLE = "_static/styles/handbook-bundle.css"
#: The stylesheets the theme links before Sphinx's (pydata-sphinx-theme's
#: ``webpack-macros.html``, ``head_pre_assets``).
THEME_FIRST = ("_static/styles/theme.css", "_static/styles/pydata-sphinx-theme.css")
_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?(["']?)(?P<target>[^"')\s;]+)\1\s*\)?\s*(?P<rest>[^;]*);""")
_URL = re.compile(r"""url\(\s*(?P<quote>["']?)(?P<target>[^"')]+)(?P=quote)\s*\)""")
_CHARSET = re.compile(r"""@charset\s+["'][^"']*["']\s*;""")

#: The site's list of stylesheets, per Sphinx application: the first page's.
_SITE_LISTS: dict[int, tuple[str, ...]] = {}


class BundleError(ValueError):
    """A stylesheet the bundle cannot take in unchanged."""


def _relative(target: str) -> bool:
    return not re.match(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", target, re.IGNORECASE)


def rebased(css: str, source: str, bundle: str = BUNDLE) -> str:
    """``css``, read from ``source`` (a path in the build's folder), with every relative ``url()``
    rewritten to point at the same file from ``bundle``'s folder."""
    here, there = posixpath.dirname(source), posixpath.dirname(bundle)

    def rewrite(match: re.Match) -> str:
        target = match["target"]
        if not _relative(target):
            return match[0]
        path, _, suffix = target.partition("?")
        relative = posixpath.relpath(_inside(posixpath.join(here, path)), there)
        return f'url("{relative}{"?" + suffix if suffix else ""}")'

    return _URL.sub(rewrite, css)


def _inside(path: str) -> str:
    """``path`` normalised; an error when it leads out of the build's folder."""
    path = posixpath.normpath(path)
    if path == ".." or path.startswith("../"):
        raise BundleError(f"{path} leaves the build's folder")
    return path


def expanded(root: Path, name: str, seen: tuple[str, ...] = ()) -> str:
    """The stylesheet ``name`` (a path in the build's folder ``root``), rebased for the bundle,
    with each ``@import`` replaced by the imported sheet (expanded in turn) and any ``@charset``
    removed."""
    if name in seen:
        raise BundleError(f"{name} imports itself (through {' > '.join(seen)})")
    path = root / name
    if not path.is_file():
        raise BundleError(f"{path}: no such stylesheet")
    css = _CHARSET.sub("", path.read_text(encoding="utf-8"))
    pieces, done = [], 0
    for match in _IMPORT.finditer(css):
        target = match["target"]
        if not _relative(target) or match["rest"].strip():
            raise BundleError(f"{path}: cannot bundle '{match[0]}' (only a plain relative @import)")
        imported = _inside(posixpath.join(posixpath.dirname(name), target.partition("?")[0]))
        pieces += [rebased(css[done:match.start()], name),
                   f"/* {imported} (imported by {name}) */\n{expanded(root, imported, (*seen, name))}"]
        done = match.end()
    return "".join(pieces + [rebased(css[done:], name)])


def bundle(root: Path, names: list[str] | tuple[str, ...]) -> str:
    """The stylesheets ``names`` (paths in the build's folder ``root``) as one sheet, in order."""
    parts = []
    for name in names:
        parts.append(f"/* {name} */\n{expanded(root, name)}\n")
    return "".join(parts)


def page_stylesheets(css_files) -> tuple[str, ...]:
    """The stylesheets a page links, in order: the theme's, then Sphinx's list as Sphinx sorts it
    before rendering. ``None`` when one of them is not a plain local file for every medium."""
    names = list(THEME_FIRST)
    for css in sorted(css_files, key=lambda c: getattr(c, "priority", 500)):
        filename = getattr(css, "filename", css)
        attributes = getattr(css, "attributes", {}) or {}
        if (not filename or not _relative(str(filename))
                or attributes.get("media", "all") not in ("all", "")
                or attributes.get("rel", "stylesheet") != "stylesheet"):
            return None
        names.append(str(filename))
    return tuple(names)


def version(names) -> str:
    """A short digest of the bundle's parts, for its address (a changed list, a new address)."""
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:10]


def _on_page(app, pagename, templatename, context, doctree):
    if app.builder.format != "html" or "css_files" not in context:
        return
    names = page_stylesheets(context["css_files"])
    if names is None:
        return
    site = _SITE_LISTS.setdefault(id(app), names)
    if names == site:
        context["handbook_css_bundle"] = version(names)


def _build_finished(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    names = _SITE_LISTS.get(id(app))
    root = Path(app.outdir)
    if names is None:
        # No page was written this time (nothing in them changed); a stylesheet may still have.
        names = page_stylesheets(app.builder._css_files)
    if names is not None:  # None: the pages keep their own links
        write_atomically(root / BUNDLE, bundle(root, names))


def _builder_inited(app) -> None:
    # A new build starts with no list: an earlier application in the same process may have had
    # the same id() and another list.
    _SITE_LISTS.pop(id(app), None)


def setup(app):
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _on_page, priority=950)
    # After handbook.sphinx.icons (500) and handbook.sphinx.unusedcss (900) have written theirs.
    app.connect("build-finished", _build_finished, priority=950)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": False}
