"""The chapters' exercises, read from the notebooks themselves.

An exercise is a sphinx-exercise ``{exercise}`` directive whose title ends with its kind in
parentheses, "(coding)", "(source criticism)", "(chart reading)" or "(discussion)", and whose
``:class:`` names its difficulty ("introductory", "intermediate" or "advanced"). The first line
of its body gives the estimated time and the skills practised, in this form::

    *About 20 minutes · Skills: filtering, joins, chart building*

(the directive accepts only ``:label:``, ``:class:``, ``:nonumber:`` and ``:hidden:`` and rejects
any other option, so the line is part of the text students read; the skills come from
:data:`SKILLS`). Its solution is a ``{solution}`` directive, or text and
code cells between ``{solution-start}`` and ``{solution-end}``. An exercise whose skills include
:data:`CHART_BUILDING` asks the student to build or change an Altair chart, and its solution
draws one. The exercise index page and the tests both read them from here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pandas as pd

from . import ROOT

KINDS = ("coding", "source criticism", "chart reading", "discussion")
DIFFICULTIES = ("introductory", "intermediate", "advanced")
CHART_BUILDING = "chart building"
# The skills an exercise may name, in the order the index lists them: working with data, then
# charts, then sources and argument.
SKILLS = ("filtering", "grouping", "joins", "reshaping", "dates", "text matching", "statistics",
          CHART_BUILDING, "chart reading", "close reading", "tracing a claim", "comparing sources",
          "attribution", "status rule", "judging evidence", "argument", "writing")

_EXERCISE = re.compile(r"```\{exercise\}[ \t]*(?P<title>[^\n]*)\n(?P<options>(?::[^\n]*\n)*)"
                       r"(?P<body>.*?)\n```", re.S)
_META = re.compile(r"^\*About (?P<minutes>\d+) minutes · Skills: (?P<skills>[^*]+)\*$")
_SOLUTION = re.compile(r"```\{solution\}\s*(?P<label>\S+)\n(?P<body>.*?)\n```", re.S)
_GATED_START = re.compile(r"```\{solution-start\}\s*(?P<label>\S+)")
_GATED_END = "```{solution-end}"


@dataclass
class Exercise:
    label: str
    title: str
    kind: str
    difficulty: str
    minutes: int | None = None  # estimated time, from the body's first line
    skills: list[str] = field(default_factory=list)


@dataclass
class Chapter:
    path: Path
    title: str
    text: str
    exercises: list[Exercise] = field(default_factory=list)
    solutions: dict[str, list[str]] = field(default_factory=dict)  # label -> solution lines


def chapter_paths(book: Path = ROOT / "book") -> list[Path]:
    """Numbered chapters (NN-topic.ipynb) in reading order."""
    return sorted(book.glob("[0-9][0-9]-*.ipynb"))


def _option(options: str, name: str) -> str:
    match = re.search(rf"^:{name}:[ \t]*(.*)$", options, re.M)
    return match.group(1).strip() if match else ""


def _parse_exercise(match: re.Match) -> Exercise:
    title = match["title"].strip()
    kind_match = re.search(r"\(([^()]*)\)\s*$", title)
    kind = kind_match.group(1).strip().lower() if kind_match else ""
    classes = _option(match["options"], "class").split()
    difficulty = next((c for c in classes if c in DIFFICULTIES), "")
    minutes, skills = parse_meta(match["body"])
    return Exercise(_option(match["options"], "label"), title, kind, difficulty, minutes, skills)


def parse_meta(body: str) -> tuple[int | None, list[str]]:
    """Estimated minutes and skills from the first non-empty line of an exercise's body:
    ``*About 20 minutes · Skills: filtering, chart building*``; (None, []) if it has none."""
    first = next((line_.strip() for line_ in body.splitlines() if line_.strip()), "")
    meta = _META.match(first)
    if not meta:
        return None, []
    return int(meta["minutes"]), [s.strip() for s in meta["skills"].split(",") if s.strip()]


def _text_lines(lines: list[str]) -> list[str]:
    return [line_ for line_ in lines if line_.strip() and not line_.startswith(("```", ":"))]


def read_chapter(path: Path) -> Chapter:
    notebook = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in notebook.cells)
    heading = re.search(r"^# (.+)$", text, re.M)
    chapter = Chapter(path, heading.group(1).strip() if heading else path.stem, text)
    gated: str | None = None
    for cell in notebook.cells:
        source = cell.source
        if cell.cell_type == "markdown":
            chapter.exercises += [_parse_exercise(m) for m in _EXERCISE.finditer(source)]
            for m in _SOLUTION.finditer(source):
                lines = [line_ for line_ in m["body"].splitlines() if line_.strip() and not line_.startswith(":")]
                chapter.solutions.setdefault(m["label"], []).extend(lines)
            if gated:  # text inside a gated solution, up to its end
                before = source.split(_GATED_END)[0]
                chapter.solutions[gated].extend(_text_lines(before.splitlines()))
                if _GATED_END in source:
                    gated = None
            start = _GATED_START.search(source)
            if start:  # (a cell may close one solution, then open the next)
                gated = start["label"]
                after = source[start.end():]
                chapter.solutions.setdefault(gated, []).extend(
                    _text_lines(after.split(_GATED_END)[0].splitlines()[1:]))
                if _GATED_END in after:
                    gated = None
        elif gated:
            chapter.solutions.setdefault(gated, []).extend(line_ for line_ in source.splitlines() if line_.strip())
    return chapter


def exercise_index(paths: list[Path] | None = None) -> pd.DataFrame:
    """One row per exercise: chapter, label, title, kind, difficulty, estimated minutes and
    skills (joined with ", ")."""
    rows = []
    for path in paths if paths is not None else chapter_paths():
        chapter = read_chapter(path)
        for exercise in chapter.exercises:
            rows.append({"chapter": path.stem, "chapter_title": chapter.title,
                         "label": exercise.label, "title": exercise.title,
                         "kind": exercise.kind, "difficulty": exercise.difficulty,
                         "minutes": exercise.minutes, "skills": ", ".join(exercise.skills)})
    return pd.DataFrame(rows, columns=["chapter", "chapter_title", "label", "title", "kind",
                                       "difficulty", "minutes", "skills"])


def builds_a_chart(exercise: Exercise, solution: list[str]) -> bool:
    """Whether an exercise is a chart-building one: it names the skill, and its solution draws
    an Altair chart and frames it as the chapters' charts are framed."""
    code = "\n".join(solution)
    return CHART_BUILDING in exercise.skills and "alt.Chart(" in code and "charts.finish(" in code


def index_markdown(index: pd.DataFrame) -> str:
    """The exercise index as MyST: one section per chapter, one line per exercise, linked, with
    its kind, difficulty, estimated time and skills."""
    lines = []
    for _chapter, group in index.groupby("chapter", sort=True):
        minutes = group["minutes"].dropna()
        lines += [f"### {group['chapter_title'].iloc[0]}", ""]
        if len(minutes):
            lines += [f"*{len(group)} exercises, about {int(minutes.sum())} minutes in all.*", ""]
        for row in group.itertuples():
            title = re.sub(r"\s*\([^()]*\)\s*$", "", row.title)
            time = f", about {int(row.minutes)} min" if pd.notna(row.minutes) else ""
            skills = f" · skills: {row.skills}" if row.skills else ""
            lines.append(f"- {{ref}}`{title} <{row.label}>` — *{row.kind}*, {row.difficulty}"
                         f"{time}{skills}")
        lines.append("")
    return "\n".join(lines)
