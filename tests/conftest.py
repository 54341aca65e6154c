"""Shared fixtures: the built site (built once per run, or reused when up to date), a local
server for it, and headless Chromium."""
from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

# The environment nbval's kernels inherit is set in the root conftest.py, which pytest loads
# for the notebooks in book/ too.
from handbook import SEED_PATH
from helpers import IN_CI, ROOT

SITE = ROOT / "_build" / "html"
STAMP = SITE / ".handbook-build-stamp"
SOURCES = ["_config.yml", "_toc.yml", "requirements.lock", "book", "data", "handbook"]


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
    """Build the book exactly as `make book` does (handbook.build: data first, staged, swapped in
    only when it all built); in CI every page is rebuilt and every notebook executed."""
    command = [sys.executable, "-m", "handbook.build"] + (["--full"] if IN_CI else [])
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        log = ROOT / "_build" / ".staging" / "full.log"
        tail = log.read_text(encoding="utf-8")[-6000:] if log.exists() else ""
        pytest.fail(f"the book does not build:\n{result.stderr}\n{tail}", pytrace=False)


#: One id for the whole test run, shared by pytest-xdist's workers, so that the site is built
#: once per run however many workers ask for it.
RUN_ID = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site: built once per run in CI (clean), elsewhere when a source is newer than
    the last build. Workers take turns on a lock; the first builds, the others reuse it."""
    lock_path = ROOT / "_build" / ".site.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    built_in_run = ROOT / "_build" / ".site-run"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            done = built_in_run.exists() and built_in_run.read_text() == RUN_ID
            stale = not STAMP.exists() or STAMP.stat().st_mtime < newest_source_mtime()
            if not done and (IN_CI or stale):
                build_site()
            built_in_run.write_text(RUN_ID)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
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


@pytest.fixture(scope="module")
def visit(browser, server):
    """Open a page of the built site with every non-local request blocked; report what happened.

    ``visit(path, mode, requested, width=1280, height=900, javascript=True)`` returns the browser
    context (close it when done), the page, the requests that tried to leave the site, and the
    console errors (and Vega's own "WARN" warnings) and page errors."""

    def _visit(path: str, mode: str = "light", requested: list | None = None,
               width: int = 1280, height: int = 900, javascript: bool = True):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      java_script_enabled=javascript)
        if mode != "light":  # the theme reads the reader's choice from localStorage
            context.add_init_script(f"localStorage.setItem('mode', '{mode}');"
                                    f"localStorage.setItem('theme', '{mode}');")
        page = context.new_page()
        blocked, errors = [], []

        def route(route):
            if requested is not None:
                requested.append(route.request.url)
            if route.request.url.startswith(server):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        def console(message):
            # Errors, and Vega's own warnings ("WARN …": a chart spec that Vega had to repair).
            if message.type == "error" or (message.type == "warning"
                                           and message.text.startswith("WARN")):
                errors.append(message.text)

        page.on("console", console)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{server}/{path}", wait_until="load")
        if path == "index.html":  # the site's root redirects to the handbook's first page
            page.wait_for_url(f"{server}/book/index.html")
            page.wait_for_load_state("load")
        return context, page, blocked, errors

    return _visit


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


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article's text, read from its one home (``handbook.SEED_PATH``, which
    ``HANDBOOK_SEED`` overrides). Missing, the tests that need it skip, except in CI, where a
    missing seed is a failure like a missing Chromium."""
    if not SEED_PATH.is_file():
        reason = (f"seed article not found at {SEED_PATH} (it lives beside the repository, at "
                  "../shared/seed/source-article.txt; set HANDBOOK_SEED to point elsewhere)")
        if IN_CI:
            pytest.fail(reason + "; seed tests may not be skipped in CI", pytrace=False)
        pytest.skip(reason)
    return SEED_PATH.read_text(encoding="utf-8")
