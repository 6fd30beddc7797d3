"""Guard: text actually renders (a machine without usable fonts draws empty boxes or nothing),
and the base size is readable on a projector."""

from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QLabel

from explorer.ui.app import make_app


def test_base_font_is_large_and_has_glyphs(qapp):
    app = make_app()
    assert app.font().pointSizeF() >= 11
    fm = QFontMetrics(app.font())
    assert fm.inFont("A")
    assert all(fm.inFontUcs4(ord(c)) for c in "ôüé–·")  # accents of country names, UI punctuation
    assert fm.horizontalAdvance("Côte d'Ivoire") > fm.horizontalAdvance("C")


def test_a_label_paints_dark_pixels(qtbot, qapp):
    make_app()
    label = QLabel("Türkiye 100 = least persecution")
    label.setStyleSheet("background: #FFFFFF; color: #000000;")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    img = label.grab().toImage()
    dark = sum(1 for x in range(0, img.width(), 2) for y in range(0, img.height(), 2)
               if QColor(img.pixel(x, y)).lightness() < 128)
    assert dark > 20, "no text pixels: fonts are missing or not rendering"
