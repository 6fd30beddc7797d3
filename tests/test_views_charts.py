"""The chart data is the index's data: nothing filled, medians of the right countries and
years, and a value from another year carries that year. Expected values are computed here
straight from the index's observation table, independently of explorer.views.charts."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from explorer.views.charts import WORLD, ChartData


@pytest.fixture(scope="module")
def vd(data_panel):
    return ChartData(data_panel)


@pytest.fixture(scope="module")
def obs(index):
    o = index.observations[["iso3", "indicator", "year", "raw_value", "value"]].copy()
    return o.join(index.countries[["region"]], on="iso3")


def panel_indicator(index) -> str:
    """The yearly indicator with the most observations."""
    inds = index.indicators
    return inds[inds["first_year"] < inds["last_year"]].sort_values("n_obs").index[-1]


def gap(index, obs):
    """(iso3, indicator, year): a country observed before and after a year it lacks."""
    for (iso, ind), g in obs.groupby(["iso3", "indicator"]):
        ys = sorted(g["year"])
        for a, b in zip(ys, ys[1:]):
            if b - a > 1:
                return iso, ind, a + 1
    pytest.skip("no indicator in the index has a gap inside a country's series")


def test_time_series_keeps_gaps_and_observed_values(vd, index, obs):
    iso, ind, missing_year = gap(index, obs)
    ts = vd.time_series(ind, [iso])
    mine = obs[(obs["iso3"] == iso) & (obs["indicator"] == ind)].sort_values("year")
    assert missing_year not in set(ts["year"])  # the gap is not filled
    assert ts["year"].tolist() == mine["year"].tolist()
    assert ts["raw_value"].tolist() == mine["raw_value"].tolist()


def test_medians_are_of_the_region_and_world_for_each_year(vd, index, obs):
    ind = panel_indicator(index)
    year = int(obs.loc[obs["indicator"] == ind, "year"].max())
    these = obs[(obs["indicator"] == ind) & (obs["year"] == year)]
    world = vd.median_series(ind, WORLD).set_index("year")
    assert world.loc[year, "raw_value"] == pytest.approx(these["raw_value"].median())
    assert world.loc[year, "n"] == these["iso3"].nunique()
    region = these["region"].dropna().iloc[0]
    reg = vd.median_series(ind, region).set_index("year")
    assert reg.loc[year, "value"] == pytest.approx(these.loc[these["region"] == region, "value"].median())
    assert vd.median_series(ind, "Atlantis").empty  # an unknown group has no line, not zeros


def test_ranking_orders_by_least_persecution_and_leaves_out_missing(vd, index, obs):
    ind = panel_indicator(index)
    year = int(obs.loc[obs["indicator"] == ind, "year"].max())
    r = vd.ranking(ind, year)
    these = obs[(obs["indicator"] == ind) & (obs["year"] == year)]
    assert set(r["iso3"]) == set(these["iso3"]) and (r["of"] == len(these)).all()
    assert r["value"].is_monotonic_decreasing
    tied = r[r["value"] == r["value"].iloc[0]]
    assert (tied["rank"] == 1).all()  # ties share a rank
    absent = sorted(set(index.countries["iso3"]) - set(these["iso3"]))
    assert absent and vd.without_data(ind, absent[:3], year) == absent[:3]


def test_single_year_indicator_shows_its_own_year(vd, index):
    inds = index.indicators
    once = inds[inds["first_year"] == inds["last_year"]]
    if once.empty:
        pytest.skip("every indicator has several years")
    ind, only = once.index[0], int(once["first_year"].iloc[0])
    assert vd.data_year(ind, only + 3) == only  # within the window of 3 years, with its year
    assert vd.data_year(ind, only + 4) is None  # older than the window: no value
    assert vd.data_year(ind, only - 3) is None  # never a later year
    assert vd.data_year(ind, None) == only
    ts = vd.median_series(ind, WORLD)
    assert ts["year"].tolist() == [only]


def test_scatter_pairs_only_countries_with_both(vd, index, obs):
    ind_x = panel_indicator(index)
    others = index.indicators.drop(ind_x).sort_values("n_obs")
    ind_y = others.index[-1]
    df, yx, yy = vd.scatter(ind_x, ind_y, None)
    ax = obs[(obs["indicator"] == ind_x) & (obs["year"] == yx)].set_index("iso3")
    ay = obs[(obs["indicator"] == ind_y) & (obs["year"] == yy)].set_index("iso3")
    assert set(df["iso3"]) == set(ax.index) & set(ay.index)
    row = df.iloc[0]
    assert row["x"] == ax.loc[row["iso3"], "raw_value"] and row["y"] == ay.loc[row["iso3"], "raw_value"]


def test_profile_says_the_year_of_each_value_and_missing_stays_missing(vd, index, obs):
    ind = panel_indicator(index)
    year = int(obs.loc[obs["indicator"] == ind, "year"].max())
    # A country observed on this indicator but lacking some other indicator entirely.
    have = set(obs.loc[obs["indicator"] == ind, "iso3"])
    per_country = obs.groupby("iso3")["indicator"].nunique()
    iso = next(c for c in per_country.sort_values().index if c in have
               and per_country[c] < len(index.indicators))
    p = vd.profile(iso, year).set_index("indicator")
    assert list(p.index) == list(index.indicators.index)  # every indicator has a row
    lacking = set(index.indicators.index) - set(obs.loc[obs["iso3"] == iso, "indicator"])
    for miss in lacking:
        assert math.isnan(p.loc[miss, "value"]) and pd.isna(p.loc[miss, "year"])
    for ind_id, row in p.dropna(subset=["value"]).iterrows():
        mine = obs[(obs["iso3"] == iso) & (obs["indicator"] == ind_id)]
        hit = mine[mine["year"] == row["year"]]
        assert len(hit) == 1 and hit["value"].iloc[0] == row["value"]  # value of the year it names
        if year in set(mine["year"]):
            assert row["year"] == year
        same = obs[(obs["indicator"] == ind_id) & (obs["year"] == row["year"])]
        assert row["world_median"] == pytest.approx(same["value"].median())


def test_profile_latest_when_no_year(vd, index, obs):
    iso = obs["iso3"].iloc[0]
    p = vd.profile(iso, None).dropna(subset=["value"]).set_index("indicator")
    latest = obs[obs["iso3"] == iso].groupby("indicator")["year"].max()
    assert (p["year"].astype(int) == latest.reindex(p.index)).all()


def test_axis_labels_name_unit_and_direction(vd, index):
    for ind_id, row in index.indicators.iterrows():
        label = vd.info(ind_id).raw_axis
        assert ("higher = better" in label) == bool(row["higher_is_better"])
        assert ("higher = worse" in label) == (not row["higher_is_better"])
        assert len(label) < 110  # fits along an axis


def test_citation_names_the_source(vd, index):
    ind = panel_indicator(index)
    src = index.indicators.loc[ind, "source"]
    assert index.sources.loc[src, "citation"] in vd.citation([ind])


def test_profile_rows_follow_pillar_order_with_context_last(vd, index):
    rows = vd.profile_rows()
    pillars = index.pillars.sort_values("position")
    position = dict(zip(pillars["id"], pillars["position"]))
    order = [position.get(p, len(position)) if isinstance(p, str) else len(position) for p in rows["pillar"]]
    assert order == sorted(order)
    assert sorted(rows["indicator"]) == sorted(index.indicators["id"])
    ctx = rows[rows["pillar"].isna()]
    assert (ctx["heading"] == "Context (not scored)").all()
    named = rows[rows["pillar"].notna()]
    assert (named["heading"] == named["pillar"].map(pillars["name"])).all()
    p = vd.profile(index.countries["iso3"].iloc[0])
    assert p["indicator"].tolist() == rows["indicator"].tolist()


def test_publisher_names_are_short_enough_for_titles(vd, index):
    from explorer.views.charts import short_publisher
    # synthetic publisher strings: the shapes the sources table uses
    assert short_publisher("Example Trade Body (ETB)") == "ETB"
    assert short_publisher("Example Institute, Example University") == "Example Institute"
    assert short_publisher("Ann A. Smith, Bo Jones and Cy Lee (via Example)") == "Smith et al."
    assert short_publisher("", "src") == "src"
    for src, publisher in zip(index.sources["id"], index.sources["publisher"]):
        short = vd.publisher(src)
        assert short and len(short) <= 45 and "(" not in short
        assert short in publisher or short.replace(" et al.", "") in publisher


def test_indicator_info_states_a_bounded_floor(vd, index):
    inds = index.indicators
    for ind, row in inds.iterrows():
        info = vd.info(ind)
        if row["scale"] == "bounded":
            assert info.floor == row["raw_min"]
        else:
            assert info.floor is None
