"""The title and sound rows under the timeline: blocks where the elements sit, waveforms, a new project."""

from __future__ import annotations

from export_support import BLUE, RED, project_with_takes, sine_tone
from PySide6.QtGui import QColor
from ui_support import make_window

from app.project.audio_import import import_audio
from app.project.project import Project
from app.project.sound_track import AudioClip
from engine.film.title_elements import TitleElement
from ui.finishing.track_rows import ROW


def test_titles_and_clips_are_drawn_on_the_timeline_scale(qtbot, tmp_path):
    project = project_with_takes(tmp_path, [RED, BLUE], frames=32)
    project.set_titles([TitleElement(kind="card", text="春茶", start=0.5, duration=1.0)])
    import_audio(project, sine_tone(tmp_path / "tone.wav", 1.0), AudioClip("voice", start=2.0))
    window = make_window(qtbot, project)
    rows, ruler = window.track_rows, window.ruler
    window.timeline.set_pixels_per_second(60.0)
    rows.grab()  # the first paint asks for the waveform, read off the GUI thread
    qtbot.waitUntil(lambda: not rows.waveforms_pending())
    image = rows.grab().toImage()
    left, right = ruler.x_for_time(0.5), ruler.x_for_time(1.5)
    card = QColor(image.pixel(int((left + right) / 2), 4))
    assert card.blue() - card.green() > 40  # the card's purple over the base, not the background
    empty = QColor(image.pixel(int(ruler.x_for_time(3.5)), 4))
    assert empty == QColor(image.pixel(int(ruler.x_for_time(3.5)), ROW // 2))
    voice = [QColor(image.pixel(int(ruler.x_for_time(2.5)), y)) for y in range(ROW + 4, 2 * ROW)]
    assert any(c.lightness() > 200 for c in voice)  # the waveform's white over the clip's green
    assert rows.toolTip()
    rows.set_project(Project())  # another film: its (empty) tracks
    after = rows.grab().toImage()
    assert QColor(after.pixel(int((left + right) / 2), 4)) == empty
