"""Reading the chapters' notebooks: their exercises and solutions (shared by the tests)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
EXERCISE = re.compile(r"```\{exercise\}\s*(?P<title>[^\n]*)\n(?:[^\n]*\n)*?:label:\s*(?P<label>\S+)")
SOLUTION = re.compile(r"```\{solution\}\s*(?P<label>\S+)\n(?P<body>.*?)\n```", re.S)
GATED_START = re.compile(r"```\{solution-start\}\s*(?P<label>\S+)")
GATED_END = "```{solution-end}"


def chapter_paths() -> list[Path]:
    """Numbered chapters (NN-topic.ipynb) in book/."""
    return sorted(p for p in (ROOT / "book").glob("[0-9][0-9]-*.ipynb"))


@dataclass
class Chapter:
    path: Path
    text: str
    exercises: dict[str, str] = field(default_factory=dict)  # label -> title
    solutions: dict[str, list[str]] = field(default_factory=dict)  # label -> solution lines


def read_chapter(path: Path) -> Chapter:
    notebook = nbformat.read(path, as_version=4)
    chapter = Chapter(path, "\n".join(c.source for c in notebook.cells))
    gated: str | None = None
    for cell in notebook.cells:
        source = cell.source
        if cell.cell_type == "markdown":
            for m in EXERCISE.finditer(source):
                chapter.exercises[m["label"]] = m["title"].strip()
            for m in SOLUTION.finditer(source):
                lines = [l for l in m["body"].splitlines() if l.strip() and not l.startswith(":")]
                chapter.solutions.setdefault(m["label"], []).extend(lines)
            start = GATED_START.search(source)
            if start:
                gated = start["label"]
                after = source[start.end():].split(GATED_END)[0]
                chapter.solutions.setdefault(gated, []).extend(
                    l for l in after.splitlines()[1:] if l.strip() and not l.startswith(("```", ":")))
            if GATED_END in source:
                gated = None
        elif gated:
            chapter.solutions.setdefault(gated, []).extend(
                l for l in source.splitlines() if l.strip())
    return chapter
