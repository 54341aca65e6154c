"""Boundaries for maps, shipped with the data (no tiles or files from the network).

``data/geo/ukraine-oblasts.geojson`` holds Ukraine's first-level units (see
``data/geo/LICENCE.md`` for its source, licence and attribution). :func:`features` returns them as
a list of GeoJSON features, each with the columns of a dataset row merged into its properties, so
that a chart can colour and label them from the data. With ``step`` the coordinates are snapped to a
grid of that many degrees and points closer than one step dropped, which keeps a country-wide map small (0.04
degrees is about 3-4 km, little more than a pixel on a page-wide map of Ukraine); neighbouring
regions snap to the same grid, so gaps between them stay below one step.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from . import DATA_DIR

BOUNDARIES = "ukraine-oblasts.geojson"
#: The attribution the boundary file's licence requires on every map drawn from it.
ATTRIBUTION = "Boundaries © OpenStreetMap contributors (ODbL), via Elastic Maps Service"


def simplify(coordinates, step: float):
    """GeoJSON ``coordinates`` (of any nesting) snapped to a grid of ``step`` degrees, with each
    ring's points closer than one step to the last point kept dropped (the last point is always kept,
    so a ring stays closed); a ring keeps at least four points and stays closed."""
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [round(round(float(c) / step) * step, 6) for c in coordinates]
    items = [simplify(c, step) for c in coordinates]
    if items and isinstance(items[0][0], (int, float)):  # a ring (or line) of points
        kept = [items[0]]
        for point in items[1:-1]:  # drop points within one grid step of the last one kept
            if max(abs(point[0] - kept[-1][0]), abs(point[1] - kept[-1][1])) > step + 1e-9:
                kept.append(point)
        kept.append(items[-1])
        return kept if len(kept) >= 4 else items
    return items


def features(rows: pd.DataFrame, key: str = "iso_3166_2", data_dir: Path | str = DATA_DIR,
             step: float | None = None) -> list[dict]:
    """The boundary features joined to ``rows`` on ``key``; every feature must find its row.
    With ``step`` (degrees), coordinates are simplified (see :func:`simplify`)."""
    collection = json.loads((Path(data_dir) / "geo" / BOUNDARIES).read_text(encoding="utf-8"))
    by_key = rows.set_index(key)
    out = []
    for feature in collection["features"]:
        code = feature["properties"][key]
        if code not in by_key.index:
            raise KeyError(f"{BOUNDARIES}: no row with {key} = {code!r}")
        extra = {k: (None if pd.isna(v) else str(v)) for k, v in by_key.loc[code].items()}
        geometry = feature["geometry"]
        if step is not None:
            geometry = {**geometry, "coordinates": simplify(geometry["coordinates"], step)}
        out.append({**feature, "geometry": geometry,
                    "properties": {**feature["properties"], **extra, key: code}})
    return out
