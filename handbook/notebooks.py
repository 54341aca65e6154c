"""Re-execute notebooks from a clean kernel and store their outputs in place.

    python -m handbook.notebooks book/01-timeline.ipynb [...]

Each notebook runs in its own folder, as Jupyter Book and nbval run it. A notebook is only
rewritten when every cell succeeded, and through a temporary file, so a failed run leaves the
committed notebook as it was.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .charts import STATIC_VARIABLE
from .files import write_atomically


def execute(path: Path, timeout: int = 300) -> float:
    """Execute ``path`` in place; return the seconds it took."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:  # timings change on every run and say nothing about the outputs
        cell.metadata.pop("execution", None)
    started = time.perf_counter()
    os.environ[STATIC_VARIABLE] = "stored"  # the kernel inherits it: charts stored as HTML only
    NotebookClient(notebook, timeout=timeout, kernel_name="python3", record_timing=False,
                   coalesce_streams=True,  # one stream per cell, whatever the kernel's flushes
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    elapsed = time.perf_counter() - started
    write_atomically(path, nbformat.writes(notebook) + "\n")
    return elapsed


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    for name in argv:
        seconds = execute(Path(name))
        print(f"{name}: executed in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
