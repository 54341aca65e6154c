"""The chapters' exercises, read from the notebooks themselves.

An exercise is a sphinx-exercise ``{exercise}`` directive whose title ends with its kind in
parentheses, "(coding)", "(source criticism)", "(chart reading)" or "(discussion)", and whose
``:class:`` names its difficulty ("introductory", "intermediate" or "advanced"). Its solution is
a ``{solution}`` directive, or text and code cells between ``{solution-start}`` and
``{solution-end}``. The exercise index page and the tests both read them from here.
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

_EXERCISE = re.compile(r"```\{exercise\}[ \t]*(?P<title>[^\n]*)\n(?P<options>(?::[^\n]*\n)*)")
_SOLUTION = re.compile(r"```\{solution\}\s*(?P<label>\S+)\n(?P<body>.*?)\n```", re.S)
_GATED_START = re.compile(r"```\{solution-start\}\s*(?P<label>\S+)")
_GATED_END = "```{solution-end}"


@dataclass
class Exercise:
    label: str
    title: str
    kind: str
    difficulty: str


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
    return Exercise(_option(match["options"], "label"), title, kind, difficulty)


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
            start = _GATED_START.search(source)
            if start:
                gated = start["label"]
                after = source[start.end():].split(_GATED_END)[0]
                chapter.solutions.setdefault(gated, []).extend(
                    line_ for line_ in after.splitlines()[1:] if line_.strip() and not line_.startswith(("```", ":")))
            if _GATED_END in source:
                gated = None
        elif gated:
            chapter.solutions.setdefault(gated, []).extend(line_ for line_ in source.splitlines() if line_.strip())
    return chapter


def exercise_index(paths: list[Path] | None = None) -> pd.DataFrame:
    """One row per exercise: chapter, label, title, kind, difficulty."""
    rows = []
    for path in paths if paths is not None else chapter_paths():
        chapter = read_chapter(path)
        for exercise in chapter.exercises:
            rows.append({"chapter": path.stem, "chapter_title": chapter.title,
                         "label": exercise.label, "title": exercise.title,
                         "kind": exercise.kind, "difficulty": exercise.difficulty})
    return pd.DataFrame(rows, columns=["chapter", "chapter_title", "label", "title", "kind",
                                       "difficulty"])


def index_markdown(index: pd.DataFrame) -> str:
    """The exercise index as MyST: one section per chapter, one line per exercise, linked."""
    lines = []
    for _chapter, group in index.groupby("chapter", sort=True):
        lines += [f"### {group['chapter_title'].iloc[0]}", ""]
        for row in group.itertuples():
            title = re.sub(r"\s*\([^()]*\)\s*$", "", row.title)
            lines.append(f"- {{ref}}`{title} <{row.label}>` — *{row.kind}*, {row.difficulty}")
        lines.append("")
    return "\n".join(lines)
