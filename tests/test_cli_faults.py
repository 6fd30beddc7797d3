"""Issue 12, items 6 and 7, and the CLI fuzz test: whatever the arguments, the CLI answers with
output or a one-line message, exit code 0, 1 or 2, never a traceback and never a hang."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("argv, words", [
    (["answer", "--year", "9223372036854775808"], "the year must be from 1900 to"),
    (["answer", "--year", "-1", "--allow-later", "unctad_data_protection_law"], "the year must be from 1900"),
    (["rank", "fiw_total", "--year", "99999"], "the year must be from 1900"),
    (["answer", "--min-share", "nan"], "a share must be a number from 0 to 1"),
    (["answer", "--min-pillars", "9"], "--min-pillars must be from 0 to 5"),
    (["answer", "--weights", "physical=1e308"], "at most 1000"),
    (["export", "x.csv", "--years", "2020-99999999999999999999"], "not a range of years"),
])
def test_out_of_range_numbers_are_a_one_line_message_and_exit_2(argv, words):
    code, _, err = run(*argv)
    assert code == 2 and words in err and "Traceback" not in err


def test_a_huge_window_is_refused_at_once():
    t0 = time.perf_counter()
    code, _, err = run("answer", "--window", "1000000000000")
    assert code == 2 and "the window must be from 0 to 100" in err and time.perf_counter() - t0 < 5


def test_the_engine_itself_does_not_loop_over_a_huge_window(index):
    from explorer.scoring.composite import Engine, Settings
    from explorer.scoring.answer import answer
    t0 = time.perf_counter()
    ans = answer(Engine(index), Settings(year=2023, window=10**12), with_robustness=False)
    assert len(ans.table) > 100 and time.perf_counter() - t0 < 5


def test_a_value_allowed_from_a_later_year_is_labelled_with_its_own_year():
    code, out, _ = run("answer", "--year", "1995", "--min-pillars", "1", "--min-share", "0",
                       "--allow-later", "unctad_data_protection_law", "--json")
    assert code == 0
    ranked = [c for c in json.loads(out)["countries"] if c["status"] == "ranked"]
    years = {v["year"] for c in ranked for v in c["values"].values() if v and v.get("year")}
    assert years and min(years) >= 2000  # the index starts in 2000: never a wrapped-around 1999
    assert all(v["later_snapshot"] for c in ranked for v in c["values"].values() if v and v.get("year"))


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(monkeypatch):
    import explorer.cli.query as q

    def broken(args):
        raise TypeError("a bug")
    monkeypatch.setattr(q, "cmd_sources", broken)
    code, _, err = run("sources")
    assert code == 2 and err.startswith("explorer: unexpected error: TypeError: a bug") and "Traceback" not in err
    code, _, err = run("--debug", "sources")
    assert code == 2 and "Traceback" in err and "explorer: unexpected error" in err


def test_a_terminal_that_cannot_show_accents_gets_replacement_characters():
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, "-m", "explorer", "countries"], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=60, encoding="ascii", errors="strict")
    assert res.returncode == 0 and "Traceback" not in res.stderr
    assert "C?te d'Ivoire" in res.stdout


def test_a_closed_pipe_is_not_an_error():
    res = subprocess.run(f'"{sys.executable}" -m explorer indicators | head -1', shell=True, capture_output=True,
                         text=True, cwd=ROOT, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "Traceback" not in res.stderr and "Exception ignored" not in res.stderr


# ---- fuzz ------------------------------------------------------------------------------------

class Hang(BaseException):
    """Raised by the alarm: not an Exception, so the CLI's handler cannot turn it into a message."""


