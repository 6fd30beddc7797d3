"""The composite answer: direction, weights, coverage rule, years, robustness, bad input.

Most tests run on the shipped index; the coverage and window rules also on a small, visibly
synthetic index (values 10/20/.../90, made up) so their arithmetic is checked exactly."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from explorer.catalogue import PILLAR_IDS
from explorer.scoring import defaults as D
from explorer.scoring.answer import answer, headline
from explorer.scoring.composite import Engine, ScoringError, Settings
from explorer.scoring.explain import why
from explorer.scoring.robustness import robustness


@pytest.fixture(scope="module")
def engine(index):
    return Engine(index)


@pytest.fixture(scope="module")
def default(engine):
    return answer(engine, Settings())


# ---- normalisation direction ---------------------------------------------------------------

def test_worst_raw_country_scores_near_0_and_best_near_100_for_every_scored_indicator(index):
    v, ind = index.values, index.indicators
    scored = ind[ind["pillar"].notna()]
    assert len(scored) >= 5
    for i, meta in scored.iterrows():
        s = v[v["indicator"] == i]
        lo_raw, hi_raw = s.loc[s["raw_value"].idxmin()], s.loc[s["raw_value"].idxmax()]
        worst, best = (lo_raw, hi_raw) if meta["higher_is_better"] else (hi_raw, lo_raw)
        assert worst["value"] == pytest.approx(s["value"].min()), i
        assert best["value"] == pytest.approx(s["value"].max()), i
        assert worst["value"] <= 15, f"{i}: worst raw {worst['raw_value']} gets {worst['value']:.1f}"
        assert best["value"] >= 75, f"{i}: best raw {best['raw_value']} gets {best['value']:.1f}"


# ---- the default answer ----------------------------------------------------------------------

def test_default_year_is_the_latest_that_ranks_nearly_the_most_countries(engine, default):
    from explorer.scoring.composite import DEFAULT_YEAR_SHARE
    n = {y: int(engine.score(engine.prepare(Settings(year=y)), require_ranked=False).eligible.sum())
         for y in engine.cube.years.tolist()}
    best = max(n.values())
    assert default.year == max(y for y, k in n.items() if k >= DEFAULT_YEAR_SHARE * best)
    assert len(default.table) == n[default.year] >= DEFAULT_YEAR_SHARE * best


def test_ranks_follow_scores_and_every_value_shows_its_year(engine, default):
    t = default.table
    assert (np.diff(t["score"].to_numpy()) <= 1e-9).all()
    assert t["rank"].iloc[0] == 1
    p = default.result.prepared.picked
    used = p.data_year[p.present]
    assert (used <= default.year).all() and (used >= default.year - default.settings.window).all()


def test_window_zero_uses_only_the_chosen_year(engine):
    res = engine.score(engine.prepare(Settings(year=2023, window=0)), require_ranked=False)
    p = res.prepared.picked
    assert (p.data_year[p.present] == 2023).all()


def test_arithmetic_contributions_add_up_to_the_composite(engine, default):
    for iso3 in default.table["iso3"].head(3).tolist() + default.table["iso3"].tail(3).tolist():
        w = why(engine, default.result, iso3)
        total = sum(p["contribution"] for p in w["pillars"] if p["contribution"] is not None)
        assert total == pytest.approx(w["score"])
        ind_total = sum(i["contribution"] for i in w["indicators"] if i["contribution"] is not None)
        assert ind_total == pytest.approx(w["score"])


def test_geometric_mean_never_exceeds_arithmetic(engine):
    prep = engine.prepare(Settings())
    a = engine.score(prep, method="arithmetic").score
    g = engine.score(prep, method="geometric").score
    ok = np.isfinite(a) & np.isfinite(g)
    assert (g[ok] <= a[ok] + D.GEOMETRIC_FLOOR).all()  # AM-GM; the floor lifts pillar scores below 1
    assert (g[ok] < a[ok] - 1).any()  # and it does bite where pillars are uneven


# ---- weights -----------------------------------------------------------------------------------

@pytest.mark.parametrize("pillar", ["physical", "surveillance"])
def test_raising_a_pillar_weight_moves_countries_strong_on_it_up(engine, pillar):
    prep = engine.prepare(Settings())
    k = PILLAR_IDS.index(pillar)
    base = engine.score(prep)
    heavy = engine.score(prep, {**D.PRESETS["equal"], pillar: 4.0})
    e = base.eligible
    gap = base.S[:, k] - base.score
    above = e & (gap > 0)
    assert (heavy.score[above] > base.score[above]).all()
    star = int(np.nanargmax(np.where(e, gap, -np.inf)))
    assert heavy.rank[star] < base.rank[star], engine.names[star]
    # and the ranks move towards the pillar's own order
    rho = lambda r: pd.Series(r[e]).corr(pd.Series(base.S[e, k]).rank(ascending=False))
    assert rho(heavy.rank) > rho(base.rank)


@pytest.mark.parametrize("weights, words", [
    ({p: 0.0 for p in PILLAR_IDS}, "all pillar weights are zero"),
    ({**D.PRESETS["equal"], "civic": -1.0}, "negative"),
    ({**D.PRESETS["equal"], "civic": float("nan")}, "finite"),
])
def test_bad_weights_give_a_clear_message(engine, weights, words):
    with pytest.raises(ScoringError, match=words):
        engine.score(engine.prepare(Settings()), weights)
    with pytest.raises(ScoringError, match=words):
        answer(engine, Settings(pillar_weights=weights))


def test_a_year_without_enough_data_says_so(engine):
    with pytest.raises(ScoringError, match=r"2001: no country has enough data.*Try"):
        answer(engine, Settings(year=2001, window=0))


# ---- coverage rule ----------------------------------------------------------------------------

def test_coverage_rule_excludes_sparse_countries_and_says_what_is_missing(engine, default):
    res = default.result
    sparse = np.flatnonzero((res.n_ind > 0) & (res.n_pillars < D.MIN_PILLARS))
    assert len(sparse), "the shipped index should have countries with too few pillars"
    assert not res.eligible[sparse].any()
    ex = default.excluded.set_index("iso3")
    for c in sparse[:5]:
        assert f"data in {res.n_pillars[c]} of 5 pillars" in ex.loc[engine.cube.iso3[c], "missing"]
    strict = engine.score(engine.prepare(Settings(min_share=1.0)), require_ranked=False)
    assert strict.eligible.sum() < res.eligible.sum()
    assert (strict.n_ind[strict.eligible] == len(strict.prepared.indicators)).all()


def _synthetic_engine() -> Engine:
    """Five made-up countries, one made-up indicator per pillar, values 10..90 (not real data)."""
    inds = pd.DataFrame({"id": [f"syn_{p}" for p in PILLAR_IDS], "pillar": PILLAR_IDS, "source": "synthetic",
                         "short": [f"Synthetic {p}" for p in PILLAR_IDS], "unit": "points",
                         "higher_is_better": True}).set_index("id", drop=False)
    rows = []
    for c, (iso3, n_pillars) in enumerate([("AAA", 5), ("BBB", 5), ("CCC", 4), ("DDD", 3), ("EEE", 1)]):
        for k, p in enumerate(PILLAR_IDS[:n_pillars]):
            rows.append((iso3, f"syn_{p}", 2020, float(10 * (c + k + 1)), float(10 * (c + k + 1))))
    rows.append(("AAA", "syn_civic", 2017, 5.0, 5.0))  # older than the default window for 2021
    values = pd.DataFrame(rows, columns=["iso3", "indicator", "year", "raw_value", "value"])
    countries = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC", "DDD", "EEE"], "short_name": list("ABCDE"),
                              "region": ["Europe"] * 3 + ["Asia"] * 2}).set_index("iso3", drop=False)
    pillars = pd.DataFrame({"id": PILLAR_IDS, "name": PILLAR_IDS}).set_index("id", drop=False)
    return Engine(SimpleNamespace(indicators=inds, values=values, countries=countries, pillars=pillars, meta={}))


def test_synthetic_coverage_rule_and_thresholds():
    eng = _synthetic_engine()
    w = {f"syn_{p}": 1.0 for p in PILLAR_IDS}
    # the mean of the values a country has (estimation off: this checks the plain arithmetic)
    res = eng.score(eng.prepare(Settings(year=2020, window=0, indicator_weights=w, impute=False)))
    ranked = set(eng.cube.iso3[res.eligible])
    assert ranked == {"AAA", "BBB", "CCC"}          # 5, 5 and 4 of 5 pillars; DDD 3/5, EEE 1/5 out
    loose = eng.score(eng.prepare(Settings(year=2020, window=0, indicator_weights=w, min_pillars=3, min_share=0.6)))
    assert set(eng.cube.iso3[loose.eligible]) == {"AAA", "BBB", "CCC", "DDD"}
    # BBB: values 20..60 -> mean 40; CCC: 30..60 over 4 pillars -> 45
    assert res.score[eng.row_of("BBB")] == pytest.approx(40.0)
    assert res.score[eng.row_of("CCC")] == pytest.approx(45.0)


def test_synthetic_window_takes_latest_value_never_a_later_one():
    eng = _synthetic_engine()
    w = {f"syn_{p}": 1.0 for p in PILLAR_IDS}
    p = eng.prepare(Settings(year=2019, window=3, indicator_weights=w)).picked
    a = eng.row_of("AAA")
    j = p.indicators.index("syn_civic")
    assert p.data_year[a, j] == 2017 and p.value[a, j] == 5.0  # the 2020 value is after 2019: not used
    p = eng.prepare(Settings(year=2021, window=3, indicator_weights=w)).picked
    j = p.indicators.index("syn_civic")
    assert p.data_year[a, j] == 2020 and p.value[a, j] == 50.0
    p = eng.prepare(Settings(year=2021, window=0, indicator_weights=w)).picked
    assert not p.present.any()


def test_missing_indicator_is_skipped_with_a_note(engine):
    w = {**{i: 1.0 for ids in D.DEFAULT_SELECTION.values() for i in ids}, "no_such_indicator": 1.0}
    prep = engine.prepare(Settings(indicator_weights=w))
    assert "no_such_indicator" not in prep.indicators
    assert any("no_such_indicator" in n and "skipped" in n for n in prep.notes)


def test_later_snapshot_only_when_allowed_and_marked(engine):
    ind = "unctad_data_protection_law"
    if not engine.cube.has(ind):
        pytest.skip("UNCTAD not in this index")
    w = {**{i: 1.0 for ids in D.DEFAULT_SELECTION.values() for i in ids}, ind: 1.0}
    plain = engine.prepare(Settings(year=2023, indicator_weights=w))
    assert ind not in plain.indicators and any(ind.split("_")[0] in n.lower() or "Data-protection" in n for n in plain.notes)
    allowed = engine.prepare(Settings(year=2023, indicator_weights=w, later_ok=frozenset({ind})))
    j = allowed.indicators.index(ind)
    p = allowed.picked
    assert p.later[p.present[:, j], j].all() and (p.data_year[p.present[:, j], j] > 2023).all()
    assert any("later" in n for n in allowed.notes)


# ---- robustness -----------------------------------------------------------------------------

def test_monte_carlo_is_deterministic_and_intervals_hold_the_point_rank(engine, default):
    res = default.result
    a = robustness(res, seed=7).summary()
    b = robustness(res, seed=7).summary()
    pd.testing.assert_frame_equal(a, b)
    c = robustness(res, seed=8)
    assert not np.array_equal(c.mc_ranks, robustness(res, seed=7).mc_ranks)
    t = default.table
    assert ((t["rank_lo"] <= t["rank"]) & (t["rank"] <= t["rank_hi"])).all()
    assert ((t["p_top10"] >= 0) & (t["p_top10"] <= 1)).all()
    assert t["p_top10"].head(1).item() > t["p_top10"].tail(1).item()
    assert ((t["loo_lo"] <= t["rank"]) & (t["rank"] <= t["loo_hi"])).all()


def test_headline_names_year_weights_and_top_countries(default):
    h = headline(default)
    assert h.startswith(f"In {default.year}, with equal weights, the least persecuting countries are ")
    for name in default.table["country"].head(3):
        assert name in h
    assert "scenarios varying every modelling choice" in h


def test_disagreement_between_pts_reports_is_flagged(engine, default):
    from explorer.scoring.explain import disagreements
    flagged = default.table[default.table["sources_disagree"].str.contains("Political Terror")]
    if flagged.empty:
        pytest.skip("no PTS disagreement in this index year")
    d = [x for x in disagreements(engine, default.result, flagged["iso3"].iloc[0]) if "Terror" in x["group"]][0]
    raws = [v["raw_value"] for v in d["values"]]
    assert d["disagree"] and max(raws) - min(raws) >= 2


def test_validation_correlates_with_the_publishers_own_indices(engine):
    from explorer.scoring.validation import table
    rows = {r["indicator"]: r for r in table(engine)}
    assert rows, "no publisher index to compare with"
    for r in rows.values():
        assert -1 <= r["rho"] <= 1 and r["n"] >= 10 and len(r["biggest"]) == 3
    inputs = [r for r in rows.values() if r["in_composite"]]
    assert inputs and all(r["rho"] > 0.5 for r in inputs)  # an input that ran against the composite = a bug


def test_a_focused_preset_ranks_only_countries_with_data_in_the_pillar_weighted_most(engine):
    s = PILLAR_IDS.index("surveillance")
    st = Settings(year=2026, pillar_weights=D.PRESETS["surveillance-focused"])
    res = engine.run(st)
    assert res.eligible.any()
    assert np.isfinite(res.S[res.eligible, s]).all()
    # the same countries without surveillance data would be ranked under equal weights
    equal = engine.run(Settings(year=2026, impute=False))  # observed pillar scores
    dropped = equal.eligible & ~np.isfinite(equal.S[:, s])
    assert dropped.any() and not (res.eligible & dropped).any()
    c = int(np.flatnonzero(dropped)[0])
    assert "no data for surveillance, the pillar weighted most" in engine.missing_text(res, c)


def test_default_composite_does_not_reward_secretive_states(engine, default):
    """AIGS lists documented deployments only; with it North Korea outranked China."""
    assert "aigs_ai_surveillance" not in default.result.prepared.indicators
    t = default.table.set_index("iso3")
    assert t.loc["PRK", "rank"] > t.loc["CHN", "rank"] > t.loc["DEU", "rank"]


def test_monte_carlo_ranks_share_ties_like_the_point_ranking():
    from explorer.scoring.composite import rank_desc
    from explorer.scoring.robustness import ranks_of
    scores = np.array([[50.0, 70.0, 70.0, 10.0], [1.0, 2.0, 3.0, 3.0]])
    assert ranks_of(scores).tolist() == [[3, 1, 1, 4], [4, 3, 1, 1]]
    for row in scores:
        assert ranks_of(row[None, :])[0].tolist() == rank_desc(row).tolist()
