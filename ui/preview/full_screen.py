"""Full-screen preview: F lifts the viewer out of the window onto the whole screen, Esc (or F) puts it back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSplitter, QWidget

from ui.preview.preview_player import PreviewPlayer


class FullScreenPreview(QObject):
    """Moves the player into a full-screen window of its own and back into its splitter slot."""

    def __init__(self, player: PreviewPlayer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self._slot: tuple[QSplitter, int, list[int], QWidget] | None = None
        self.act_full = QAction(self.tr("&Full-Screen Preview"), player)
        self.act_full.setShortcut(QKeySequence(Qt.Key.Key_F))
        self.act_full.setCheckable(True)
        self.act_full.setToolTip(self.tr("Show the preview on the whole screen (Esc leaves)"))
        self.act_full.toggled.connect(self.set_full_screen)
        self.act_leave = QAction(self.tr("Leave Full Screen"), player)
        self.act_leave.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.act_leave.setEnabled(False)  # Esc belongs to dialogs and editors until then
        self.act_leave.triggered.connect(lambda checked=False: self.act_full.setChecked(False))
        player.addActions([self.act_full, self.act_leave])

    @property
    def active(self) -> bool:
        return self._slot is not None or self.player.isFullScreen()

    def set_full_screen(self, on: bool) -> None:
        """Enter or leave full screen (the action's checked state follows)."""
        if on and not self.active:
            self._enter()
        elif not on and self.active:
            self._leave()
        self.act_leave.setEnabled(self.active)
        if self.act_full.isChecked() != self.active:
            self.act_full.setChecked(self.active)

    def _enter(self) -> None:
        owner = self.player.window()
        splitter = self.player.parentWidget()
        if isinstance(splitter, QSplitter):
            stand_in = QWidget()  # keeps the slot (and the other panes' sizes) while the viewer is away
            sizes = splitter.sizes()
            index = splitter.indexOf(self.player)
            splitter.replaceWidget(index, stand_in)
            self._slot = (splitter, index, sizes, stand_in)
        # A window of the main window's (closed with it), not a free top-level one.
        if owner is not self.player:
            self.player.setParent(owner, Qt.WindowType.Window)
        self.player.installEventFilter(self)
        self.player.showFullScreen()
        self.player.activateWindow()
        self.player.setFocus()

    def _leave(self) -> None:
        self.player.removeEventFilter(self)
        self.player.showNormal()
        if self._slot is not None:
            splitter, index, sizes, stand_in = self._slot
            self._slot = None
            splitter.replaceWidget(index, self.player)
            stand_in.deleteLater()
            splitter.setSizes(sizes)
            self.player.show()
            self.player.window().activateWindow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.player and event.type() == QEvent.Type.Close:
            # Closing the full-screen window (Alt+F4) brings the viewer home instead of losing it.
            event.ignore()
            self.set_full_screen(False)
            return True
        return False
