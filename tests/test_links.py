"""The built site is whole: every internal link and anchor resolves, every page is in the table of
contents, and every page declares its Content-Security-Policy."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from helpers import toc_files

pytestmark = pytest.mark.site  # needs the built site

SPECIAL = {"genindex.html", "search.html", "index.html", "404.html"}


class Page(HTMLParser):
    """The ids a page defines and the links it makes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []
        self.csp: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name"):
            if attrs.get(name):
                self.ids.add(attrs[name])
        for name in ("href", "src"):
            if attrs.get(name) and not (tag == "meta"):
                self.links.append((tag, attrs[name]))
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = attrs.get("content")


@pytest.fixture(scope="module")
def pages(site) -> dict[Path, Page]:
    parsed = {}
    for path in sorted(site.rglob("*.html")):
        if "_static" in path.parts or "_sources" in path.parts:
            continue
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        parsed[path] = page
    return parsed


def test_every_internal_link_and_anchor_resolves(site, pages):
    broken = []
    for path, page in pages.items():
        for tag, link in page.links:
            parts = urlparse(link)
            if parts.scheme or link.startswith(("//", "mailto:", "data:")):
                continue
            target, fragment = urldefrag(link)
            target = urlparse(target).path  # drop ?v=… cache busters
            if target.startswith("/"):  # the 404 page links from the site's root
                file = (site / unquote(target).lstrip("/")).resolve()
            else:
                file = (path.parent / unquote(target)).resolve() if target else path
            if target.endswith("/"):
                file = file / "index.html"
            if not file.exists():
                broken.append(f"{path.relative_to(site)}: <{tag}> {link} (no such file)")
            elif fragment and file.suffix == ".html":
                ids = pages[file].ids if file in pages else set()
                if unquote(fragment) not in ids:
                    broken.append(f"{path.relative_to(site)}: {link} (no id '{fragment}')")
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])


def test_no_page_is_orphaned_from_the_table_of_contents(site, pages):
    in_toc = {f"{page}.html" for page in toc_files()}
    built = {str(p.relative_to(site)) for p in pages if str(p.relative_to(site)) not in SPECIAL}
    assert built - in_toc == set(), "pages built but not in _toc.yml"
    assert in_toc - built == set(), "pages in _toc.yml but not built"


def test_every_page_declares_a_strict_content_security_policy(site, pages):
    for path, page in pages.items():
        assert page.csp, f"{path.relative_to(site)} has no Content-Security-Policy"
        directives = dict(d.strip().split(" ", 1) for d in page.csp.split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        script = directives["script-src"]
        assert "'unsafe-inline'" not in script and "http" not in script, script
        if "'unsafe-eval'" in script:
            assert "altair-viz-" in path.read_text(encoding="utf-8"), \
                f"{path.relative_to(site)} allows eval without a chart"
