"""The shipped index: read-only, complete provenance, packed columns equal to the rows."""

import sqlite3

import pandas as pd
import pytest

from explorer.paths import INDEX_PATH


def test_packed_columns_equal_observation_rows(index):
    rows = index.query("SELECT * FROM observations")
    packed = index.observations
    assert list(packed.columns) == list(rows.columns)
    for col in rows.columns:
        a, b = packed[col], rows[col]
        assert (a.isna() == b.isna()).all(), col
        assert (a[a.notna()].astype(object) == b[b.notna()].astype(object)).all(), col
    pd.testing.assert_frame_equal(index.values, rows[["iso3", "indicator", "year", "raw_value", "value"]],
                                  check_dtype=False)


def test_every_observation_has_provenance(index):
    obs = index.observations
    assert obs[["iso3", "indicator", "year", "edition", "raw_value", "value", "source_file"]].notna().all().all()
    assert obs["value"].between(0, 100).all()
    ind = index.indicators
    assert ind[["direction", "unit", "source", "description"]].notna().all().all()
    src = index.sources
    assert src[["licence", "citation", "url"]].notna().all().all()


def test_index_opens_read_only(index):
    with pytest.raises(sqlite3.OperationalError):
        index._conn.execute("DELETE FROM observations")


def test_coverage_meets_the_issue(index):
    v = index.values
    assert v["iso3"].nunique() >= 190
    assert v["indicator"].nunique() >= 25 and index.indicators["source"].nunique() >= 8


def test_manifest_hashes_every_input(index):
    files = set(index.manifest["file"])
    assert set(index.observations["source_file"].dropna()) <= files
    assert index.manifest["sha256"].str.fullmatch("[0-9a-f]{64}").all()
    assert INDEX_PATH.is_file()
