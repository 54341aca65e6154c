"""Every chapter has the shape the handbook promises readers and teachers."""
import re

import pytest
import yaml

from chapters import ROOT, chapter_paths, read_chapter

CHAPTERS = chapter_paths()


def test_every_chapter_is_in_the_table_of_contents():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for path in CHAPTERS:
        assert f"book/{path.stem}" in toc, f"{path.name} is not in _toc.yml"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_shape(path):
    chapter = read_chapter(path)
    text = chapter.text
    assert "Learning objectives" in text
    for heading in ("## Key takeaways", "## Discussion questions", "## Exercises", "## Sources"):
        assert heading in text, f"{path.name} has no '{heading}'"
    positions = [text.index(h) for h in ("Learning objectives", "## Key takeaways", "## Exercises")]
    assert positions == sorted(positions)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_at_least_three_exercises_each_with_a_solution(path):
    chapter = read_chapter(path)
    assert len(chapter.exercises) >= 3, f"{path.name}: {len(chapter.exercises)} exercises"
    for label, title in chapter.exercises.items():
        assert chapter.solutions.get(label), f"{path.name}: exercise '{title}' has no solution"
    titles = " ".join(chapter.exercises.values()).lower()
    assert "coding" in titles and "source criticism" in titles, path.name


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_solutions_are_hidden_until_opened(path):
    chapter = read_chapter(path)
    for block in re.findall(r"```\{solution(?:-start)?\}[^\n]*\n((?::[^\n]*\n)*)", chapter.text):
        assert ":class: dropdown" in block, f"{path.name}: a solution is not a dropdown"
