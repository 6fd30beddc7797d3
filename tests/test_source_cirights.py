"""CIRIGHTS reader: codings match the raw file; blank is missing, never 0; the 0-8 index equals
its four items; "Serbia and Montenegro" (which carries Serbia's code) is not read as Serbia."""

import pytest

from explorer.build import validate
from explorer.errors import SourceError
from explorer.normalise import fit_goalposts, normalise
from explorer.sources import cirights, load_catalogue
from rawcsv import find, rows

pytestmark = pytest.mark.shared
IND = {i.id: i for i in cirights.INDICATORS}


@pytest.fixture(scope="module")
def out(raw, harmoniser):
    return cirights.read(raw, harmoniser)


@pytest.fixture(scope="module")
def obs(out):
    return out.observations().set_index(["iso3", "indicator", "year"])


def path(raw):
    return raw / "cirights" / cirights.FILE


def test_sample_codings_match_raw_file(raw, obs):
    sample = [r for r in rows(path(raw)) if r["iso_a3"] and r["country"] != "Serbia and Montenegro"][::41]
    assert len(sample) > 100
    checked = 0
    for r in sample:
        for col, ind in [("physint_sum", "cirights_physical_integrity")] + [(c[0], c[1]) for c in cirights.ITEMS]:
            key = (r["iso_a3"], ind, int(r["year"]))
            if r[col] == "":
                assert key not in obs.index  # not coded = missing, never 0
                continue
            assert obs.loc[key, "raw_value"] == float(r[col])
            checked += 1
    assert checked > 500


def test_source_md_examples_for_2020(obs):
    assert obs.loc[("CHN", "cirights_physical_integrity", 2020), "raw_value"] == 0
    assert obs.loc[("NOR", "cirights_physical_integrity", 2020), "raw_value"] == 8
    assert obs.loc[("CHN", "cirights_speech", 2020), "raw_text"] == "not respected"
    assert obs.loc[("CHN", "cirights_torture", 2020), "raw_text"] == "frequent"


def test_higher_is_better_after_normalisation(out):
    o = out.observations()
    ind = IND["cirights_physical_integrity"]
    values = o.loc[o["indicator"] == ind.id, "raw_value"].to_numpy(float)
    assert list(normalise([0, 8], ind, *fit_goalposts(ind, values))) == [0, 100]
    assert IND["cirights_torture"].pillar is None  # components are context: the index sums them


def test_serbia_and_montenegro_is_not_read_as_serbia(raw, obs, harmoniser):
    both = find(path(raw), country="Serbia and Montenegro", year="2016")
    assert both["iso_a3"] == "SRB"  # the trap
    serbia = find(path(raw), country="Serbia", year="2016")
    assert obs.loc[("SRB", "cirights_physical_integrity", 2016), "raw_value"] == float(serbia["physint_sum"])
    assert "historical state" in harmoniser.excluded[("cirights", "Serbia and Montenegro")]


def test_every_name_resolves_and_readout_passes_build_validation(out, harmoniser):
    assert [u for u in harmoniser.unmatched if u[0] == "cirights"] == []
    o = out.observations()
    validate(o[o["year"] >= 2000], load_catalogue(["cirights"]))
    assert set(o["provenance"]) == {"third-party copy"}


def test_a_sum_that_is_not_its_items_stops_the_read(tmp_path, harmoniser):
    d = tmp_path / "cirights"
    d.mkdir()
    head = "country,iso_a3,year,physint_sum,disap,kill,polpris,tort,speech,rel_free,assn\n"
    (d / cirights.FILE).write_text(head + "Norway,NOR,2019,8,2,2,2,2,2,2,2\nNorway,NOR,2020,7,2,2,2,2,2,2,2\n",
                                   encoding="utf-8")
    with pytest.raises(SourceError) as e:
        cirights.read(tmp_path, harmoniser)
    assert e.value.line == 3 and "physint_sum 7" in str(e.value)
