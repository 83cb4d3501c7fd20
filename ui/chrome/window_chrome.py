"""Puts the toolbar, the icons, the Help menu, full screen and J/K/L into a main window (out of main_window.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QWidget

from app.settings.documentation import documentation_target
from ui.chrome.main_toolbar import build_main_toolbar
from ui.chrome.shortcut_tips import name_shortcut_in_tip
from ui.chrome.shortcuts_dialog import ShortcutsDialog
from ui.preview.full_screen import FullScreenPreview
from ui.preview.shuttle import Shuttle
from ui.widgets.icons import icon


class WindowChrome:
    """The window's toolbar and Help, the preview's full screen and shuttle keys, icons and shortcut tips."""

    # Any: naming MainWindow here would close an import loop with the window that builds this.
    def __init__(self, window: Any) -> None:
        self.window = window
        player = window.preview
        self.shuttle = Shuttle(player, window)
        self.full_screen = FullScreenPreview(player, window)
        player.addAction(window.act_play)  # Space plays while the preview is full screen too
        window.view_menu.addAction(self.full_screen.act_full)
        window.view_menu.addActions(self.shuttle.actions())
        self.act_docs = self._action(
            QCoreApplication.translate("WindowChrome", "&Documentation"),
            self.open_documentation,
            QKeySequence.StandardKey.HelpContents,
        )
        self.act_docs.setToolTip(QCoreApplication.translate("WindowChrome", "Open Storyreel's documentation"))
        self.act_shortcuts = self._action(
            QCoreApplication.translate("WindowChrome", "&Keyboard Shortcuts"), self.show_shortcuts, "Ctrl+/"
        )
        self.act_shortcuts.setToolTip(
            QCoreApplication.translate("WindowChrome", "Every shortcut of the window")
        )
        help_menu = window.help_menu
        first = help_menu.actions()[0] if help_menu.actions() else None
        help_menu.insertActions(first, [self.act_docs, self.act_shortcuts])
        help_menu.insertSeparator(first)
        self._set_icons()
        g = window.generation
        self.toolbar = build_main_toolbar(
            window,
            [
                [
                    (window.act_new, QCoreApplication.translate("WindowChrome", "New")),
                    (window.act_open, QCoreApplication.translate("WindowChrome", "Open")),
                    (window.act_save, QCoreApplication.translate("WindowChrome", "Save")),
                ],
                [
                    (window.act_undo, QCoreApplication.translate("WindowChrome", "Undo")),
                    (window.act_redo, QCoreApplication.translate("WindowChrome", "Redo")),
                ],
                [
                    (g.act_generate, QCoreApplication.translate("WindowChrome", "Generate")),
                    (g.act_generate_missing, QCoreApplication.translate("WindowChrome", "Generate All")),
                    (g.act_cancel_all, QCoreApplication.translate("WindowChrome", "Stop")),
                ],
                [
                    (window.act_play, QCoreApplication.translate("WindowChrome", "Play")),
                    (self.full_screen.act_full, QCoreApplication.translate("WindowChrome", "Full Screen")),
                ],
                [(window.act_export, QCoreApplication.translate("WindowChrome", "Export"))],
            ],
            with_text=[g.act_generate, g.act_generate_missing, window.act_export],
        )
        self._playing: bool | None = None
        player.clock.frameChanged.connect(lambda frame: self._follow_playing())
        player.clock.finished.connect(self._follow_playing)
        for action in (window.act_play, *self.shuttle.actions()):
            action.triggered.connect(lambda checked=False: self._follow_playing())
        self._follow_playing()
        for action in dict.fromkeys(window.findChildren(QAction) + self._widget_actions()):
            name_shortcut_in_tip(action)

    def _action(self, text: str, slot, shortcut) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda checked=False: slot())
        return action

    def _widget_actions(self) -> list[QAction]:
        return [a for w in [self.window, *self.window.findChildren(QWidget)] for a in w.actions()]

    def _set_icons(self) -> None:
        w, g = self.window, self.window.generation
        for action, name in (
            (w.act_new, "new"),
            (w.act_open, "open"),
            (w.act_save, "save"),
            (w.act_save_as, "save_as"),
            (w.act_close, "close"),
            (w.act_quit, "quit"),
            (w.act_import_list, "import_list"),
            (w.act_import_videos, "import_videos"),
            (w.act_settings, "project_settings"),
            (w.act_export, "export"),
            (w.act_undo, "undo"),
            (w.act_redo, "redo"),
            (w.act_add, "add"),
            (w.act_duplicate, "duplicate"),
            (w.act_delete, "delete"),
            (w.act_prefs, "preferences"),
            (w.act_zoom_in, "zoom_in"),
            (w.act_zoom_out, "zoom_out"),
            (w.act_zoom_fit, "zoom_fit"),
            (w.act_about, "about"),
            (w.act_film, "film"),
            (g.act_generate, "generate"),
            (g.act_generate_missing, "generate_all"),
            (g.act_regenerate, "regenerate"),
            (g.act_cancel_all, "stop"),
            (g.act_pause, "pause_queue"),
            (self.full_screen.act_full, "full_screen"),
            (self.shuttle.act_pause, "pause"),
            (self.act_docs, "documentation"),
            (self.act_shortcuts, "shortcuts"),
        ):
            action.setIcon(icon(name))

    def _follow_playing(self) -> None:
        """The toolbar's Play shows Pause while the preview plays."""
        playing = self.window.preview.clock.playing
        if playing != self._playing:
            self._playing = playing
            self.window.act_play.setIcon(icon("pause" if playing else "play"))

    # -- Help ---------------------------------------------------------------------------
    def show_shortcuts(self) -> ShortcutsDialog:
        """Help > Keyboard Shortcuts (non-modal, read from the actions as they are now)."""
        self.shortcuts_dialog = ShortcutsDialog(self.window)
        self.shortcuts_dialog.finished.connect(self.shortcuts_dialog.deleteLater)
        self.shortcuts_dialog.show()
        return self.shortcuts_dialog

    def open_documentation(self) -> bool:
        """Help > Documentation: the README beside this copy, else the project's page; says so if neither."""
        target = documentation_target()
        url = QUrl.fromLocalFile(str(target)) if target is not None and not isinstance(target, str) else None
        url = QUrl(target) if isinstance(target, str) else url
        if url is not None and QDesktopServices.openUrl(url):
            return True
        self.window.dialogs.error(
            QCoreApplication.translate("WindowChrome", "Documentation"),
            QCoreApplication.translate("WindowChrome", "The documentation could not be opened: {0}").format(
                url.toDisplayString()
                if url is not None
                else QCoreApplication.translate("WindowChrome", "this copy has none installed")
            ),
        )
        return False

    def about(self) -> None:
        """Help > About Storyreel."""
        from app import __version__

        self.window.dialogs.info(
            QCoreApplication.translate("WindowChrome", "About Storyreel"),
            QCoreApplication.translate(
                "WindowChrome", "Storyreel {0}\nA desktop studio for AI film-making with Wan 2.2."
            ).format(__version__),
        )

    def shutdown(self) -> None:
        self.full_screen.set_full_screen(False)
        self.shuttle.shutdown()
