"""Shared fixtures: the built site (built once per run, or reused when up to date), a local
server for it, and headless Chromium."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from helpers import IN_CI, ROOT, build_book

SITE = ROOT / "_build" / "html"
STAMP = SITE / ".handbook-build-stamp"
SOURCES = ["_config.yml", "_toc.yml", "requirements.txt", "book", "data", "handbook"]


def newest_source_mtime() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else [
            p for p in path.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts
        ]
        newest = max([newest, *(f.stat().st_mtime for f in files)])
    return newest


def build_site() -> None:
    """Build the book with warnings as errors, exactly as `make book` does."""
    build_book("html")
    STAMP.write_text("built\n", encoding="utf-8")


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site, rebuilt when any source is newer than the last build."""
    if not STAMP.exists() or STAMP.stat().st_mtime < newest_source_mtime():
        build_site()
    return SITE


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """Serve the built site on 127.0.0.1 on a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    return candidate if Path(candidate).exists() or shutil.which(candidate) else None


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright. Never downloads a browser."""
    path = chromium_path()
    if path is None:
        reason = ("Chromium not found (set CHROMIUM_PATH or install Debian's chromium: "
                  "apt-get install chromium)")
        if IN_CI:
            pytest.fail(reason + "; browser tests may not be skipped in CI", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-quic"],
        )
        yield browser
        browser.close()
