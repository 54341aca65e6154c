"""No bibliography link points to an unauthorised copy of someone else's work.

The authors sometimes read a work in a copy on a document-sharing site, a pirate mirror, a
proxy or a blog that reposts whole articles. The entry's ``note`` says so, naming the host as
plain text, so the provenance stays auditable; but the ``url`` field, which the bibliography
page turns into a link, must point to the publisher, an authorised open copy (an author's page,
an institutional or open archive such as HAL) or nothing. An institution adopting the book will
not link unauthorised copies.

A host is denied with all its subdomains (``studylib.net`` also denies ``deploy.studylib.net``).
Add a host here when a review finds another; do not remove one to make an entry pass.

And no page is held under two keys, which would list it twice under two labels.
"""
from __future__ import annotations

from urllib.parse import urlparse

from pybtex.database import parse_file

from handbook import BIB_PATH

DENIED_HOSTS = {
    # Document-sharing sites that host uploaded copies of books, chapters, articles and papers.
    "docslib.org",
    "studylib.net",
    "studylib.es",
    "scribd.com",
    "fdocuments.us",
    "fdocuments.net",
    "documents.pub",
    "pdfslide.net",
    "pdfslide.us",
    "pdfcoke.com",
    "pdfcookie.com",
    "pdfcoffee.com",
    "123dok.net",
    "123dok.com",
    "paperzz.com",
    "readkong.com",
    "vdocuments.us",
    "vdocuments.net",
    "vdocuments.mx",
    "vdocuments.pub",
    "cupdf.com",
    "dokumen.pub",
    "dokumen.tips",
    "vdoc.pub",
    "epdf.pub",
    "doksi.net",
    "lawsdocbox.com",
    "quikdocs.com",
    # Shadow libraries (pirate book and article mirrors).
    "z-lib.org",
    "z-library.sk",
    "1lib.sk",
    "libgen.is",
    "libgen.rs",
    "libgen.li",
    "library.lol",
    "sci-hub.se",
    "sci-hub.ru",
    "annas-archive.org",
    # An unofficial archive of Foreign Affairs articles on a personal GitHub Pages site.
    "taizihuang.github.io",
    # Proxies and mirror hosts serving copies of other sites' pages.
    "huilo.artek0chumak.org",
    "194.58.96.114",
    "squidsaccess.com",
    "squidsite02.com",
    "bbs.cortex-media.info",
    "newssniffer.co.uk",
    # Blogs and sites that repost whole copyrighted articles (magazines, newspapers, think tanks).
    "bibliotecapleyades.net",
    "tarbabys.com",
    "paxorex.blogspot.com",
    "maraupeninsula.blogspot.com",
    "newsflashtrendingph.blogspot.com",
    "mokslas-studijos-ekonomika.blogspot.com",
    "ozardiplo.blogspot.com",
    "vineyardsaker.blogspot.com",
    "usanewsnbc.blogspot.com",
    "comite-ukraine.ch",
    "rsn.org",
    "lucorg.com",
    "niyitabiti.net",
    "usmuslims.com",
    "devhardware.com",
    "sscashexchange.com",
    "invest360pro.com",
    # News scraper sites republishing wire-service and newspaper copy.
    "news-picks.online",
    "vcpnewz.com",
    "exbulletin.com",
    "world-today-news.com",
    "news.ayozat.com",
    "1395.topnews.com",
    "gtvnewshd.com",
    "kathari.news",
    "konturnovosti.com",
    "am1.news",
    # Blogs that repost whole articles from newspapers and journals.
    "strategicstudyindia.com",
}


def denied_host(url: str) -> str | None:
    """The denied host ``url`` points to (itself or a parent domain), or None."""
    host = (urlparse(url.strip()).hostname or "").lower().rstrip(".")
    parts = host.split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in DENIED_HOSTS:
            return candidate
    return None


def test_denied_host_matches_subdomains_and_nothing_else():
    assert denied_host("https://deploy.studylib.es/doc/1") == "studylib.es"
    assert denied_host("https://it.scribd.com/document/1") == "scribd.com"
    assert denied_host("http://194.58.96.114/node/1") == "194.58.96.114"
    assert denied_host("https://www.foreignaffairs.com/articles/x") is None
    assert denied_host("https://notdocslib.org/doc/1") is None


def test_no_bibliography_url_points_to_an_unauthorised_copy():
    entries = parse_file(str(BIB_PATH), bib_format="bibtex").entries
    assert len(entries) > 1000, "the bibliography did not parse as expected"
    bad = []
    for key, entry in entries.items():
        for field in ("url", "howpublished", "note"):
            value = entry.fields.get(field, "")
            for token in value.split():
                if token.startswith(("http://", "https://")) and (host := denied_host(token)):
                    bad.append(f"{key}: {field} links to {host} ({token})")
    assert not bad, (
        "bibliography entries link to unauthorised copies; link the publisher or an authorised "
        "open copy, or remove the link and name the host as plain text in the note:\n"
        + "\n".join(bad)
    )


#: Pairs of entries that may share a page: a work the authors did not read, cited through the one
#: summary of it they read, whose address the work's entry gives (its note says so).
SHARED_PAGES = {frozenset({"zabrodskyi2022lessons", "mason2022rusisummary"})}


def page_address(url: str) -> str:
    """A URL as the page it names: scheme, ``www.`` and a trailing slash do not make another page."""
    host_and_path = url.strip().split("://", 1)[-1]
    return host_and_path.removeprefix("www.").rstrip("/").lower()


def test_page_address_ignores_scheme_www_and_trailing_slash():
    assert page_address("http://www.example.org/a/") == page_address("https://example.org/a")
    assert page_address("https://example.org/a") != page_address("https://example.org/b")


def test_no_page_is_held_under_two_keys():
    """One page, one entry: two keys for the same page list it twice in the bibliography under two
    labels, and split what its notes say between them. Merge them, keeping one key, and replace
    the other in the chapters and in the data's ``source`` fields."""
    entries = parse_file(str(BIB_PATH), bib_format="bibtex").entries
    holders: dict[str, list[str]] = {}
    for key, entry in entries.items():
        if entry.fields.get("url"):
            holders.setdefault(page_address(entry.fields["url"]), []).append(key)
    shared = [f"{page}: {', '.join(keys)}" for page, keys in holders.items()
              if len(keys) > 1 and frozenset(keys) not in SHARED_PAGES]
    assert not shared, "pages held under two keys in book/references.bib:\n" + "\n".join(shared)
