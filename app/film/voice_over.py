"""Made sound: a shot's caption spoken as a voice clip at the caption, music or effects from a prompt."""

from __future__ import annotations

from app.film.film_titles import caption_cues
from app.project.audio_import import store_samples
from app.project.project import Project
from app.project.sound_track import AudioClip, check_clip
from engine.film.voice_over import VoiceError, speak
from engine.progress import CancelToken, ProgressCallback


def caption_voice(project: Project, shot_id: str) -> AudioClip:
    """The voice clip a shot's caption becomes: its text, placed where the caption shows (no sound yet)."""
    shot = project.shot(shot_id)
    title = shot.display_title(project.index_of(shot_id))
    if not shot.caption.strip():
        raise VoiceError(f"{title} has no caption to speak")
    start = next(cue.start for cue in caption_cues(project) if cue.text == shot.caption)
    return AudioClip("voice", start=start, text=shot.caption)


def spoken_clip(project: Project, clip: AudioClip, model: str, revision: str | None = None) -> AudioClip:
    """clip's text spoken with model and stored in the media folder (not added to the sound track)."""
    samples, rate = speak(clip.text, model, revision)
    return store_samples(project, samples, rate, clip)


def voice_caption(project: Project, shot_id: str, model: str, revision: str | None = None) -> AudioClip:
    """Speak the shot's caption with model and add it to the sound track at the caption's start."""
    return project.add_audio_clip(spoken_clip(project, caption_voice(project, shot_id), model, revision))


def made_clip(
    project: Project,
    prompt: str,
    seconds: float,
    clip: AudioClip,
    model: str,
    steps: int = 100,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> AudioClip:
    """Music or an effect made from prompt with Stable Audio and stored as clip says (not added)."""
    from engine.film.sound_generation import generate_sound

    check_clip(clip)  # before minutes of generation
    samples, rate = generate_sound(prompt, seconds, model, steps=steps, progress=progress, cancel=cancel)
    clip.text = prompt
    return store_samples(project, samples, rate, clip)


def generated_clip(
    project: Project, prompt: str, seconds: float, clip: AudioClip, model: str, steps: int = 100
) -> AudioClip:
    """Music or an effect made from prompt with Stable Audio, added to the sound track as clip says."""
    return project.add_audio_clip(made_clip(project, prompt, seconds, clip, model, steps))
