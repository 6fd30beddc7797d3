"""The Qt-free preparation behind the selector and the cards (from the Panel), checked against the
index's own SQLite frames."""

import re

import pandas as pd
import pytest

from explorer.views.explore import DEFAULT_INDICATORS, ExploreData, raw_with_scale
import oracle  # noqa: E402


@pytest.fixture(scope="module")
def data(data_panel):
    return ExploreData(data_panel)


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
    top = oracle.ranking(index, view["indicator"], view["year"]).iloc[0]
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
    rank = oracle.ranking(index, view["indicator"], view["year"])
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


def test_raw_value_shows_the_publishers_scale_and_direction():
    # synthetic indicator rows: only the columns the text is built from
    bounded = pd.Series({"scale": "bounded", "raw_min": -4.0, "raw_max": 100.0, "goal_lo": 0.0,
                         "goal_hi": 100.0, "unit": "points", "levels": "", "higher_is_better": True})
    assert raw_with_scale(9.0, bounded) == "9 on 0\u2013100 (higher = freer)"
    pts = bounded.copy()
    pts[["raw_min", "raw_max", "goal_lo", "goal_hi", "higher_is_better"]] = [1.0, 5.0, 1.0, 5.0, False]
    assert raw_with_scale(3.0, pts) == "3 on 1\u20135 (lower = freer)"
    ordinal = pd.Series({"scale": "ordinal", "levels": "None|Draft|Law", "unit": "status", "higher_is_better": True})
    assert raw_with_scale(2.0, ordinal) == "Law (level 3 of 3; higher = freer)"
    log = pd.Series({"scale": "log", "levels": "", "unit": "hours per year", "raw_min": 0.0,
                     "raw_max": float("nan"), "goal_lo": 0.0, "goal_hi": 900.0, "higher_is_better": False})
    assert raw_with_scale(1234.0, log) == "1,234 hours per year (lower = freer)"


def card_of(data, index, iso3, indicator):
    """The card for the country's latest year of that indicator, and the index row behind it."""
    o = index.observations
    row = o[(o["iso3"] == iso3) & (o["indicator"] == indicator) & o["value"].notna()].sort_values("year").iloc[-1]
    card = next(c for c in data.cards(iso3, int(row["year"])) if c.indicator == indicator)
    return card, row


@pytest.mark.parametrize("indicator, way", [("rsf_score_pre2022", "lower = freer"), ("rsf_score", "higher = freer")])
def test_card_names_the_raw_scale_its_direction_and_the_normalised_number(data, index, indicator, way):
    ind = index.indicators.loc[indicator]
    assert bool(ind["higher_is_better"]) == (way == "higher = freer")
    card, row = card_of(data, index, "CHN", indicator)
    lo, hi = ind["goal_lo"], ind["goal_hi"]
    m = re.fullmatch(r"([\u2212\d.,]+) on (\d+)\u2013(\d+) \((.+)\) \u00b7 normalised (\d+) / 100", card.raw_text)
    assert m, card.raw_text
    assert float(m[1].replace("\u2212", "-")) == pytest.approx(row["raw_value"], abs=0.006)
    assert (float(m[2]), float(m[3])) == (lo, hi)
    assert m[4] == way
    assert int(m[5]) == round(row["value"])
    # the reversed scale: the raw and normalised numbers point opposite ways, and say so
    if way == "lower = freer":
        assert row["value"] == pytest.approx(100 * (hi - row["raw_value"]) / (hi - lo), abs=0.01)


def test_every_card_with_a_value_says_its_direction_and_normalised_number(data, index):
    for c in data.cards("CHN", data.default_view()["year"]):
        if c.documented_only:  # documented / not documented: never a 0-100 score, never a rank
            text = c.raw_text or c.latest_text
            assert "documented" in text and "normalised" not in text and c.rank_text == "not ranked"
        elif c.value is not None:
            ind = index.indicators.loc[c.indicator]
            assert ("higher = freer" if ind["higher_is_better"] else "lower = freer") in c.raw_text
            assert c.raw_text.endswith(f"\u00b7 normalised {c.value:.0f} / 100")
        elif c.latest_text:
            assert "normalised" in c.latest_text and "(score " not in c.latest_text


def test_sources_list_every_publisher_with_licence(data, index):
    rows = data.source_rows()
    assert [r["id"] for r in rows] == list(index.sources.index)
    for r in rows:
        assert r["licence"].startswith(index.sources.at[r["id"], "licence"])


def test_the_country_list_never_ranks_a_documented_only_indicator(data):
    ind = next(i for i, m in data.panel.indicator_meta.items() if m["documented_only"])
    year = data.panel.years(ind)[-1]
    rows = [r for r in data.country_rows(indicator=ind, year=year) if r["value"] is not None]
    assert rows and all(r["rank"] is None for r in rows)
    assert {r["score"] for r in rows} <= {"documented", "not documented"}
    scored = [r for r in data.country_rows(indicator="fiw_total", year=2024) if r["value"] is not None]
    assert all(r["rank"] for r in scored)  # a scored indicator keeps its ranks
