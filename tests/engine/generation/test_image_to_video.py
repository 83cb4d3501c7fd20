"""Image-to-video on the tiny models: equal to diffusers' own call, the 0.9 boundary, TI2V's shared
image mode, and clear refusals."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from image_support import SIZE, direct_settings, gradient, image_request, still

from engine.generation.image_to_video import ImageModelError, image_pipe
from engine.generation.loaded_pipeline import ModelInfo
from engine.generation.request import GenerationRequest, ImageConditioning
from engine.generation.still_image import fit_still, still_from_frame
from engine.generation.wan_run import expert_for_timestep, run_wan, to_uint8
from engine.progress import HIGH_NOISE, LOW_NOISE


def direct_call(pipe, image, request: GenerationRequest, **extra: object) -> np.ndarray:
    """diffusers' WanImageToVideoPipeline called by hand with the same inputs."""
    out = pipe(image=image, **direct_settings(request), **extra)
    return to_uint8(out.frames[0])


def test_i2v_a14b_frames_equal_a_direct_pipeline_call(loaded_i2v):
    from diffusers import WanImageToVideoPipeline

    assert isinstance(loaded_i2v.pipe, WanImageToVideoPipeline)
    assert loaded_i2v.info.arch == "i2v-a14b" and loaded_i2v.info.boundary_timestep == 900
    assert loaded_i2v.pipe.transformer.config.in_channels == 36 and loaded_i2v.pipe.image_encoder is None
    # A source of another shape: both sides get the same fill (scale, centre-crop) to the shot's size.
    source = still(3, 48, 40)
    request = image_request(loaded_i2v, images=ImageConditioning(source, fit="fill"))
    ours = run_wan(loaded_i2v, request).frames
    from engine.generation.still_image import read_still

    fitted = fit_still(read_still(source)[0], SIZE, SIZE, "fill")
    assert fitted.size == (SIZE, SIZE)
    assert np.array_equal(ours, direct_call(loaded_i2v.pipe, fitted, request))


def test_the_boundary_is_0_9_and_each_expert_runs_its_own_steps(loaded_i2v):
    pipe = loaded_i2v.pipe
    ran: list[tuple[str, float]] = []
    hooks = [
        model.register_forward_pre_hook(
            lambda module, args, kwargs, name=name: ran.append((name, float(kwargs["timestep"][0]))),
            with_kwargs=True,
        )
        for name, model in ((HIGH_NOISE, pipe.transformer), (LOW_NOISE, pipe.transformer_2))
    ]
    reported: list[tuple[str | None, int]] = []
    try:
        request = image_request(loaded_i2v, num_inference_steps=5, guidance_scale=1.0, guidance_scale_2=1.0)
        run_wan(loaded_i2v, request, on_progress=lambda p: p.expert and reported.append((p.expert, p.step)))
    finally:
        for hook in hooks:
            hook.remove()
    assert len(ran) == 5  # guidance 1.0: one pass per step
    assert {name for name, _ in ran} == {HIGH_NOISE, LOW_NOISE}
    for name, t in ran:
        assert name == (HIGH_NOISE if t >= 900 else LOW_NOISE)
        assert expert_for_timestep(loaded_i2v.info, t) == name
    assert [name for name, _ in reported] == [name for name, _ in ran]


def test_ti2v_image_mode_shares_the_loaded_components(loaded_5b):
    from diffusers import WanImageToVideoPipeline

    pipe = image_pipe(loaded_5b)
    assert isinstance(pipe, WanImageToVideoPipeline) and pipe is image_pipe(loaded_5b)
    for name in ("transformer", "vae", "text_encoder"):
        assert getattr(pipe, name) is getattr(loaded_5b.pipe, name)  # one copy in memory
    assert pipe.config.expand_timesteps and pipe.config.boundary_ratio is None
    request = image_request(loaded_5b, guidance_scale_2=None, num_frames=5)
    ours = run_wan(loaded_5b, request).frames
    image = fit_still(still_from_frame(gradient(SIZE, SIZE, 0)), SIZE, SIZE)
    assert np.array_equal(ours, direct_call(pipe, image, request))
    text = run_wan(loaded_5b, dataclasses.replace(request, images=None)).frames
    assert not np.array_equal(text, ours)  # the image changed the run


@pytest.mark.slow
def test_an_end_image_reaches_the_a14b_pipeline(loaded_i2v):
    request = image_request(loaded_i2v, images=ImageConditioning(still(0), last_image=still(1)))
    ours = run_wan(loaded_i2v, request).frames
    first, last = (fit_still(still_from_frame(gradient(SIZE, SIZE, s)), SIZE, SIZE) for s in (0, 1))
    assert np.array_equal(ours, direct_call(loaded_i2v.pipe, first, request, last_image=last))


def test_models_and_images_that_do_not_match_are_refused_clearly(loaded_i2v, loaded_a14b, loaded_5b):
    with pytest.raises(ImageModelError, match="needs a start image"):
        run_wan(loaded_i2v, image_request(loaded_i2v, images=None))
    with pytest.raises(ImageModelError, match="from text only"):
        run_wan(loaded_a14b, image_request(loaded_a14b))
    with pytest.raises(ImageModelError, match="start image only"):
        run_wan(loaded_5b, image_request(loaded_5b, images=ImageConditioning(still(0), still(1))))


def test_model_info_tells_the_three_layouts_apart(tiny_i2v, tiny_a14b, tiny_5b):
    arch = {folder.name: ModelInfo.from_folder(folder) for folder in (tiny_i2v, tiny_a14b, tiny_5b)}
    assert arch["i2v-a14b"].arch == "i2v-a14b" and arch["i2v-a14b"].needs_image
    assert arch["t2v-a14b"].arch == "t2v-a14b" and not arch["t2v-a14b"].takes_image
    assert arch["ti2v-5b"].takes_image and not arch["ti2v-5b"].needs_image
    assert (arch["i2v-a14b"].native_frames, arch["ti2v-5b"].native_frames) == (81, 121)
