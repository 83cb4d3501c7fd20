"""The preview's menu actions: play or pause, and whole-film mode kept in step with its mode box."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.preview.preview_player import FILM_MODE, SHOT_MODE, PreviewPlayer


def playback_actions(player: PreviewPlayer, parent: QObject) -> tuple[QAction, QAction]:
    """(Play / Pause on Space, Preview the Whole Film as a checkable action) for the player."""
    play = QAction(QCoreApplication.translate("PlaybackActions", "&Play / Pause"), parent)
    play.setShortcut(QKeySequence(Qt.Key.Key_Space))
    play.setToolTip(QCoreApplication.translate("PlaybackActions", "Play or pause the preview (Space)"))
    play.triggered.connect(lambda checked=False: player.toggle())
    film = QAction(QCoreApplication.translate("PlaybackActions", "Preview the Whole &Film"), parent)
    film.setCheckable(True)
    film.setToolTip(
        QCoreApplication.translate(
            "PlaybackActions", "Play the whole film in timeline order instead of the selected shot"
        )
    )
    film.toggled.connect(lambda on: player.set_mode(FILM_MODE if on else SHOT_MODE))
    player.mode_box.currentIndexChanged.connect(lambda i: film.setChecked(player.mode == FILM_MODE))
    return play, film
