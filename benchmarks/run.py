"""Print the handbook's speed and size figures, each next to its target.

    python benchmarks/run.py            # builds, notebook sizes, page weights
    python benchmarks/run.py --tests    # also time `CI=true make test` (minutes)

Figures are printed, not asserted: the targets come from the project's issues and are read off
this output and compared between releases, never enforced by timed tests.
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
LOG = ROOT / "_build" / ".staging" / "full.log"


def line(label: str, value: str, target: str, met: bool | None) -> None:
    verdict = "" if met is None else ("met" if met else "NOT MET")
    print(f"  {label:52s} {value:>12s}   target {target:<14s} {verdict}")


def timed(command: list[str], env: dict | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, **(env or {})})
    return time.perf_counter() - started


def executions() -> int:
    """Notebooks the last build executed (myst-nb logs one line per executed notebook)."""
    text = LOG.read_text(encoding="utf-8", errors="replace") if LOG.exists() else ""
    return len(re.findall(r"Executing notebook", text))


def builds() -> None:
    print("Builds (handbook.build, as `make book` runs it)")
    clean = timed([sys.executable, "-m", "handbook.build", "--full"])
    clean_runs = executions()
    line("clean build (every notebook executed)", f"{clean:.1f} s", "<= 45 s", clean <= 45)
    line("  notebooks executed", str(clean_runs), "all", None)
    again = timed([sys.executable, "-m", "handbook.build"])
    ratio = again / clean
    line("no-change rebuild", f"{again:.1f} s", "", None)
    line("  as a share of the clean build", f"{ratio:.2f}x", "<= 0.10x", ratio <= 0.10)
    line("  notebooks executed", str(executions()), "0", executions() == 0)


def notebooks() -> None:
    print("Stored notebooks (outputs included)")
    sizes = {p.name: p.stat().st_size for p in sorted((ROOT / "book").glob("*.ipynb"))}
    largest = max(sizes, key=sizes.get)
    line(f"largest ({largest})", f"{sizes[largest] / 1e3:.0f} KB", "<= 300 KB",
         sizes[largest] <= 300e3)
    total = sum(sizes.values())
    line(f"all {len(sizes)} together", f"{total / 1e6:.2f} MB", "<= 2.5 MB", total <= 2.5e6)


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def page_weights() -> None:
    print("Page weight, gzip: the HTML plus every local script, style, font and image it references")
    if not SITE.exists():
        print("  (no site: run `make book` first)")
        return
    for page in sorted(SITE.rglob("*.html")):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        html = page.read_text(encoding="utf-8", errors="replace")
        total = gzip_size(page)
        for ref in set(re.findall(r'(?:src|href)="([^"#?]+)(?:\?[^"]*)?"', html)):
            if ref.startswith(("http:", "https:", "mailto:")) or ref.endswith(".html"):
                continue
            asset = (page.parent / ref).resolve()
            if asset.is_file() and asset.suffix in {".js", ".css", ".png", ".svg", ".woff2"}:
                total += gzip_size(asset)
        charts = "altair-viz-" in html
        limit = 900e3 if charts else 400e3
        line(str(page.relative_to(SITE)) + (" (charts)" if charts else ""),
             f"{total / 1e3:.0f} KB", f"<= {limit / 1e3:.0f} KB", total <= limit)


def tests() -> None:
    print("Tests")
    seconds = timed(["make", "test"], env={"CI": "true"})
    line("CI=true make test (site built once, 2 workers)", f"{seconds / 60:.1f} min",
         "<= 5 min", seconds <= 300)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", action="store_true", help="also time `CI=true make test`")
    args = parser.parse_args()
    print(f"Reading the Kremlin benchmarks, {os.cpu_count()} cores")
    builds()
    notebooks()
    page_weights()
    if args.tests:
        tests()


if __name__ == "__main__":
    main()
