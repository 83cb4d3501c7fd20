"""The bundled CJK font is registered with Qt and set behind the app font; Chinese has glyphs in it."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics, QRawFont

from ui.widgets.app_font import install_cjk_font

WORDS = "守塔人 · 春茶上市 · Sakura Tea"


def test_the_bundled_font_covers_chinese_and_backs_the_app_font(qapp):
    before = QFont(qapp.font())
    installed = install_cjk_font(qapp)
    again = None
    try:
        assert installed is not None
        font_id, family = installed
        assert qapp.font().families()[-1] == family  # a fallback, behind the desktop's family
        assert qapp.font().families()[:-1] == [QFontInfo(before).family()]
        assert QFontInfo(qapp.font()).family() == QFontInfo(before).family()  # Latin keeps its face
        metrics = QFontMetrics(QFont(family))
        assert all(metrics.inFontUcs4(ord(c)) for c in WORDS if not c.isspace())
        raw = QRawFont.fromFont(QFont(family))
        assert raw.familyName() == family and all(raw.supportsCharacter(c) for c in "守塔人春茶")
        again = install_cjk_font(qapp)  # a second call does not add the family twice
        assert again is not None and qapp.font().families().count(family) == 1
    finally:
        qapp.setFont(before)
        for registered in (installed, again):
            if registered is not None:
                QFontDatabase.removeApplicationFont(registered[0])
