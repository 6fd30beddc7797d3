"""Cited exports for advocates (issue 9): slides with the source burned in, SVG with real text,
CSV with licence columns, the CLI drawing the window's image, documented-only indicators never
ranked, and writes that fail with a message while the old file stays."""

from __future__ import annotations

import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from explorer.errors import ExplorerError

ROOT = Path(__file__).resolve().parent.parent
IND, YEAR, PEERS = "fotn_total", 2023, ["CHN", "DEU", "USA", "IND"]


@pytest.fixture(scope="module")
def chart_data(data_panel):
    from explorer.views.charts import ChartData
    return ChartData(data_panel)


@pytest.fixture()
def state():
    from explorer.state import ExplorerState
    st = ExplorerState()
    st.update_from_dict({"indicator": IND, "year": YEAR, "selected": PEERS, "focused": "CHN"})
    return st


def _chart(qtbot, cls, chart_data, state):
    c = cls(chart_data, state)
    qtbot.addWidget(c)
    c.resize(1000, 650)
    c.show()
    qtbot.waitExposed(c)
    return c


def _pixels(img):
    from PySide6.QtGui import QImage
    img = img.convertToFormat(QImage.Format.Format_ARGB32)
    a = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine() // 4, 4)
    return a[:, :img.width(), :3].astype(int)


def test_a_slide_png_is_1920x1080_and_3840x2160_at_2x(qtbot, chart_data, state, tmp_path):
    from PySide6.QtGui import QImage
    from explorer.ui.charts import RankingChart
    c = _chart(qtbot, RankingChart, chart_data, state)
    one = QImage(str(c.export_image(tmp_path / "s.png", scale=1.0, slide=True)))
    two = QImage(str(c.export_image(tmp_path / "s2.png", scale=2.0, slide=True)))
    assert (one.width(), one.height()) == (1920, 1080)
    assert (two.width(), two.height()) == (3840, 2160)
    assert c.width() == 1000  # the window's chart was not resized for the slide


def test_the_footer_is_drawn_into_the_png(qtbot, chart_data, state):
    from PySide6.QtGui import QImage
    from explorer.ui.charts import RankingChart
    from explorer.ui.exports import slides
    c = _chart(qtbot, RankingChart, chart_data, state)
    chart, cap, look = slides.slide_chart(RankingChart, chart_data, state)
    assert cap.footer.startswith("Source: Freedom House, FOTN 2024 · data year 2023 · licence: ")
    assert cap.footer.endswith("made with Country Privacy Explorer")
    with_footer = _pixels(QImage.fromData(slides._encode(chart, cap, ".png", 1920, 1080, look, 1.0)))
    without = _pixels(QImage.fromData(slides._encode(chart, replace(cap, footer=""), ".png", 1920, 1080, look, 1.0)))
    band = slice(1080 - 90, 1080)  # the caption's last lines
    assert np.abs(with_footer[band] - without[band]).sum() > 10_000  # text is there
    assert np.abs(with_footer[:900] - without[:900]).sum() == 0  # and only there


def _visible_text(svg: Path) -> str:
    root = ET.parse(svg).getroot()
    return " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))


@pytest.mark.parametrize("cls_name", ["TimeSeriesChart", "RankingChart", "MapChart"])
def test_the_svg_parses_with_title_and_source_as_visible_text(qtbot, chart_data, state, tmp_path, cls_name):
    import explorer.ui.charts as charts
    c = _chart(qtbot, getattr(charts, cls_name), chart_data, state)
    text = " ".join(_visible_text(c.export_image(tmp_path / "c.svg", slide=True)).split())
    assert "FOTN total" in text and "China" in text and "Germany" in text
    assert "Source: Freedom House" in text and "made with Country Privacy Explorer" in text
    assert ("2010-2024" if cls_name == "TimeSeriesChart" else "2023") in text  # the year(s) shown


def test_the_csv_round_trips_with_source_edition_year_provenance_and_licence(qtbot, chart_data, state, tmp_path,
                                                                              data_panel):
    from explorer.ui.charts import TimeSeriesChart
    c = _chart(qtbot, TimeSeriesChart, chart_data, state)
    text = c.export_csv(tmp_path / "c.csv").read_text(encoding="utf-8")
    back = pd.read_csv(io.StringIO(text), comment="#")
    for col in ("source", "publisher", "edition", "data_year", "provenance", "licence", "citation"):
        assert col in back.columns, col
    china = back[(back["iso3"] == "CHN") & (back["year"] == 2023)]
    assert china["edition"].iloc[0] == "FOTN 2024" and china["source"].iloc[0] == "freedomhouse"
    assert china["licence"].iloc[0] == data_panel.source_meta["freedomhouse"]["licence"]
    assert text.splitlines()[2].startswith("# Source: Freedom House")


