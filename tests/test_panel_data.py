"""The Qt-free preparation behind the selector and the cards, checked against the index frames."""

import pandas as pd
import pytest

from explorer.panel_data import DEFAULT_INDICATORS, PanelData, raw_with_scale


@pytest.fixture(scope="module")
def data(index):
    return PanelData(index)


def years(index, indicator):
    o = index.observations
    return sorted(o.loc[o["indicator"] == indicator, "year"].unique())


def names(data, query):
    return [r["iso3"] for r in data.country_rows(query)]


def test_search_is_accent_and_case_insensitive_and_knows_aliases(data):
    assert names(data, "cote") == ["CIV"]
    assert names(data, "CÔTE D") == ["CIV"]
    assert "TUR" in names(data, "turkey")  # ISO says "Türkiye"; the alias table says Turkey
    assert names(data, "turkey") == ["TUR"]
    assert "DEU" in names(data, "deu") and "DEU" in names(data, "de")  # ISO3 and ISO2 codes
    assert names(data, "zzzz") == []


def test_search_finds_common_english_names(data):
    # ISO says Myanmar, Côte d'Ivoire, Eswatini; people type the names they grew up with
    assert names(data, "burma") == ["MMR"]
    assert names(data, "ivory") == ["CIV"]
    assert names(data, "uae") == ["ARE"]
    assert names(data, "swaziland") == ["SWZ"]
    assert "GBR" in names(data, "uk") and "COD" in names(data, "drc")


def test_sort_by_value_puts_the_least_persecuting_first_and_missing_last(data, index):
    view = data.default_view()
    rows = data.country_rows(sort="best", indicator=view["indicator"], year=view["year"])
    values = [r["value"] for r in rows]
    known = [v for v in values if v is not None]
    assert known == sorted(known, reverse=True)
    assert values[:len(known)] == known  # no missing country sorted in between
    top = index.ranking(view["indicator"], view["year"]).iloc[0]
    assert rows[0]["value"] == pytest.approx(top["value"])


def test_first_view_is_china_against_other_regions_on_recent_data(data, index):
    view = data.default_view()
    assert view["focused"] == "CHN" and "CHN" in view["selected"] and len(view["selected"]) >= 4
    regions = set(index.countries.loc[view["selected"], "region"])
    assert len(regions) >= 3
    # the latest year in which most of China's scored indicators have a value, not simply the
    # latest year of any indicator (which would open on mostly empty cards)
    o = index.observations
    scored = set(index.indicators.index[index.indicators["pillar"].notna()])
    chn = o[(o["iso3"] == "CHN") & o["indicator"].isin(scored) & o["value"].notna()]
    per_year = chn.groupby("year")["indicator"].nunique()
    expected = max(y for y, n in per_year.items() if 2 * n > chn["indicator"].nunique())
    assert view["year"] == expected < o["year"].max()
    preferred = [i for i in DEFAULT_INDICATORS if expected in years(index, i)]
    assert view["indicator"] == preferred[0]
    cards = data.cards("CHN", view["year"])
    with_value = [c for c in cards if c.pillar and c.value is not None]
    assert 2 * len(with_value) > len([c for c in cards if c.pillar and c.history])


def test_card_values_and_ranks_match_the_index(data, index):
    view = data.default_view()
    cards = {c.indicator: c for c in data.cards("CHN", view["year"])}
    assert list(cards) == list(index.indicators.index)  # one card per indicator, none dropped
    rank = index.ranking(view["indicator"], view["year"])
    mine = rank[rank["iso3"] == "CHN"].iloc[0]
    c = cards[view["indicator"]]
    assert c.value == pytest.approx(mine["value"])
    assert c.rank_text == f"#{mine['rank']} of {mine['of']}"
    assert c.data_year == view["year"] and c.history[-1][0] <= max(years(index, view["indicator"]))


def test_missing_value_says_so_with_latest_year_and_publisher_reason(data, index):
    m = index.missing
    obs = index.observations
    has = obs.groupby(["iso3", "indicator"])["year"].max()
    # a publisher-declared gap for a country that has data for that indicator in another year
    row = next(r for r in m.itertuples() if (r.iso3, r.indicator) in has.index)
    card = next(c for c in data.cards(row.iso3, int(row.year)) if c.indicator == row.indicator)
    assert card.value is None and card.rank is None and card.raw_text == ""
    assert card.missing_text == f"no data for {row.year}; latest {has[(row.iso3, row.indicator)]}"
    assert card.gap_reason == row.reason
    assert card.latest_text  # the older value is offered, next to its year in missing_text


def test_raw_value_shows_the_publishers_scale():
    bounded = pd.Series({"scale": "bounded", "raw_min": -4.0, "raw_max": 100.0, "goal_lo": 0.0,
                         "goal_hi": 100.0, "unit": "points", "levels": ""})
    assert raw_with_scale(9.0, bounded) == "9 / 100"
    pts = bounded.copy()
    pts[["raw_min", "raw_max", "goal_lo", "goal_hi"]] = [1.0, 5.0, 1.0, 5.0]
    assert raw_with_scale(3.0, pts) == "3 on the 1\u20135 scale"
    ordinal = pd.Series({"scale": "ordinal", "levels": "None|Draft|Law", "unit": "status"})
    assert raw_with_scale(2.0, ordinal).startswith("Law")


def test_sources_list_every_publisher_with_licence(data, index):
    rows = data.source_rows()
    assert [r["id"] for r in rows] == list(index.sources.index)
    for r in rows:
        assert r["licence"].startswith(index.sources.at[r["id"], "licence"])
