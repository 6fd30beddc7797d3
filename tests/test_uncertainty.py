"""Issue 10: fair treatment of missing data, global uncertainty and sensitivity, comparisons,
the preset bug and the coherence audit. Synthetic tests use made-up factors; the rest run on
the shipped index."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from explorer.scoring import coherence, uncertainty as U
from explorer.scoring.answer import answer, compare, headline, records
from explorer.scoring.composite import Engine, Settings
from explorer.scoring.fairness import audit
from explorer.scoring.robustness import ranks_of


@pytest.fixture(scope="module")
def engine(index):
    return Engine(index)


@pytest.fixture(scope="module")
def full(engine):
    return answer(engine, Settings())


# ---- Sobol on a synthetic composite with a known answer --------------------------------------

def test_sobol_finds_the_factor_that_drives_everything_and_the_inert_one():
    from SALib.analyze import sobol as salib
    from SALib.sample import sobol as saltelli
    prob = {"num_vars": 3, "names": ["weight", "inert", "noise"], "bounds": [[0, 1]] * 3}
    X = saltelli.sample(prob, 2048, calc_second_order=False, seed=7)
    # five made-up countries; pillar A rises along the list, pillar B falls: the weight decides the ranks
    a, b = np.linspace(10, 90, 5), np.linspace(90, 10, 5)
    score = X[:, [0]] * a + (1 - X[:, [0]]) * b + 0.0 * X[:, [1]] + 1e-3 * X[:, [2]]
    Y = ranks_of(score).astype(float)
    S1, ST = U.sobol_indices(Y, 3)
    for c in (0, 4):  # the countries at the ends move with the weight only
        assert ST[0, c] == pytest.approx(1.0, abs=0.1) and S1[0, c] == pytest.approx(1.0, abs=0.1)
        assert abs(ST[1, c]) < 0.02 and abs(S1[1, c]) < 0.05
        ref = salib.analyze(prob, Y[:, c], calc_second_order=False, seed=1)
        assert np.allclose(ref["S1"], S1[:, c]) and np.allclose(ref["ST"], ST[:, c])


def test_every_rank_range_contains_the_point_rank(full):
    t = full.table
    assert full.robust.full and full.robust.draws >= 10_000
    assert ((t["rank_lo"] <= t["rank"]) & (t["rank"] <= t["rank_hi"])).all()
    assert t["drivers"].str.len().gt(0).all()


def test_pairwise_probabilities_add_up_to_one(full):
    iso = full.table["iso3"].tolist()
    for a, b in [(iso[0], iso[1]), (iso[0], iso[-1]), ("CHN", "DEU"), (iso[5], iso[6])]:
        c = compare(full, a, b)
        assert c["p_a_better"] + c["p_b_better"] + c["p_tie"] == pytest.approx(1.0)
    assert compare(full, "DEU", "CHN")["p_a_better"] > 0.95


def test_best_case_weights_never_give_a_worse_rank_than_the_chosen_ones(full):
    for iso in ("CHN", "SWE", full.table["iso3"].iloc[80]):
        bc = U.best_case(full.result, iso)
        assert 1 <= bc["best_rank"] <= bc["point_rank"]
        assert sum(bc["weights"].values()) == pytest.approx(1.0) and min(bc["weights"].values()) >= 0.05 - 1e-9


def test_the_same_seed_gives_the_same_ranges_and_the_cli_prints_them(engine, full):
    again = answer(engine, Settings())
    assert (again.table["rank_lo"] == full.table["rank_lo"]).all()
    out = subprocess.run([sys.executable, "-m", "explorer", "answer", "--uncertainty", "full", "--json", "--top", "5"],
                         capture_output=True, text=True, check=True).stdout
    cli = [r for r in json.loads(out)["countries"] if r["status"] == "ranked"]
    t = full.table.set_index("iso3")
    for r in cli:
        assert (r["rank_lo"], r["rank_hi"]) == (t.at[r["iso3"], "rank_lo"], t.at[r["iso3"], "rank_hi"])
        assert r["p_top10"] == pytest.approx(t.at[r["iso3"], "p_top10"])
    out = subprocess.run([sys.executable, "-m", "explorer", "answer", "--compare", "CHN,DEU", "--json"],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["comparisons"][0]["p_a_better"] == pytest.approx(compare(full, "CHN", "DEU")["p_a_better"])


# ---- honest headline, estimated values ---------------------------------------------------------

def test_headline_names_thin_data_in_the_top_three_and_all_the_uncertainty(full):
    h = headline(full)
    assert "scenarios varying every modelling choice" in h
    thin = full.table.head(3)["thin_data"]
    assert any(thin) == ("on a single or old value" in h)


def test_custom_indicator_weights_are_named_in_the_headline(engine):
    from explorer.scoring.composite import default_indicator_weights
    w = default_indicator_weights()
    w["pts_mean"] = 2.0
    h = headline(answer(engine, Settings(indicator_weights=w), with_robustness=False))
    assert "custom indicator weights (pts_mean 2)" in h


def test_estimated_values_are_marked_in_the_json_and_never_make_a_country_ranked(engine, full):
    off = answer(engine, Settings(impute=False), with_robustness=False)
    assert set(off.table["iso3"]) == set(full.table["iso3"])
    est = [(r["iso3"], k) for r in records(full) if r["status"] == "ranked"
           for k, v in r["values"].items() if v and v.get("estimated")]
    assert est, "the shipped index has gaps that are estimated"
    row = full.table.set_index("iso3")
    for iso, ind in est[:20]:
        assert engine.short(ind) in row.at[iso, "estimated"]


def test_the_csv_marks_estimated_values(engine, full):
    from explorer.scoring.report import csv_text
    text = csv_text(full, engine.index)
    assert "estimated" in text.splitlines()[-len(full.table) - len(full.excluded) - 1]  # header row


# ---- the thin-data advantage, before and after -------------------------------------------------

def test_estimating_missing_values_removes_most_of_the_thin_data_advantage(engine):
    before = audit(engine, engine.run(Settings(impute=False)))
    after = audit(engine, engine.run(Settings()))
    # measured on the shipped index: before -14.2 places, r +0.50; after -6.9, r +0.47 (docs/method.md 5b)
    assert abs(before.gap_difference) > 12
    assert abs(after.gap_difference) <= 0.55 * abs(before.gap_difference)
    # the population link is carried by the event-scope measures (PTS, RSF safety), not by gaps:
    # without them it falls to about +0.28 (docs/method.md 5b); it is reported, not hidden
    from explorer.scoring.composite import default_indicator_weights
    w = default_indicator_weights()
    w.update(pts_mean=0.0, rsf_safety=0.0)
    assert audit(engine, engine.run(Settings(indicator_weights=w))).r_log_population < after.r_log_population - 0.1


# ---- the preset bug -----------------------------------------------------------------------------

def test_choosing_a_preset_resets_indicator_weights_to_the_default_selection(engine):
    from explorer.state.answer import AnswerState
    st = AnswerState(year=2024)
    st.set_indicator_weight("pts_mean", 3.0)
    st.set_preset("equal")
    assert st.indicator_weights["pts_mean"] == 1.0
    ours = engine.run(st.settings())
    cli = engine.run(Settings(year=2024))
    assert (ours.rank == cli.rank).all()


# ---- coherence ---------------------------------------------------------------------------------

def test_coherence_numbers_match_a_direct_numpy_computation(engine):
    res = engine.run(Settings())
    a = coherence.audit(engine, res)
    e = np.flatnonzero(res.eligible)
    V = res.prepared.picked.value[e]
    inds = res.prepared.indicators
    i, j = inds.index("fiw_civil_liberties"), inds.index("rsf_score")
    ok = np.isfinite(V[:, i]) & np.isfinite(V[:, j])
    assert a["correlations"].iat[i, j] == pytest.approx(np.corrcoef(V[ok, i], V[ok, j])[0, 1])
    cols = [k for k, p in enumerate(res.prepared.pillar_idx) if p == 4]
    X = V[:, cols][np.isfinite(V[:, cols]).all(axis=1)]
    k = len(cols)
    alpha = k / (k - 1) * (1 - X.var(axis=0, ddof=1).sum() / X.sum(axis=1).var(ddof=1))
    assert a["alpha"]["civic"]["alpha"] == pytest.approx(alpha)
    okc = np.isfinite(V[:, i])
    assert a["indicators"].set_index("indicator").at["fiw_civil_liberties", "r_composite"] == \
        pytest.approx(np.corrcoef(V[okc, i], res.score[e][okc])[0, 1])
