"""Print the built site's page weights and Lighthouse scores, each next to its target.

    python benchmarks/pages.py                      # page weight of every page of _build/html
    python benchmarks/pages.py --site DIR           # another built site
    python benchmarks/pages.py --lighthouse         # also Lighthouse (index, heaviest chart page)
    python benchmarks/pages.py --lighthouse --compress   # ... served gzip-compressed, as hosts do
    python benchmarks/pages.py --lighthouse --both       # ... served both ways, one after the other
    python benchmarks/pages.py --weights-of book/index.html   # page weight of some pages only
    python benchmarks/pages.py --what-if            # Lighthouse, mobile, plain server: every chart
                                                    # page as built and without its folded parts

Page weight is what a reader downloads: every response the page receives in headless Chromium
(the HTML, scripts, styles, fonts, images, the search index, whatever a script fetches), each
counted at its gzip size, as a server that compresses would send it. The site is served by a
plain local server, and so is Lighthouse's unless ``--compress`` (a web host sends text
compressed, and Lighthouse's mobile profile, a slow 4G link, weighs every uncompressed byte).
Nothing is asserted here: issue 15 gives the targets, and the figures are read and compared
between releases.

``--what-if`` asks what the mobile score on a plain server is made of. For every chart page it
runs Lighthouse's mobile profile three times, on the page as built and on two copies written
beside it: without the source of its folded code cells, and without those and the tables of its
charts' data too (the parts a reader sees only on opening a ``<details>``). A copy is not a page
the site could ship (the tables are the keyboard's and the screen reader's way to a chart's
tooltips, and both are there without JavaScript); it shows how much of the score those parts
cost, and what remains when they are gone.

Lighthouse is npm's ``lighthouse`` 12 (13 needs Node 22), run with Debian's Chromium:
``npm i -E lighthouse@12.2.3`` in any folder, then point ``LIGHTHOUSE`` at its
``node_modules/.bin/lighthouse`` (or put it on PATH). Without it the scores are skipped, saying so.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
CHART_MARKER = "altair-viz-"
WEIGHT_TARGETS = {False: 400e3, True: 900e3}  # bytes, gzip: without charts, with charts
#: Lighthouse targets (issue 15), per form factor: performance; accessibility, best practices
#: and SEO are 100 on both.
SCORE_TARGETS = {"desktop": {"performance": 95}, "mobile": {"performance": 85}}
OTHER_CATEGORIES = ("accessibility", "best-practices", "seo")


def line(label: str, value: str, target: str, met: bool | None) -> None:
    verdict = "" if met is None else ("met" if met else "NOT MET")
    print(f"  {label:52s} {value:>12s}   target {target:<14s} {verdict}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _CompressingHandler(_QuietHandler):
    """Sends text files gzip-compressed to a client that accepts it, as web hosts do."""

    TEXT = {".html", ".js", ".css", ".svg", ".json", ".xml", ".txt", ".csv"}

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if (path.is_file() and path.suffix in self.TEXT
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            super().do_GET()


def serve(site: Path, compress: bool = False) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` on a free local port (gzip-compressing text files when ``compress``);
    return the server and its base URL."""
    handler = functools.partial(_CompressingHandler if compress else _QuietHandler,
                                directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def pages(site: Path) -> list[str]:
    """Every page of the site (the HTML files outside _static and _sources), as a path."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if not {"_static", "_sources", "_downloads"} & set(p.relative_to(site).parts))


def page_weight(browser, base: str, path: str) -> tuple[int, int, list[str]]:
    """The gzip weight of everything ``path`` receives, the number of responses, and the URLs
    of any request that left the local server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    bodies: dict[str, bytes] = {}
    outside: list[str] = []

    def route(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    def response(response):
        try:
            bodies[response.url] = response.body()
        except Exception:  # a redirect or an aborted request has no body
            bodies.setdefault(response.url, b"")

    context.route("**/*", route)
    page.on("response", response)
    page.goto(f"{base}/{path}", wait_until="load")
    try:
        page.wait_for_load_state("networkidle", timeout=15000)
    except Exception:
        page.wait_for_timeout(1000)
    context.close()
    total = sum(len(gzip.compress(body, 9)) for body in bodies.values())
    return total, len(bodies), outside


def page_weights(site: Path, only: list[str] | None = None) -> None:
    print(f"Page weight, gzip, everything the page requests in Chromium ({site})")
    if not (site / "index.html").exists():
        print("  (no site: run `make book` first)")
        return
    if not Path(CHROMIUM).exists():
        print(f"  (no Chromium at {CHROMIUM}: set CHROMIUM_PATH)")
        return
    from playwright.sync_api import sync_playwright

    httpd, base = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                 args=["--no-sandbox", "--disable-gpu"])
            for path in only or pages(site):
                charts = CHART_MARKER in (site / path).read_text(encoding="utf-8", errors="replace")
                total, count, outside = page_weight(browser, base, path)
                limit = WEIGHT_TARGETS[charts]
                label = f"{path}{' (charts)' if charts else ''}, {count} files"
                line(label, f"{total / 1e3:.0f} KB", f"<= {limit / 1e3:.0f} KB", total <= limit)
                if outside:
                    print(f"    requests that left the site: {outside}")
            browser.close()
    finally:
        httpd.shutdown()


def lighthouse_command() -> str | None:
    return os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")


def chart_pages(site: Path) -> list[str]:
    """The pages of the site that hold a chart."""
    return [p for p in pages(site)
            if CHART_MARKER in (site / p).read_text(encoding="utf-8", errors="replace")]


def heaviest_chart_page(site: Path) -> str | None:
    charted = chart_pages(site)
    return max(charted, key=lambda p: (site / p).stat().st_size) if charted else None


#: The performance metrics printed beside the score.
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")


def lighthouse_scores(command: str, url: str,
                      form_factor: str) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """Lighthouse's category scores (0-100) for one page and form factor, its performance
    metrics (as Lighthouse writes them) and the pass-or-fail audits the page failed."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        options = [url, "--output=json", f"--output-path={report}", "--quiet",
                   "--only-categories=performance,accessibility,best-practices,seo",
                   "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
        if form_factor == "desktop":
            options.append("--preset=desktop")
        subprocess.run([command, *options], check=True, capture_output=True,
                       env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
        result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(100 * (value["score"] or 0)) for name, value in result["categories"].items()}
    audits = result.get("audits", {})
    metrics = {key: audits.get(key, {}).get("displayValue", "?") for key in METRICS}
    failed = sorted(key for key, audit in audits.items()
                    if audit.get("score") is not None and audit["score"] < 1
                    and audit.get("scoreDisplayMode") == "binary")
    return scores, metrics, failed


def lighthouse(site: Path, compress: bool = False) -> None:
    server = "local server compressing text with gzip, as web hosts do" if compress else \
        "plain local server, no compression"
    print(f"Lighthouse (npm lighthouse 12, Debian's Chromium, {server})")
    command = lighthouse_command()
    if command is None:
        print("  (lighthouse not found: `npm i -E lighthouse@12.2.3`, then set LIGHTHOUSE)")
        return
    targets = ["book/index.html", heaviest_chart_page(site)]
    httpd, base = serve(site, compress)
    try:
        for path in filter(None, targets):
            for form_factor, wanted in SCORE_TARGETS.items():
                scores, metrics, failed = lighthouse_scores(command, f"{base}/{path}", form_factor)
                for category in ("performance", *OTHER_CATEGORIES):
                    target = wanted.get(category, 100)
                    score = scores.get(category, 0)
                    line(f"{path}, {form_factor}, {category}", str(score), f">= {target}",
                         score >= target)
                print("    " + ", ".join(f"{key.replace('-', ' ')} {value}"
                                          for key, value in metrics.items()))
                if failed:
                    print(f"    failed audits: {', '.join(failed)}")
    finally:
        httpd.shutdown()


#: The folded parts ``--what-if`` removes: a code cell's folded source (MyST-NB) and the table
#: frame of a chart's data (``handbook.sphinx.chartpage``); the summaries stay.
FOLDED_CODE = re.compile(r'(<details class="[^"]*\bhide\b[^"]*">\s*<summary>.*?</summary>)'
                         r'.*?(</details>)', re.S)
CHART_TABLE = re.compile(r'<div class="handbook-chart-table-frame".*?</table>\s*</div>', re.S)


def without_folded_parts(html: str, tables: bool) -> str:
    """``html`` without its folded code cells' source and, when ``tables``, its chart tables."""
    html = FOLDED_CODE.sub(r"\1\2", html)
    return CHART_TABLE.sub("", html) if tables else html


def what_if(site: Path) -> None:
    print("Lighthouse mobile performance, plain local server: each chart page as built, without "
          "its folded code, and without its folded code and chart tables")
    command = lighthouse_command()
    if command is None:
        print("  (lighthouse not found: `npm i -E lighthouse@12.2.3`, then set LIGHTHOUSE)")
        return
    target = SCORE_TARGETS["mobile"]["performance"]
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "site"
        shutil.copytree(site, copy)
        httpd, base = serve(copy)
        try:
            for path in chart_pages(site):
                page = copy / path
                html = page.read_text(encoding="utf-8")
                variants = {"as built": html,
                            "no code": without_folded_parts(html, tables=False),
                            "no code, no tables": without_folded_parts(html, tables=True)}
                figures = []
                for name, text in variants.items():
                    variant = page.with_name(f"{page.stem}-{len(figures)}.html")
                    variant.write_text(text, encoding="utf-8")
                    scores, _, _ = lighthouse_scores(
                        command, f"{base}/{variant.relative_to(copy).as_posix()}", "mobile")
                    figures.append(f"{name} {len(text.encode()) / 1e3:.0f} KB: "
                                   f"{scores.get('performance', 0)}")
                print(f"  {path}: " + "; ".join(figures) + f" (target >= {target})")
        finally:
            httpd.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (default: _build/html)")
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse")
    parser.add_argument("--compress", action="store_true",
                        help="serve text gzip-compressed to Lighthouse, as a web host would")
    parser.add_argument("--both", action="store_true",
                        help="run Lighthouse against a plain and against a compressing server")
    parser.add_argument("--what-if", action="store_true",
                        help="Lighthouse (mobile, plain server) on every chart page as built and "
                             "without its folded parts")
    parser.add_argument("--weights-of", nargs="+", metavar="PAGE",
                        help="weigh only these pages (paths inside the site)")
    args = parser.parse_args()
    if args.what_if:
        what_if(args.site)
        return
    page_weights(args.site, args.weights_of)
    if args.lighthouse:
        for compress in ((False, True) if args.both else (args.compress,)):
            lighthouse(args.site, compress)


if __name__ == "__main__":
    main()
