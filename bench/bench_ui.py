"""Window benchmarks (offscreen). Prints:

- focused-country switch, all panels and the visible chart updated: median ms (goal <= 50 ms)
- start to first painted window, against a bare PySide6 + pyqtgraph window in the same run,
  each in fresh subprocesses: ratio (goal <= 1.5x); also start to a filled window
- resident memory of the filled window, MB (goal <= 300 MB)

    .venv/bin/python bench/bench_ui.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(pg.PlotWidget()); w.resize(1500, 920)
class Hook(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Paint:
            print("painted", time.time(), flush=True); app.quit()
        return False
h = Hook(); app.installEventFilter(h); w.show(); app.exec()
"""

APP = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from explorer.ui.app import make_app, start
app = make_app()
done = {}
class Hook(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Paint and "painted" not in done:
            done["painted"] = time.time(); print("painted", done["painted"], flush=True)
        return False
h = Hook()
import explorer.ui.main_window as mw
orig = mw.MainWindow.set_data
def set_data(self, *a, **k):
    orig(self, *a, **k)
    def ready():
        rss = int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1]) / 1024
        print("ready", time.time(), flush=True); print("rss", rss, flush=True); app.quit()
    QTimer.singleShot(0, ready)  # after the filled window's layout and paint events
mw.MainWindow.set_data = set_data
w, thread, _ = start(None, on_error=lambda m: (print("error", m), app.quit()))
app.installEventFilter(h)
app.exec(); thread.wait()
"""


def child(code: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EXPLORER_SETTINGS_DIR=tempfile.mkdtemp())
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=60).stdout
    res = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("painted", "ready"):
            res[parts[0]] = (float(parts[1]) - t0) * 1000
        elif len(parts) == 2 and parts[0] == "rss":
            res["rss"] = float(parts[1])
    return res


def bench_switch(n_rounds: int = 3) -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["EXPLORER_SETTINGS_DIR"] = tempfile.mkdtemp()
    from explorer.store import Index
    from explorer.ui.app import make_app
    from explorer.ui.main_window import MainWindow
    app = make_app()
    w = MainWindow(Index())
    w.resize(1600, 1000)
    w.show()
    app.processEvents()
    countries = ["DEU", "BRA", "IND", "NGA", "USA", "CHN", "FRA", "RUS", "IRN", "ZAF", "MEX", "JPN"]
    times = []
    for _ in range(n_rounds):
        for iso in countries:
            t = time.perf_counter()
            w.state.set_focused(iso)
            app.processEvents()  # queued chart updates and the repaint of what changed
            times.append((time.perf_counter() - t) * 1000)
    w.close()
    return statistics.median(times)


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=3)
    a = p.parse_args(argv)
    bare = [child(BARE).get("painted", float("nan")) for _ in range(a.runs)]
    ours = [child(APP) for _ in range(a.runs)]
    b = statistics.median(bare)
    painted = statistics.median(r.get("painted", float("nan")) for r in ours)
    ready = statistics.median(r.get("ready", float("nan")) for r in ours)
    rss = max(r.get("rss", float("nan")) for r in ours)
    switch = bench_switch()
    print(f"focus switch (panels + visible chart): median {switch:.1f} ms   (goal <= 50 ms)")
    print(f"start to first painted window: {painted:.0f} ms vs bare PySide6+pyqtgraph {b:.0f} ms: "
          f"ratio {painted / b:.2f}x   (goal <= 1.5x)")
    print(f"start to filled window (index loaded, cards and charts drawn): {ready:.0f} ms "
          f"({ready / b:.2f}x bare)")
    print(f"resident memory, filled window: {rss:.0f} MB   (goal <= 300 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
