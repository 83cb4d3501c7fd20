"""Puts the toolbar, the icons, the Help menu, full screen and J/K/L into a main window (out of main_window.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

from app.settings.documentation import documentation_target
from ui.chrome.frame_chrome import FrameHost
from ui.chrome.guide_viewer import GuideViewer
from ui.chrome.main_toolbar import insert_toolbar_groups
from ui.chrome.shortcut_tips import name_shortcut_in_tip
from ui.chrome.shortcuts_dialog import ShortcutsDialog
from ui.generation.generation_actions import GenerationController
from ui.preview.full_screen import FullScreenPreview
from ui.preview.preview_player import PreviewPlayer
from ui.preview.shuttle import Shuttle
from ui.widgets.dialogs import Dialogs
from ui.widgets.icons import icon


class ChromeHost(FrameHost, Protocol):
    """What the chrome reads from the main window: the frame's actions, and its preview, queue, dialogs,
    menus and toolbar."""

    preview: PreviewPlayer
    generation: GenerationController
    dialogs: Dialogs
    view_menu: QMenu
    help_menu: QMenu
    toolbar: QToolBar
    act_play: QAction
    act_film: QAction


class WindowChrome:
    """The window's toolbar and Help, the preview's full screen and shuttle keys, icons and shortcut tips."""

    def __init__(self, window: QMainWindow, host: ChromeHost) -> None:
        """`window` receives the chrome (parent, toolbar); `host` (the same window, typically) lends its parts."""
        self.window, self.host = window, host
        player = host.preview
        self.shuttle = Shuttle(player, window)
        self.full_screen = FullScreenPreview(player, window)
        player.addAction(host.act_play)  # Space plays while the preview is full screen too
        host.view_menu.addAction(self.full_screen.act_full)
        host.view_menu.addActions(self.shuttle.actions())
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
        help_menu = host.help_menu
        if existing := help_menu.actions():  # ahead of About, with a line between
            help_menu.insertActions(existing[0], [self.act_docs, self.act_shortcuts])
            help_menu.insertSeparator(existing[0])
        else:
            help_menu.addActions([self.act_docs, self.act_shortcuts])
        self._set_icons()
        g = host.generation
        self.toolbar = host.toolbar  # the window's, with the frame's groups (ui/chrome/frame_chrome)
        insert_toolbar_groups(  # between the frame's groups (ui/chrome/frame_chrome) and Export
            self.toolbar,
            host.act_export,
            [
                [
                    (g.act_generate, QCoreApplication.translate("WindowChrome", "Generate")),
                    (g.act_generate_missing, QCoreApplication.translate("WindowChrome", "Generate All")),
                    (g.act_cancel_all, QCoreApplication.translate("WindowChrome", "Stop")),
                ],
                [
                    (host.act_play, QCoreApplication.translate("WindowChrome", "Play")),
                    (self.full_screen.act_full, QCoreApplication.translate("WindowChrome", "Full Screen")),
                ],
            ],
            with_text=[g.act_generate, g.act_generate_missing],
        )
        self._playing: bool | None = None
        player.clock.frameChanged.connect(lambda frame: self._follow_playing())
        player.clock.finished.connect(self._follow_playing)
        for action in (host.act_play, *self.shuttle.actions()):
            action.triggered.connect(lambda checked=False: self._follow_playing())
        self._follow_playing()
        for action in dict.fromkeys(window.findChildren(QAction) + self._widget_actions()):
            name_shortcut_in_tip(action)

    def _action(
        self, text: str, slot: Callable[[], object], shortcut: QKeySequence.StandardKey | str
    ) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda checked=False: slot())
        return action

    def _widget_actions(self) -> list[QAction]:
        return [a for w in [self.window, *self.window.findChildren(QWidget)] for a in w.actions()]

    def _set_icons(self) -> None:
        w, g = self.host, self.host.generation
        for action, name in (
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
        playing = self.host.preview.clock.playing
        if playing != self._playing:
            self._playing = playing
            self.host.act_play.setIcon(icon("pause" if playing else "play"))

    # -- Help ---------------------------------------------------------------------------
    def show_shortcuts(self) -> ShortcutsDialog:
        """Help > Keyboard Shortcuts (non-modal, read from the actions as they are now)."""
        self.shortcuts_dialog = ShortcutsDialog(self.window)
        self.shortcuts_dialog.finished.connect(self.shortcuts_dialog.deleteLater)
        self.shortcuts_dialog.show()
        return self.shortcuts_dialog

    def open_documentation(self) -> bool:
        """Help > Documentation: the user guide in the desktop's viewer, else in a window of ours; else says why."""
        target = documentation_target()
        url = QUrl(target) if isinstance(target, str) else None
        if isinstance(target, Path):
            url = QUrl.fromLocalFile(str(target))
        if url is not None and QDesktopServices.openUrl(url):
            return True
        if isinstance(target, Path) and target.suffix == ".md":
            # No desktop handler for Markdown (a bare window manager, a kiosk): the window shows it.
            self.guide_viewer = GuideViewer(target, self.window)
            self.guide_viewer.finished.connect(self.guide_viewer.deleteLater)
            self.guide_viewer.show()
            return True
        self.host.dialogs.error(
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

        self.host.dialogs.info(
            QCoreApplication.translate("WindowChrome", "About Storyreel"),
            QCoreApplication.translate(
                "WindowChrome", "Storyreel {0}\nA desktop studio for AI film-making with Wan 2.2."
            ).format(__version__),
        )

    def shutdown(self) -> None:
        self.full_screen.set_full_screen(False)
        self.shuttle.shutdown()
