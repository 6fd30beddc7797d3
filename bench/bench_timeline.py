"""Timeline benchmarks (offscreen), issue 8. Prints:

- a timeline step with every visible view redrawn (the map tab, the country list and the
  cards docks), median ms (goal <= 33 ms, 30 fps)
- the same step in presentation mode (only the map and the timeline on screen)
- a timeline step of the map alone (its own panel), median ms (goal <= 16 ms)
- the longest UI stall while playing the Answer tab through 10 years, ms (goal <= 50 ms): the
  timeline plays at 1 year/s and a 5 ms heartbeat timer measures the longest gap between two
  turns of the event loop (the score runs on the job runner; its landing, the list and the
  chart are what the UI thread pays for)
- opening a saved view, median ms (goal <= 100 ms)

    .venv/bin/python bench/bench_timeline.py            # everything
    .venv/bin/python bench/bench_timeline.py --answer   # only the Answer tab's stall
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
IND = "fiw_total"


def _steps(app, timeline, years) -> list[float]:
    out = []
    for y in years:
        t = time.perf_counter()
        timeline.year = y
        app.processEvents()  # the redraws and the repaint of what changed
        out.append((time.perf_counter() - t) * 1000)
    return out


def _play_stalls(app, w, tl, years) -> tuple[list[float], set[int]]:
    """Play the Answer tab through ``years``: the gaps between heartbeats (ms) and the years the
    Answer showed a ranking for (each year must land, or the measure would flatter)."""
    from PySide6.QtCore import QEventLoop, QTimer
    ans = w.answer
    shown: set[int] = set()
    ans.answer_changed.connect(lambda: ans.answer is not None and not getattr(ans, "computing", False)
                               and shown.add(ans.answer.year))
    tl.playing = False
    tl.loop = False
    tl.speed = 1.0
    tl.year = years[0]
    t = time.perf_counter()
    while (getattr(ans, "computing", False) or ans.answer is None or ans.answer.year != years[0]) \
            and time.perf_counter() - t < 30:
        app.processEvents()
    shown.clear()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat():
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    hb = QTimer(interval=5)
    hb.timeout.connect(beat)
    loop = QEventLoop()
    done = QTimer(interval=20)
    deadline = time.perf_counter() + len(years) / tl.speed + 10

    def check():
        settled = not tl.playing and not getattr(ans, "computing", False) and ans.answer is not None \
            and ans.answer.year == tl.year
        if settled or time.perf_counter() > deadline:
            loop.quit()

    done.timeout.connect(check)
    hb.start()
    done.start()
    last[0] = time.perf_counter()
    tl.playing = True
    loop.exec()
    hb.stop()
    done.stop()
    return gaps, shown


def _print_stalls(stalls: list[float], shown: set[int]) -> None:
    print(f"longest stall playing the Answer tab through 10 years: {max(stalls):.1f} ms between 5 ms "
          f"heartbeats ({sum(s > 55 for s in stalls)} gaps over 55 ms; {len(shown)} of 11 years shown; "
          f"goal <= 50 ms)")


def main(argv=None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["EXPLORER_SETTINGS_DIR"] = tempfile.mkdtemp()
    os.environ["EXPLORER_NO_DIALOGS"] = "1"
    from explorer.data.panel import Panel
    from explorer.state import ExplorerState, TimelineState
    from explorer.ui.app import make_app
    from explorer.ui.charts import ChartsPanel
    from explorer.ui.main_window import MainWindow
    from explorer.ui.widgets.timeline import TimelineBar
    app = make_app()
    panel = Panel.load()

    MainWindow.freeze_heap = True   # as the app's start does (ui/app.py)
    w = MainWindow(panel)
    w.charts.data.warm()
    w.resize(1600, 1000)
    w.show()
    w.state.indicator = IND
    w.show_chart(4)
    app.processEvents()
    tl = w.classroom.timeline
    years = list(range(tl.first, tl.last + 1))
    if "--answer" in (argv if argv is not None else sys.argv[1:]):
        w.show_answer()
        app.processEvents()
        stalls, shown = _play_stalls(app, w, tl, years[-11:])
        _print_stalls(stalls, shown)
        w.close()
        return 0
    _steps(app, tl, years[:3])  # first paints
    window_ms = _steps(app, tl, years * 2)
    w.classroom.enter_presentation()
    app.processEvents()
    _steps(app, tl, years[:3])
    present_ms = _steps(app, tl, years * 2)
    w.classroom.leave_presentation()
    app.processEvents()

    st = ExplorerState(indicator=IND, year=years[0])
    charts = ChartsPanel(w.charts.data, st)
    charts.resize(1200, 800)
    charts.setCurrentWidget(charts.map)
    alone = TimelineState()
    bar = TimelineBar(alone, st, panel.years)
    charts.show()
    app.processEvents()
    _steps(app, alone, years[:3])
    map_ms = _steps(app, alone, years * 2)
    charts.close()
    bar.deleteLater()

    w.show_answer()
    app.processEvents()
    stalls, shown = _play_stalls(app, w, tl, years[-11:])
    w.show_chart(4)

    path = Path(os.environ["EXPLORER_SETTINGS_DIR"]) / "bench.cpview.json"
    w.state.set_selected(["NOR", "CHN", "BRA"])
    w.classroom.saved.save_to(path)
    opens = []
    for y in years[:9]:
        tl.year = y
        app.processEvents()
        t = time.perf_counter()
        w.classroom.saved.open_path(path)
        app.processEvents()
        opens.append((time.perf_counter() - t) * 1000)
    w.close()

    print(f"timeline step, all visible views redrawn: median {statistics.median(window_ms):.1f} ms "
          f"(max {max(window_ms):.1f}; goal <= 33 ms)")
    print(f"timeline step in presentation mode (the map and the timeline visible): median "
          f"{statistics.median(present_ms):.1f} ms (goal <= 33 ms)")
    print(f"timeline step, map alone: median {statistics.median(map_ms):.1f} ms (goal <= 16 ms)")
    _print_stalls(stalls, shown)
    print(f"opening a saved view: median {statistics.median(opens):.1f} ms (goal <= 100 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
