"""Save PNGs of what issue 8 changed: every view at 1024x700 and 1920x1080, presentation mode
at 1920x1080, the largest text size, and the map at two years.

    python scripts/screenshots_classroom.py [--out DIR] [--xvfb]

Offscreen grabs by default; ``--xvfb`` re-runs itself under xvfb-run and grabs the screen.
Uses a temporary settings folder, so a saved layout or session never changes the pictures.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZES = ((1024, 700), (1920, 1080))


def run(out: Path, real: bool) -> list[Path]:
    os.environ["EXPLORER_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="explorer-shots-")
    if not real:  # a 1920x1080 offscreen screen, so full screen (presentation) is 1080p
        cfg = Path(tempfile.mkdtemp(prefix="explorer-screen-")) / "screen.json"
        cfg.write_text('{"screens": [{"name": "shots", "x": 0, "y": 0, "width": 1920, "height": 1080, '
                       '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}')
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={cfg}"
    from explorer.data.panel import Panel
    from explorer.ui.app import make_app
    from explorer.ui.main_window import MainWindow

    app = make_app()
    out.mkdir(parents=True, exist_ok=True)
    prefix = "xvfb_" if real else ""
    saved: list[Path] = []
    panel = Panel.load()

    def shot(w, name):
        for _ in range(8):
            app.processEvents()
        time.sleep(0.12)  # as a person would: the window keeps its size after a text-size change
        for _ in range(4):
            app.processEvents()
        path = out / f"{prefix}{name}.png"
        if real:
            pix = app.primaryScreen().grabWindow(0).copy(w.frameGeometry())
        else:
            pix = w.grab()
        pix.save(str(path))
        saved.append(path)

    for size in SIZES:
        w = MainWindow(panel)
        w.resize(*size)
        w.move(0, 0)
        w.show()
        tag = f"{size[0]}x{size[1]}"
        for i in range(w.charts.count()):
            w.show_chart(i)
            shot(w, f"{tag}_{i + 1}_{w.charts.tabText(i).lower().replace(' ', '_')}")
        w.show_answer().settle()   # the score lands from the job runner
        shot(w, f"{tag}_7_answer")
        w.show_chart(4)
        tl = w.classroom.timeline
        for year in (tl.first + 5, tl.last - 2):
            tl.year = year
            shot(w, f"{tag}_map_{year}")
        for _ in range(6):
            w.change_text_size(+1)
        for i in range(w.charts.count()):   # every view at the largest text size
            w.show_chart(i)
            shot(w, f"{tag}_largest_{i + 1}_{w.charts.tabText(i).lower().replace(' ', '_')}")
        w.show_answer().settle()
        shot(w, f"{tag}_largest_7_answer")
        w.change_text_size(None)
        if size == (1920, 1080):
            w.classroom.enter_presentation()
            for i in (0, 1, 4):
                w.show_chart(i)
                shot(w, f"{tag}_presentation_{i + 1}")
            w.classroom.leave_presentation()
        w.close()
        w.deleteLater()
    app.processEvents()
    from explorer.ui import jobs
    jobs.shutdown()  # as the app does on quitting: no worker thread outlives the interpreter
    return saved


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "screenshots")
    p.add_argument("--xvfb", action="store_true")
    p.add_argument("--real", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.xvfb:
        from screenshots import under_xvfb
        return under_xvfb(__file__, (1920, 1080), ["--out", str(a.out)])
    for path in run(a.out, a.real):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
