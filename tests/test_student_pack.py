"""The student pack (handbook/pack.py, `make student-pack`): no solution and no seed in it, pinned
requirements, reproducible bytes; and, unpacked into a fresh virtual environment that has only its
requirements.txt installed, every notebook in it runs, and so does every full chapter (solutions
included), since every coding solution must run in what students install."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from test_editions import normalise, solution_snippets

from handbook import SEED_PATH
from handbook.exercises import chapter_paths, read_chapter
from handbook.pack import HOSTED, NAME, PLATFORM_PINS, build, requirements, strip_solutions
from helpers import IN_CI, ROOT

# The content checks take seconds and run in `make check`; the fresh environment takes minutes
# (a venv, pip install, every notebook twice) and is marked slow.


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    return build(ROOT, tmp_path_factory.mktemp("pack"))


@pytest.fixture(scope="module")
def files(pack) -> dict[str, bytes]:
    with zipfile.ZipFile(pack) as archive:
        names = archive.namelist()
        assert all(n.startswith(f"{NAME}/") for n in names), "everything in one folder"
        return {n.removeprefix(f"{NAME}/"): archive.read(n) for n in names}


def test_pack_is_reproducible(pack, tmp_path):
    again = build(ROOT, tmp_path)
    assert again.read_bytes() == pack.read_bytes(), "two builds of the pack differ"
    with zipfile.ZipFile(pack) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_pack_holds_chapters_data_package_requirements_and_readme(files):
    chapters = [p.name for p in chapter_paths()]
    assert len(chapters) >= 10
    for name in chapters + ["data-catalogue.ipynb", "README.md", "requirements.txt",
                            "requirements-hosted.txt",
                            "book/references.bib", "handbook/__init__.py", "handbook/data.py",
                            "handbook/charts.py"]:
        assert name in files, f"{name} is not in the pack"
    data = {str(p.relative_to(ROOT)) for p in (ROOT / "data").rglob("*") if p.is_file()}
    assert data and data <= set(files), f"data missing from the pack: {sorted(data - set(files))}"
    # not what only the site build needs
    assert not [n for n in files if n.startswith(("handbook/sphinx/", "handbook/build.py",
                                                  "handbook/pack"))]
    assert "exercises.ipynb" not in files  # the exercise index reads the chapters' book/ folder
    readme = files["README.md"].decode("utf-8")
    for needed in ("-m venv", "pip install -r requirements.txt", "-m jupyterlab", "Windows",
                   "macOS", "Linux", "hosted", "%pip install -r requirements-hosted.txt",
                   "Python 3.11.5"):
        assert needed in readme, f"the README does not say {needed!r}"


def test_copied_files_are_the_repository_files(files):
    """Everything but the notebooks, the README and requirements.txt is a byte-for-byte copy, so
    solution text can only reach the pack through the files the next test reads."""
    generated = {n for n in files if n.endswith(".ipynb")} | {"README.md", "requirements.txt",
                                                              "requirements-hosted.txt"}
    for name, data in files.items():
        if name not in generated:
            assert (ROOT / name).read_bytes() == data, f"{name} differs from the repository's"


def test_no_solution_text_in_the_pack(files):
    snippets = solution_snippets()
    assert len(snippets) >= 3 * len(chapter_paths())
    generated = [n for n in files if n.endswith(".ipynb")] + ["README.md", "requirements.txt",
                                                              "requirements-hosted.txt"]
    text = normalise("\n".join(files[n].decode("utf-8") for n in generated))
    text += normalise("\n".join(c.source for n in generated if n.endswith(".ipynb")
                                for c in nbformat.reads(files[n].decode("utf-8"), 4).cells))
    leaked = [s for s in snippets if normalise(s) in text]
    assert leaked == [], f"{len(leaked)} solution lines in the pack: {leaked[:5]}"


def test_solutions_removed_and_nothing_else(files, tmp_path):
    """The pack's copy of a chapter has every exercise and no solution (as handbook.exercises
    reads them); every code cell outside a solution is kept; no output is stored."""
    for path in chapter_paths():
        copy = tmp_path / path.name
        copy.write_bytes(files[path.name])
        original, packed = read_chapter(path), read_chapter(copy)
        assert [e.label for e in packed.exercises] == [e.label for e in original.exercises]
        assert packed.solutions == {}, (path.name, list(packed.solutions))
        solution_lines = {line_ for lines in original.solutions.values() for line_ in lines}
        notebook = nbformat.read(copy, as_version=4)
        kept = [c.source for c in notebook.cells if c.cell_type == "code"]
        expected = [c.source for c in nbformat.read(path, as_version=4).cells
                    if c.cell_type == "code"
                    and not all(line_ in solution_lines for line_ in c.source.splitlines() if line_.strip())]
        assert kept == expected, f"{path.name}: code cells other than solutions were changed"
        assert not [c for c in notebook.cells if c.cell_type == "code" and c.outputs]


def test_strip_solutions_cuts_every_form_and_keeps_the_rest():
    """A {solution} beside its exercise in one cell; gated solutions over text and code cells; a
    cell that closes one gated solution and opens the next."""
    v4 = nbformat.v4
    notebook = v4.new_notebook(cells=[
        v4.new_markdown_cell("```{exercise} One (coding)\n:label: one\n:class: introductory\n\n"
                             "Do it.\n```\n\n```{solution} one\n:class: dropdown\n\nSECRET-A\n```\n\n"
                             "After A."),
        v4.new_markdown_cell("```{solution-start} two\n:class: dropdown\n```\nSECRET-B"),
        v4.new_code_cell("print('SECRET-C')"),
        v4.new_markdown_cell("```{solution-end}\n```\n\nBetween.\n\n```{solution-start} three\n"
                             ":class: dropdown\n```\nSECRET-D"),
        v4.new_code_cell("x = 'SECRET-E'"),
        v4.new_markdown_cell("```{solution-end}\n```"),
        v4.new_code_cell("print('kept')", execution_count=3,
                         outputs=[v4.new_output("stream", name="stdout", text="kept\n")]),
    ])
    stripped = strip_solutions(notebook)
    text = "\n".join(c.source for c in stripped.cells)
    assert "SECRET" not in text and "solution" not in text, text
    for kept in ("Do it.", "After A.", "Between.", "print('kept')"):
        assert kept in text
    assert [c.cell_type for c in stripped.cells] == ["markdown", "markdown", "code"]
    assert stripped.cells[-1].outputs == [] and stripped.cells[-1].execution_count is None
    assert "SECRET-A" in notebook.cells[0].source, "the notebook passed in is not changed"


def test_no_seed_in_the_pack(files):
    assert not [n for n in files if "source-article" in n
                or n.endswith(".txt") and not n.startswith("requirements")]
    if not SEED_PATH.exists():
        if IN_CI:
            pytest.fail(f"the seed article is missing at {SEED_PATH}")
        pytest.skip(f"the seed article is not at {SEED_PATH}")
    paragraphs = [p.strip() for p in SEED_PATH.read_text(encoding="utf-8").splitlines()
                  if len(p.strip()) > 80]
    text = "\n".join("\n".join(c.source for c in nbformat.reads(data.decode("utf-8"), 4).cells)
                     if name.endswith(".ipynb") else data.decode("utf-8", errors="replace")
                     for name, data in files.items())
    quoted = [p for p in paragraphs if p in text]
    # the chapters quote some of its paragraphs; the article itself holds them all
    assert len(quoted) < len(paragraphs) / 2, f"{len(quoted)} of {len(paragraphs)} paragraphs"


def test_requirements_are_pinned_to_the_lock(files):
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = dict(re.findall(r"^([A-Za-z0-9][\w.-]*)==(\S+)", lock, re.M))
    lines = [line_.split("#")[0].strip() for line_ in files["requirements.txt"].decode("utf-8").splitlines()
             if line_.strip() and not line_.startswith("#")]
    assert [line_.split(";")[0] for line_ in lines if ";" not in line_ or "!=" in line_] \
        == requirements(lock)
    names = set()
    for line_ in lines:
        pin, _, marker = line_.partition(";")
        name, version = pin.strip().split("==")
        if marker and "==" in marker:  # another version where the lock's has no wheel
            there, _elsewhere, other, _why = PLATFORM_PINS[name]
            assert (marker.strip(), version) == (there, other), line_
        else:
            assert pinned[name] == version, line_
        names.add(name)
    assert {"jupyterlab", "ipykernel", "pandas", "altair", "frictionless", "pybtex",
            "myst-nb", "vl-convert-python"} <= names  # vl-convert: charts drawn offline
    hosted = [line_ for line_ in files["requirements-hosted.txt"].decode("utf-8").splitlines()
              if line_.strip() and not line_.startswith("#")]
    assert hosted == sorted(f"{name}=={pinned[name]}" for name in HOSTED)
    assert not {"jupyterlab", "ipykernel"} & {line_.split("==")[0] for line_ in hosted}
    build_only = {"pytest", "playwright", "ruff", "jupyter-book", "pip-tools", "nbval",
                  "sphinx-exercise", "pre-commit", "hypothesis"}
    assert not names & build_only


# --- A fresh environment ------------------------------------------------------------------------

def _clean_environment(venv: Path, home: Path) -> dict[str, str]:
    """The environment a student's terminal would have: the fresh venv first on PATH, not the
    project's .venv; Jupyter's and IPython's folders private; no seed; no HANDBOOK_CHARTS, so
    charts are drawn as a student's JupyterLab draws them (an SVG from vl-convert, offline)."""
    path = [p for p in os.environ.get("PATH", "").split(os.pathsep)
            if not p.startswith(str(ROOT / ".venv"))]
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "HANDBOOK_CHARTS")
           and not k.startswith("JUPYTER")}
    env.update({"PATH": os.pathsep.join([str(venv / "bin"), *path]),
                "JUPYTER_DATA_DIR": str(home / "jupyter-data"),
                "JUPYTER_CONFIG_DIR": str(home / "jupyter-config"),
                "IPYTHONDIR": str(home / "ipython"),
                "HANDBOOK_SEED": str(home / "no-seed-here.txt"),
                "PYTHONNOUSERSITE": "1"})
    return env


