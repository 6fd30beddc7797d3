"""The peer table as a cited CSV or 16:9 slide; the window and `explorer chart peers` share it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt

from ...atomic import atomic_write_text
from ...errors import ExplorerError
from ...views.peers import peer_table
from .slides import SLIDE, ensure_app, render_widget, write_bytes

SLIDE_PILLARS = ("Surveillance technology and practice", "Digital rights and censorship")


def write_peers(panel, state, path: Path | str, *, size=SLIDE, scale: float = 1.0) -> Path:
    ensure_app()
    from ..peers import PeerTableView, peer_caption, peers_csv
    countries = list(state.selected) or ([state.focused] if state.focused else [])
    if not countries:
        raise ExplorerError("the peer table needs countries: give --countries (or select some)")
    table = peer_table(panel, countries, state.year)
    path = Path(path)
    kind = path.suffix.lower()
    if kind == ".csv":
        return atomic_write_text(path, peers_csv(panel, table))
    if kind not in (".png", ".svg"):
        raise ExplorerError(f"cannot export the peer table as {kind or 'a file without suffix'}: use .png, .svg or .csv")
    # A slide holds two pillars at a readable size: surveillance and digital rights, the
    # question advocates ask first ("how does China compare on surveillance?"); the CSV has all.
    view = PeerTableView(panel)
    f = view.font()
    f.setPixelSize(16)
    view.setFont(f)
    view.horizontalHeader().setFont(f)
    view.verticalHeader().setFont(f)
    shown = [r.indicator for r in table.rows if r.heading in SLIDE_PILLARS]
    sub = peer_table(panel, countries, state.year, shown)
    view.show_table(sub)
    view.verticalHeader().setSectionResizeMode(view.verticalHeader().ResizeMode.Fixed)
    for i in range(view.rowCount()):
        view.setRowHeight(i, 32)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    cap = peer_caption(panel, sub)
    cap = replace(cap, title=cap.title.replace("on every indicator", "on surveillance and digital rights"),
                  footnotes=cap.footnotes + ("The CSV and the country brief list every indicator and pillar.",))
    try:
        return write_bytes(path, render_widget(view, cap, kind, size=size, scale=scale))
    finally:
        view.deleteLater()
