"""Fariss reader: values match the raw file; names (no codes) all resolve; higher = better;
Serbia's pre-2006 rows (Yugoslavia relabelled by OWID) say so."""

import numpy as np
import pytest

from explorer.normalise import fit_goalposts, normalise
from explorer.sources import fariss
from rawcsv import find, rows


@pytest.fixture(scope="module")
def out(raw, harmoniser):
    return fariss.read(raw, harmoniser)


@pytest.fixture(scope="module")
def obs(out):
    return out.observations().set_index(["iso3", "year"])


def test_named_sample_matches_raw_file(raw, obs):
    path = raw / "fariss_hrscores" / fariss.FILE
    for name, iso3, year in [("Myanmar", "MMR", "2019"), ("Luxembourg", "LUX", "2019"),
                             ("Democratic Republic of Congo", "COD", "2010"), ("Timor", "TLS", "2005"),
                             ("Cape Verde", "CPV", "2015"), ("Turkey", "TUR", "2016")]:
        r = find(path, country_name=name, year=year)
        assert obs.loc[(iso3, int(year)), "raw_value"] == float(r["human_rights_protection"])


def test_whole_year_matches_raw_file(raw, obs):
    raw_2019 = sorted(float(r["human_rights_protection"]) for r in rows(raw / "fariss_hrscores" / fariss.FILE)
                      if r["year"] == "2019")
    assert sorted(obs.xs(2019, level="year")["raw_value"]) == raw_2019


def test_higher_is_better_after_normalisation(obs):
    ind = fariss.INDICATORS[0]
    raw = obs["raw_value"].to_numpy()
    lo, hi = fit_goalposts(ind, raw)
    mmr, lux = normalise(np.array([obs.loc[("MMR", 2019), "raw_value"], obs.loc[("LUX", 2019), "raw_value"]]),
                         ind, lo, hi)
    assert mmr < 30 < 70 < lux


def test_serbia_before_2006_is_marked_as_yugoslavia(obs):
    assert "Yugoslavia" in obs.loc[("SRB", 2005), "note"]
    assert obs.loc[("SRB", 2006), "note"] is None or np.isnan(obs.loc[("SRB", 2006), "note"])


def test_names_resolve_and_historical_states_are_excluded(out, harmoniser):
    assert [u for u in harmoniser.unmatched if u[0] == "fariss"] == []
    for name in ("German Democratic Republic", "Republic of Vietnam", "Yemen People's Republic"):
        assert "historical state" in harmoniser.excluded[("fariss", name)]
    assert out.observations()["iso3"].nunique() == 195
