"""Build the site so that a failed build never costs the last good one.

    python -m handbook.build [--root DIR] [--edition student] [--full]

1. Every dataset is validated first: a broken row stops the build before Sphinx starts.
2. Jupyter Book builds into a staging folder (``_build/.staging/<edition>``), with warnings as
   errors; its output goes to ``_build/.staging/<edition>.log``.
3. Only when the whole build succeeded is the staged site copied into place (``_build/html``, or
   ``_build/student/html``) by a rename, so a reader never sees half a site.

A failure prints one line saying why (``make book: failed: …; the last good site in _build/html
is unchanged``) and exits with status 1.

Notebooks are executed before Sphinx starts, in parallel (one process per CPU core), by
jupyter-cache's parallel executor into the execution cache that Jupyter Book then reads; Sphinx
itself executes nothing. Builds are incremental: when nothing the site is made from changed since
the last good build (:func:`sources_fingerprint`), the build stops at once; otherwise Sphinx
rereads only the pages that changed, and the execution cache runs only the notebooks whose code
changed. Notebooks also read ``data/`` and the ``handbook`` package,
which the execution cache cannot see, so when either changed since the last good build (or with
``--full``) every page is rebuilt and every notebook executed again.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from . import ROOT
from .charts import STATIC_VARIABLE
from .sphinx.chartpage import CACHE_FOLDER
from .sphinx.csp import MARKER, add_policy

#: What notebooks read besides their own code: a change here re-executes every notebook.
INPUTS = ["data", "handbook", "requirements.lock", "_config.yml", "_toc.yml", "book/references.bib"]
EDITIONS = {"full": "html", "student": "student/html"}


def fingerprint(root: Path) -> str:
    """A hash of every file in :data:`INPUTS` (names and contents)."""
    digest = hashlib.sha256()
    for name in INPUTS:
        path = root / name
        files = [path] if path.is_file() else sorted(
            p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for file in files:
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def sources_fingerprint(root: Path) -> str:
    """A hash of everything the site is made from: :data:`INPUTS` and the ``book`` folder."""
    digest = hashlib.sha256(fingerprint(root).encode())
    for file in sorted(p for p in (root / "book").rglob("*")
                       if p.is_file() and ".ipynb_checkpoints" not in p.parts):
        digest.update(str(file.relative_to(root)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def notebooks(root: Path) -> list[Path]:
    """The notebooks the table of contents lists."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc.get("root", "")]
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            files += [chapter["file"]] + [s["file"] for s in chapter.get("sections", [])]
    return [root / f"{name}.ipynb" for name in files if (root / f"{name}.ipynb").exists()]


def _execute_one(job: tuple[str, int, int]) -> tuple[object, float, str | None]:
    """In a worker process: execute one notebook of the cache's project from its own folder.
    Returns the executed notebook, the seconds it took and the traceback (None when every cell
    ran). Nothing is written to the cache here (see :func:`execute`)."""
    import tempfile
    import traceback

    from jupyter_cache import get_cache
    from jupyter_cache.executors.utils import single_nb_execution
    from traitlets.config import Config

    cache_path, pk, timeout = job
    project_nb = get_cache(cache_path).get_project_notebook(pk)
    try:
        # The kernel talks to this process over Unix sockets in a private folder, not TCP ports:
        # two kernels started at the same moment can pick the same free port, and one then fails
        # to bind it ("Address already in use").
        with tempfile.TemporaryDirectory(prefix="handbook-kernel-") as sockets:
            config = Config()
            config.KernelManager.transport = "ipc"
            config.KernelManager.ip = str(Path(sockets) / "kernel")
            # A cell's printed output reaches the notebook in as many messages as the kernel
            # flushed; they are joined here, text unchanged. myst-nb would join them itself, but
            # it strips each piece's trailing blank lines, so where the seams fell (which changes
            # from run to run) would change the page.
            result = single_nb_execution(project_nb.nb, cwd=str(Path(project_nb.uri).parent),
                                         timeout=timeout, allow_errors=False, config=config,
                                         coalesce_streams=True)
    except Exception:  # the kernel died, or would not start
        return project_nb.nb, 0.0, traceback.format_exc()
    return project_nb.nb, result.time, result.exc_string if result.err else None


