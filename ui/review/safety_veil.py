"""The preview blurs a take the safety check flagged until the person reveals it (Reveal)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtWidgets import QPushButton

from ui.preview.preview_player import PreviewPlayer
from ui.widgets.take_scores import is_flagged

log = logging.getLogger(__name__)
VEIL_SIZE = 16  # the frame is shrunk to this width and back: nothing recognisable is left


def blurred(image: Any) -> Any:
    """The frame shrunk to a few pixels and scaled back up smoothly (a strong, cheap blur)."""
    import cv2

    height, width = image.shape[:2]
    small = cv2.resize(
        image, (VEIL_SIZE, max(1, round(VEIL_SIZE * height / width))), interpolation=cv2.INTER_AREA
    )
    return cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)


class SafetyVeil(QObject):
    """Filters the preview's frames: a flagged active take is blurred, with a Reveal button over it."""

    def __init__(self, preview: PreviewPlayer) -> None:
        super().__init__(preview)
        self.preview = preview
        self.revealed: set[str] = set()  # take ids shown as they are (this session only)
        self.veiled_take: str | None = None  # the take whose blurred frame is on screen
        self._original: Any = None
        self.reveal_button = QPushButton(self.tr("Reveal"), preview.view)
        self.reveal_button.setToolTip(
            self.tr("The safety check flagged this take: show it unblurred (until the film is closed)")
        )
        self.reveal_button.clicked.connect(self.reveal)
        self.reveal_button.hide()
        preview.frame_filter = self.filter
        preview.positionChanged.connect(lambda _t: self._hide_button())  # before each frame is filtered

    def filter(self, shot_id: str, image: Any) -> Any:
        """The frame to show for the shot's active take: blurred when flagged and not revealed."""
        try:
            take = self.preview.project.shot(shot_id).active  # by id: this runs for every frame shown
        except KeyError:  # a shot deleted while its frame was on its way
            take = None
        if take is None or not is_flagged(take) or take.id in self.revealed:
            return image
        self.veiled_take, self._original = take.id, image
        self._place_button()
        return blurred(image)

    def reveal(self) -> None:
        """Show the veiled take as it is, from now on."""
        if self.veiled_take is None:
            return
        log.info("The person revealed flagged take %s in the preview", self.veiled_take)
        self.revealed.add(self.veiled_take)
        if self._original is not None:
            self.preview.current = self._original
            self.preview.view.show_array(self._original)
        self._hide_button()

    def forget(self) -> None:
        """Another film: its flagged takes start blurred again."""
        self.revealed.clear()
        self._hide_button()

    def _hide_button(self) -> None:
        self.veiled_take, self._original = None, None
        self.reveal_button.hide()

    def _place_button(self) -> None:
        size: QSize = self.reveal_button.sizeHint()
        view = self.preview.view
        self.reveal_button.setGeometry(
            (view.width() - size.width()) // 2,
            (view.height() - size.height()) // 2,
            size.width(),
            size.height(),
        )
        self.reveal_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.reveal_button.show()
        self.reveal_button.raise_()
