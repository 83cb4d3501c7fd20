"""Voice-over: a caption spoken by a transformers text-to-speech model (VITS/MMS, Bark, SeamlessM4T...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.errors import StoryreelError

if TYPE_CHECKING:
    import numpy as np

# Bark (MIT licence) speaks Chinese and English from one model; MMS has no Mandarin voice and is CC-BY-NC.
# Any model transformers' text-to-speech pipeline runs can be chosen in Preferences or with --model.
DEFAULT_VOICE_MODEL = "suno/bark-small"


class VoiceError(StoryreelError):
    """The text could not be spoken; the message says why."""

    hint = "Choose a text-to-speech model that speaks the caption's language, or record the voice and add it."


def speak(text: str, model: str, revision: str | None = None) -> tuple[np.ndarray, int]:
    """The text spoken as (1, n) float32 samples and their rate."""
    import numpy as np

    if not text.strip():
        raise VoiceError("the caption is empty: there is nothing to say")
    from engine.model_hub import model_folder

    folder = model_folder(model, revision, "The voice model")
    try:
        from transformers import pipeline

        # "text-to-audio" is the task's own name; "text-to-speech" is its alias.
        speaker = pipeline("text-to-audio", model=str(folder))
        answer = speaker(text)
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise VoiceError(f"{model} could not speak the caption ({type(exc).__name__}: {exc})") from exc
    samples = np.asarray(answer["audio"], np.float32).reshape(1, -1)
    if samples.shape[1] == 0 or not np.isfinite(samples).all():
        raise VoiceError(f"{model} gave no sound for the caption")
    return samples, int(answer["sampling_rate"])
