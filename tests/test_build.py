"""`make book` never loses the last good site: a broken row, a planted script, a failing cell or a
Sphinx warning each fail the build with one line saying why, a non-zero exit, and the old site
untouched.

The mechanism (handbook/build.py) is the same for any book, so these tests drive it on a small
book of two pages beside a copy of the real data, which keeps them fast.
"""
from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
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


@contextmanager
def changed(path: Path, change):
    """``path`` with ``change(text)`` written to it for the length of the block."""
    original = path.read_text(encoding="utf-8")
    path.write_text(change(original), encoding="utf-8")
    try:
        yield
    finally:
        path.write_text(original, encoding="utf-8")


#: (what is broken, the file, how, what the one line must name)
FAULTS = [
    ("a broken row", "data/events.csv",
     lambda t: t.replace("1991-08-24,day", "1991-08-32,day", 1), "events.csv, line 2, column 'date'"),
    ("a planted script", "data/events.csv",
     lambda t: t.replace("Ukraine declares independence", "Ukraine <script>alert(1)</script>", 1),
     "events.csv, line 2, column 'title'"),
    ("a failing cell", "book/page.ipynb",
     lambda t: notebook("raise RuntimeError('a planted failure')"), "page"),
    ("a Sphinx warning", "book/index.md",
     lambda t: t + "\nSee {doc}`no-such-page`.\n", "no-such-page"),
]


@pytest.mark.parametrize("fault,file,change,why", FAULTS, ids=[f[0] for f in FAULTS])
def test_a_failed_build_says_why_in_one_line_and_keeps_the_site(small_book, good_site, fault,
                                                                 file, change, why):
    last_good = site_files(small_book)
    with changed(small_book / file, change):
        result = run_build(small_book)
    assert result.returncode != 0, f"{fault} did not fail the build"
    lines = [line for line in result.stderr.splitlines() if line.startswith("make book:")]
    assert len(lines) == 1, result.stderr
    assert "failed" in lines[0] and "last good site" in lines[0] and why in lines[0], lines[0]
    assert site_files(small_book) == last_good, "the last good site changed"


def test_a_good_build_after_a_failure_replaces_the_site(small_book, good_site):
    with changed(small_book / "book" / "index.md",
                 lambda t: t.replace("first good site", "second good site")):
        result = run_build(small_book)
    assert result.returncode == 0, result.stderr
    assert "second good site" in site_files(small_book)["book/index.html"].decode()
    assert not (small_book / "_build" / ".html.new").exists()
    assert not (small_book / "_build" / ".html.old").exists()


def test_notebooks_execute_in_parallel_and_all_reach_the_cache(tmp_path):
    """handbook.build.execute: several notebooks at once, each from its own folder, every one
    cached (only the parent process writes to the cache, so none is lost to jupyter-cache's
    clean-up race) with its printed output in one stream, a failure reported with its
    traceback, nothing executed twice."""
    from jupyter_cache import get_cache

    from handbook.build import execute

    book = tmp_path / "book"
    book.mkdir()
    names = [f"n{i}" for i in range(6)]
    toc = "format: jb-book\nroot: book/index\nparts:\n  - chapters:\n"
    toc += "".join(f"      - file: book/{name}\n" for name in names + ["broken"])
    (tmp_path / "_toc.yml").write_text(toc, encoding="utf-8")
    (book / "index.md").write_text("# Index\n", encoding="utf-8")
    for name in names:  # the output leaves the kernel in three messages, a blank line between
        code = (f"import os, time\nprint({name!r}, os.path.basename(os.getcwd()), flush=True)\n"
                "print(flush=True)\ntime.sleep(0.3)\nprint('end', flush=True)")
        (book / f"{name}.ipynb").write_text(notebook(code), encoding="utf-8")
    (book / "broken.ipynb").write_text(notebook("raise RuntimeError('planted')"), encoding="utf-8")

    done, failed = execute(tmp_path, timeout=60)
    assert done == len(names) + 1 and failed == [str(book / "broken.ipynb")]
    cache = get_cache(tmp_path / ".jupyter_cache")
    cached = {Path(r.uri).stem for r in cache.list_cache_records()}
    assert cached == set(names)
    for name in names:
        record = cache.get_cached_project_nb(str(book / f"{name}.ipynb"))
        [cell] = [c for c in cache.get_cache_bundle(record.pk).nb.cells if c.cell_type == "code"]
        [output] = cell.outputs  # one stream, its text exactly what was printed (myst-nb's own
        assert output["text"] == f"{name} book\n\nend\n"  # merging drops blank lines at seams)
    assert "planted" in (cache.get_project_record(str(book / "broken.ipynb")).traceback or "")
    assert execute(tmp_path, timeout=60) == (1, [str(book / "broken.ipynb")])  # only the broken one
