"""The student pack: the chapters as notebooks without their solutions, ready to run anywhere.

    python -m handbook.pack [--out DIR]      # or: make student-pack

writes ``_build/student-pack/reading-the-kremlin-student-pack.zip``. Unpacked, it is one folder:

- ``README.md``: from a fresh laptop to a running notebook (the text is ``handbook/pack_README.md``);
- ``requirements.txt``: what the notebooks need to run in JupyterLab, and the packages those need
  in turn, each at the exact version of ``requirements.lock``, the environment the book is
  tested with (:func:`requirements`); ``requirements-hosted.txt``: only the libraries the
  notebooks import, for a hosted service that runs its own Jupyter;
- every chapter, ``NN-topic.ipynb``, and the data catalogue, with every solution removed (not
  hidden: the ``{solution}`` directives, and everything from ``{solution-start}`` to
  ``{solution-end}``, code cells included; see :func:`strip_solutions`) and outputs cleared;
- ``data/``, ``book/references.bib`` (the sources the data cite, which the package reads) and the
  ``handbook`` package, only the modules the notebooks import (:func:`package_modules`): not the
  site build, the Sphinx extensions or this module.

The notebooks sit at the top of the folder, beside ``handbook/``, so that a kernel started there
imports the package without installing it, and the package finds ``data/`` beside itself, as it
does in the repository. The seed article is not in the pack: no notebook reads it.

The zip is reproducible: entries sorted, every timestamp fixed, fixed permissions, so building it
twice from the same sources gives the same bytes (the site links it, and two builds of the site
must be identical).
"""
from __future__ import annotations

import argparse
import ast
import io
import re
import sys
import zipfile
from pathlib import Path

import nbformat

from . import ROOT
from .exercises import _GATED_END, _GATED_START, _SOLUTION, chapter_paths
from .files import write_atomically

NAME = "reading-the-kremlin-student-pack"
OUT_DIR = ROOT / "_build" / "student-pack"
#: Notebooks of the book besides the chapters that run on their own in the pack. The exercise
#: index is not one: it reads the chapters' solutions' labels from ``book/``.
EXTRA_NOTEBOOKS = ["data-catalogue.ipynb"]
#: What the notebooks import, as distributions (the lock's names). pandas' ``Styler`` needs
#: jinja2; ``handbook.data`` validates with frictionless and ``handbook.sources`` reads the
#: bibliography with pybtex; the chapters call ``myst_nb.glue``; ``handbook.charts`` draws each
#: chart as an SVG in the kernel with vl-convert, so charts need no network in JupyterLab.
DISTRIBUTIONS = ["jupyterlab", "ipykernel", "pandas", "jinja2", "altair", "frictionless",
                 "pybtex", "myst-nb", "vl-convert-python"]
#: What a hosted Jupyter service lacks: the libraries the notebooks import, not Jupyter itself,
#: which the service runs (requirements-hosted.txt; pip resolves what they need in turn).
HOSTED = [d for d in DISTRIBUTIONS if d not in ("jupyterlab", "ipykernel")]
#: Where the lock's version cannot install from a wheel on a platform students use, the pack pins
#: another version there: name -> (the platform's marker, its negation (PEP 508 has no "not"),
#: the version there, why); everywhere else the lock's version.
PLATFORM_PINS = {
    "argon2-cffi-bindings": ('sys_platform == "darwin" and platform_machine == "x86_64"',
                             'sys_platform != "darwin" or platform_machine != "x86_64"', "25.1.0",
                             "26.2.0 has no wheel for Intel Macs"),
}
#: Never pinned in the pack: a student's pip upgrades itself.
UNPINNED = {"pip", "setuptools", "wheel"}
#: 1 January 1980, the earliest time a zip entry can hold.
EPOCH = (1980, 1, 1, 0, 0, 0)
README = Path(__file__).with_name("pack_README.md")
#: Any solution directive's opening fence (backticks or colons): none may be left in the pack.
_ANY_SOLUTION = re.compile(r"^[ \t]*(?:`{3,}|:{3,})[ \t]*\{solution", re.M)


# --- Solutions ---------------------------------------------------------------------------------

_CLOSING_FENCE = re.compile(r"^`{3,}[ \t]*$\n?", re.M)


