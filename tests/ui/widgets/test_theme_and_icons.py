"""The window's look: dark by default, light or the system's by preference; icons sharp at 200 % and themed."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QByteArray, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPainter, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication
from ui_support import make_window

from app.paths.resources import resource_path
from app.settings.user_settings import load_settings, save_settings, settings_path
from ui.preferences.preferences_dialog import PreferencesDialog
from ui.shell import app_main
from ui.widgets import theme
from ui.widgets.icons import ICONS, icon, icon_color
from ui.widgets.theme import apply_theme, is_dark


@pytest.fixture
def restored_look(qapp):
    """Every test here changes the application's look: the next test gets it back as it was."""
    style, palette, sheet = qapp.style().name(), QPalette(qapp.palette()), qapp.styleSheet()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


def test_dark_by_default_then_light_from_preferences_and_kept(qtbot, restored_look):
    app = app_main.create_application()
    assert app.property("storyreelTheme") == "dark" and is_dark(app.palette())
    window = make_window(qtbot)
    assert is_dark(window.timeline.palette()) and is_dark(window.inspector.palette())
    dialog = PreferencesDialog(window.settings, window)
    page = dialog.appearance_page
    assert dialog.tabs.tabText(dialog.tabs.indexOf(page)) == "Appearance"
    assert page.theme.currentData() == "dark"
    page.theme.setCurrentIndex(page.theme.findData("light"))
    dialog.apply(window.settings)
    window.apply_preferences()
    assert not is_dark(app.palette()) and not is_dark(window.timeline.palette())
    assert load_settings().theme == "light"  # saved: the next start is light too
    app_main.create_application()
    assert not is_dark(app.palette())


def test_a_damaged_theme_setting_falls_back_to_dark(restored_look):
    save_settings(load_settings())
    doc = json.loads(settings_path().read_text(encoding="utf-8"))
    for hostile in (42, ["light"], "../../light", None, "LIGHT"):
        doc["theme"] = hostile
        settings_path().write_text(json.dumps(doc), encoding="utf-8")
        assert load_settings().theme == "dark"
    assert apply_theme(restored_look, "no such theme") == "dark" and is_dark(restored_look.palette())


class _Hints(QObject):
    """The system's colour scheme, which the offscreen platform cannot have: given here."""

    colorSchemeChanged = Signal(Qt.ColorScheme)  # apply_theme follows it when it is the first to ask

    def __init__(self, scheme):
        super().__init__()
        self.scheme = scheme

    def colorScheme(self):
        return self.scheme


def test_follow_the_system_asks_qt_for_its_scheme(restored_look, monkeypatch):
    monkeypatch.setattr(
        theme.QGuiApplication, "styleHints", staticmethod(lambda: _Hints(Qt.ColorScheme.Light))
    )
    assert apply_theme(restored_look, "system") == "light" and not is_dark(restored_look.palette())
    monkeypatch.setattr(
        theme.QGuiApplication, "styleHints", staticmethod(lambda: _Hints(Qt.ColorScheme.Dark))
    )
    assert apply_theme(restored_look, "system") == "dark" and is_dark(restored_look.palette())
    # A system that does not say (Unknown) gets the default.
    monkeypatch.setattr(
        theme.QGuiApplication, "styleHints", staticmethod(lambda: _Hints(Qt.ColorScheme.Unknown))
    )
    assert theme.resolved("system") == "dark"


def _render_reference(glyph: str, side: int, color) -> QImage:
    svg = (
        resource_path("icons", "lucide", f"{glyph}.svg")
        .read_bytes()
        .replace(b"currentColor", color.name().encode())
    )
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(svg)).render(painter, QRectF(0, 0, side, side))
    painter.end()
    return image


def test_icons_are_drawn_at_200_percent_not_upscaled(qapp):
    sharp = icon("generate").pixmap(QSize(16, 16), 2.0)
    assert sharp.devicePixelRatio() == 2.0 and sharp.size() == QSize(32, 32)
    image = sharp.toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    color = icon_color(QIcon.Mode.Normal)
    assert image == _render_reference("sparkles", 32, color)  # the vector drawn at 32 device pixels
    upscaled = (
        icon("generate").pixmap(QSize(16, 16), 1.0).toImage().scaled(32, 32).convertToFormat(image.format())
    )
    assert image != upscaled  # an upscaled 16 px pixmap would have blocky 2×2 edges


def test_glyphs_follow_the_theme_light_on_dark_and_every_icon_is_bundled(restored_look):
    for name, glyph in ICONS.items():
        assert resource_path("icons", "lucide", f"{glyph}.svg").is_file(), name
        assert not icon(name).isNull()
    assert "ISC License" in resource_path("icons", "lucide", "LICENSE").read_text(encoding="utf-8")
    apply_theme(restored_look, "dark")
    on_dark = icon_color(QIcon.Mode.Normal)
    apply_theme(restored_look, "light")
    on_light = icon_color(QIcon.Mode.Normal)
    assert on_dark.lightness() > 180 and on_light.lightness() < 80
    assert icon_color(QIcon.Mode.Disabled) != on_light
    with pytest.raises(KeyError):
        icon("no-such-icon")
    assert QApplication.instance() is restored_look


def test_the_look_is_a_proxy_of_fusion_with_no_application_stylesheet(qtbot, restored_look):
    """A stylesheet on the application draws every widget through Qt's stylesheet style (paints about
    twice as slow); the docks' title band, the toolbars' spacing and the tabs' room come from a style."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QDockWidget, QStyle

    app = app_main.create_application()
    assert isinstance(app.style(), theme.StoryreelStyle) and app.styleSheet() == ""
    assert app.style().baseStyle().name() == "fusion"
    metric = app.style().pixelMetric
    assert metric(QStyle.PixelMetric.PM_DockWidgetTitleMargin) == theme.DOCK_TITLE_MARGIN
    assert metric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent) == theme.SEPARATOR
    assert metric(QStyle.PixelMetric.PM_TabBarTabHSpace) == 2 * theme.TAB_PADDING[0]
    window = make_window(qtbot)
    dock = window.findChild(QDockWidget, "InspectorDock")
    dock.show()
    dock.raise_()
    qtbot.waitExposed(dock)
    image = dock.grab().toImage()
    button, mid = (
        app.palette().color(role).name() for role in (QPalette.ColorRole.Button, QPalette.ColorRole.Mid)
    )
    band = dock.fontMetrics().height() + 2 * theme.DOCK_TITLE_MARGIN
    assert QColor(image.pixel(dock.width() // 2, 2)).name() == button  # the band, under the buttons' row too
    assert QColor(image.pixel(dock.width() // 2, band - 1)).name() == mid  # the line beneath it
