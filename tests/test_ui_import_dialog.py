"""File › Import data…: the dialog previews on a worker thread (the window keeps responding),
lets the user resolve unknown names with an ISO3 picker, and applies."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer

from explorer.importer import apply as A
from explorer.store import Index
from explorer.ui.dialogs.import_dialog import EXCLUDE, ImportDialog, run_import_dialog, undo_last_import
from importsetup import folder, pts_file, tiny  # noqa: F401 (folder, tiny: fixtures)
from synthetic import pts_row


def _preview(qtbot, dlg, path):
    dlg.file_edit.setText(str(path))
    dlg.preview_btn.click()
    qtbot.waitUntil(lambda: dlg.busy.isHidden(), timeout=60000)


def test_preview_fills_the_tables_and_apply_imports(qtbot, folder, tmp_path):
    dlg = ImportDialog(None, data_dir=folder)
    qtbot.addWidget(dlg)
    _preview(qtbot, dlg, pts_file(tmp_path / "PTS-2022.csv"))
    assert "9 new country-years" in dlg.summary.text() and dlg.new_table.rowCount() == 9
    assert dlg.apply_btn.isEnabled()
    dlg.apply_btn.click()
    qtbot.waitUntil(lambda: dlg.applied, timeout=60000)
    assert 2022 in set(Index(folder / "explorer.sqlite").values["year"])
    assert "Undid the import of PTS-2022.csv" in undo_last_import(folder)
    assert "nothing to undo" in undo_last_import(folder)


def test_unknown_names_are_resolved_with_the_picker_before_apply(qtbot, folder, tmp_path):
    f = pts_file(tmp_path / "PTS-2022.csv", pts_row("Testland", "TST", 2022) + pts_row("Atlantis", "ATL", 2022)
                 + pts_row("Exampleland Rep.", "XXX", 2022))
    dlg = ImportDialog(None, data_dir=folder)
    qtbot.addWidget(dlg)
    _preview(qtbot, dlg, f)
    assert not dlg.apply_btn.isEnabled() and dlg.names_table.rowCount() == 2
    assert dlg.tabs.currentWidget() is dlg.names_table
    for r in range(2):
        box = dlg.names_table.cellWidget(r, 2)
        name = dlg.names_table.item(r, 0).text()
        box.setCurrentIndex(box.findText(EXCLUDE) if name == "Atlantis" else box.findData("EXL"))
    assert sorted(dlg.answers()) == ["Atlantis=-", "Exampleland Rep.=EXL"]
    _preview(qtbot, dlg, f)
    assert dlg.plan.ready and dlg.apply_btn.isEnabled()
    assert set(dlg.plan.added["iso3"]) == {"TST", "EXL"}


def test_a_bad_file_shows_its_message_and_cannot_be_applied(qtbot, folder, tmp_path):
    f = pts_file(tmp_path / "PTS-2022.csv", pts_row("Testland", "TST", 2022, a="9"))
    dlg = ImportDialog(None, data_dir=folder)
    qtbot.addWidget(dlg)
    _preview(qtbot, dlg, f)
    assert "line 2" in dlg.summary.text() and "outside the declared scale" in dlg.summary.text()
    assert not dlg.apply_btn.isEnabled() and not A.read_log(folder)


def test_the_dialog_keeps_responding_while_a_real_sized_preview_runs(qtbot, tmp_path):
    """On the shipped index (the first import), a preview takes about a second or two of work;
    the event loop must keep running (ticks every 20 ms, no gap above 0.5 s)."""
    dlg = ImportDialog(None, data_dir=tmp_path / "data")
    qtbot.addWidget(dlg)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    f = tmp_path / "PTS-2026.csv"
    f.write_text("Country,Country_OLD,Year,COW_Code_A,COW_Code_N,WordBank_Code_A,UN_Code_N,Region,PTS_A,PTS_H,PTS_S,"
                 "NA_Status_A,NA_Status_H,NA_Status_S\nNorway,Norway,2025,NOR,385,NOR,578,eca,5,NA,5,0,88,0\n")
    _preview(qtbot, dlg, f)
    timer.stop()
    assert dlg.plan is not None and len(dlg.plan.added) == 3
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 10 and max(gaps) < 0.5, max(gaps)


def test_run_import_dialog_returns_false_when_closed_without_importing(qtbot, folder, monkeypatch):
    monkeypatch.setattr(ImportDialog, "exec", lambda self: self.reject())
    assert run_import_dialog(None, data_dir=folder) is False


def test_a_file_that_matches_your_data_cannot_be_applied_and_says_so(qtbot, folder, tmp_path):
    from explorer.importer.commands import make_plan
    f = pts_file(tmp_path / "PTS-2022.csv")
    A.apply(make_plan(f, folder), folder)  # the same file a second time changes nothing
    entries = len(A.read_log(folder))
    dlg = ImportDialog(None, data_dir=folder)
    qtbot.addWidget(dlg)
    _preview(qtbot, dlg, f)
    assert "0 new country-years, 0 changed values, 0 rows" in dlg.summary.text()
    assert "Nothing to change: this file matches your data" in dlg.summary.text()
    assert not dlg.apply_btn.isEnabled()
    dlg.apply()  # even if called, nothing is written
    assert len(A.read_log(folder)) == entries
    # a file with one changed value can be applied again
    _preview(qtbot, dlg, pts_file(tmp_path / "PTS-2022b.csv", pts_row("Testland", "TST", 2022, a="3")))
    assert dlg.apply_btn.isEnabled() and "Nothing to change" not in dlg.summary.text()