def _end_of_fence(text: str, start: int) -> int:
    """Where the directive whose opening line starts at ``start`` ends: after its closing fence
    (the next line of backticks alone), or at the end of the text."""
    line_end = text.find("\n", start)
    match = _CLOSING_FENCE.search(text, line_end + 1) if line_end >= 0 else None
    return match.end() if match else len(text)


def _strip_markdown(text: str, gated: bool) -> tuple[str, bool]:
    """A markdown cell's text without its solutions, and whether a gated solution is still open
    at its end. ``gated``: whether one was open at its start."""
    kept = []
    position = 0
    while True:
        if gated:
            end = text.find(_GATED_END, position)
            if end < 0:
                return "".join(kept), True
            position = _end_of_fence(text, end)
            gated = False
            continue
        start = _GATED_START.search(text, position)
        chunk = text[position:start.start() if start else len(text)]
        kept.append(_SOLUTION.sub("", chunk))
        if not start:
            return "".join(kept), False
        position = start.start()
        gated = True


def strip_solutions(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``notebook`` with every solution removed and every output cleared.

    The solutions are found as :mod:`handbook.exercises` finds them: ``{solution}`` directives are
    cut out of their markdown cells, and from a ``{solution-start}`` marker to its
    ``{solution-end}`` every text and code cell goes. A cell left empty is dropped.
    """
    stripped = nbformat.from_dict(notebook)
    cells = []
    gated = False
    for cell in stripped.cells:
        if cell.cell_type == "markdown":
            text, gated = _strip_markdown(cell.source, gated)
            if text != cell.source:  # tidy the blank lines a removed block leaves
                text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
            if not text.strip():
                continue
            cell.source = text
        elif gated:
            continue
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    stripped.cells = cells
    return stripped


# --- The package and the requirements ----------------------------------------------------------

def _imported_modules(code: str) -> set[str]:
    """``handbook`` submodules a notebook's code imports (``from handbook import a, b``,
    ``from handbook.a import …``, ``import handbook.a``)."""
    names = set()
    for match in re.finditer(r"^\s*from\s+handbook\s+import\s+\(?([\w, \t]+)", code, re.M):
        names |= {n.strip().split(" as ")[0].strip() for n in match[1].split(",") if n.strip()}
    names |= set(re.findall(r"^\s*(?:from|import)\s+handbook\.(\w+)", code, re.M))
    return names


def package_modules(notebooks: list[nbformat.NotebookNode], package: Path = ROOT / "handbook") -> list[Path]:
    """The package's files the notebooks need: ``__init__.py``, the modules they import, and
    the modules those import in turn (relative imports), in sorted order."""
    code = "\n".join(c.source for nb in notebooks for c in nb.cells if c.cell_type == "code")
    wanted = {n for n in _imported_modules(code) if (package / f"{n}.py").exists()}
    todo = list(wanted) + ["__init__"]
    seen = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        tree = ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                candidates = [node.module] if node.module else [a.name for a in node.names]
                todo += [c.split(".")[0] for c in candidates
                         if (package / f"{c.split('.')[0]}.py").exists()]
    return sorted(package / f"{name}.py" for name in seen)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(lock: str, wanted: list[str] = DISTRIBUTIONS) -> list[str]:
    """``name==version`` lines for ``wanted`` and everything they depend on, read from a
    pip-compile lock file: a package is needed when one of the packages its ``# via`` comment
    names is needed."""
    pins: dict[str, str] = {}
    parents: dict[str, set[str]] = {}
    current = None
    for line in lock.splitlines():
        pin = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line)
        if pin:
            current = _normal(pin[1])
            pins[current] = f"{pin[1]}=={pin[2]}"
            parents[current] = set()
        elif current and line.startswith("    #"):
            comment = line.strip().lstrip("#").strip()
            comment = comment[len("via"):] if comment.startswith("via") else comment
            for name in comment.split(","):
                name = name.strip()
                if name and not name.startswith("-r"):
                    parents[current].add(_normal(name.split("[")[0]))
    missing = [w for w in wanted if _normal(w) not in pins]
    if missing:
        raise ValueError(f"not in the lock file: {missing}")
    needed = {_normal(w) for w in wanted}
    changed = True
    while changed:
        changed = False
        for name, via in parents.items():
            if name not in needed and via & needed:
                needed.add(name)
                changed = True
    return sorted(pins[name] for name in needed if name not in UNPINNED)


def requirements_text(lock: str) -> str:
    lines = []
    for line in requirements(lock):
        name = line.split("==")[0]
        if _normal(name) in PLATFORM_PINS:
            there, elsewhere, version, why = PLATFORM_PINS[_normal(name)]
            lines += [f"{line}; {elsewhere}", f"{name}=={version}; {there}  # {why}"]
        else:
            lines.append(line)
    return ("# The student pack's environment: what its notebooks need to run in JupyterLab, and\n"
            "# what those packages need in turn, at the versions the handbook is tested with\n"
            "# (taken from its requirements.lock). Python 3.11, 3.12 or 3.13.\n"
            "#   python -m pip install -r requirements.txt\n"
            + "\n".join(lines) + "\n")


def hosted_requirements_text(lock: str) -> str:
    pins = {_normal(line.split("==")[0]): line for line in requirements(lock, HOSTED)}
    return ("# For a hosted Jupyter service (a school's JupyterHub, Google Colab), which runs its own\n"
            "# Jupyter: only the libraries the notebooks import, at the versions the handbook is\n"
            "# tested with; pip fits what they need in turn to what the service has.\n"
            "#   %pip install -r requirements-hosted.txt\n"
            + "\n".join(pins[_normal(name)] for name in sorted(HOSTED)) + "\n")


# --- The zip -----------------------------------------------------------------------------------

def pack_files(root: Path = ROOT) -> dict[str, bytes]:
    """Every file of the pack: its path inside the pack's folder, and its bytes."""
    sources = chapter_paths(root / "book") + [root / "book" / n for n in EXTRA_NOTEBOOKS
                                              if (root / "book" / n).exists()]
    files: dict[str, bytes] = {}
    notebooks = []
    for path in sources:
        notebook = strip_solutions(nbformat.read(path, as_version=4))
        left = [i for i, c in enumerate(notebook.cells) if _ANY_SOLUTION.search(c.source)]
        if left:  # a form of solution that strip_solutions does not know: publish nothing
            raise ValueError(f"{path.name}: a solution is left in cell(s) {left} of the pack's copy")
        notebooks.append(notebook)
        files[path.name] = nbformat.writes(notebook).encode("utf-8") + b"\n"
    for path in package_modules(notebooks, root / "handbook"):
        files[f"handbook/{path.name}"] = path.read_bytes()
    for path in sorted((root / "data").rglob("*")):
        if path.is_file() and not path.name.startswith(".") and "__pycache__" not in path.parts:
            files[f"data/{path.relative_to(root / 'data').as_posix()}"] = path.read_bytes()
    files["book/references.bib"] = (root / "book" / "references.bib").read_bytes()
    lock = (root / "requirements.lock").read_text(encoding="utf-8")
    files["requirements.txt"] = requirements_text(lock).encode("utf-8")
    files["requirements-hosted.txt"] = hosted_requirements_text(lock).encode("utf-8")
    files["README.md"] = README.read_bytes()
    return files


def write_zip(files: dict[str, bytes], target: Path) -> Path:
    """Write ``files`` under the folder :data:`NAME` into ``target``, reproducibly (sorted
    entries, fixed timestamps and permissions), replacing it only when the bytes changed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{NAME}/{name}", date_time=EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, so the permissions above are read as such
            archive.writestr(info, files[name])
    data = buffer.getvalue()
    if not target.exists() or target.read_bytes() != data:
        write_atomically(target, data)
    return target


def build(root: Path = ROOT, out: Path = OUT_DIR) -> Path:
    """Build the pack from ``root`` into ``out``; return the zip's path."""
    return write_zip(pack_files(root), out / f"{NAME}.zip")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="the folder to write the zip to")
    args = parser.parse_args(argv)
    target = build(ROOT, args.out.resolve())
    with zipfile.ZipFile(target) as archive:
        count = len(archive.namelist())
    size = target.stat().st_size / 1e6
    shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
    print(f"make student-pack: {shown} ({count} files, {size:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