@pytest.fixture(scope="module")
def executed(pack, tmp_path_factory) -> dict:
    """Unpack, create a fresh venv (no system site packages), pip install -r requirements.txt,
    then execute the pack's notebooks and the full chapters with that venv's own kernel, from
    the unpacked folder; two notebooks at a time."""
    home = tmp_path_factory.mktemp("student")
    with zipfile.ZipFile(pack) as archive:
        archive.extractall(home)
    folder = home / NAME
    venv = folder / ".venv"
    env = _clean_environment(venv, home)
    python = venv / "bin" / "python"
    # STUDENT_PACK_PYTHON=/path/to/python3.13 tries another interpreter (default: this one's)
    interpreter = os.environ.get("STUDENT_PACK_PYTHON") or sys.executable
    # --no-compile: pip would byte-compile every installed module (half the install's time, 49 s
    # against 26 s here); Python compiles the ones the notebooks import when they first run.
    for command in ([interpreter, "-m", "venv", str(venv)],
                    [str(python), "-m", "pip", "install", "--quiet", "--no-compile", "-r",
                     "requirements.txt"],
                    [str(python), "-m", "pip", "check"]):
        result = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True,
                                timeout=1800)
        assert result.returncode == 0, f"{' '.join(command[-3:])}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
    notebooks = sorted(str(p) for p in folder.glob("*.ipynb"))
    full = [str(p) for p in chapter_paths()]
    result = subprocess.run([str(python), str(Path(__file__).with_name("pack_runner.py")),
                             str(folder), *notebooks, *full],
                            cwd=folder, env=env, capture_output=True, text=True, timeout=3600)
    assert result.returncode == 0, result.stderr[-5000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(report["kernel_prefix"]).resolve() == venv.resolve(), \
        f"the kernel ran {report['kernel_prefix']}, not the fresh environment"
    return {"pack": {Path(n).name: report["notebooks"][n] for n in notebooks},
            "full": {Path(n).name: report["notebooks"][n] for n in full}}


def _failures(results: dict) -> str:
    return "\n\n".join(f"{name}, cell {r['cell']}:\n{r['source']}\n{r['error']}"
                       for name, r in results.items() if r is not None)


@pytest.mark.slow
def test_every_pack_notebook_runs_in_a_fresh_environment(executed):
    assert len(executed["pack"]) == len(chapter_paths()) + 1
    failed = _failures(executed["pack"])
    assert not failed, f"notebooks of the pack that fail in a fresh environment:\n{failed}"


@pytest.mark.slow
def test_every_full_chapter_runs_in_the_pack_environment(executed):
    """Issue 16: every coding solution runs in the student pack's environment."""
    assert len(executed["full"]) == len(chapter_paths())
    failed = _failures(executed["full"])
    assert not failed, f"chapters (with solutions) that fail in the pack's environment:\n{failed}"
