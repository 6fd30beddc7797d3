"""World map geometry: Natural Earth 1:110m country outlines, keyed by ISO3.

The builder reads the GeoJSON once and stores each country's rings as packed float32
lon/lat arrays in the index (table ``shapes``), so the app draws a map offline without
shipping or parsing the 1.1 MB raw file. Natural Earth is public domain.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import SourceError

FILE = Path("naturalearth") / "ne_110m_admin_0_countries.geojson"
CITATION = "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com (public domain)."


def read_shapes(raw: Path, h) -> pd.DataFrame:
    """One row per country: iso3, name, label_x/label_y, offsets (int32 ring starts) and
    coords (float32 lon, lat pairs), as bytes. Joined on ISO_A3_EH, else ADM0_A3 through the
    harmoniser (Kosovo KOS -> XKX); features it excludes (Somaliland, N. Cyprus) are recorded."""
    path = raw / FILE
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except FileNotFoundError:
        raise SourceError(path, "file not found (is ../shared/data/raw complete?)") from None
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as e:
        raise SourceError(path, f"not a GeoJSON feature collection: {e}") from None
    if not isinstance(features, list) or not features:
        raise SourceError(path, "the GeoJSON has no features (no country outlines)")
    rows = []
    for k, f in enumerate(features):
        if not isinstance(f, dict):
            raise SourceError(path, f"feature {k + 1} is not a GeoJSON feature object", k + 1)
        p, g = f.get("properties") or {}, f.get("geometry") or {}
        code = p.get("ISO_A3_EH") if p.get("ISO_A3_EH") not in (None, "-99") else p.get("ADM0_A3")
        if code == "KOS":
            code = "XKX"  # Natural Earth's Kosovo code; XKX everywhere else in the index
        iso3 = h.resolve("naturalearth", str(p.get("ADMIN", "")), code, path, k + 1)
        if iso3 is None:
            continue
        polys = g.get("coordinates") if g.get("type") == "MultiPolygon" else [g.get("coordinates")]
        try:
            rings = [np.asarray(ring, dtype=np.float32)[:, :2] for poly in polys or [] for ring in poly]
        except (ValueError, TypeError, IndexError):
            raise SourceError(path, f"feature {str(p.get('ADMIN'))[:80]!r}: coordinates are not lists of "
                              "[lon, lat] pairs", k + 1) from None
        if not rings:
            raise SourceError(path, f"feature {p.get('ADMIN')!r} has no polygon", k + 1)
        offsets = np.cumsum([0] + [len(r) for r in rings[:-1]]).astype(np.int32)
        rows.append({"iso3": iso3, "name": p.get("ADMIN"), "label_x": float(p.get("LABEL_X") or 0),
                     "label_y": float(p.get("LABEL_Y") or 0), "offsets": offsets.tobytes(),
                     "coords": np.concatenate(rings).tobytes()})
    if not rows:
        raise SourceError(path, "no feature matched a country of the reference table")
    df = pd.DataFrame(rows)
    dup = df["iso3"].duplicated(keep=False)
    if dup.any():
        raise SourceError(path, f"two map features for {sorted(set(df.loc[dup, 'iso3']))}")
    return df.sort_values("iso3").reset_index(drop=True)


def rings(offsets: bytes, coords: bytes) -> list[np.ndarray]:
    """A country's rings as (n, 2) float arrays of lon, lat."""
    xy = np.frombuffer(coords, dtype=np.float32).reshape(-1, 2).astype(float)
    starts = list(np.frombuffer(offsets, dtype=np.int32)) + [len(xy)]
    return [xy[a:b] for a, b in zip(starts[:-1], starts[1:])]
