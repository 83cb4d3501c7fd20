"""Made sound: a shot's caption spoken as a voice clip at the caption, music or effects from a prompt."""

from __future__ import annotations

from app.film.film_titles import caption_cues
from app.project.audio_import import import_samples
from app.project.project import Project
from app.project.sound_track import AudioClip, check_clip
from engine.film.voice_over import VoiceError, speak


def voice_caption(project: Project, shot_id: str, model: str, revision: str | None = None) -> AudioClip:
    """Speak the shot's caption with model and add it to the sound track at the caption's start."""
    shot = project.shot(shot_id)
    title = shot.display_title(project.index_of(shot_id))
    if not shot.caption.strip():
        raise VoiceError(f"{title} has no caption to speak")
    start = next(cue.start for cue in caption_cues(project) if cue.text == shot.caption)
    samples, rate = speak(shot.caption, model, revision)
    return import_samples(project, samples, rate, AudioClip("voice", start=start, text=shot.caption))


def generated_clip(
    project: Project, prompt: str, seconds: float, clip: AudioClip, model: str, steps: int = 100
) -> AudioClip:
    """Music or an effect made from prompt with Stable Audio, added to the sound track as clip says."""
    from engine.film.sound_generation import generate_sound

    check_clip(clip)  # before minutes of generation
    samples, rate = generate_sound(prompt, seconds, model, steps=steps)
    clip.text = prompt
    return import_samples(project, samples, rate, clip)
