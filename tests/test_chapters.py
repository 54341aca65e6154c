"""Every chapter has the shape the handbook promises readers and teachers."""
import re

import pytest

from handbook import ROOT
from handbook.exercises import (
    CHART_BUILDING,
    DIFFICULTIES,
    KINDS,
    SKILLS,
    builds_a_chart,
    chapter_paths,
    read_chapter,
)

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
    for exercise in chapter.exercises:
        assert exercise.label, f"{path.name}: exercise '{exercise.title}' has no label"
        assert chapter.solutions.get(exercise.label), \
            f"{path.name}: exercise '{exercise.title}' has no solution"
    kinds = {exercise.kind for exercise in chapter.exercises}
    assert {"coding", "source criticism"} <= kinds, f"{path.name}: kinds {kinds}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_exercise_has_a_known_kind_and_difficulty(path):
    for exercise in read_chapter(path).exercises:
        assert exercise.kind in KINDS, f"{path.name}: '{exercise.title}' kind {exercise.kind!r}"
        assert exercise.difficulty in DIFFICULTIES, \
            f"{path.name}: '{exercise.title}' needs :class: with one of {DIFFICULTIES}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_exercise_gives_its_time_and_skills(path):
    """The index shows each exercise's estimated time and skills, read from the first line of
    its body: *About 20 minutes · Skills: filtering, chart building*."""
    for exercise in read_chapter(path).exercises:
        assert exercise.minutes is not None, \
            f"{path.name}: '{exercise.title}' needs a first line '*About N minutes · Skills: ...*'"
        assert 5 <= exercise.minutes <= 120, f"{path.name}: '{exercise.title}' {exercise.minutes} min"
        assert exercise.skills, f"{path.name}: '{exercise.title}' names no skills"
        unknown = sorted(set(exercise.skills) - set(SKILLS))
        assert not unknown, f"{path.name}: '{exercise.title}' skills {unknown} not in exercises.SKILLS"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_chapter_has_an_advanced_and_a_chart_building_exercise(path):
    chapter = read_chapter(path)
    assert any(e.difficulty == "advanced" for e in chapter.exercises), f"{path.name}: no advanced exercise"
    building = [e for e in chapter.exercises if CHART_BUILDING in e.skills]
    assert building, f"{path.name}: no exercise with the skill '{CHART_BUILDING}'"
    for exercise in building:
        assert exercise.kind == "coding", f"{path.name}: '{exercise.title}' builds a chart, so is coding"
        assert builds_a_chart(exercise, chapter.solutions.get(exercise.label, [])), \
            f"{path.name}: the solution of '{exercise.title}' draws no alt.Chart framed by charts.finish"


def test_the_book_has_advanced_source_criticism():
    advanced = [e.label for path in CHAPTERS for e in read_chapter(path).exercises
                if e.kind == "source criticism" and e.difficulty == "advanced"]
    assert len(advanced) >= 3, f"advanced source-criticism exercises: {advanced}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_solutions_are_hidden_until_opened(path):
    chapter = read_chapter(path)
    for block in re.findall(r"```\{solution(?:-start)?\}[^\n]*\n((?::[^\n]*\n)*)", chapter.text):
        assert ":class: dropdown" in block, f"{path.name}: a solution is not a dropdown"


@pytest.mark.parametrize("path", [p for p in CHAPTERS if p.stem != "01-timeline"], ids=lambda p: p.stem)
def test_chapter_links_to_the_events_it_discusses(path):
    assert "tables.discussed_events(" in read_chapter(path).text, \
        f"{path.name} does not link to the timeline events it discusses"
