"""Two clean builds of the same commit produce the same site, byte for byte.

The second build runs in a fresh copy of the sources, with its own (empty) execution cache, so
every notebook executes again. Nothing differs but :data:`VOLATILE`, which is documented here:
at present nothing at all.
"""
from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook import ROOT
from handbook.build import INPUTS

pytestmark = pytest.mark.slow  # builds the whole book again

#: Files allowed to differ between two clean builds, and why. Empty: the chart ids are derived
#: from the charts (handbook.charts), run timings are not stored, and Sphinx writes no dates.
VOLATILE: dict[str, str] = {}


@pytest.mark.slow
def test_two_clean_builds_are_identical(request, tmp_path):
    # The second build first: under pytest-xdist it runs while another worker builds the site.
    for name in {"book", *INPUTS}:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name,
                            ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        elif source.exists():
            shutil.copy(source, tmp_path / name)
    result = subprocess.run([sys.executable, "-m", "handbook.build", "--root", str(tmp_path),
                             "--full"], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    site = request.getfixturevalue("site")
    if "full" not in (site / ".handbook-build-stamp").read_text(encoding="utf-8"):
        # the session's site was an incremental build (outside CI): make it a clean one
        subprocess.run([sys.executable, "-m", "handbook.build", "--full"], cwd=ROOT, check=True,
                       capture_output=True)
    second = tmp_path / "_build" / "html"
    first_files = {p.relative_to(site) for p in site.rglob("*") if p.is_file()}
    second_files = {p.relative_to(second) for p in second.rglob("*") if p.is_file()}
    assert first_files == second_files, (sorted(map(str, first_files - second_files))[:10],
                                         sorted(map(str, second_files - first_files))[:10])
    differ = [str(name) for name in sorted(first_files)
              if str(name) not in VOLATILE
              and not filecmp.cmp(site / name, second / name, shallow=False)]
    assert not differ, (f"{len(differ)} files differ between two clean builds: {differ[:20]}\n"
                        + first_difference(site / differ[0], second / differ[0]))


def first_difference(first: Path, second: Path, context: int = 400) -> str:
    """Where two files first differ, with ``context`` characters either side in each, so that a
    difference seen once on another machine can be read from the test's report."""
    a, b = first.read_bytes(), second.read_bytes()
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    def around(data: bytes) -> str:
        return data[max(0, at - context):at + context].decode("utf-8", "replace")
    return (f"{first.name} first differs at byte {at} of {len(a)} / {len(b)}:\n"
            f"--- first build\n{around(a)}\n--- second build\n{around(b)}")
