"""The window's look: Fusion with a dark or light palette, and a small stylesheet for spacing and titles."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from app.settings.user_settings import THEMES

DARK, LIGHT, SYSTEM = THEMES

# Neutral greys with one blue accent: the frames, not the chrome, carry the colour (as in editors).
_DARK_COLORS = {
    QPalette.ColorRole.Window: "#25272b",
    QPalette.ColorRole.WindowText: "#e4e6ea",
    QPalette.ColorRole.Base: "#1b1c1f",
    QPalette.ColorRole.AlternateBase: "#2a2c31",
    QPalette.ColorRole.ToolTipBase: "#32353a",
    QPalette.ColorRole.ToolTipText: "#e4e6ea",
    QPalette.ColorRole.PlaceholderText: "#8a9099",
    QPalette.ColorRole.Text: "#e4e6ea",
    QPalette.ColorRole.Button: "#2f3136",
    QPalette.ColorRole.ButtonText: "#e4e6ea",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#45484f",
    QPalette.ColorRole.Midlight: "#3a3d43",
    QPalette.ColorRole.Mid: "#4a4d54",
    QPalette.ColorRole.Dark: "#151618",
    QPalette.ColorRole.Shadow: "#0c0d0e",
    QPalette.ColorRole.Highlight: "#3b82f6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#60a5fa",
    QPalette.ColorRole.LinkVisited: "#a78bfa",
}
_DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#6c717a",
    QPalette.ColorRole.Text: "#6c717a",
    QPalette.ColorRole.ButtonText: "#6c717a",
    QPalette.ColorRole.Highlight: "#3a3d43",
    QPalette.ColorRole.HighlightedText: "#9096a0",
}

# Spacing and titles only: colours come from the palette, so both themes share it.
STYLESHEET = """
QDockWidget { font-weight: 600; }
QDockWidget::title { padding: 6px 8px; background: palette(button); border-bottom: 1px solid palette(mid); }
QDockWidget > QWidget { font-weight: normal; }
QToolBar { spacing: 4px; padding: 3px 6px; border: none; }
QToolBar QToolButton { padding: 3px; }
QStatusBar::item { border: none; }
QMainWindow::separator { width: 4px; height: 4px; }
QTabBar::tab { padding: 5px 12px; }
"""


def dark_palette() -> QPalette:
    """The dark palette (the default)."""
    palette = QPalette()
    for role, color in _DARK_COLORS.items():
        palette.setColor(role, QColor(color))
    for role, color in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(color))
    return palette


def light_palette() -> QPalette:
    """Fusion's own light palette."""
    style = QStyleFactory.create("Fusion")
    palette = style.standardPalette()
    style.deleteLater()
    return palette


def resolved(choice: str) -> str:
    """DARK or LIGHT: SYSTEM asks Qt for the system's scheme (dark where it cannot tell)."""
    if choice == LIGHT:
        return LIGHT
    if choice == SYSTEM and QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Light:
        return LIGHT
    return DARK


class _Follower:
    """Re-applies the "system" theme when the system's scheme changes (connected once per app)."""

    choice = DARK
    connected = False


def apply_theme(app: QCoreApplication | None, choice: str) -> str:
    """Fusion, the chosen palette and the stylesheet on the whole app; returns DARK or LIGHT."""
    if not isinstance(app, QApplication):
        return resolved(choice)  # no widgets to style (a test's or the CLI's core application)
    _Follower.choice = choice if choice in THEMES else DARK
    if not _Follower.connected:
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(
            lambda scheme: apply_theme(app, SYSTEM) if _Follower.choice == SYSTEM else None
        )
        _Follower.connected = True
    scheme = resolved(_Follower.choice)
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if scheme == DARK else light_palette())
    app.setStyleSheet(STYLESHEET)
    app.setProperty("storyreelTheme", scheme)
    return scheme


def is_dark(palette: QPalette) -> bool:
    """Whether a palette draws light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128
