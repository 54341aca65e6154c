"""Print the handbook's speed and size figures.

    python benchmarks/run.py            # notebook execution, build time, page weights
    python benchmarks/run.py --tests    # also time the full test suite

Figures are printed, not asserted: targets (each chapter executes in under 10 s) are read off
this output and compared between releases, never enforced by timed tests.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
BIN = Path(sys.executable).parent


def timed(command: list[str], cwd: Path = ROOT) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def notebook_times() -> None:
    from handbook.notebooks import execute

    print("Notebook execution from a clean kernel (target: under 10 s each)")
    for notebook in sorted((ROOT / "book").glob("*.ipynb")):
        # a copy beside the original, so the notebook runs in book/ as in the real run
        target = notebook.parent / f".bench-{notebook.name}"
        shutil.copy(notebook, target)
        try:
            seconds = execute(target)
        finally:
            target.unlink(missing_ok=True)
        print(f"  {notebook.name:40s} {seconds:6.1f} s")


def build_time() -> None:
    seconds = timed([str(BIN / "jupyter-book"), "build", ".", "--builder", "html", "--all"])
    print(f"Site build (all pages, execution cache warm): {seconds:.1f} s")


def page_weights() -> None:
    print("Page weight (HTML plus the local scripts, styles and images it references)")
    for page in sorted(SITE.rglob("*.html")):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        html = page.read_text(encoding="utf-8", errors="replace")
        total = page.stat().st_size
        for ref in set(re.findall(r'(?:src|href)="([^"#?]+)(?:\?[^"]*)?"', html)):
            if ref.startswith(("http:", "https:", "mailto:")) or ref.endswith(".html"):
                continue
            asset = (page.parent / ref).resolve()
            if asset.is_file() and asset.suffix in {".js", ".css", ".png", ".svg", ".woff2"}:
                total += asset.stat().st_size
        print(f"  {str(page.relative_to(SITE)):40s} {total / 1e6:6.2f} MB")
    size = sum(f.stat().st_size for f in SITE.rglob("*") if f.is_file())
    print(f"Whole site: {size / 1e6:.1f} MB in {sum(1 for f in SITE.rglob('*') if f.is_file())} files")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", action="store_true", help="also time `pytest`")
    args = parser.parse_args()
    notebook_times()
    build_time()
    page_weights()
    if args.tests:
        print(f"Full test suite: {timed([sys.executable, '-m', 'pytest', '-q']):.1f} s")


if __name__ == "__main__":
    main()
