"""Spyware inventory reader: per-country counts match the raw rows; a country it does not list
is missing with a reason, never 0; the indicator is declared documented-only (no ranks)."""

import pytest

from explorer.build import validate
from explorer.errors import SourceError
from explorer.sources import load_catalogue, spyware
from rawcsv import rows

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def out(raw, harmoniser):
    return spyware.read(raw, harmoniser)


@pytest.fixture(scope="module")
def obs(out):
    return out.observations().set_index(["iso3", "indicator"])


def raw_rows(raw):
    return rows(raw / "spyware" / spyware.FILE)


def test_counts_match_the_raw_rows_per_country(raw, obs):
    table = raw_rows(raw)
    assert len(table) == 193
    for name, iso3 in (("Saudi Arabia", "SAU"), ("China", "CHN"), ("United States", "USA"), ("Mexico", "MEX")):
        mine = [r for r in table if r["Country of deployment"] == name]
        assert obs.loc[(iso3, "spyware_documented"), "raw_value"] == len(mine)
        assert obs.loc[(iso3, "spyware_vendors"), "raw_value"] == len({r["Commercial Entity"].strip() for r in mine})
        assert obs.loc[(iso3, "spyware_documented"), "year"] == spyware.INVENTORY_YEAR
    assert obs.xs("spyware_documented", level="indicator").shape[0] == 74
    assert obs.loc[("SAU", "spyware_vendors"), "raw_value"] == 7  # SOURCE.md


def test_an_unlisted_country_is_missing_with_a_reason_never_zero(out, obs):
    assert ("NOR", "spyware_documented") not in obs.index  # SOURCE.md: Norway none listed
    assert obs["raw_value"].min() >= 1
    gaps = out.missing().set_index(["iso3", "indicator"])
    assert "absence is not evidence" in gaps.loc[("NOR", "spyware_documented"), "reason"]


def test_declared_documented_only_with_a_caveat_saying_absence_is_not_proof():
    for ind in spyware.INDICATORS:
        assert ind.documented_only and "absence is not proof" in ind.caveat
    assert "absence is not proof" in spyware.SOURCE.caveats


def test_rows_shifted_by_unquoted_commas_are_counted_and_noted(raw, obs):
    shifted = [r for r in raw_rows(raw) if r["Lower confidence sources"].strip() not in ("", "x")]
    assert shifted  # the trap is in the file
    assert {r["Country of deployment"] for r in shifted} >= {"Brazil", "Estonia", "United States"}
    for iso3 in ("BRA", "EST", "USA"):
        assert "flag of 1 is unreadable" in obs.loc[(iso3, "spyware_documented"), "note"]
    assert "unreadable" not in obs.loc[("CHN", "spyware_documented"), "note"]


def test_every_name_resolves_and_readout_passes_build_validation(out, harmoniser):
    assert [u for u in harmoniser.unmatched if u[0] == "spyware"] == []
    validate(out.observations(), load_catalogue(["spyware"]))
    assert set(out.observations()["provenance"]) == {"third-party copy"}


def test_an_unknown_technology_category_names_the_line(tmp_path, raw, harmoniser):
    import shutil
    (tmp_path / "aigs").mkdir()
    shutil.copy(raw / spyware.DRI_FILE, tmp_path / spyware.DRI_FILE)
    (tmp_path / "spyware").mkdir()
    head = "Country of deployment,Category of technology,Commercial Entity,Year of disclosure,Description,Lower confidence sources\n"
    (tmp_path / "spyware" / spyware.FILE).write_text(
        head + "Norway,Spyware,Examplevendor,2021,made-up row,\nNorway,Teleportation,Examplevendor,2021,made-up row,\n",
        encoding="utf-8")
    with pytest.raises(SourceError) as e:
        spyware.read(tmp_path, harmoniser)
    assert e.value.line == 3 and "'Teleportation'" in str(e.value)
