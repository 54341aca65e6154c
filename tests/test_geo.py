"""The boundary file ships with the data, matches the regions dataset, and carries its licence."""
import json

import pandas as pd
import pytest

from handbook import DATA_DIR, data, geo


def test_every_region_has_a_boundary_and_every_boundary_a_region():
    regions = data.load("oblasts")
    joined = geo.features(regions)
    assert {f["properties"]["iso_3166_2"] for f in joined} == set(regions["iso_3166_2"])
    crimea = next(f for f in joined if f["properties"]["iso_3166_2"] == "UA-43")
    assert crimea["properties"]["russia_claim"] == "annexed-2014"
    assert crimea["properties"]["country"] == "Ukraine"


def test_a_missing_row_is_named():
    with pytest.raises(KeyError, match="UA-"):
        geo.features(pd.DataFrame({"iso_3166_2": ["UA-05"], "x": [1]}))


def test_boundaries_are_small_rounded_and_licensed():
    path = DATA_DIR / "geo" / geo.BOUNDARIES
    assert path.stat().st_size < 300_000
    text = path.read_text(encoding="utf-8")
    assert json.loads(text)["type"] == "FeatureCollection"
    licence = (DATA_DIR / "geo" / "LICENCE.md").read_text(encoding="utf-8")
    assert "ODbL" in licence and geo.ATTRIBUTION in licence


def test_simplify_rounds_drops_repeats_and_keeps_rings_closed():
    ring = [[30.01, 50.01], [30.02, 50.02], [31.0, 50.0], [31.0, 51.0], [30.01, 50.01]]
    assert geo.simplify([ring], 0.05) == [[[30.0, 50.0], [31.0, 50.0], [31.0, 51.0], [30.0, 50.0]]]
    tiny = [[30.01, 50.01], [30.02, 50.02], [30.03, 50.01], [30.01, 50.01]]
    assert len(geo.simplify([tiny], 0.5)[0]) == 4  # too few distinct points: the ring is kept whole


def test_simplified_map_is_smaller_and_keeps_every_region():
    regions = data.load("oblasts")
    full, small = geo.features(regions), geo.features(regions, step=0.04)
    assert [f["properties"]["iso_3166_2"] for f in small] == [f["properties"]["iso_3166_2"] for f in full]
    assert len(json.dumps(small)) < 0.6 * len(json.dumps(full))
