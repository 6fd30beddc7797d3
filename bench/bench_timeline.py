"""Timeline benchmarks (offscreen), issue 8. Prints:

- a timeline step with every visible view redrawn (the map tab, the country list and the
  cards docks), median ms (goal <= 33 ms, 30 fps)
- the same step in presentation mode (only the map and the timeline on screen)
- a timeline step of the map alone (its own panel), median ms (goal <= 16 ms)
- the longest UI stall while playing the Answer tab through 10 years, ms (goal <= 50 ms)
- opening a saved view, median ms (goal <= 100 ms)

    .venv/bin/python bench/bench_timeline.py
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

    w = MainWindow(panel)
    w.charts.data.warm()
    w.resize(1600, 1000)
    w.show()
    w.state.indicator = IND
    w.show_chart(4)
    app.processEvents()
    tl = w.classroom.timeline
    years = list(range(tl.first, tl.last + 1))
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
    stalls = _steps(app, tl, years[-10:])
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
    print(f"longest stall playing the Answer tab through 10 years: {max(stalls):.1f} ms "
          f"(median {statistics.median(stalls):.1f}; goal <= 50 ms)")
    print(f"opening a saved view: median {statistics.median(opens):.1f} ms (goal <= 100 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
