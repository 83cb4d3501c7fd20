"""J/K/L shuttle keys as editors know them: J back, K pause, L forward; J or L again doubles the speed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence

from ui.preview.preview_player import PreviewPlayer

SPEEDS = (1.0, 2.0, 4.0, 8.0)  # each J or L in the same direction moves one step up


class Shuttle(QObject):
    """Three actions on the player (and the window); holding K makes J and L step one frame."""

    def __init__(self, player: PreviewPlayer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.k_held = False
        self.act_reverse = self._action(self.tr("Play &Backwards"), Qt.Key.Key_J, self.reverse)
        self.act_pause = self._action(self.tr("Pa&use"), Qt.Key.Key_K, self.pause)
        self.act_forward = self._action(self.tr("Play For&wards"), Qt.Key.Key_L, self.forward)
        self.act_reverse.setToolTip(
            self.tr("Play backwards; again for 2×, 4×, 8× (with K held: one frame back)")
        )
        self.act_pause.setToolTip(self.tr("Pause; hold it and press J or L to step a frame"))
        self.act_forward.setToolTip(
            self.tr("Play forwards; again for 2×, 4×, 8× (with K held: one frame on)")
        )

    def actions(self) -> list[QAction]:
        return [self.act_reverse, self.act_pause, self.act_forward]

    def _action(self, text: str, key: Qt.Key, slot) -> QAction:
        action = QAction(text, self.player)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda checked=False: slot())
        self.player.addAction(action)  # also works while the preview is full screen, a window of its own
        return action

    def forward(self) -> None:
        self._shuttle(1)

    def reverse(self) -> None:
        self._shuttle(-1)

    def pause(self) -> None:
        self.k_held = True
        # K's release is the only way to know it is still held when J or L comes. The filter sees every
        # event of the app, so it is there only while K is down: each event it sees is a call into Python,
        # and one made while a generating worker holds the GIL can wait a switch interval for it.
        if (app := QCoreApplication.instance()) is not None:
            app.installEventFilter(self)
        self.player.pause()
        self.player.clock.set_speed(1.0)
        self.player.timecode.setText(self.player.position_text(self.player.clock.position))

    def _shuttle(self, direction: int) -> None:
        if self.k_held:
            self.player.step(direction)
            return
        clock = self.player.clock
        speed = 1.0
        if clock.playing and clock.speed * direction > 0:
            faster = [s for s in SPEEDS if s > abs(clock.speed)]
            speed = faster[0] if faster else SPEEDS[-1]
        self.player.play_at(direction * speed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyRelease
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_K
            and not event.isAutoRepeat()
        ):
            self.k_held = False
            self.shutdown()
        return False

    def shutdown(self) -> None:
        if (app := QCoreApplication.instance()) is not None:
            app.removeEventFilter(self)