ODD = st.one_of(
    st.sampled_from(["", "0", "-1", "1", "3", "2023", "1899", "99999", "9223372036854775808", "-9223372036854775809",
                     "1e400", "nan", "inf", "-inf", "0.5", "1.5", "abc", "CHN", "chn", "Côte d'Ivoire", "XXX",
                     "fiw_total", "pts_mean", "unctad_data_protection_law", "physical=2", "physical=-1",
                     "civic=1e308,legal=0", "=", ",,,", "2015-2023", "2023-2015", "-", "Europe", "equal",
                     "geometric", "surveillance-focused", "%s", "{}", "\\", "'", "\u202e", "a" * 300]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(min_size=0, max_size=12).filter(lambda s: "\x00" not in s),
)
SETTINGS_OPTS = ["--year", "--window", "--weights", "--preset", "--method", "--region", "--min-pillars",
                 "--min-share", "--allow-later"]
COMMANDS = {
    "countries": (0, ["--region"]),
    "indicators": (0, []),
    "show": (1, ["--year"]),
    "rank": (1, ["--year", "--top"]),
    "sources": (0, []),
    "export": (1, ["--indicators", "--countries", "--years"]),
    "answer": (0, SETTINGS_OPTS + ["--top", "--why"]),
    "brief": (1, SETTINGS_OPTS),
    "build-index": (0, ["--raw", "--accept-raw-changes"]),  # never --record-raw: it writes resources/
}


FLAGS = {"--accept-raw-changes"}


@st.composite
def argvs(draw):
    cmd = draw(st.sampled_from(sorted(COMMANDS)))
    npos, opts = COMMANDS[cmd]
    argv = [cmd] + [draw(ODD) for _ in range(npos)]
    for opt in draw(st.lists(st.sampled_from(opts), max_size=4, unique=True)) if opts else []:
        argv += [opt] if opt in FLAGS else [opt, draw(ODD)]
    if draw(st.booleans()):
        argv.append("--json")
    return argv


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """Where fuzzed runs may write: the index build and every output file stay in here."""
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=int(os.environ.get("EXPLORER_FUZZ_EXAMPLES", 25)), deadline=None,
          derandomize=not os.environ.get("EXPLORER_FUZZ_EXAMPLES"), database=None,
          suppress_health_check=list(HealthCheck))
@given(argv=argvs())
def test_fuzzed_arguments_never_give_a_traceback_a_strange_exit_code_or_a_hang(argv, sandbox):
    from synthetic import make_raw
    import explorer.sources as sources
    argv = list(argv)
    if argv[0] in ("export", "brief"):  # outputs stay in the sandbox (or go to stdout)
        name = "".join(c for c in argv[1] if c.isalnum())[:20] or "out"
        argv[1] = "-" if argv[1] == "-" else str(sandbox / (name + (".pdf" if argv[0] == "brief" else ".csv")))
        if argv[0] == "export":  # the whole index (60 MB of CSV) takes ~5 s: work, not a hang
            if "--countries" not in argv:
                argv += ["--countries", "CHN"]
            k = argv.index("--countries") + 1
            argv[k] = argv[k] if argv[k].strip(", ") else "CHN"
    if argv[0] == "build-index":  # never the shipped index; a tiny synthetic raw folder, PTS only
        raw = sandbox / "raw"
        if not raw.exists():
            make_raw(raw)
        if "--raw" in argv:  # a fuzzed folder name: one that does not exist
            k = argv.index("--raw") + 1
            argv[k] = str(sandbox / ("nope" + "".join(c for c in argv[k] if c.isalnum())[:5]))
        else:
            argv += ["--raw", str(raw)]
        argv += ["--index", str(sandbox / "index.sqlite")]
    saved = list(sources.READER_MODULES)
    sources.READER_MODULES[:] = ["pts"]

    def alarm(*_):
        raise Hang(f"no answer within 10 s: {argv}")
    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(10)
    try:
        code, out, err = run(*argv)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        sources.READER_MODULES[:] = saved
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err and "unexpected error" not in err, (argv, err)
    if code == 2 and err:
        assert err.lstrip().splitlines()[-1].startswith(("explorer:", "explorer ", "usage:")), (argv, err)
