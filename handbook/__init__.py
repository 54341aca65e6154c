"""The Python package behind *Reading the Kremlin*.

Notebooks in ``book/`` ask this package for data (:mod:`handbook.data`), charts
(:mod:`handbook.charts`) and tables (:mod:`handbook.tables`); they never parse a CSV or
style a chart by hand.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
BIB_PATH = ROOT / "book" / "references.bib"

__all__ = ["ROOT", "DATA_DIR", "BIB_PATH"]
