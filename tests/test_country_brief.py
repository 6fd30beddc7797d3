"""The country brief (issue 9): one country and up to four peers in a vector PDF, the same from
the window's File > Country brief and from `explorer brief --country`."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from explorer.errors import ExplorerError

PEERS = ["DEU", "USA", "IND"]
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdftoppm"),
                                   reason="poppler-utils (pdftotext, pdftoppm) not installed; scripts/setup.sh installs it")


def _text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _pages(pdf, out_prefix) -> list[np.ndarray]:
    from PySide6.QtGui import QImage
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(out_prefix)], check=True)
    out = []
    for p in sorted(out_prefix.parent.glob(out_prefix.name + "-*.png")):
        img = QImage(str(p)).convertToFormat(QImage.Format.Format_RGB32)
        out.append(np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine()).copy())
    return out


def test_brief_content_has_rank_range_pillars_every_indicator_and_what_is_not_measured(data_panel):
    from explorer.ui.exports.country_brief import brief_for as country_brief
    from explorer.views.brief import brief_html
    b = country_brief(data_panel, "chn", PEERS, 2024)
    china = b.ranks[0]
    assert china.iso3 == "CHN" and china.lo <= china.rank <= china.hi and china.of > 150
    assert [r.iso3 for r in b.ranks] == ["CHN", *PEERS]
    assert len(b.pillar_rows) == 5 and all(len(per) == 4 for _, _, per, _, _ in b.pillar_rows)
    assert len(b.trends) == 2 and all("CHN" in t.series for t in b.trends)
    shown = b.table.shown_indicators()
    assert "fotn_surveillance" in shown and "aigs_facial_recognition" in shown
    text = brief_html(b)
    assert "What no source here measures" in text and "Social credit" in text
    assert "absence is not proof" in text and "Licence" in text


@needs_poppler
def test_the_pdf_names_the_country_and_peers_and_what_no_source_measures(data_panel, tmp_path):
    from explorer.ui.exports.country_brief import write_country_brief
    out = write_country_brief(data_panel, tmp_path / "china.pdf", "CHN", PEERS, 2024)
    text = " ".join(_text(out).split())
    for name in ("China", "Germany", "United States", "India"):
        assert name in text
    assert "What no source here measures" in text and "Biometric (face-scan) SIM registration" in text
    assert "Composite rank" in text and "Every indicator, 2024" in text and "CC BY-SA 4.0" in text
    assert _page_count(out) <= 2


def _page_count(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))


@needs_poppler
@pytest.mark.parametrize("country, peers", [("CHN", PEERS), ("CHN", [*PEERS, "BRA"]), ("NRU", [*PEERS, "BRA"]),
                                            ("TUV", ["CHN", *PEERS])],
                         ids=["china-3-peers", "china-4-peers", "nauru-thin-4-peers", "tuvalu-thin-4-peers"])
def test_a_brief_fits_two_pages_and_keeps_every_section(data_panel, tmp_path, country, peers):
    """The issue asks for one or two pages: with four peers, and for a thinly measured island
    state whose row of 'no data' and not-ranked reason take room, nothing is dropped to fit."""
    from explorer.ui.exports.country_brief import write_country_brief
    out = write_country_brief(data_panel, tmp_path / "b.pdf", country, peers, 2024)
    assert _page_count(out) <= 2
    text = " ".join(_text(out).split())
    for name in (data_panel.name(c) for c in [country, *peers]):
        assert name in text
    for section in ("Composite rank and pillar scores", "World median", "Every indicator, 2024", "Read with care",
                    "What no source here measures", "Sources, citations and licences", "Licence:"):
        assert section in text, section
    assert "FIW total" in text and "Ethnic profiling" in text


def test_no_text_in_the_brief_is_smaller_than_seven_and_a_half_points():
    """Its sizes are set in the CSS and the chart's fonts; a print at 100% stays readable."""
    import re
    from explorer.views import brief
    sizes = [float(v) for v in re.findall(r"font-size:\s*([\d.]+)pt", brief.CSS)]
    assert sizes and min(sizes) >= 7.5 and brief.BODY_PT >= 7.5
    src = open(brief.__file__.replace("views/brief.py", "ui/exports/country_brief.py")).read()
    assert all(float(v) >= 7.5 for v in re.findall(r"_font\(([\d.]+)", src))


@needs_poppler
def test_cli_brief_and_window_brief_are_the_same_for_the_same_settings(qtbot, data_panel, tmp_path):
    """Same text and the same pages to the pixel (the bytes differ only in Qt's timestamps and
    the order Qt embeds font subsets, which varies per process)."""
    from PySide6.QtWidgets import QMainWindow
    from explorer.cli import main
    from explorer.state import ExplorerState
    from explorer.ui import advocates as actions
    assert main(["brief", "--country", "CHN", "--peers", ",".join(PEERS), "--year", "2024",
                 "--out", str(tmp_path / "cli.pdf")]) == 0
    win = QMainWindow()
    qtbot.addWidget(win)
    win.panel_data, win.state = data_panel, ExplorerState()
    gui = actions.country_brief_dialog(win, str(tmp_path / "gui.pdf"), ("CHN", PEERS, 2024))
    assert _text(gui) == _text(tmp_path / "cli.pdf")
    a, b = _pages(gui, tmp_path / "g"), _pages(tmp_path / "cli.pdf", tmp_path / "c")
    assert len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b))


def test_the_brief_dialog_defaults_to_the_focused_and_compared_countries(qtbot, data_panel):
    from explorer.state import ExplorerState
    from explorer.ui.advocates import BriefDialog
    st = ExplorerState()
    st.update_from_dict({"selected": ["CHN", "DEU", "USA", "IND", "BRA", "RUS"], "focused": "CHN", "year": 2024})
    dlg = BriefDialog(data_panel, st)
    qtbot.addWidget(dlg)
    assert dlg.values() == ("CHN", ["DEU", "USA", "IND", "BRA"], 2024)


def test_unknown_peer_codes_are_named_in_the_error(capsys, tmp_path):
    from explorer.cli import main
    assert main(["brief", "--country", "CHN", "--peers", "DEU,XYZ,QQQ", "--out", str(tmp_path / "b.pdf")]) == 2
    err = capsys.readouterr().err
    assert "XYZ" in err and "QQQ" in err and "DEU" not in err.split("code(s)")[1].split(";")[0]
    assert not (tmp_path / "b.pdf").exists()


def test_more_than_four_peers_or_a_missing_folder_is_refused_with_a_message(data_panel, tmp_path):
    from explorer.ui.exports.country_brief import write_country_brief
    with pytest.raises(ExplorerError, match="at most 4 peers"):
        write_country_brief(data_panel, tmp_path / "b.pdf", "CHN", ["DEU", "USA", "IND", "BRA", "RUS"], 2024)
    with pytest.raises(ExplorerError, match="does not exist"):
        write_country_brief(data_panel, tmp_path / "nope" / "b.pdf", "CHN", PEERS, 2024)


def test_the_old_ranking_brief_still_takes_a_file_argument(tmp_path):
    from explorer.cli import main
    assert main(["brief", str(tmp_path / "r.pdf"), "--year", "2023"]) == 0
    assert (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"
