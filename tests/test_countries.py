"""Harmonisation: every alias points to a real country; names fold accents and case."""

import pandas as pd

from explorer.countries import ALIASES_PATH, check_aliases_file, name_key


def test_name_key_folds_accents_case_and_punctuation():
    assert name_key("Côte d’Ivoire") == name_key("cote d'ivoire") == "cote d ivoire"
    assert name_key("Türkiye") == "turkiye"


def test_alias_file_is_well_formed_and_targets_exist(harmoniser):
    check_aliases_file()
    aliases = pd.read_csv(ALIASES_PATH, dtype=str, keep_default_na=False)
    targets = set(aliases.loc[aliases["iso3"] != "", "iso3"])
    assert targets <= set(harmoniser.reference["iso3"])
    assert not aliases.duplicated(["kind", "value"]).any()


def test_resolve_codes_names_and_exclusions(harmoniser):
    h = harmoniser
    assert h.resolve("t", "Congo (Kinshasa)") == "COD"
    assert h.resolve("t", "Congo (Brazzaville)") == "COG"
    assert h.resolve("t", "Kosovo", "KSV") == "XKX"
    assert h.resolve("t", "Burma/Myanmar", "MMR") == "MMR"
    assert h.resolve("t", "Gaza (Hamas)", "NA") is None
    assert "Hamas" in h.excluded[("t", "Gaza (Hamas)")]
    n = len(h.unmatched)
    assert h.resolve("t", "Atlantis") is None and len(h.unmatched) == n + 1
    h.unmatched.pop()


def test_reference_fills_taiwan_region_and_adds_kosovo(harmoniser):
    ref = harmoniser.reference.set_index("iso3")
    assert ref.loc["TWN", "region"] == "Asia" and ref.loc["XKX", "name"] == "Kosovo"