def test_the_cli_writes_the_same_slide_as_the_window(qtbot, chart_data, state, tmp_path):
    from explorer.cli import main
    from explorer.ui.charts import RankingChart
    c = _chart(qtbot, RankingChart, chart_data, state)
    gui = c.export_image(tmp_path / "gui.png", scale=1.0, slide=True)
    assert main(["chart", "ranking", "--indicator", IND, "--countries", ",".join(PEERS), "--year", str(YEAR),
                 "--slide", "--out", str(tmp_path / "cli.png")]) == 0
    assert (tmp_path / "cli.png").read_bytes() == gui.read_bytes()


def test_cli_chart_names_every_unknown_country(capsys, tmp_path):
    from explorer.cli import main
    assert main(["chart", "ranking", "--indicator", IND, "--countries", "CHN,XYZ,QQQ",
                 "--out", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err
    assert "XYZ" in err and "QQQ" in err and "Traceback" not in err
    assert not (tmp_path / "x.png").exists()


def test_documented_only_indicators_never_show_a_rank(qtbot, chart_data, data_panel, state):
    from explorer.ui.charts import RankingChart
    from explorer.views.cards import card_statics, cards
    from explorer.views.peers import peer_table
    from explorer.views.readings import NO_RANK
    documented = [i for i, m in data_panel.indicator_meta.items() if m["documented_only"]]
    assert {"aigs_facial_recognition", "spyware_documented"} <= set(documented)
    for card in cards(data_panel, card_statics(data_panel), "CHN", 2022):
        if card.indicator in documented:
            assert card.rank is None and card.rank_text == "not ranked"
            assert card.value is None or "documented" in card.raw_text
    table = peer_table(data_panel, PEERS, 2023, documented)
    assert all(c.rank_text == NO_RANK and c.rank is None for r in table.rows for c in r.cells)
    assert table.frame()["rank"].isna().all()
    state.update_from_dict({"indicator": "aigs_facial_recognition", "year": 2022})
    c = _chart(qtbot, RankingChart, chart_data, state)
    texts = c.legend_texts() + [c.title.text(), c.label.textItem.toPlainText()]
    assert not any("#" in t for t in texts), texts
    assert "not a ranking" in c.title.text() and "rank" not in c.plotted().columns


def test_a_reading_caveat_is_in_the_chart_footnote_and_on_the_card(chart_data, data_panel, state):
    from explorer.ui.charts import TimeSeriesChart
    from explorer.ui.exports import slides
    from explorer.views.cards import card_statics, cards
    state.update_from_dict({"indicator": "keepiton_shutdowns", "year": 2023})
    chart, cap, _ = slides.slide_chart(TimeSeriesChart, chart_data, state)
    assert any("permanent blocking" in n for n in cap.footnotes)
    card = next(c for c in cards(data_panel, card_statics(data_panel), "CHN", 2023) if c.indicator == "unctad_data_protection_law")
    assert "law on paper" in card.reading


def test_slide_export_to_a_missing_folder_or_read_only_disk_says_so_and_keeps_the_old_file(
        qtbot, chart_data, state, tmp_path, monkeypatch):
    import errno
    from explorer import atomic
    from explorer.ui.charts import RankingChart
    c = _chart(qtbot, RankingChart, chart_data, state)
    with pytest.raises(ExplorerError, match="does not exist"):
        c.export_image(tmp_path / "no such folder" / "s.png", slide=True)
    old = tmp_path / "s.png"
    old.write_bytes(b"the user's slide")

    def read_only(folder):
        raise OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr(atomic, "_new_temp", read_only)
    with pytest.raises(ExplorerError, match="read-only"):
        c.export_image(old, slide=True)
    assert old.read_bytes() == b"the user's slide"


def test_a_slide_on_a_full_disk_fails_with_a_message_and_keeps_the_old_file(tmp_path):
    import os
    old = tmp_path / "s.png"
    old.write_bytes(b"the user's slide")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    res = subprocess.run(["bash", "-c", f'ulimit -f 20; exec "$0" -m explorer chart ranking --indicator {IND} '
                          f'--countries CHN,DEU --year {YEAR} --slide --out {old}', sys.executable],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert res.returncode == 2 and "explorer: cannot write" in res.stderr and "Traceback" not in res.stderr
    assert old.read_bytes() == b"the user's slide"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_the_chart_on_screen_says_how_to_read_keepiton_zeros_and_unctad_law(qtbot, chart_data, state):
    from explorer.ui.charts import RankingChart
    state.update_from_dict({"indicator": "keepiton_shutdowns", "year": 2023})
    c = _chart(qtbot, RankingChart, chart_data, state)
    assert "permanent blocking" in c.note.text()
    state.update_from_dict({"indicator": "unctad_data_protection_law", "year": 2026})
    assert "law on paper" in c.note.text() and "permanent blocking" not in c.note.text()
