"""Editing the sound track in the window: files imported off the GUI thread (bad ones refused with a
message), clips dragged and deleted, a caption spoken and music made on the cancellable worker; each edit
one undo step."""

from __future__ import annotations

import pytest
from export_support import BLUE, RED, long_wav, project_with_takes, sine_tone
from PySide6.QtCore import QPoint, Qt
from ui_support import FakeDialogs, make_window

from app.settings.sound_settings import SoundSettings, store_sound_settings
from ui.finishing.track_rows import ROW

SOUND_Y = ROW + 3 + ROW // 2


def _window(qtbot, tmp_path, dialogs=None):
    project = project_with_takes(tmp_path, [RED, BLUE], frames=32)  # two shots of 2 s
    window = make_window(qtbot, project, dialogs or FakeDialogs())
    window.timeline.set_pixels_per_second(60.0)
    return window


def _x(window, seconds: float) -> int:
    return round(window.ruler.x_for_time(seconds))


def test_a_music_file_is_imported_dragged_and_deleted(qtbot, tmp_path):
    dialogs = FakeDialogs(open_path=sine_tone(tmp_path / "music.wav", 1.0))
    window = _window(qtbot, tmp_path, dialogs)
    project, stack, rows = window.project, window.undo_stack, window.track_rows
    before = stack.count()
    window.finishing.act_music.trigger()
    qtbot.waitUntil(lambda: len(project.audio) == 1)
    assert project.audio[0].kind == "music" and stack.count() == before + 1
    assert "mono" in window.statusBar().currentMessage()
    qtbot.mousePress(rows, Qt.MouseButton.LeftButton, pos=QPoint(_x(window, 0.5), SOUND_Y))
    assert rows.selected == ("audio", project.audio[0].id)
    qtbot.mouseMove(rows, QPoint(_x(window, 1.5), SOUND_Y))
    qtbot.mouseRelease(rows, Qt.MouseButton.LeftButton, pos=QPoint(_x(window, 2.0), SOUND_Y))
    assert abs(project.audio[0].start - 1.5) < 0.05 and stack.count() == before + 2
    qtbot.keyClick(rows, Qt.Key.Key_Delete)
    assert project.audio == []
    stack.undo()
    assert abs(project.audio[0].start - 1.5) < 0.05
    stack.undo()
    assert project.audio[0].start == 0.0
    stack.undo()
    assert project.audio == []


@pytest.mark.parametrize(
    ("name", "words"),
    [("empty.wav", "empty"), ("long.wav", "10.0 hours"), ("fake.mp3", "fake.mp3")],
)
def test_bad_sound_files_are_refused_and_the_film_kept(qtbot, tmp_path, name, words):
    source = tmp_path / name
    if name == "long.wav":
        long_wav(source)
    else:
        source.write_bytes(b"" if name == "empty.wav" else b"not a sound at all" * 10)
    dialogs = FakeDialogs(open_path=source)
    window = _window(qtbot, tmp_path, dialogs)
    window.finishing.import_sound("effect")
    qtbot.waitUntil(lambda: bool(dialogs.errors))
    assert words in dialogs.errors[0] and window.project.audio == []
    assert not (window.project.media_dir / "audio").exists() or not any(
        (window.project.media_dir / "audio").iterdir()
    )
    assert not window.session.is_dirty()


def test_an_8_khz_mono_effect_is_taken_with_a_note(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    window.finishing.import_sound("effect", sine_tone(tmp_path / "phone.wav", 1.0, rate=8000))
    qtbot.waitUntil(lambda: len(window.project.audio) == 1)
    assert window.project.audio[0].kind == "effect"
    message = window.statusBar().currentMessage()
    assert message.startswith("phone.wav:") and "mono" in message and "8 kHz" in message and "dull" in message


@pytest.mark.slow
def test_a_caption_is_spoken_on_the_worker_and_can_be_moved(qtbot, tmp_path):
    from tts_support import tiny_vits

    window = _window(qtbot, tmp_path)
    store_sound_settings(window.settings, SoundSettings(voice_model=str(tiny_vits(tmp_path / "vits"))))
    project = window.project
    project.update_shot(project.shots[1].id, caption="你好, spring tea!")
    window.timeline.select_ids([project.shots[0].id])
    dialogs = window.dialogs
    window.finishing.act_speak.trigger()  # shot 1 has no caption: said, nothing started
    assert "no caption" in dialogs.errors[-1]
    window.timeline.select_ids([project.shots[1].id])
    window.finishing.act_speak.trigger()
    qtbot.waitUntil(lambda: len(project.audio) == 1, timeout=30000)
    clip = project.audio[0]
    assert (clip.kind, clip.start, clip.text) == ("voice", 2.0, "你好, spring tea!")
    qtbot.keyClick(window.track_rows, Qt.Key.Key_Left)  # nothing selected yet: nothing moves
    window.track_rows.select(("audio", clip.id))
    window.track_rows.setFocus()  # as a click on it gives
    qtbot.keyClick(window.track_rows, Qt.Key.Key_Left)
    assert abs(project.audio[0].start - 1.9) < 1e-6
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert project.audio == []


@pytest.mark.slow
def test_music_is_made_on_the_worker_and_a_cancel_adds_nothing(qtbot, tmp_path):
    from stable_audio_support import tiny_stable_audio

    window = _window(qtbot, tmp_path)
    store_sound_settings(window.settings, SoundSettings(sound_model=str(tiny_stable_audio(tmp_path / "sa"))))
    finishing, project = window.finishing, window.project
    assert finishing.generate("calm piano", 1.0, "music", steps=2)
    task = finishing.task
    task._abandon()  # Cancel in the progress dialog
    task.worker.wait()
    qtbot.wait(50)
    assert project.audio == []
    assert finishing.generate("calm piano", 1.0, "effect", steps=2)
    qtbot.waitUntil(lambda: len(project.audio) == 1, timeout=30000)
    assert (project.audio[0].kind, project.audio[0].text) == ("effect", "calm piano")
    window.undo_stack.undo()
    assert project.audio == []
