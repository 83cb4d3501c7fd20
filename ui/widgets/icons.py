"""The window's icons: Lucide SVGs (ISC, resources/icons/lucide) drawn in the theme's text colour."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app.paths.resources import resource_path

# What each icon means in the window, and the Lucide glyph that shows it.
ICONS = {
    "new": "file-plus",
    "open": "folder-open",
    "save": "save",
    "save_as": "save-all",
    "undo": "undo-2",
    "redo": "redo-2",
    "generate": "sparkles",
    "generate_all": "wand-sparkles",
    "regenerate": "refresh-cw",
    "stop": "circle-stop",
    "pause_queue": "circle-pause",
    "play": "play",
    "pause": "pause",
    "export": "file-output",
    "add": "plus",
    "duplicate": "copy",
    "delete": "trash-2",
    "shortcuts": "keyboard",
    "documentation": "book-open",
    "about": "info",
    "preferences": "settings",
    "project_settings": "sliders-horizontal",
    "step_back": "step-back",
    "step_forward": "step-forward",
    "full_screen": "maximize",
    "open_file": "external-link",
    "show_folder": "folder",
    "zoom_in": "zoom-in",
    "zoom_out": "zoom-out",
    "zoom_fit": "scan",
    "import_list": "import",
    "import_videos": "file-video",
    "close": "x",
    "quit": "log-out",
    "film": "film",
    "loop": "repeat",
}


@cache
def _svg(glyph: str) -> bytes:
    return resource_path("icons", "lucide", f"{glyph}.svg").read_bytes()


def icon_color(mode: QIcon.Mode) -> QColor:
    """The glyph colour for a mode, from the application's palette now (so a theme change follows)."""
    palette = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorRole.WindowText)


class SvgIconEngine(QIconEngine):
    """Renders one SVG at the exact device pixel size asked for: sharp at any scaling, never upscaled."""

    def __init__(self, glyph: str) -> None:
        super().__init__()
        self.glyph = glyph

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        # Lucide draws with stroke="currentColor": the palette's colour takes its place.
        svg = _svg(self.glyph).replace(b"currentColor", icon_color(mode).name().encode("ascii"))
        return QSvgRenderer(QByteArray(svg))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        side = min(rect.width(), rect.height())
        square = QRectF(
            rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side
        )
        self._renderer(mode).render(painter, square)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        pixmap = QPixmap(size * max(scale, 1.0))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(0, 0, pixmap.width(), pixmap.height()), mode, state)
        painter.end()
        pixmap.setDevicePixelRatio(max(scale, 1.0))
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self.glyph)

    def key(self) -> str:
        return "storyreel-svg"

    def iconName(self) -> str:
        return self.glyph

    def isNull(self) -> bool:
        return False


def icon(name: str) -> QIcon:
    """The icon for a meaning in ICONS (a KeyError names a missing one at once)."""
    return QIcon(SvgIconEngine(ICONS[name]))
