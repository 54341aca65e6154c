"""The student edition holds no solution text at all; the full edition holds every solution."""
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.exercises import chapter_paths, read_chapter
from helpers import ROOT

pytestmark = pytest.mark.site  # needs the built site

DISTINCTIVE = 25  # characters: long enough that a match is not chance


def solution_snippets() -> list[str]:
    """Distinctive lines of the solutions: long enough, and written nowhere in the book outside a
    solution (a line that a chapter's own cells or another page also carry is not solution text)."""
    from collections import Counter

    in_solutions, outside = Counter(), []
    for path in chapter_paths():
        chapter = read_chapter(path)
        solution_lines = Counter(line_.strip() for lines in chapter.solutions.values()
                                 for line_ in lines)
        in_solutions.update(solution_lines)
        left = Counter(solution_lines)
        for line_ in chapter.text.splitlines():
            line_ = line_.strip()
            if left[line_] > 0:
                left[line_] -= 1
            else:
                outside.append(line_)
    pages = [p for p in (ROOT / "book").glob("*") if p.suffix in (".md", ".ipynb")
             and p not in chapter_paths()]
    outside_text = "\n".join(outside + [p.read_text(encoding="utf-8") for p in pages])
    return [line_ for line_ in in_solutions
            if len(line_) >= DISTINCTIVE and line_ not in outside_text]


@pytest.fixture(scope="module")
def student_site(site):
    """Built as `make book EDITION=student` builds it (after the full site, whose execution
    cache it shares)."""
    result = subprocess.run([sys.executable, "-m", "handbook.build", "--edition", "student"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return ROOT / "_build" / "student" / "html"


def site_text(site: Path) -> str:
    files = list(site.rglob("*.html")) + list(site.rglob("searchindex.js"))
    return "\n".join(f.read_text(encoding="utf-8", errors="replace") for f in files)


def page_text(html_text: str) -> str:
    """What a reader sees of a page: tags dropped, entities decoded, then normalised."""
    import html
    import re
    return normalise(html.unescape(re.sub(r"<[^>]+>", "", html_text)))


def normalise(text: str) -> str:
    """Typography-insensitive text: straight quotes, no Markdown emphasis, single spaces."""
    import re
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "*": None,
                                         "`": None}))
    return re.sub(r"\s+", " ", text)


def test_there_are_solutions_to_hide():
    assert len(solution_snippets()) >= 3 * len(chapter_paths())


def test_student_edition_has_no_solution_text(student_site):
    text = page_text(site_text(student_site))
    leaked = [s for s in solution_snippets() if normalise(s) in text]
    assert leaked == [], f"solution text in the student edition: {leaked[:5]}"
    assert not list(student_site.rglob("*.ipynb")), "the notebooks (with solutions) were shipped"
    assert "student edition" in text


def test_full_edition_has_the_solutions(site):
    """The snippets the student test looks for are really there in the full edition, so the
    student test cannot pass by looking for text no edition contains."""
    for path in chapter_paths():
        page = site / "book" / f"{path.stem}.html"
        text = page_text(page.read_text(encoding="utf-8"))
        snippets = [line_.strip() for lines in read_chapter(path).solutions.values() for line_ in lines
                    if len(line_.strip()) >= DISTINCTIVE]
        found = [s for s in snippets if normalise(s) in text]
        assert len(found) >= 0.6 * len(snippets), (path.name, set(snippets) - set(found))


def test_student_edition_holds_no_teachers_material(student_site):
    """The exam's model answers, the guide and the slide decks stay out of the student edition:
    their pages keep their titles and a single line, and no deck is written over them."""
    from handbook.sphinx.edition import TEACHERS_ONLY

    text = page_text(site_text(student_site))
    assert "Model answer" not in text and "Marking notes" not in text
    for page in ("book/instructor-guide.html", "book/teaching/assessment.html",
                 "book/slides/session-1.html"):
        html = (student_site / page).read_text(encoding="utf-8")
        assert TEACHERS_ONLY in html, f"{page} still shows teachers' material"
        assert "Speaker notes" not in html and "Model answer" not in html
    assert not list((student_site / "book" / "slides").glob("*.jpg")), "slide charts were shipped"


def test_student_edition_keeps_the_student_handout(student_site):
    """The printable handout (rules, AI policy, both assignments and rubrics) is in the student
    edition, while the assessment page it draws them from holds only its teachers' line."""
    handout = page_text((student_site / "book" / "student-handout.html").read_text(encoding="utf-8"))
    for needed in ("How we work in this unit", "Declare it.", "Version A: a fresh article",
                   "Alternative for a student who cannot install the pack", "Score out of 20"):
        assert needed in handout, f"the student handout lacks {needed!r}"
    assert "Model answer" not in handout and "Marking notes" not in handout
    assessment = page_text((student_site / "book" / "teaching" / "assessment.html").read_text(encoding="utf-8"))
    assert "Declare it." not in assessment and "is for teachers" in assessment
