"""Read the charts the notebooks store, and walk their Vega-Lite specifications.

Every chart in the book is stored in its notebook as HTML holding the Vega-Lite specification
(see :func:`handbook.charts._renderer`); :func:`stored_charts` gets them back, and
:func:`find_layers` finds the unit specifications (the ones with a ``mark``) inside a layered,
concatenated, faceted or repeated chart, with the data each one draws.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from handbook import ROOT

NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
COMPOSITIONS = ("layer", "vconcat", "hconcat", "concat")


@dataclass
class Chart:
    notebook: str
    cell: int
    spec: dict

    def __str__(self) -> str:
        title = self.spec.get("title", {})
        text = title.get("text") if isinstance(title, dict) else title
        return f"{self.notebook} cell {self.cell} ({text!r})"


@dataclass
class Layer:
    spec: dict
    values: list[dict]  # the rows this layer draws (inherited from its parents when it has none)

    @property
    def mark(self) -> str:
        mark = self.spec["mark"]
        return mark["type"] if isinstance(mark, dict) else mark

    @property
    def encoding(self) -> dict:
        return self.spec.get("encoding", {})


def stored_charts(notebook: Path) -> list[Chart]:
    """Every chart stored in ``notebook``'s outputs, in order."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    charts = []
    for index, cell in enumerate(cells):
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if not html:
                continue
            html = "".join(html) if isinstance(html, list) else html
            if "altair-viz-" not in html:
                continue
            start = html.rfind("})(")
            spec, _ = json.JSONDecoder().raw_decode(html, start + 3)
            charts.append(Chart(notebook.stem, index, spec))
    return charts


def all_charts() -> list[Chart]:
    return [chart for notebook in NOTEBOOKS for chart in stored_charts(notebook)]


def _values(spec: dict, datasets: dict, inherited: list[dict]) -> list[dict]:
    data = spec.get("data")
    if not isinstance(data, dict):
        return inherited
    if "name" in data:
        return datasets.get(data["name"], [])
    if "values" in data:
        return data["values"]
    return inherited


def _walk(spec: dict, datasets: dict, inherited: list[dict]) -> Iterator[Layer]:
    values = _values(spec, datasets, inherited)
    if "mark" in spec:
        yield Layer(spec, values)
    for key in COMPOSITIONS:
        for child in spec.get(key, []):
            yield from _walk(child, datasets, values)
    if isinstance(spec.get("spec"), dict):  # facet and repeat
        yield from _walk(spec["spec"], datasets, values)


def find_layers(spec: dict, mark: str | None = None) -> list[Layer]:
    """The unit specifications in ``spec`` (optionally only those drawing ``mark``)."""
    layers = list(_walk(spec, spec.get("datasets", {}), []))
    return [layer for layer in layers if mark is None or layer.mark == mark]
