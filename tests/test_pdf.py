"""`make pdf`: the whole book in one PDF, with every chart as an image and a proper file name.

Needs TeX (see the README). Where it is missing the test skips with the reason, except in CI,
where .ci/run installs it and a missing TeX fails the run.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def toc_notebooks() -> list[Path]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [ROOT / f"{f}.ipynb" for f in files if (ROOT / f"{f}.ipynb").exists()]


def chart_outputs() -> int:
    """Code-cell outputs that carry a PNG: every chart (the renderer gives HTML and PNG)."""
    count = 0
    for path in toc_notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                count += sum("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
    return count


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    if not (shutil.which("latexmk") and shutil.which("xelatex")):
        reason = "TeX not installed (see README: make pdf)"
        if IN_CI:
            pytest.fail(reason + "; .ci/run should have installed it", pytrace=False)
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("pdf")
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT),
               "--builder", "pdflatex", "--all", "--path-output", str(out)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    return out / "_build" / "latex" / "reading-the-kremlin.pdf"


def test_pdf_has_its_name_and_every_chapter(pdf):
    from pypdf import PdfReader

    assert pdf.exists(), "the PDF is not named reading-the-kremlin.pdf"
    reader = PdfReader(pdf)
    text = " ".join(page.extract_text() or "" for page in reader.pages[:12])
    assert "Kremlin" in text and "A timeline, 1991–2025" in text  # title page and contents
    assert len(reader.pages) > 10 * len(toc_notebooks()) // 2


def test_every_chart_is_an_image_in_the_pdf(pdf):
    from pypdf import PdfReader

    images = sum(len(page.images) for page in PdfReader(pdf).pages)
    assert images >= chart_outputs() > 0
    assert "alt.Chart(" not in " ".join(p.extract_text() or "" for p in PdfReader(pdf).pages)
