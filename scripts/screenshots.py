"""Save PNGs of the main views to screenshots/, to look at what the window shows.

    python scripts/screenshots.py            offscreen widget grabs (no display needed)
    python scripts/screenshots.py --xvfb     re-runs itself under xvfb-run and grabs the real screen
    options: --index PATH, --out DIR

Uses a temporary settings folder, so a saved layout never changes the pictures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZE = (1600, 1000)


def run(out: Path, index_path: Path | None, real: bool) -> list[Path]:
    os.environ["EXPLORER_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="explorer-shots-")
    if not real:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from explorer.data.panel import Panel
    from explorer.ui import dialogs
    from explorer.ui.app import make_app
    from explorer.ui.main_window import MainWindow

    app = make_app()
    out.mkdir(parents=True, exist_ok=True)
    prefix = "xvfb_" if real else ""
    saved: list[Path] = []

    def settle():
        for _ in range(5):
            app.processEvents()

    def shot(widget, name):
        settle()
        path = out / f"{prefix}{name}.png"
        if real:  # the real screen, as a user sees it
            pix = app.primaryScreen().grabWindow(0)
            g = widget.frameGeometry()
            pix = pix.copy(g)
        else:
            pix = widget.grab()
        pix.save(str(path))
        saved.append(path)

    w = MainWindow(Panel.load(index_path))
    w.resize(*SIZE)
    w.move(0, 0)
    w.show()
    settle()
    charts = w.charts
    if hasattr(charts, "count"):
        for i in range(charts.count()):
            charts.setCurrentIndex(i)
            shot(w, f"main_{i + 1}_{charts.tabText(i).lower().replace(' ', '_')}")
        charts.setCurrentIndex(0)
    else:
        shot(w, "main")

    # search and a country with gaps: the selector filtered, the cards saying what is missing
    w.selector.search.setText("cote")
    w.selector.tree.setFocus()
    w.selector.tree.setCurrentItem(w.selector.tree.topLevelItem(0))
    shot(w, "search_cote_missing_data")
    w.selector.search.clear()
    w.state.set_focused("CHN")

    # larger text for a projector
    w.change_text_size(+2)
    shot(w, "larger_text")
    w.change_text_size(None)

    # sources and licences, about
    for name, html in (("sources", dialogs.sources_html(w.data.source_rows())),
                       ("about", dialogs.about_html(w.data.editions_text(), w.data.coverage_text()))):
        d = dialogs.HtmlDialog(name, html, w)
        d.move(40, 40)
        d.show()
        shot(d, f"dialog_{name}")
        d.close()

    # the error a user sees when the index is broken
    box = dialogs.IndexErrorDialog(f"{out / 'broken.sqlite'} cannot be read as an index (file is not a "
                                   "database); the file may be damaged or not a database.", w)
    box.setWindowModality(Qt.NonModal)
    box.move(60, 60)
    box.show()
    shot(box, "dialog_index_error")
    box.close()
    w.close()
    QApplication.processEvents()
    return saved


def under_xvfb(script: str, size: tuple[int, int], args: list[str]) -> int:
    """Run ``script --real ARGS`` in a real window on a virtual screen of ``size`` (plus room for
    the window frame) and return its exit code."""
    if not shutil.which("xvfb-run"):
        print("screenshots: xvfb-run not found (apt-get install xvfb)", file=sys.stderr)
        return 2
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    return subprocess.call(["xvfb-run", "-a", "-s", f"-screen 0 {size[0]}x{size[1] + 40}x24", sys.executable,
                            script, "--real", *args], env=env)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "screenshots")
    p.add_argument("--index", type=Path, default=None)
    p.add_argument("--xvfb", action="store_true", help="run under xvfb-run and grab the real screen")
    p.add_argument("--real", action="store_true", help=argparse.SUPPRESS)  # set by --xvfb
    a = p.parse_args(argv)
    if a.xvfb:
        return under_xvfb(__file__, SIZE, ["--out", str(a.out)] + (["--index", str(a.index)] if a.index else []))
    for path in run(a.out, a.index, a.real):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
