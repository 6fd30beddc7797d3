"""Map outlines from Natural Earth: joined on ISO3 the way SOURCE.md says, nothing dropped silently."""

import json

import numpy as np

from explorer.geo import FILE, read_shapes, rings


def test_every_feature_is_a_country_or_an_explicit_exclusion(raw, harmoniser):
    shapes = read_shapes(raw, harmoniser)
    features = json.loads((raw / FILE).read_text(encoding="utf-8"))["features"]
    excluded = [k for (src, _), k in harmoniser.excluded.items() if src == "naturalearth"]
    assert len(shapes) + len(excluded) == len(features)
    assert {"FRA", "NOR", "XKX", "CHN", "USA"} <= set(shapes["iso3"])  # ISO_A3 is -99 for FRA/NOR
    assert [u for u in harmoniser.unmatched if u[0] == "naturalearth"] == []


def test_rings_round_trip_the_raw_coordinates(raw, harmoniser):
    shapes = read_shapes(raw, harmoniser).set_index("iso3")
    feature = next(f for f in json.loads((raw / FILE).read_text(encoding="utf-8"))["features"]
                   if f["properties"]["ISO_A3_EH"] == "NOR")
    first_ring = np.asarray(feature["geometry"]["coordinates"][0][0], dtype=np.float32)
    got = rings(shapes.loc["NOR", "offsets"], shapes.loc["NOR", "coords"])
    assert len(got) == sum(len(p) for p in feature["geometry"]["coordinates"])
    assert np.allclose(got[0], first_ring)


def test_shipped_index_has_the_map(index):
    s = index.shapes
    assert len(s) > 170 and s.loc["CHN", "label_x"] > 70
