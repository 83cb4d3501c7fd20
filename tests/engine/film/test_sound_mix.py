"""The sound track's files and mix: header checks, placement, music fade, ducking, loudness."""

from __future__ import annotations

import numpy as np
import pytest
from export_support import long_wav, sine_tone

from engine.film.audio_file import RATE, AudioFileError, decode_audio, probe_audio
from engine.film.sound_mix import SoundClip, loudness, mix_sound, write_wav


def test_bad_files_are_refused_from_their_header(tmp_path):
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    with pytest.raises(AudioFileError, match="empty"):
        probe_audio(empty)
    with pytest.raises(AudioFileError, match="10.0 hours"):
        probe_audio(long_wav(tmp_path / "long.wav"))
    text = tmp_path / "notes.mp3"
    text.write_text("not sound")
    with pytest.raises(AudioFileError, match="notes.mp3"):
        probe_audio(text)


def test_mono_and_8_khz_are_taken_with_a_note(tmp_path):
    facts = probe_audio(sine_tone(tmp_path / "phone.wav", 1.0, rate=8000))
    assert (facts.rate, facts.channels) == (8000, 1)
    assert facts.notes == ("mono: played on both channels", "8 kHz: resampled to 48 kHz, it will sound dull")
    samples = decode_audio(tmp_path / "phone.wav", 10.0)
    assert samples.shape[0] == 2 and abs(samples.shape[1] - RATE) < 100
    assert np.allclose(samples[0], samples[1])


@pytest.mark.slow
def test_music_is_trimmed_faded_ducked_and_normalised(tmp_path):
    music = sine_tone(tmp_path / "music.wav", 5.0, freq=220)
    voice = sine_tone(tmp_path / "voice.wav", 0.5, freq=880)
    alone = mix_sound([SoundClip("music", music)], 3.0, fade=1.0, target_lufs=None)
    assert alone.shape == (2, 3 * RATE)
    assert np.abs(alone[:, -100:]).max() < 0.01 < np.abs(alone[:, RATE : RATE + 100]).max()  # faded out
    ducked = mix_sound(
        [SoundClip("music", music), SoundClip("voice", voice, start=1.0, gain_db=-6)], 3.0, target_lufs=None
    )
    music_only = slice(round(0.1 * RATE), round(0.5 * RATE))
    under_voice = slice(round(1.2 * RATE), round(1.4 * RATE))
    assert np.abs(ducked[:, music_only]).max() == pytest.approx(np.abs(alone[:, music_only]).max(), rel=0.01)
    residual = (
        ducked[:, under_voice]
        - mix_sound([SoundClip("voice", voice, 1.0, -6)], 3.0, target_lufs=None)[:, under_voice]
    )
    assert np.abs(residual).max() < 0.5 * np.abs(alone[:, under_voice]).max()  # music is down by about 12 dB
    normal = mix_sound([SoundClip("music", music)], 3.0)
    assert loudness(normal) == pytest.approx(-14.0, abs=0.5)
    path = write_wav(tmp_path / "mix.wav", normal)
    assert probe_audio(path).channels == 2


def test_silence_and_late_clips_stay_silent(tmp_path):
    music = sine_tone(tmp_path / "music.wav", 1.0)
    silent = mix_sound([SoundClip("effect", music, start=9.0)], 2.0)
    assert silent.shape == (2, 2 * RATE) and not silent.any()


def test_waveform_peaks_are_read_frame_by_frame(tmp_path):
    import tracemalloc

    from engine.film.audio_file import waveform_peaks

    tracemalloc.start()
    try:
        peaks, seconds = waveform_peaks(long_wav(tmp_path / "long.wav", hours=0.05), 600)
        _, most = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seconds == 180.0 and peaks.shape == (600,) and not peaks.any()
    assert most < 4 << 20  # decoded whole at 48 kHz stereo it would hold 69 MB
    tone, length = waveform_peaks(sine_tone(tmp_path / "tone.wav", 2.0, rate=8000), 600)
    assert length == 2.0 and tone.min() > 0.2  # every stretch holds part of the sine, the last too
