"""Boundaries for maps, shipped with the data (no tiles or files from the network).

``data/geo/ukraine-oblasts.geojson`` holds Ukraine's first-level units (see
``data/geo/LICENCE.md`` for its source, licence and attribution). :func:`features` returns them as
a list of GeoJSON features, each with the columns of a dataset row merged into its properties, so
that a chart can colour and label them from the data.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from . import DATA_DIR

BOUNDARIES = "ukraine-oblasts.geojson"
#: The attribution the boundary file's licence requires on every map drawn from it.
ATTRIBUTION = "Boundaries © OpenStreetMap contributors (ODbL), via Elastic Maps Service"


def features(rows: pd.DataFrame, key: str = "iso_3166_2", data_dir: Path | str = DATA_DIR) -> list[dict]:
    """The boundary features joined to ``rows`` on ``key``; every feature must find its row."""
    collection = json.loads((Path(data_dir) / "geo" / BOUNDARIES).read_text(encoding="utf-8"))
    by_key = rows.set_index(key)
    out = []
    for feature in collection["features"]:
        code = feature["properties"][key]
        if code not in by_key.index:
            raise KeyError(f"{BOUNDARIES}: no row with {key} = {code!r}")
        extra = {k: (None if pd.isna(v) else str(v)) for k, v in by_key.loc[code].items()}
        out.append({**feature, "properties": {**feature["properties"], **extra, key: code}})
    return out
