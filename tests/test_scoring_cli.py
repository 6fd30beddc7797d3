"""`explorer answer` (explorer/cli/answer.py): same numbers as the engine, clear errors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from explorer.errors import ExplorerError
from explorer.paths import INDEX_PATH
from explorer.scoring.answer import answer
from explorer.cli.answer import register
from explorer.scoring.composite import Engine, Settings


def run(capsys, *argv) -> tuple[int, str, str]:
    p = argparse.ArgumentParser()
    p.add_argument("--index", type=Path, default=INDEX_PATH)
    register(p.add_subparsers())
    args = p.parse_args(["answer", *argv])
    try:
        code = args.fn(args)
    except ExplorerError as e:  # what explorer/cli main() does
        print(f"explorer: {e}", file=__import__("sys").stderr)
        code = 2
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_gives_the_engine_numbers_with_every_value_year(capsys, index):
    code, out, _ = run(capsys, "--json", "--weights", "physical=2", "--top", "5")
    assert code == 0
    d = json.loads(out)
    eng_ans = answer(Engine(index), Settings(pillar_weights={"surveillance": 1, "digital": 1, "legal": 1,
                                                             "physical": 2, "civic": 1}))
    ranked = [c for c in d["countries"] if c["status"] == "ranked"]
    assert [c["iso3"] for c in ranked] == eng_ans.table["iso3"].head(5).tolist()
    assert [round(c["score"], 9) for c in ranked] == [round(s, 9) for s in eng_ans.table["score"].head(5)]
    for c in ranked:
        for v in c["values"].values():
            assert v is None or v.get("estimated") or (d["year"] - 3 <= v["year"] <= d["year"])
    assert any(c["status"] == "not enough data" and c["missing"] for c in d["countries"])
    assert "custom weights" in d["headline"]


def test_text_output_has_headline_table_and_caveats(capsys):
    code, out, _ = run(capsys, "--top", "3")
    assert code == 0
    assert out.startswith("In ") and "least persecuting" in out
    assert "90% rank range" in out and "not enough data" in out and "caveats:" in out


def test_why_shows_each_value_with_its_year(capsys, index):
    code, out, _ = run(capsys, "--why", "NOR")
    assert code == 0 and "Why this rank: Norway" in out
    assert "pts_mean" not in out and "PTS mean" in out


@pytest.mark.parametrize("argv, words", [
    (["--weights", "physical=-1"], "weights must be finite numbers >= 0"),
    (["--weights", "physical=nan"], "weights must be finite numbers >= 0"),
    (["--weights", "surveillance=0,digital=0,legal=0,physical=0,civic=0"], "all pillar weights are zero"),
    (["--weights", "happiness=2"], "unknown pillar or scored indicator"),
    (["--year", "2001", "--window", "0"], "no country has enough data"),
    (["--preset", "nice"], "unknown preset"),
])
def test_bad_input_is_a_message_and_exit_2(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and words in err and "Traceback" not in err
