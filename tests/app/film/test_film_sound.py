"""`main.py audio` and the export's sound track: bad files change nothing, good ones are mixed in."""

from __future__ import annotations

import json

import av
import pytest
from export_support import BLUE, RED, project_with_takes, sine_tone

from app.cli.main import run_cli
from app.project.reel_file import load_project, save_project
from engine.film.audio_file import probe_audio


@pytest.fixture
def film(tmp_path):
    return project_with_takes(tmp_path, [RED, BLUE], frames=16)


def test_bad_sound_files_are_refused_and_the_film_is_unchanged(tmp_path, film, capsys):
    before = film.path.read_bytes()
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    fake = tmp_path / "fake.mp3"
    fake.write_text("not sound")
    for source, words in ((empty, "empty"), (fake, "fake.mp3"), (tmp_path / "gone.wav", "cannot be read")):
        assert run_cli(["audio", "add", str(film.path), str(source)]) == 2
        assert words in capsys.readouterr().err
    assert (
        run_cli(["audio", "add", str(film.path), str(sine_tone(tmp_path / "t.wav", 1.0)), "--gain", "90"])
        == 2
    )
    assert film.path.read_bytes() == before
    assert not (film.media_dir / "audio").exists()


@pytest.mark.slow
def test_a_clip_is_added_listed_mixed_and_removed(tmp_path, film, capsys):
    phone = sine_tone(tmp_path / "phone.wav", 3.0, rate=8000)
    assert run_cli(["audio", "add", str(film.path), str(phone), "--kind", "music"]) == 0
    assert "8 kHz" in capsys.readouterr().out
    clip = load_project(film.path).audio[0]
    assert clip.kind == "music" and clip.path.startswith("audio/") and (film.media_dir / clip.path).is_file()
    assert run_cli(["audio", "list", str(film.path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == clip.id
    out = tmp_path / "film.mp4"
    assert run_cli(["export", str(film.path), "-o", str(out)]) == 0
    with av.open(str(out)) as container:
        assert container.streams.audio and container.streams.audio[0].rate == 48000
    assert run_cli(["audio", "remove", str(film.path), clip.id]) == 0
    assert load_project(film.path).audio == []
    assert run_cli(["audio", "remove", str(film.path), clip.id]) == 2


@pytest.mark.slow
def test_a_caption_is_spoken_and_placed_at_it(tmp_path, film, capsys):
    from tts_support import tiny_vits

    model = tiny_vits(tmp_path / "vits")
    film.update_shot(film.shots[1].id, caption="你好, spring tea!")
    save_project(film)
    assert run_cli(["audio", "tts", str(film.path), "--shot", "1", "--model", str(model)]) == 2
    assert "no caption" in capsys.readouterr().err
    assert run_cli(["audio", "tts", str(film.path), "--shot", "2", "--model", str(model)]) == 0
    clip = load_project(film.path).audio[0]
    assert (clip.kind, clip.start, clip.text) == ("voice", 1.0, "你好, spring tea!")
    assert probe_audio(film.media_dir / clip.path).rate == 16000


@pytest.mark.slow
def test_music_is_generated_from_a_prompt(tmp_path, film, capsys):
    from stable_audio_support import tiny_stable_audio

    model = str(tiny_stable_audio(tmp_path / "stable-audio"))
    base = ["audio", "generate", str(film.path), "calm piano", "--model", model, "--steps", "2"]
    assert run_cli([*base, "--seconds", "90"]) == 2
    assert "47" in capsys.readouterr().err
    assert run_cli([*base, "--seconds", "1", "--start", "0.5"]) == 0
    clip = load_project(film.path).audio[0]
    assert (clip.kind, clip.start, clip.text) == ("music", 0.5, "calm piano")
    facts = probe_audio(film.media_dir / clip.path)
    assert (facts.rate, facts.channels) == (64, 2)


@pytest.mark.slow
def test_making_music_reports_each_step_and_stops_when_cancelled(tmp_path, film):
    from stable_audio_support import tiny_stable_audio

    from app.film.voice_over import made_clip
    from app.project.sound_track import AudioClip
    from engine.progress import Cancelled, CancelToken

    model = str(tiny_stable_audio(tmp_path / "stable-audio"))
    steps: list[tuple[int, int]] = []
    made = made_clip(
        film, "calm piano", 1.0, AudioClip("effect"), model, 3, lambda p: steps.append((p.step, p.total))
    )
    assert steps == [(1, 3), (2, 3), (3, 3)] and film.audio == []  # stored, not added: the caller adds it
    assert (film.media_dir / made.path).is_file()
    cancel, seen = CancelToken(), []

    def report(progress):
        seen.append(progress.step)
        cancel.cancel()  # Cancel pressed during the first step

    with pytest.raises(Cancelled):
        made_clip(film, "calm piano", 1.0, AudioClip("effect"), model, 3, report, cancel)
    assert seen == [1]


@pytest.mark.slow
def test_the_voice_model_of_preferences_is_the_cli_default(tmp_path, film, capsys):
    from tts_support import tiny_vits

    from app.settings.sound_settings import SoundSettings, store_sound_settings
    from app.settings.user_settings import load_settings, save_settings

    settings = load_settings()
    store_sound_settings(settings, SoundSettings(voice_model=str(tiny_vits(tmp_path / "vits"))))
    save_settings(settings)
    film.update_shot(film.shots[0].id, caption="spring tea")
    save_project(film)
    assert run_cli(["audio", "tts", str(film.path), "--shot", "1"]) == 0
    assert probe_audio(film.media_dir / load_project(film.path).audio[0].path).rate == 16000  # the VITS
