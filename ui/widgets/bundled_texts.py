"""The bundled presets' names and descriptions as the window shows them (the names stay their keys)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.i18n.translation import QT_TRANSLATE_NOOP

# Marked for lupdate; resources/presets holds the presets themselves (a test keeps both in step).
BUNDLED_TEXTS = (
    QT_TRANSLATE_NOOP("BundledPresets", "Monochrome"),
    QT_TRANSLATE_NOOP("BundledPresets", "Black and white with a gentle S-curve; no logo."),
    QT_TRANSLATE_NOOP("BundledPresets", "Teal and Orange"),
    QT_TRANSLATE_NOOP(
        "BundledPresets", "Blockbuster contrast: teal shadows, orange skin tones and highlights."
    ),
    QT_TRANSLATE_NOOP("BundledPresets", "Warm Film"),
    QT_TRANSLATE_NOOP(
        "BundledPresets", "Golden 35 mm print look: warm highlights, lifted blacks, a small logo."
    ),
)


def shown_text(text: str) -> str:
    """A bundled preset's name or description in the window's language; any other text as it is."""
    return QCoreApplication.translate("BundledPresets", text) if text in BUNDLED_TEXTS else text
