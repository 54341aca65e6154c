"""Shared by the chapter tests: the chapters and their exercises, as the package reads them."""
from handbook import ROOT  # noqa: F401
from handbook.exercises import chapter_paths, read_chapter  # noqa: F401
