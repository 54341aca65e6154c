"""`make pdf`: the whole book in one PDF, with every chart as an image and a proper file name.

Needs TeX (see the README). Where it is missing the test skips with the reason, except in CI,
where .ci/run installs it and a missing TeX fails the run.
"""
import shutil
from pathlib import Path

import nbformat
import pytest

from handbook.build import pdf as build_pdf
from helpers import IN_CI, ROOT, toc_files

pytestmark = pytest.mark.pdf  # builds the PDF (needs TeX)


def toc_notebooks() -> list[Path]:
    return [ROOT / f"{f}.ipynb" for f in toc_files() if (ROOT / f"{f}.ipynb").exists()]


def chart_outputs() -> int:
    """Code-cell outputs that draw a chart (each becomes a PNG in the PDF build)."""
    count = 0
    for path in toc_notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                count += sum("altair-viz-" in str(o.get("data", {}).get("text/html", ""))
                             for o in cell.get("outputs", []))
    return count


@pytest.fixture(scope="module")
def pdf(tmp_path_factory, site):  # after the site: it reuses the site build's execution cache
    if not (shutil.which("latexmk") and shutil.which("xelatex")):
        reason = "TeX not installed (see README: make pdf)"
        if IN_CI:
            pytest.fail(reason + "; .ci/run should have installed it", pytrace=False)
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("pdf")
    assert build_pdf(ROOT, out) == 0, (ROOT / "_build" / ".staging" / "pdf.log").read_text()[-5000:]
    return out / "_build" / "latex" / "reading-the-kremlin.pdf"


def test_pdf_has_its_name_and_every_chapter(pdf):
    from pypdf import PdfReader

    assert pdf.exists(), "the PDF is not named reading-the-kremlin.pdf"
    reader = PdfReader(pdf)
    text = " ".join(page.extract_text() or "" for page in reader.pages[:12])
    assert "Kremlin" in text and "A timeline since 1991" in text  # title page and contents
    assert len(reader.pages) > 10 * len(toc_notebooks()) // 2


def image_count(pdf: Path) -> int:
    """The images the PDF's pages draw, counted from each page's resources without decoding
    them (pypdf's ``page.images`` decodes every one: ten times slower)."""
    from pypdf import PdfReader

    count = 0
    for page in PdfReader(pdf).pages:
        resources = page.get("/Resources")
        objects = resources.get_object().get("/XObject") if resources is not None else None
        if objects is not None:
            count += sum(o.get_object().get("/Subtype") == "/Image"
                         for o in objects.get_object().values())
    return count


def test_every_chart_is_an_image_in_the_pdf(pdf):
    assert image_count(pdf) >= chart_outputs() > 0
    # A chart that failed to become an image would print its specification or its element id;
    # code that builds a chart (in solutions, which the PDF keeps) is fine. The PDF's text is
    # the LaTeX source's, which is searched instead of extracting 440 pages of text (17 s).
    source = pdf.with_suffix(".tex").read_text(encoding="utf-8")
    for escape, char in ((r"\sphinxhyphen{}", "-"), (r"\PYGZhy{}", "-"), (r"\PYGZsl{}", "/"),
                         (r"\PYGZus{}", "_"), (r"\_", "_")):  # how LaTeX text and code escape
        source = source.replace(escape, char)
    assert "vega.github.io/schema" not in source and "altair-viz-" not in source
