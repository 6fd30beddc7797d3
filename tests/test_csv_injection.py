"""Issue 12, item 11: text that a spreadsheet would run as a formula is written as text in every
CSV export, while numbers (negative ones too) stay numbers."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pandas as pd

from explorer.csvsafe import defuse_frame, to_csv_text
from explorer.export import export_csv

EVIL = ["=HYPERLINK(\"http://x.test\",\"click\")", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1"]


def test_formula_like_text_gets_a_quote_and_numbers_stay_numbers():
    df = pd.DataFrame({"note": EVIL + ["-1.5", "fine", None],
                       "value": [-1.5, 2.0, -3.0, 4.0, 5.0, 6.0, -7.25, 8.0, float("nan")]})
    out = defuse_frame(df)
    assert out["note"].tolist()[:6] == ["'" + e for e in EVIL]
    assert out["note"].tolist()[6:8] == ["-1.5", "fine"] and out["note"].isna().tolist()[8]
    back = pd.read_csv(io.StringIO(to_csv_text(df, index=False)))
    assert back["value"].dtype == float and back["value"].tolist()[:3] == [-1.5, 2.0, -3.0]


def test_the_observation_export_defuses_names_and_notes(index, tmp_path):
    obs = index.observations.head(3).copy()
    obs["note"] = "=HYPERLINK(\"http://x.test\")"
    obs["raw_value"] = -1.5
    countries = index.countries.copy()
    countries["short_name"] = "@Testland"
    fake = SimpleNamespace(observations=obs, indicators=index.indicators, countries=countries, sources=index.sources)
    out = tmp_path / "obs.csv"
    export_csv(fake, out)
    back = pd.read_csv(out)
    assert set(back["note"]) == {"'=HYPERLINK(\"http://x.test\")"} and set(back["country"]) == {"'@Testland"}
    assert back["raw_value"].tolist() == [-1.5] * 3


def test_the_answer_csv_defuses_country_names(index):
    from explorer.scoring.answer import answer
    from explorer.scoring.composite import Engine, Settings
    from explorer.scoring.report import csv_text
    ans = answer(Engine(index), Settings(), with_robustness=False)
    ans.table.loc[ans.table.index[0], "country"] = "=1+1"
    text = csv_text(ans, index)
    assert ",'=1+1," in text and ",=1+1," not in text
