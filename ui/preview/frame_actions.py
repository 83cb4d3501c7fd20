"""The preview's "Use This Frame as the Next Shot's Start": the frame on screen, offered to the next shot."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction

from app.project.project import Project
from ui.preview.preview_player import PreviewPlayer


@dataclass(frozen=True)
class ShownFrame:
    """A frame of a take as the preview shows it, and the shot after its shot."""

    shot_id: str
    take_id: str
    frame: int  # index in the take's clip (trims counted in)
    next_shot_id: str | None


def next_shot_id(project: Project, shot_id: str) -> str | None:
    """The shot after this one on the timeline (None for the last)."""
    index = project.index_of(shot_id)
    return project.shots[index + 1].id if index + 1 < len(project.shots) else None


def shown_frame(player: PreviewPlayer) -> ShownFrame | None:
    """Which take frame the preview is on (None: no take on screen)."""
    t = player.film_time()
    span = player.shown_span(t)
    if span is None or span.path is None:
        return None
    try:
        shot = player.project.shot(span.shot_id)
    except KeyError:
        return None
    take = shot.active
    if take is None:
        return None
    return ShownFrame(shot.id, take.id, span.source_frame(t), next_shot_id(player.project, shot.id))


class NextShotStartAction(QObject):
    """The action (in the preview's right-click menu and the View menu), enabled while it can apply."""

    frameChosen = Signal(object)  # ShownFrame, with a next shot

    def __init__(self, player: PreviewPlayer) -> None:
        super().__init__(player)
        self.player = player
        self.action = QAction(self.tr("Use This Frame as the Next Shot's Start"), player)
        self.action.triggered.connect(lambda checked=False: self.trigger())
        player.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        player.view.addAction(self.action)
        player.positionChanged.connect(lambda t: self.update())
        self.update()

    def update(self) -> None:
        """Enable the action only on a take's frame with a shot after it, and say why not otherwise."""
        frame = shown_frame(self.player)
        if frame is None:
            tip = self.tr("Show a take's frame in the preview first")
        elif frame.next_shot_id is None:
            tip = self.tr("This is the last shot: add a shot after it to continue from this frame")
        else:
            tip = self.tr("The next shot starts from this exact frame (it no longer continues by itself)")
        self.action.setEnabled(frame is not None and frame.next_shot_id is not None)
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)

    def trigger(self) -> None:
        """Pause on the frame and hand it on."""
        self.player.pause()
        frame = shown_frame(self.player)
        if frame is not None and frame.next_shot_id is not None:
            self.frameChosen.emit(frame)
