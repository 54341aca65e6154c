"""A Content-Security-Policy in every page: only the site's own scripts, styles, fonts and images.

When the HTML build has finished, every page gets a ``<meta http-equiv="Content-Security-Policy">``
as the first element after its charset. The policy allows scripts from the site itself and the
page's own inline scripts by their SHA-256 hashes (computed here, page by page), so a script that
is not part of the page as built (say, one smuggled in through data) does not run. What it allows
beyond that, and why, is written in a comment beside it:

* ``'unsafe-eval'``, on chart pages only: Vega compiles the expressions of a chart specification
  with ``Function()``. (Vega's CSP-safe interpreter would need the chart's HTML to pass it to
  vega-embed, which Altair's output does not.)
* ``'unsafe-hashes'`` with the hashes of the theme's inline ``onclick`` handlers (full screen,
  print), so those buttons keep working. The search page allows the handlers of every page:
  Sphinx's search reads each result's page (with ``DOMParser``) to show a summary, and Chromium
  checks that page's handlers against the search page's policy.
* ``style-src 'unsafe-inline'``: the theme, Altair and pandas tables write ``style`` attributes and
  ``<style>`` blocks; styles cannot run code.
* ``data:`` images and fonts: the theme's icons and Vega's exports are data URLs.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
HANDLER = re.compile(r"\son[a-z]+=\"(?P<code>[^\"]*)\"", re.I)
CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
MARKER = 'http-equiv="Content-Security-Policy"'


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def handler_hashes(html: str) -> set[str]:
    """The hashes of a page's inline event handlers (``onclick="…"``)."""
    return {_hash(m["code"]) for m in HANDLER.finditer(html)}


def policy(html: str, extra_handlers: set[str] = frozenset()) -> tuple[str, str]:
    """The policy for one page (allowing ``extra_handlers`` too), and the comment that
    explains it."""
    inline = sorted({_hash(m["body"]) for m in SCRIPT.finditer(html)
                     if "src=" not in m["attrs"].lower() and m["body"].strip()})
    handlers = sorted(handler_hashes(html) | set(extra_handlers))
    charts = "altair-viz-" in html
    script = ["'self'", *inline]
    notes = []
    if handlers:
        script += ["'unsafe-hashes'", *handlers]
        notes.append("'unsafe-hashes': the theme's inline onclick handlers (full screen, print)")
    if charts:
        script.append("'unsafe-eval'")
        notes.append("'unsafe-eval': Vega compiles chart expressions with Function()")
    notes.append("style-src 'unsafe-inline': style attributes and blocks from the theme, Altair "
                 "and tables (styles cannot run code)")
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(script),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives), "Content-Security-Policy. " + "; ".join(notes) + "."


def add_policy(html: str, extra_handlers: set[str] = frozenset()) -> str:
    """``html`` with its policy, once (a page that has one is returned unchanged)."""
    if MARKER in html:
        return html
    content, comment = policy(html, extra_handlers)
    meta = f'\n    <!-- {comment} -->\n    <meta {MARKER} content="{content}" />'
    match = CHARSET.search(html)
    if match:
        return html[:match.end()] + meta + html[match.end():]
    head = re.search(r"<head[^>]*>", html)
    if head:
        return html[:head.end()] + meta + html[head.end():]
    return meta.lstrip("\n ") + "\n" + html  # a bare page, such as Jupyter Book's redirect


def _build_finished(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    pages = sorted(outdir.rglob("*.html"))
    every_handler = set().union(*(handler_hashes(p.read_text(encoding="utf-8")) for p in pages))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        extra = every_handler if page == outdir / "search.html" else frozenset()
        updated = add_policy(text, extra)
        if updated != text:
            page.write_text(updated, encoding="utf-8")


def setup(app):
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
