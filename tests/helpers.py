"""What several test modules share: the repository, the CI flag, the table of contents,
and the small books that tests of the build mechanism use instead of the whole handbook."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import yaml

from handbook import BIB_PATH, DATA_DIR, ROOT

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def toc_files() -> list[str]:
    """Every page in _toc.yml, in reading order, as a path without suffix ('book/01-timeline')."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            files.append(chapter["file"])
            files += [section["file"] for section in chapter.get("sections", [])]
    return files


SMALL_CONFIG = """title: "A small book"
author: "Tests"
only_build_toc_files: true
exclude_patterns: [data/**, _build, .jupyter_cache]
execute:
  execute_notebooks: cache
  cache: .jupyter_cache
  allow_errors: false
sphinx:
  config:
    nb_execution_raise_on_error: true
"""
SMALL_TOC = """format: jb-book
root: book/index
chapters:
  - file: book/page
"""


def notebook(code: str, markdown: str = "# A page\n\nSome prose.") -> str:
    """A one-code-cell notebook, as JSON text."""
    return json.dumps({
        "cells": [{"cell_type": "markdown", "id": "prose", "metadata": {}, "source": markdown},
                  {"cell_type": "code", "id": "code", "metadata": {}, "execution_count": None,
                   "outputs": [], "source": code}],  # nbformat 4.5 requires cell ids
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5})


def make_small_book(root: Path, code: str, index: str, markdown: str = "# A page\n\nSome prose.") -> Path:
    """A book of two pages (``book/index.md`` and the notebook ``book/page.ipynb``) beside a copy
    of the real data, for tests of the build that need not build the whole handbook."""
    (root / "book").mkdir(parents=True, exist_ok=True)
    shutil.copytree(DATA_DIR, root / "data", dirs_exist_ok=True)
    shutil.copy(BIB_PATH, root / "book" / "references.bib")
    (root / "_config.yml").write_text(SMALL_CONFIG, encoding="utf-8")
    (root / "_toc.yml").write_text(SMALL_TOC, encoding="utf-8")
    (root / "book" / "index.md").write_text(index, encoding="utf-8")
    (root / "book" / "page.ipynb").write_text(notebook(code, markdown), encoding="utf-8")
    return root
