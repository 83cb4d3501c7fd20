"""A card's badges (transition, "continues") never cover the prompt written on it."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetrics
from ui_support import make_window, paint_card, sample_project

from ui.timeline.shot_card_delegate import CARD_HEIGHT

WIDTH = 200


def test_the_prompt_is_written_clear_of_the_badges(qtbot):
    project = sample_project(2)
    window = make_window(qtbot, project)
    shot = project.shots[1]
    project.update_shot(shot.id, transition="crossfade", continue_previous=True)
    project.update_shot(shot.id, prompt="WWWW MMMM " * 12)
    first = paint_card(window, 1, WIDTH)
    project.update_shot(shot.id, prompt="iiii llll " * 12)
    second = paint_card(window, 1, WIDTH)
    # Where the two prompts differ is where the prompt is written.
    written = [
        (x, y) for x in range(WIDTH) for y in range(CARD_HEIGHT) if first.pixel(x, y) != second.pixel(x, y)
    ]
    assert written, "the prompt was not written at all"
    small = QFont(window.timeline.font())
    small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
    metrics = QFontMetrics(small)
    badge_w = metrics.horizontalAdvance("↪ continues") + 8
    picture_right = WIDTH - 6
    badges = [
        QRect(8, 8, 16, 16),  # the transition marker at the picture's top left
        QRect(picture_right - 2 - badge_w, 8, badge_w, metrics.height() + 2),  # "continues", top right
    ]
    covered = [(x, y) for x, y in written if any(b.contains(x, y) for b in badges)]
    assert covered == [], f"{len(covered)} pixels of prompt under a badge"
