"""Fariss reader (v4.02, the authors' release): values and their 95% interval and SD match the raw
file; only v4.02 is read; names (no codes) all resolve; higher = better; COW 345 ("Yugoslavia")
is Serbia from 2006 and the excluded Serbia and Montenegro before."""

import numpy as np
import pandas as pd
import pytest

from explorer.errors import SourceError
from explorer.normalise import fit_goalposts, normalise
from explorer.sources import fariss
from rawcsv import find, rows

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def out(raw, harmoniser):
    return fariss.read(raw, harmoniser)


@pytest.fixture(scope="module")
def obs(out):
    return out.observations().set_index(["iso3", "year"])


def test_named_sample_matches_raw_file_with_interval_and_sd(raw, obs):
    path = raw / "fariss_hrscores" / fariss.FILE
    for name, iso3, year in [("Myanmar (Burma)", "MMR", "2021"), ("Luxembourg", "LUX", "2021"),
                             ("Congo - Kinshasa", "COD", "2010"), ("Timor-Leste", "TLS", "2005"),
                             ("Cape Verde", "CPV", "2015"), ("Turkey", "TUR", "2016"), ("China", "CHN", "2021"),
                             ("St. Vincent & Grenadines", "VCT", "2012")]:
        r = find(path, country_name=name, YEAR=year)
        hit = obs.loc[(iso3, int(year))]
        assert hit["raw_value"] == float(r["theta_mean"])
        assert (hit["lower"], hit["upper"], hit["raw_sd"]) == (float(r["theta_q025"]), float(r["theta_q975"]),
                                                               float(r["theta_sd"]))
        assert hit["edition"] == "v4.02" and hit["provenance"] == "publisher's file"


def test_whole_year_matches_raw_file(raw, obs):
    raw_2021 = sorted(float(r["theta_mean"]) for r in rows(raw / "fariss_hrscores" / fariss.FILE)
                      if r["YEAR"] == "2021" and r["country_name"] != "Yugoslavia")
    assert sorted(obs.xs(2021, level="year")["raw_value"]) == raw_2021


def test_only_v402_is_read_never_mixed_with_v401(raw, out):
    o = out.observations()
    assert set(o["edition"]) == {"v4.02"}
    assert {f.rsplit("/", 1)[-1] for f in o["file"]} == {fariss.FILE}
    # China 2019 differs between the versions (SOURCE.md): the series holds the v4.02 value
    v401 = find(raw / "fariss_hrscores" / "human_rights_protection_fariss_v4.01.csv", country_name="China", year="2019")
    v402 = find(raw / "fariss_hrscores" / fariss.FILE, country_name="China", YEAR="2019")
    chn = o[(o["iso3"] == "CHN") & (o["year"] == 2019)]["raw_value"].item()
    assert chn == float(v402["theta_mean"]) != float(v401["human_rights_protection"])


def test_higher_is_better_after_normalisation(obs):
    ind = fariss.INDICATORS[0]
    assert ind.uncertainty
    lo, hi = fit_goalposts(ind, obs["raw_value"].to_numpy())
    prk, lux = normalise(np.array([obs.loc[("PRK", 2021), "raw_value"], obs.loc[("LUX", 2021), "raw_value"]]),
                         ind, lo, hi)
    assert prk < 30 < 70 < lux


def test_cow_345_is_serbia_from_2006_and_excluded_before(raw, obs, harmoniser):
    r = find(raw / "fariss_hrscores" / fariss.FILE, COW="345", YEAR="2010")
    assert r["country_name"] == "Yugoslavia"
    assert obs.loc[("SRB", 2010), "raw_value"] == float(r["theta_mean"])
    assert "Yugoslavia" in obs.loc[("SRB", 2010), "note"]
    assert ("SRB", 2005) not in obs.index
    assert "historical state" in harmoniser.excluded[("fariss", "Yugoslavia")]


def test_names_resolve_and_historical_states_are_excluded(out, harmoniser):
    assert [u for u in harmoniser.unmatched if u[0] == "fariss"] == []
    for name in ("German Democratic Republic", "Yemen People's Republic"):
        assert "historical state" in harmoniser.excluded[("fariss", name)]
    assert out.observations()["iso3"].nunique() == 195


def test_an_interval_that_does_not_contain_its_mean_stops_the_read(tmp_path, harmoniser):
    folder = tmp_path / "fariss_hrscores"
    folder.mkdir()
    (folder / fariss.FILE).write_text(
        "YEAR,COW,theta_mean,theta_sd,theta_q025,theta_q975,country_name\n"
        "2020,2,1.5,0.2,1.1,1.9,United States\n"
        "2021,2,1.5,0.2,1.6,1.9,United States\n", encoding="utf-8")
    with pytest.raises(SourceError) as e:
        fariss.read(tmp_path, harmoniser)
    assert e.value.line == 3 and "theta_q025" in str(e.value)
