"""V-Dem reader: values as published; reversed variables declared, not flipped; DSP is 2021 only."""

import pytest

from explorer.sources import vdem
from rawcsv import rows
import oracle  # noqa: E402


@pytest.fixture(scope="module")
def obs(raw, harmoniser):
    return vdem.read(raw, harmoniser).observations().set_index(["iso3", "indicator", "year"])


def test_panel_sample_matches_raw(raw, obs):
    checked = 0
    for r in rows(raw / "vdem" / vdem.PANEL)[::97]:
        for col, ind, *_ in vdem.PANEL_VARS:
            key = (r["country_text_id"], ind, int(r["year"]))
            if r[col] == "" or r["country_text_id"] in ("PSG", "SML", "ZZB", "DDR", "VDR", "YMD"):
                continue
            assert obs.loc[key, "raw_value"] == float(r[col])
            checked += 1
    assert checked > 500


def test_dsp_is_2021_only_and_matches_raw(raw, obs):
    dsp = obs.xs("vdem_social_media_monitoring", level="indicator")
    assert set(dsp.index.get_level_values("year")) == {2021}
    r = next(r for r in rows(raw / "vdem" / vdem.DSP) if r["country_text_id"] == "CHN")
    assert obs.loc[("CHN", "vdem_social_media_monitoring", 2021), "raw_value"] == float(r["v2smgovsmmon"])


def test_gaza_and_somaliland_are_excluded_with_reasons(harmoniser, obs):
    assert "PSG" not in obs.index.get_level_values("iso3")
    assert any("Gaza" in reason for (src, _), reason in harmoniser.excluded.items() if src == "vdem")


def test_exclusion_index_runs_the_other_way(index):
    """v2xpe_exlpol: higher raw = more exclusion, so the most excluding country scores lowest."""
    ind = index.indicators.loc["vdem_political_exclusion"]
    assert not ind["higher_is_better"]
    r = oracle.ranking(index, "vdem_political_exclusion", 2023)
    worst_raw = r.loc[r["raw_value"].idxmax()]
    best_raw = r.loc[r["raw_value"].idxmin()]
    assert worst_raw["value"] < 5 and best_raw["value"] > 95
    # and a higher-is-better V-Dem index keeps its direction
    c = oracle.ranking(index, "vdem_civil_liberties", 2023)
    assert c.loc[c["raw_value"].idxmax(), "rank"] == 1
