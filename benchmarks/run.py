"""Print the handbook's speed and size figures, each next to its target.

    python benchmarks/run.py               # builds, notebook sizes, static charts, page weights,
                                           # and `make check`
    python benchmarks/run.py --lighthouse  # also Lighthouse scores (see benchmarks/pages.py)
    python benchmarks/run.py --tests       # also time `CI=true make test` (minutes)

Figures are printed, not asserted: the targets come from the project's issues and are read off
this output and compared between releases, never enforced by timed tests.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pages  # benchmarks/pages.py: page weights and Lighthouse, measured in Chromium

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
LOG = ROOT / "_build" / ".staging" / "full.log"


def line(label: str, value: str, target: str, met: bool | None) -> None:
    verdict = "" if met is None else ("met" if met else "NOT MET")
    print(f"  {label:52s} {value:>12s}   target {target:<14s} {verdict}")


def timed(command: list[str], env: dict | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    return time.perf_counter() - started, result.stdout + result.stderr


def executions(output: str) -> int:
    """Notebooks a build executed: handbook.build executes them before Sphinx starts and says
    how many; myst-nb logs a line for any it had to execute itself."""
    found = re.search(r"executed (\d+) notebook", output)
    text = LOG.read_text(encoding="utf-8", errors="replace") if LOG.exists() else ""
    return (int(found.group(1)) if found else 0) + len(re.findall(r"Executing notebook", text))


def builds() -> None:
    print("Builds (handbook.build, as `make book` runs it)")
    clean, output = timed([sys.executable, "-m", "handbook.build", "--full"])
    clean_runs = executions(output)
    line("clean build (every notebook executed)", f"{clean:.1f} s", "<= 45 s", clean <= 45)
    line("  notebooks executed", str(clean_runs), "all", None)
    again, output = timed([sys.executable, "-m", "handbook.build"])
    ratio = again / clean
    line("no-change rebuild", f"{again:.1f} s", "", None)
    line("  as a share of the clean build", f"{ratio:.2f}x", "<= 0.10x", ratio <= 0.10)
    runs = 0 if "up to date" in output else executions(output)
    line("  notebooks executed", str(runs), "0", runs == 0)
    # A fresh clone has no drawings of charts yet (the SVGs, the PDF's PNGs, the slides' JPEGs and
    # the Vega bundle, kept in _build/.chart-cache): the same clean build without them.
    import shutil

    from handbook.sphinx.chartpage import CACHE_FOLDER

    shutil.rmtree(ROOT / "_build" / CACHE_FOLDER, ignore_errors=True)
    fresh, _ = timed([sys.executable, "-m", "handbook.build", "--full"])
    line("  the same, no chart drawings cached (fresh clone)", f"{fresh:.1f} s", "", None)


def notebooks() -> None:
    print("Stored notebooks (outputs included)")
    sizes = {p.name: p.stat().st_size for p in sorted((ROOT / "book").glob("*.ipynb"))}
    largest = max(sizes, key=sizes.get)
    line(f"largest ({largest})", f"{sizes[largest] / 1e3:.0f} KB", "<= 300 KB",
         sizes[largest] <= 300e3)
    total = sum(sizes.values())
    line(f"all {len(sizes)} together", f"{total / 1e6:.2f} MB", "<= 2.5 MB", total <= 2.5e6)


def static_charts() -> None:
    """What the static chart images cost a build: every chart of the built site rendered by
    vl-convert without a cache (a clean clone) and again from the cache (any later build)."""
    import tempfile

    from handbook.sphinx.chartpage import CSV_FOLDER, render_svg

    print("Static chart images (handbook/sphinx/chartpage.py)")
    specs = [json.loads(path.read_text(encoding="utf-8"))["spec"]  # font sizes raised
             for path in sorted(SITE.glob(f"**/{CSV_FOLDER}/*.json"))]
    if not specs:
        print("  (no charts: run `make book` first)")
        return
    with tempfile.TemporaryDirectory() as folder:
        for label in ("rendered, no cache (clean clone)", "read from the cache (rebuild)"):
            started = time.perf_counter()
            size = sum(len(render_svg(spec, Path(folder))) for spec in specs)
            seconds = time.perf_counter() - started
            line(f"{len(specs)} charts {label}", f"{seconds:.2f} s", "", None)
    line("  their SVG together (uncompressed)", f"{size / 1e6:.2f} MB", "", None)


def page_weights() -> None:
    pages.page_weights(SITE)


def check() -> None:
    print("Inner loop")
    seconds, _ = timed(["make", "check"])
    line("make check (lint, data, package; no build)", f"{seconds:.0f} s", "<= 60 s",
         seconds <= 60)


def tests() -> None:
    print("Tests")
    seconds, _ = timed(["make", "test"], env={"CI": "true"})
    line("CI=true make test (site built once, 2 workers)", f"{seconds / 60:.1f} min",
         "<= 3 min", seconds <= 180)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", action="store_true", help="also time `CI=true make test`")
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse")
    args = parser.parse_args()
    print(f"Reading the Kremlin benchmarks, {os.cpu_count()} cores")
    builds()
    notebooks()
    static_charts()
    page_weights()
    check()
    if args.lighthouse:
        pages.lighthouse(SITE)
    if args.tests:
        tests()


if __name__ == "__main__":
    main()
