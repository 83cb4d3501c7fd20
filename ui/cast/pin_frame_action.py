"""The preview's "Pin This Frame as a Keyframe": the frame on screen, pinned at its place in its own shot."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from ui.preview.frame_actions import shown_frame
from ui.preview.preview_player import PreviewPlayer


class PinFrameAction(QObject):
    """The action (in the preview's right-click menu and the View menu), enabled on a take's frame."""

    frameChosen = Signal(object)  # ShownFrame

    def __init__(self, player: PreviewPlayer) -> None:
        super().__init__(player)
        self.player = player
        self.action = QAction(self.tr("Pin This Frame as a Keyframe"), player)
        self.action.triggered.connect(lambda checked=False: self.trigger())
        player.view.addAction(self.action)  # the view's menu lists its actions (frame_actions set it so)
        player.positionChanged.connect(lambda t: self.update())
        self.update()

    def update(self) -> None:
        """Enable the action only on a take's frame."""
        on_frame = shown_frame(self.player) is not None
        tip = (
            self.tr("Keep this frame where it is when the shot is made again (on the reference model)")
            if on_frame
            else self.tr("Show a take's frame in the preview first")
        )
        self.action.setEnabled(on_frame)
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)

    def trigger(self) -> None:
        """Pause on the frame and hand it on."""
        self.player.pause()
        frame = shown_frame(self.player)
        if frame is not None:
            self.frameChosen.emit(frame)
