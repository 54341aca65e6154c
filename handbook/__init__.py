"""The Python package behind *Reading the Kremlin*.

Notebooks in ``book/`` ask this package for data (:mod:`handbook.data`), charts
(:mod:`handbook.charts`) and tables (:mod:`handbook.tables`); they never parse a CSV or
style a chart by hand.
"""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
BIB_PATH = ROOT / "book" / "references.bib"

#: The seed article (Euromaidan Press, 22 March 2025). It is not republished in the repository:
#: it lives beside it, at ``../shared/seed/source-article.txt``; set ``HANDBOOK_SEED`` to read it
#: from elsewhere. This is the one place its path is defined.
SEED_PATH = Path(os.environ.get("HANDBOOK_SEED")
                 or ROOT.parent / "shared" / "seed" / "source-article.txt")

__all__ = ["ROOT", "DATA_DIR", "BIB_PATH", "SEED_PATH"]
