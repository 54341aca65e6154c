"""`make book` never loses the last good site: a broken row, a failing cell or a Sphinx warning
each fail the build with one line saying why, a non-zero exit, and the old site untouched.

The mechanism (handbook/build.py) is the same for any book, so these tests drive it on a small
book of two pages beside a copy of the real data, which keeps them fast.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import make_small_book, notebook

pytestmark = pytest.mark.slow  # builds small books

@pytest.fixture(scope="module")
def small_book(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("small-book")
    make_small_book(root, "print(6 * 7)", "# Index\n\nThe first good site.\n")
    return root


def run_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handbook.build", "--root", str(root)],
                          capture_output=True, text=True, timeout=600)


def site_files(root: Path) -> dict[str, bytes]:
    site = root / "_build" / "html"
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good_site(small_book) -> dict[str, bytes]:
    result = run_build(small_book)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "built the full edition" in result.stdout
    files = site_files(small_book)
    assert "42" in files["book/page.html"].decode()
    return files


def assert_failed_cleanly(root: Path, result: subprocess.CompletedProcess, good: dict, why: str):
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("make book:")]
    assert len(lines) == 1, result.stderr
    assert "failed" in lines[0] and "last good site" in lines[0] and why in lines[0], lines[0]
    assert site_files(root) == good, "the last good site changed"


def test_a_broken_row_fails_before_sphinx_and_keeps_the_site(small_book, good_site):
    events = small_book / "data" / "events.csv"
    original = events.read_text(encoding="utf-8")
    try:
        events.write_text(original.replace("1991-08-24,day", "1991-08-32,day", 1), encoding="utf-8")
        result = run_build(small_book)
        assert_failed_cleanly(small_book, result, good_site, "events.csv, line 2, column 'date'")
    finally:
        events.write_text(original, encoding="utf-8")


def test_a_failing_cell_fails_the_build_and_keeps_the_site(small_book, good_site):
    page = small_book / "book" / "page.ipynb"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(notebook("raise RuntimeError('a planted failure')"), encoding="utf-8")
        result = run_build(small_book)
        assert_failed_cleanly(small_book, result, good_site, "page")
    finally:
        page.write_text(original, encoding="utf-8")


def test_a_sphinx_warning_fails_the_build_and_keeps_the_site(small_book, good_site):
    index = small_book / "book" / "index.md"
    original = index.read_text(encoding="utf-8")
    try:
        index.write_text(original + "\nSee {doc}`no-such-page`.\n", encoding="utf-8")
        result = run_build(small_book)
        assert_failed_cleanly(small_book, result, good_site, "no-such-page")
    finally:
        index.write_text(original, encoding="utf-8")


def test_a_good_build_after_a_failure_replaces_the_site(small_book, good_site):
    index = small_book / "book" / "index.md"
    original = index.read_text(encoding="utf-8")
    try:
        index.write_text(original.replace("first good site", "second good site"), encoding="utf-8")
        result = run_build(small_book)
        assert result.returncode == 0, result.stderr
        assert "second good site" in site_files(small_book)["book/index.html"].decode()
        assert not (small_book / "_build" / ".html.new").exists()
        assert not (small_book / "_build" / ".html.old").exists()
    finally:
        index.write_text(original, encoding="utf-8")


def test_a_planted_script_fails_before_sphinx_and_keeps_the_site(small_book, good_site):
    events = small_book / "data" / "events.csv"
    original = events.read_text(encoding="utf-8")
    good_site = site_files(small_book)  # the last good site, whichever test built it
    try:
        events.write_text(original.replace("Ukraine declares independence",
                                           "Ukraine <script>alert(1)</script>", 1), encoding="utf-8")
        result = run_build(small_book)
        assert_failed_cleanly(small_book, result, good_site, "events.csv, line 2, column 'title'")
    finally:
        events.write_text(original, encoding="utf-8")