def execute(root: Path, timeout: int = 120) -> tuple[int, list[str]]:
    """Execute every notebook the execution cache does not hold yet, in parallel, into the cache.

    Returns how many were executed and the paths of those that failed (their tracebacks stay in
    the cache, and Jupyter Book reports them when it reaches the page).

    The notebooks run in a pool of processes, one per core, and only this process writes to the
    cache, one notebook after another. jupyter-cache's own parallel executor lets every worker
    write, and its clean-up of old entries (two queries, no lock) can then take a worker's entry
    written between them for an old one: the entry is deleted or the caching fails ("Notebook file
    does not exist for cache record"), and the page's notebook is executed again inside the Sphinx
    build, so two clean builds may differ.
    """
    from concurrent.futures import ProcessPoolExecutor

    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn
    from jupyter_cache.cache.db import NbProjectRecord

    cache = get_cache(root / ".jupyter_cache")
    for path in notebooks(root):
        cache.add_nb_to_project(str(path))
    records = cache.list_unexecuted()
    if not records:
        return 0, []
    NbProjectRecord.remove_tracebacks([r.pk for r in records], cache.db)
    jobs = [(str(cache.path), r.pk, timeout) for r in records]
    with ProcessPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1)) as pool:
        results = list(pool.map(_execute_one, jobs))
    failed = []
    for record, (executed, seconds, error) in zip(records, results):
        if error is not None:
            NbProjectRecord.set_traceback(record.uri, error, cache.db)
            failed.append(record.uri)
            continue
        cache.cache_notebook_bundle(CacheBundleIn(executed, record.uri,
                                                  data={"execution_seconds": seconds}),
                                    check_validity=False, overwrite=True)
    return len(records), failed


