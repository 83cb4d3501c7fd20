"""The bundled Noto Sans CJK subset registered with Qt and set behind the app font, so Chinese in the window
never shows as boxes on a machine without a CJK font."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase, QFontInfo, QGuiApplication

from engine.film.font_file import DEFAULT_FONT

log = logging.getLogger(__name__)


def install_cjk_font(app: QGuiApplication) -> tuple[int, str] | None:
    """Register the bundled font and add its family as the app font's fallback; returns the font's id (for
    QFontDatabase.removeApplicationFont) and family, or None when Qt cannot load it (logged)."""
    font_id = QFontDatabase.addApplicationFont(str(DEFAULT_FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("Qt could not load the bundled font %s: Chinese may show as boxes", DEFAULT_FONT)
        return None
    family = families[0]
    font = app.font()
    chosen = font.families() or [font.family()]
    if family not in chosen:
        # Behind the family the desktop's font resolves to (an alias such as "Sans Serif" would let Qt take
        # this one for Latin too): Latin keeps the desktop's look, missing glyphs come from here.
        font.setFamilies([QFontInfo(font).family(), family])
        app.setFont(font)
    return font_id, family
