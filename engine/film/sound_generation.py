"""Music and effects made from a text prompt with diffusers' StableAudioPipeline (Stable Audio Open)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.errors import StoryreelError
from engine.progress import GENERATING, CancelToken, Progress, ProgressCallback, ignore_progress

if TYPE_CHECKING:
    import numpy as np

DEFAULT_SOUND_MODEL = "stabilityai/stable-audio-open-1.0"  # gated: accept its licence on the Hub first
MAX_SOUND_SECONDS = 47.0  # Stable Audio Open makes at most 47.55 s per run
NEGATIVE = "Low quality, distorted."


class SoundGenerationError(StoryreelError):
    """The sound could not be made; the message says why."""

    hint = (
        "Check the model (Stable Audio Open is gated: accept its licence on Hugging Face), or import a file."
    )


def generate_sound(
    prompt: str,
    seconds: float,
    model: str,
    revision: str | None = None,
    steps: int = 100,
    seed: int = 0,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> tuple[np.ndarray, int]:
    """seconds of sound for prompt as (2, n) float32 and the model's sample rate; progress hears each
    step, and cancel is checked between steps (Cancelled)."""
    import numpy as np
    import torch

    from engine.model_hub import model_folder

    if not prompt.strip():
        raise SoundGenerationError("say what the sound is: the prompt is empty")
    if not 0 < seconds <= MAX_SOUND_SECONDS:
        raise SoundGenerationError(
            f"a generated sound lasts up to {MAX_SOUND_SECONDS:g} seconds, not {seconds:g}"
        )
    folder = model_folder(model, revision, "The sound model")
    try:
        from diffusers import StableAudioPipeline

        pipe = StableAudioPipeline.from_pretrained(folder)
        pipe.set_progress_bar_config(disable=True)
        report = progress or ignore_progress

        def step_done(step: int, timestep: int, latents: object) -> None:
            if cancel is not None:
                cancel.check()  # Cancelled passes through the pipeline and out of here
            report(Progress(GENERATING, step + 1, steps))

        longest = pipe.transformer.config.sample_size * pipe.vae.hop_length / pipe.vae.config.sampling_rate
        audio = pipe(
            prompt,
            negative_prompt=NEGATIVE,
            audio_end_in_s=min(seconds, longest),
            num_inference_steps=steps,
            generator=torch.Generator().manual_seed(seed),
            callback=step_done,
        ).audios[0]
    except (OSError, ValueError, RuntimeError, ImportError) as exc:
        raise SoundGenerationError(f"{model} could not make the sound ({type(exc).__name__}: {exc})") from exc
    samples = audio.float().numpy().astype(np.float32)
    if samples.ndim != 2 or samples.shape[1] == 0 or not np.isfinite(samples).all():
        raise SoundGenerationError(f"{model} gave no sound for the prompt")
    return samples, int(pipe.vae.config.sampling_rate)