def first_problem(log: str) -> str:
    """The line of a Jupyter Book log that says best why the build failed."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    patterns = [r"CellExecutionError|An error occurred while executing", r"\bERROR\b|: ERROR:",
                r"\bWARNING\b", r"Error:|Exception:|Traceback"]
    for pattern in patterns:
        for index, line in enumerate(lines):
            if re.search(pattern, line):
                if "CellExecutionError" in line or "executing" in line:
                    # the error's own last line names the exception
                    tail = [lx for lx in lines[index + 1:] if re.match(r"^\w*(Error|Exception)\b", lx)]
                    return f"{line} ({tail[0]})" if tail else line
                return line
    return lines[-1] if lines else "jupyter-book exited with an error and printed nothing"


def _prepare_cache(root: Path, inputs: str, full: bool) -> None:
    """Empty the execution cache when the data or the package changed since it was filled (or
    for a full build), since it keys notebooks on their code alone."""
    cache_stamp = root / ".jupyter_cache" / ".handbook-inputs"
    if full or not cache_stamp.exists() or cache_stamp.read_text() != inputs:
        shutil.rmtree(root / ".jupyter_cache", ignore_errors=True)


def _stamp_cache(root: Path, inputs: str) -> None:
    if (root / ".jupyter_cache").is_dir():
        (root / ".jupyter_cache" / ".handbook-inputs").write_text(inputs, encoding="utf-8")


def _data_problem(root: Path) -> str | None:
    """The first line of what is wrong with the data, or None when every dataset validates."""
    from .data import DataError, validate_all

    try:
        validate_all(root / "data", root / "book" / "references.bib")
    except DataError as error:
        return str(error).splitlines()[0]
    return None


def _student_pack(root: Path) -> str | None:
    """Build the student pack (:mod:`handbook.pack`) into ``_build/student-pack``, where the page
    ``book/student-pack.md`` links it from (Sphinx copies it into the site's ``_downloads``).
    Returns what went wrong, or None; a book without that page gets no pack."""
    if not (root / "book" / "student-pack.md").exists():
        return None
    from .pack import build as build_pack

    try:
        build_pack(root, root / "_build" / "student-pack")
    except Exception as error:  # any failure stops the build, with its reason
        return f"the student pack: {type(error).__name__}: {error}"
    return None


def _jupyter_book(root: Path, options: list[str], log_path: Path, env: dict) -> tuple[int, str]:
    """Run ``jupyter-book build root *options`` with its output in ``log_path``; return its exit
    status and the log."""
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(root), *options]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w", encoding="utf-8") as log:
        result = subprocess.run(command, cwd=root, stdout=log, stderr=subprocess.STDOUT,
                                env={**os.environ, **env})
    return result.returncode, log_path.read_text(encoding="utf-8", errors="replace")


def _edition_config(root: Path, staging: Path, edition: str) -> Path:
    """A copy of ``_config.yml`` that sets the Sphinx value naming ``edition``."""
    import yaml

    from .sphinx.edition import CONFIG_VALUE

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    config.setdefault("sphinx", {}).setdefault("config", {})[CONFIG_VALUE] = edition
    path = staging / "_config.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@contextlib.contextmanager
def _environment(values: dict):
    """Set environment variables for the duration of a block (the executor's kernels inherit
    them)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _fail(reason: str, site: Path) -> int:
    reason = " ".join(reason.split())
    print(f"make book: failed: {reason}; the last good site in {site} is unchanged", file=sys.stderr)
    return 1


def build(root: Path = ROOT, edition: str = "full", full: bool = False) -> int:
    """Build ``edition`` of the book in ``root``; return the exit status."""
    build_dir = root / "_build"
    site = build_dir / EDITIONS[edition]
    staging = build_dir / ".staging" / edition
    log_path = build_dir / ".staging" / f"{edition}.log"
    stamp = staging / ".inputs"
    staging.mkdir(parents=True, exist_ok=True)

    problem = _data_problem(root)
    if problem:
        return _fail(problem, site)

    inputs = fingerprint(root)
    sources = sources_fingerprint(root)
    sources_stamp = staging / ".sources"
    if (not full and site.exists() and sources_stamp.exists()
            and sources_stamp.read_text() == sources):
        print(f"make book: the {edition} edition in {site.relative_to(root)} is up to date")
        return 0
    problem = _student_pack(root)
    if problem:
        return _fail(problem, site)
    _prepare_cache(root, inputs, full)
    rebuild = full or not stamp.exists() or stamp.read_text() != inputs or not site.exists()
    with _environment({STATIC_VARIABLE: "build"}):
        executed, failed = execute(root)
    if executed:
        print(f"make book: executed {executed} notebook(s) in parallel"
              + (f"; failed: {', '.join(failed)}" if failed else ""))
    options = ["--builder", "html", "--path-output", str(staging), "-W", "-n", "--keep-going"]
    if rebuild:  # a clean build: nothing of the last one is reused, so two are byte-identical
        shutil.rmtree(staging / "_build", ignore_errors=True)
        options.append("--all")
    if edition != "full":
        options += ["--config", str(_edition_config(root, staging, edition))]
    status, output = _jupyter_book(root, options, log_path, {STATIC_VARIABLE: "build"})
    built = staging / "_build" / "html"
    if status != 0 or not (built / "index.html").exists():
        return _fail(f"{first_problem(output)} (full log: {log_path.relative_to(root)})", site)

    # Swap the new site in: copy it next to the old one, then rename.
    fresh = site.parent / f".{site.name}.new"
    stale = site.parent / f".{site.name}.old"
    for leftover in (fresh, stale):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(built, fresh)
    for page in fresh.rglob("*.html"):  # pages Sphinx did not write (Jupyter Book's redirect)
        if "_static" in page.relative_to(fresh).parts:
            continue
        text = page.read_text(encoding="utf-8")
        if MARKER not in text:
            page.write_text(add_policy(text), encoding="utf-8")
    from .slides import write_decks  # the guide's slide decks, over their Sphinx pages

    if edition == "full":  # the student edition keeps no teachers' material (sphinx/edition.py)
        write_decks(fresh, root / "book" / "slides", root / "book",
                    root / "_build" / CACHE_FOLDER)
    kind = "full" if rebuild else "incremental"
    (fresh / ".handbook-build-stamp").write_text(f"{inputs}\n{kind}\n", encoding="utf-8")
    if site.exists():
        site.rename(stale)
    fresh.rename(site)
    shutil.rmtree(stale, ignore_errors=True)
    stamp.write_text(inputs, encoding="utf-8")
    sources_stamp.write_text(sources, encoding="utf-8")
    _stamp_cache(root, inputs)
    print(f"make book: built the {edition} edition ({kind}) into {site.relative_to(root)}")
    return 0


def pdf(root: Path = ROOT, out: Path | None = None) -> int:
    """Build the whole book as one PDF into ``out/_build/latex`` (default: ``_build``).

    The site and the PDF share the execution cache (``HANDBOOK_CHARTS=build``: charts as HTML,
    tables with a LaTeX copy), so after `make book` the PDF build executes nothing; on its own it
    fills the cache the same way. The PDF draws each chart from its specification
    (:mod:`handbook.sphinx.chartpdf`).
    """
    staging = root / "_build" / ".staging"
    target = (out or root) / "_build" / "latex" / "reading-the-kremlin.pdf"
    problem = _data_problem(root)
    if problem:
        print(f"make pdf: failed: {problem}", file=sys.stderr)
        return 1
    inputs = fingerprint(root)
    _prepare_cache(root, inputs, full=False)
    with _environment({STATIC_VARIABLE: "build"}):
        execute(root)
    options = ["--builder", "pdflatex", "--all", "-n", "--keep-going"]
    if out is not None:
        options += ["--path-output", str(out)]
    log_path = staging / "pdf.log"
    status, output = _jupyter_book(root, options, log_path, {STATIC_VARIABLE: "build"})
    if status != 0 or not target.exists():
        print(f"make pdf: failed: {first_problem(output)} (full log: {log_path})", file=sys.stderr)
        return 1
    _stamp_cache(root, inputs)
    print(f"make pdf: built {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the book's folder")
    parser.add_argument("--edition", choices=sorted(EDITIONS), default="full")
    parser.add_argument("--pdf", action="store_true", help="build the PDF instead of the site")
    parser.add_argument("--full", action="store_true",
                        help="rebuild every page and execute every notebook")
    args = parser.parse_args(argv)
    if args.pdf:
        return pdf(args.root.resolve())
    return build(args.root.resolve(), args.edition, args.full)


if __name__ == "__main__":
    sys.exit(main())
