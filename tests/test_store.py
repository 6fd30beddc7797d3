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


def test_every_observation_has_exactly_one_provenance_class(index):
    from explorer.catalogue import PROVENANCE
    obs = index.observations
    assert obs["provenance"].isin(PROVENANCE).all()
    assert set(obs["provenance"]) == set(PROVENANCE)  # each class occurs in this index
    by = obs.groupby("indicator")["provenance"].agg(set)
    assert by["fotn_total"] >= {"provisional", "publisher's file", "transcription", "third-party copy"}
    assert by["pts_amnesty"] == {"publisher's file"}


def test_interval_and_sd_are_stored_on_the_raw_scale_for_fariss_only(index):
    obs = index.observations
    fariss = obs[obs["indicator"] == "fariss_hr_protection"]
    assert fariss[["lower", "upper", "raw_sd"]].notna().all().all()
    assert ((fariss["lower"] <= fariss["raw_value"]) & (fariss["raw_value"] <= fariss["upper"])).all()
    assert obs.loc[obs["indicator"] != "fariss_hr_protection", "raw_sd"].isna().all()


def test_an_index_of_the_previous_schema_is_refused_with_the_rebuild_hint(tmp_path):
    from explorer.errors import IndexUnavailable
    from explorer.store import SCHEMA_VERSION, Index
    old = tmp_path / "old.sqlite"
    con = sqlite3.connect(old)
    for t in ("countries", "indicators", "sources", "pillars", "observations", "missing", "observation_columns"):
        con.execute(f"CREATE TABLE {t} (x)")
    con.execute("CREATE TABLE meta (key, value)")
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION - 1),))
    con.commit()
    con.close()
    with pytest.raises(IndexUnavailable, match=f"schema version {SCHEMA_VERSION - 1}.*build-index"):
        Index(old)


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
