"""handbook.exercises reads exercises, their time and skills, and their solutions from notebooks."""
import nbformat
import pandas as pd

from handbook import exercises
from handbook.exercises import CHART_BUILDING, SKILLS, builds_a_chart, parse_meta, read_chapter


def test_meta_line_gives_minutes_and_skills():
    assert parse_meta("\n*About 25 minutes · Skills: joins, chart building*\n\nDo this.") == \
        (25, ["joins", "chart building"])


def test_meta_line_must_come_first_and_be_well_formed():
    assert parse_meta("Do this.\n\n*About 25 minutes · Skills: joins*") == (None, [])
    assert parse_meta("*About twenty minutes · Skills: joins*") == (None, [])
    assert parse_meta("*About 25 minutes*") == (None, [])


def test_chart_building_is_a_known_skill():
    assert CHART_BUILDING in SKILLS and len(set(SKILLS)) == len(SKILLS)


def _chapter(tmp_path, cells):
    notebook = nbformat.v4.new_notebook(cells=cells)
    path = tmp_path / "01-test.ipynb"
    nbformat.write(notebook, path)
    return read_chapter(path)


EXERCISE = """```{{exercise}} {title}
:label: {label}
:class: {difficulty}

*About {minutes} minutes · Skills: {skills}*

Draw it.
```
"""


def test_read_chapter_parses_exercises_and_gated_solutions(tmp_path):
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    chapter = _chapter(tmp_path, [
        md("# A chapter\n\n" + EXERCISE.format(title="Count (coding)", label="t-one",
                                              difficulty="introductory", minutes=10,
                                              skills="grouping")
           + "\n```{solution-start} t-one\n:class: dropdown\n```\nCount the rows."),
        code("counts = frame.groupby('kind').size()"),
        # one cell closes the first solution and opens the second
        md("```{solution-end}\n```\n\n" + EXERCISE.format(
            title="Build the chart (coding)", label="t-two", difficulty="advanced", minutes=30,
            skills="filtering, chart building")
           + "\n```{solution-start} t-two\n:class: dropdown\n```\nEncode, then frame it."),
        code("chart = alt.Chart(frame).mark_bar()\ncharts.finish(chart, title='T')"),
        md("```{solution-end}\n```\n\nText after the solutions."),
    ])
    first, second = chapter.exercises
    assert (first.kind, first.difficulty, first.minutes, first.skills) == \
        ("coding", "introductory", 10, ["grouping"])
    assert (second.label, second.minutes, second.skills) == \
        ("t-two", 30, ["filtering", "chart building"])
    assert chapter.solutions["t-one"] == ["Count the rows.", "counts = frame.groupby('kind').size()"]
    assert "chart = alt.Chart(frame).mark_bar()" in chapter.solutions["t-two"]
    assert not any("Text after" in line for lines in chapter.solutions.values() for line in lines)
    assert not builds_a_chart(first, chapter.solutions["t-one"])
    assert builds_a_chart(second, chapter.solutions["t-two"])


def test_a_chart_skill_without_a_chart_in_the_solution_is_not_chart_building(tmp_path):
    exercise = exercises.Exercise("x", "X (coding)", "coding", "intermediate", 20, [CHART_BUILDING])
    assert not builds_a_chart(exercise, ["frame.plot()"])


def test_index_markdown_shows_kind_difficulty_time_and_skills():
    index = pd.DataFrame([
        {"chapter": "01-a", "chapter_title": "A", "label": "a-1", "title": "One (coding)",
         "kind": "coding", "difficulty": "advanced", "minutes": 40, "skills": "joins, dates"},
        {"chapter": "01-a", "chapter_title": "A", "label": "a-2", "title": "Two (discussion)",
         "kind": "discussion", "difficulty": "introductory", "minutes": 10, "skills": "argument"}])
    text = exercises.index_markdown(index)
    assert "### A\n\n*2 exercises, about 50 minutes in all.*" in text
    assert "- {ref}`One <a-1>` — *coding*, advanced, about 40 min · skills: joins, dates" in text
