"""Sphinx extension: the page's scripts no longer hold up its first paint.

Sphinx and the theme's extensions put their scripts in the page's ``<head>`` as plain
``<script src>`` tags (``doctools.js``, ``sphinx_highlight.js``, ``clipboard.min.js``,
``copybutton.js``, ``sphinx-book-theme.js``, ``togglebutton.js``, ``design-tabs.js``): the browser
stops reading the page at each one until it has fetched and run it, so on a slow phone link the
reader waits for about 50 KB of script before the first word is drawn (issue 15).

Each of them is given ``defer``: it is fetched alongside the page and runs, in the same order, once
the page has been read, before ``DOMContentLoaded``, which is when each of them starts its work.
Left as they are: ``documentation_options.js``, because inline scripts further down the head
write into the ``DOCUMENTATION_OPTIONS`` object it defines while the page is being read;
``doctools.js`` (5 KB), because the search page's own scripts, which the template writes after
the head's, call its ``_ready`` as soon as they run; and inline scripts (a browser ignores
``defer`` on them), which only set variables that the deferred scripts read later. A script that
already has ``defer`` or ``async`` is not changed.
"""
from __future__ import annotations

from pathlib import PurePosixPath

#: Scripts that must run where they stand: inline code later in the head uses what they define.
IN_PLACE = {"documentation_options.js", "doctools.js"}


def deferred(script):
    """``script`` (a Sphinx ``_JavaScript``, or the name of a file) with ``defer``, or unchanged
    when it is inline, already deferred or asynchronous, or in :data:`IN_PLACE`."""
    from sphinx.builders.html._assets import _JavaScript

    if not isinstance(script, _JavaScript):
        script = _JavaScript(str(script))
    if not script.filename or PurePosixPath(str(script.filename)).name in IN_PLACE:
        return script
    if {"defer", "async"} & set(script.attributes) or script.attributes.get("type") == "module":
        return script
    return _JavaScript(script.filename, priority=script.priority,
                       **{**script.attributes, "defer": "defer"})


def _on_page(app, pagename, templatename, context, doctree):
    if "script_files" in context:
        context["script_files"] = [deferred(s) for s in context["script_files"]]


def setup(app):
    # after every extension that adds a script on a page (handbook.sphinx.vega among them)
    app.connect("html-page-context", _on_page, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
