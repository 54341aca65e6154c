"""What several test modules share: the repository, the CI flag, the table of contents, and
the one way the tests build the book (as `make book` and `make pdf` do)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from handbook import ROOT

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


def build_book(builder: str = "html", out: Path | None = None, *, warnings_as_errors: bool = True,
               env: dict[str, str] | None = None) -> None:
    """Build the whole book with Jupyter Book (into ``out``/_build, or the repository's _build);
    fail the test with the build's own output if it does not build."""
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT),
               "--builder", builder, "--all", "-n", "--keep-going"]
    if warnings_as_errors:
        command.append("-W")
    if out is not None:
        command += ["--path-output", str(out)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    if result.returncode != 0:
        pytest.fail(f"the book does not build ({builder}):\n"
                    + result.stdout[-6000:] + result.stderr[-3000:], pytrace=False)
