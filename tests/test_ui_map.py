"""The map colours countries by their 0-100 score, greys out those without data that year,
focuses a country on click, names the hovered one, lists compared countries too small to
draw, and exports PNG and SVG that agree."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402

from explorer.state import ExplorerState  # noqa: E402
from explorer.ui import palette  # noqa: E402
from explorer.ui.charts import ChartsPanel  # noqa: E402
from explorer.ui.charts.map import CLASS_COLOURS, NO_DATA, colour_class  # noqa: E402
from imagecmp import blocks, pixels

IND = "fiw_total"


@pytest.fixture(scope="module")
def setting(index):
    """The indicator's latest year, and from the index: drawn countries without a value that
    year, and countries with a value that year but no outline at 1:110m."""
    v = index.values
    mine = v[v["indicator"] == IND]
    year = int(mine["year"].max())
    with_data = set(mine.loc[mine["year"] == year, "iso3"])
    shapes = set(index.shapes["iso3"]) - {"ATA"}
    return dict(year=year, values=mine[mine["year"] == year].set_index("iso3"),
                grey=sorted(shapes - with_data), tiny=sorted(with_data - shapes))


@pytest.fixture
def panel(qtbot, index, data_panel, setting):
    st = ExplorerState(indicator=IND, year=setting["year"])
    p = ChartsPanel(data_panel, st)
    qtbot.addWidget(p)
    p.resize(1200, 800)
    p.setCurrentWidget(p.map)
    p.show()
    qtbot.waitExposed(p)
    return p


def _click_point(chart, lon: float, lat: float) -> QPoint:
    """Where (lon, lat) is on the canvas viewport, in pixels."""
    scene = chart.plot.getViewBox().mapViewToScene(QPointF(lon, lat))
    return chart.canvas.mapFromScene(scene)


def test_map_is_the_fifth_tab(panel):
    assert [panel.tabText(i) for i in range(panel.count())] == [
        "Over time", "Ranking", "Compare two", "Profile", "Map", "Bubbles"]
    assert panel.current_chart() is panel.map


def test_countries_are_coloured_by_their_value(panel, setting):
    m = panel.map
    vals = setting["values"]
    assert vals.loc["NOR", "value"] - vals.loc["CHN", "value"] > 40  # the data differ a lot
    nor, chn = m.items["NOR"].brush().color().name(), m.items["CHN"].brush().color().name()
    assert nor != chn
    assert nor.upper() == CLASS_COLOURS[colour_class(vals.loc["NOR", "value"])]
    df = m.plotted().set_index("iso3")
    for iso in ("NOR", "CHN"):
        assert df.loc[iso, "value"] == pytest.approx(vals.loc[iso, "value"])
        assert df.loc[iso, "raw_value"] == pytest.approx(vals.loc[iso, "raw_value"])
    assert int(df.loc["NOR", "year"]) == setting["year"]
    assert str(setting["year"]) in m.title.text()
    # the legend gives the scale in both words
    texts = m.legend_texts()
    assert any("100 = least persecution" in t for t in texts)
    assert "raw scale" in m.note.text()


def test_country_without_data_that_year_is_grey_and_listed(panel, setting):
    assert setting["grey"], "every drawn country has data: pick another indicator"
    m = panel.map
    iso = setting["grey"][0]
    item = m.items[iso]
    assert item.hatched and item.brush().color().name().upper() == NO_DATA
    assert NO_DATA not in CLASS_COLOURS
    row = m.plotted().set_index("iso3").loc[iso]
    assert np.isnan(row["value"]) and row["fill"] == "no data"  # never a 0
    assert f"No data for {setting['year']} ({len(setting['grey'])} drawn)" in m.legend_texts()
    panel.state.set_selected([iso])
    assert f"▶ {m.data.name(iso)}: no data for {setting['year']}" in m.legend_texts()


def test_click_inside_a_country_focuses_it(qtbot, panel, index):
    m = panel.map
    st = panel.state
    st.set_selected(["DEU", "CHN"])
    # France: its bounding box overlaps Russia's; the exact outline decides.
    fra = index.shapes.loc["FRA"]
    assert m.country_at(float(fra["label_x"]), float(fra["label_y"])) == "FRA"
    qtbot.mouseClick(m.canvas.viewport(), Qt.MouseButton.LeftButton,
                     pos=_click_point(m, float(fra["label_x"]), float(fra["label_y"])))
    assert st.focused == "FRA"
    # A focused country that is not compared gets a black outline, and is named.
    lines = [line for _, line in m._outlines if line.isVisible()]
    assert any(line.path() == m.items["FRA"].path() and line.pen().color().name() == palette.FOCUS_ONLY.lower()
               for line in lines)
    assert m.label.isVisible() and "France" in m.label.textItem.toPlainText()
    # The ocean focuses nothing.
    qtbot.mouseClick(m.canvas.viewport(), Qt.MouseButton.LeftButton, pos=_click_point(m, -140.0, -40.0))
    assert st.focused == "FRA"


def test_compared_countries_are_outlined_in_their_slot_colours(panel):
    m = panel.map
    st = panel.state
    st.set_selected(["NOR", "CHN", "BRA"])
    st.set_focused("CHN")
    fills = {iso: it.brush().color().name() for iso, it in m.items.items()}
    lines = [line for _, line in m._outlines if line.isVisible()]
    assert len(lines) == 3
    by_country = {iso: next(line for line in lines if line.path() == m.items[iso].path())
                  for iso in st.selected}
    for iso in st.selected:
        assert by_country[iso].pen().color().name() == palette.slot_colour(st.colour_slot(iso)).lower()
    assert by_country["CHN"].pen().widthF() > by_country["NOR"].pen().widthF()
    st.set_focused("BRA")  # a focus switch moves outlines, never recolours
    assert {iso: it.brush().color().name() for iso, it in m.items.items()} == fills
    assert "Brazil" in m.label.textItem.toPlainText()


def test_hover_names_the_country_and_its_value(qtbot, panel, setting):
    m = panel.map
    nor = m.shapes.loc["NOR"]
    scene = m.plot.getViewBox().mapViewToScene(QPointF(float(nor["label_x"]), float(nor["label_y"])))
    m._moved(scene)
    assert m.hovered == "NOR" and m.hover.isVisible()
    text = m.hover.textItem.toPlainText()
    assert "Norway" in text and f"{setting['values'].loc['NOR', 'value']:.0f}/100" in text


def test_compared_countries_without_a_shape_are_listed(panel, setting):
    assert setting["tiny"], "every country with data has an outline"
    m = panel.map
    tiny = setting["tiny"][:2]
    panel.state.set_selected(["NOR"] + tiny)
    assert m.not_drawn() == tiny
    names = [m.data.name(c) for c in tiny]
    assert "Not drawn at this scale: " + ", ".join(names) in m.note.text()
    for n in names:
        assert f"{n}: not drawn at this scale" in m.legend_texts()
    assert not set(tiny) & set(m.plotted()["iso3"])


def test_png_and_svg_exports_agree_and_credit_natural_earth(panel, tmp_path, setting):
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    m = panel.map
    panel.state.set_selected(["NOR", "CHN", "BRA"] + setting["tiny"][:1])
    panel.state.set_focused("CHN")
    png = QImage(str(m.export_image(tmp_path / "map.png", scale=1.0)))
    assert not png.isNull() and png.width() > 1000
    svg_path = m.export_image(tmp_path / "map.svg")
    assert "Natural Earth" in svg_path.read_text(encoding="utf-8")
    renderer = QSvgRenderer(str(svg_path))
    assert renderer.isValid()
    svg = QImage(png.size(), QImage.Format.Format_ARGB32)
    svg.fill(QColor(palette.BACKGROUND))
    painter = QPainter(svg)
    try:
        renderer.render(painter)
    finally:
        painter.end()
    a, b = pixels(png), pixels(svg)
    diff = np.abs(blocks(a) - blocks(b)).mean()
    assert diff < 2.5, diff
    # the map's colours are really in the picture (not a blank canvas)
    nor = np.array(QColor(CLASS_COLOURS[colour_class(setting["values"].loc["NOR", "value"])]).getRgb()[2::-1])  # BGR in memory
    assert (np.abs(a - nor).sum(axis=2) < 10).sum() > 200
    assert "Made with Natural Earth (public domain)" in m.note.text()
    assert "Natural Earth" in m.citation()
    csv = m.export_csv(tmp_path / "map.csv").read_text(encoding="utf-8")
    assert "Natural Earth" in csv.splitlines()[1] and "NOR" in csv


def test_focus_label_sits_above_every_outline(panel, setting):
    m = panel.map
    panel.state.set_selected(["DEU", "BRA", "IND", "NGA", "USA", "CHN"])  # the focused one drawn last
    panel.state.set_focused("CHN")
    m.flush()
    tops = [it.zValue() for pair in m._outlines for it in pair if it.isVisible()]
    assert tops and m.label.isVisible() and m.label.zValue() > max(tops)
