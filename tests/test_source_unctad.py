"""UNCTAD reader: the published status is kept as text and coded worst first; 'No Data' is a
gap with a reason; an enacted law normalises to 100 and no law to 0."""

import pytest

from explorer.build import build
from explorer.sources import unctad
from explorer.store import Index
from rawcsv import rows
import oracle  # noqa: E402


@pytest.fixture(scope="module")
def out(raw, harmoniser):
    return unctad.read(raw, harmoniser)


def test_every_status_matches_raw_file(raw, out):
    obs = out.observations().set_index("iso3")
    published = [r for r in rows(raw / "unctad" / unctad.FILE) if r["data_protection_privacy"] != "No Data"]
    assert len(published) > 190
    for r in published:
        hit = obs.loc[r["iso3"]]
        assert hit["raw_text"] == r["data_protection_privacy"]
        assert hit["raw_value"] == ["No Legislation", "Draft Legislation", "Legislation"].index(r["data_protection_privacy"])
        assert hit["year"] == 2026


def test_no_data_is_a_gap_with_reason_not_a_level(raw, out):
    no_data = {r["iso3"] for r in rows(raw / "unctad" / unctad.FILE) if r["data_protection_privacy"] == "No Data"}
    assert no_data == {"VAT", "PRK"}
    assert not set(out.observations()["iso3"]) & no_data
    gaps = out.missing().set_index("iso3")
    for iso3 in no_data:
        assert "No Data" in gaps.loc[iso3, "reason"] and "not 'no law'" in gaps.loc[iso3, "reason"]


def test_law_normalises_to_100_and_no_law_to_0(raw, tmp_path):
    build(raw=raw, target=tmp_path / "x.sqlite", modules=["unctad"], progress=lambda s: None)
    idx = Index(tmp_path / "x.sqlite")
    try:
        obs = idx.observations
        by_text = obs.groupby("raw_text")["value"].agg(["min", "max"])
        assert by_text.loc["Legislation"].tolist() == [100, 100]
        assert by_text.loc["Draft Legislation"].tolist() == [50, 50]
        assert by_text.loc["No Legislation"].tolist() == [0, 0]
        assert oracle.gap_reason(idx, "PRK", "unctad_data_protection_law", 2026) == unctad.NO_DATA_REASON
    finally:
        idx.close()


def test_every_country_resolves(raw, out, harmoniser):
    assert [u for u in harmoniser.unmatched if u[0] == "unctad"] == []
    with_status = [r for r in rows(raw / "unctad" / unctad.FILE) if r[unctad.COLUMN] != unctad.NO_DATA]
    assert out.observations()["iso3"].nunique() == len(with_status)
