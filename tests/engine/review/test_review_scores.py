"""Each recorded score equals a direct transformers (or OpenCV) computation on the recorded frames."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
import torch
from PIL import Image

from engine.review.prompt_check import PromptRefused, blocked_words_in, check_prompt
from engine.review.review_config import ModelRef, ReviewConfig, ReviewError
from engine.review.take_review import TakeInputs, failed_review, review_take, write_review_to_sidecar
from engine.video.video_io import read_frames
from tests.review_support import moving_clip, tiny_review_models


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    root = tmp_path_factory.mktemp("review-models")
    return tiny_review_models(root)


def _config(models, safety="safety", **kw):
    return ReviewConfig(
        clip_model=ModelRef(str(models["clip"])),
        dino_model=ModelRef(str(models["dino"])),
        safety_model=ModelRef(str(models[safety])),
        sample_frames=4,
        **kw,
    )


def _png(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), colour).save(out, format="PNG")
    return out.getvalue()


def test_recorded_scores_equal_direct_transformers_computations(models, tmp_path):
    from transformers import CLIPModel, CLIPProcessor, Dinov2Model, ViTForImageClassification

    clip = moving_clip(tmp_path / "take.mp4", frames=9)
    refs = {"Mia": [_png((200, 30, 30)), _png((30, 30, 200))]}
    review = review_take(clip, _config(models), TakeInputs("a red fox", refs, grade=lambda f: f // 3))
    prompt = review.scores["prompt"]
    assert prompt["status"] == "ok" and prompt["frames"] == [0, 3, 5, 8]
    frames = read_frames(clip)[prompt["frames"]]
    images = [Image.fromarray(f) for f in frames]

    model, processor = (
        CLIPModel.from_pretrained(models["clip"]),
        CLIPProcessor.from_pretrained(models["clip"]),
    )
    inputs = processor(text=["a red fox"], images=images, return_tensors="pt", padding=True)
    with torch.no_grad():
        out = model(**inputs)
    # CLIPModel's own logits are logit_scale * cos; CLIPScore is 100 * max(cos, 0) averaged over frames.
    cos = out.logits_per_image[:, 0] / model.logit_scale.exp()
    assert prompt["value"] == pytest.approx(float((100 * cos.clamp(min=0)).mean()), abs=1e-4)

    dino = Dinov2Model.from_pretrained(models["dino"])
    from transformers import AutoImageProcessor

    dproc = AutoImageProcessor.from_pretrained(models["dino"])
    with torch.no_grad():
        f = dino(**dproc(images=images, return_tensors="pt")).pooler_output
        r = dino(
            **dproc(
                images=[Image.open(io.BytesIO(b)).convert("RGB") for b in refs["Mia"]], return_tensors="pt"
            )
        ).pooler_output
    cos = torch.nn.functional.cosine_similarity(f[:, None], r[None], dim=-1)
    assert review.scores["likeness"]["value"] == pytest.approx(float(cos.max(dim=1).values.mean()), abs=1e-4)
    assert review.scores["likeness"]["frames"] == prompt["frames"]

    vit = ViTForImageClassification.from_pretrained(models["safety"])
    vproc = AutoImageProcessor.from_pretrained(models["safety"])
    with torch.no_grad():
        probs = vit(**vproc(images=images, return_tensors="pt")).logits.softmax(-1)[:, 1]
    assert review.safety["verdict"] == "clear"
    assert review.safety["value"] == pytest.approx(float(probs.max()), abs=1e-6)

    # The clip slides 3 px a frame at 64 px wide: flow at 256 px wide is about 12 px a frame.
    assert review.scores["motion"]["value"] > 3 and review.scores["motion"]["details"]["still"] is False
    assert review.scores["flicker"]["value"] < 2
    assert review.scores["look"]["value"] > 10  # the darkening "grade" is far from the take's colours


def test_a_classifier_that_flags_everything_flags_the_take(models, tmp_path):
    clip = moving_clip(tmp_path / "take.mp4", frames=5)
    review = review_take(clip, _config(models, safety="unsafe"), TakeInputs("a fox"))
    assert review.safety["verdict"] == "flagged" and review.safety["value"] > 0.99


def test_turning_the_check_off_is_recorded(models, tmp_path):
    clip = moving_clip(tmp_path / "take.mp4", frames=5)
    config = _config(models, enabled=frozenset({"motion"}))
    review = review_take(clip, config, TakeInputs("a fox"))
    assert review.safety == {"verdict": "off"} and set(review.scores) == {"motion"}


def test_a_still_take_is_flagged_still(models, tmp_path):
    from engine.video.video_io import write_clip

    write_clip(np.full((5, 32, 32, 3), 90, np.uint8), 16, tmp_path / "still.mp4")
    review = review_take(
        tmp_path / "still.mp4", _config(models, enabled=frozenset({"motion", "flicker"})), TakeInputs("")
    )
    assert review.scores["motion"]["details"]["still"] is True
    assert review.scores["flicker"]["value"] == pytest.approx(0.0, abs=1e-6)


def test_a_damaged_clip_fails_clearly_and_a_failed_model_is_recorded(models, tmp_path):
    damaged = tmp_path / "damaged.mp4"
    damaged.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"garbage" * 50)
    with pytest.raises(ReviewError, match="damaged.mp4"):
        review_take(damaged, _config(models), TakeInputs("a fox"))
    clip = moving_clip(tmp_path / "take.mp4", frames=5)
    broken = ReviewConfig(
        clip_model=ModelRef(str(tmp_path / "nowhere")), safety_model=ModelRef(str(models["safety"]))
    )
    review = review_take(clip, broken, TakeInputs("a fox"))
    assert (
        review.scores["prompt"]["status"] == "failed" and "config.json" in review.scores["prompt"]["reason"]
    )
    assert review.scores["motion"]["status"] == "ok"


def test_the_sidecar_gains_the_review(tmp_path):
    sidecar = tmp_path / "take-001.json"
    sidecar.write_text(json.dumps({"prompt": "p", "seed": 1}))
    config = ReviewConfig()
    write_review_to_sidecar(sidecar, failed_review("cannot read", config))
    doc = json.loads(sidecar.read_text())
    assert doc["seed"] == 1 and doc["safety"] == {"verdict": "failed", "reason": "cannot read"}
    assert doc["scores"]["prompt"]["status"] == "failed"


def test_the_prompt_check_names_the_shot_and_the_words():
    assert blocked_words_in("A Gory scene, 血腥", ["gory", "血腥", "or"]) == ["gory", "血腥"]
    with pytest.raises(PromptRefused, match="Shot 2.*gory"):
        check_prompt("a gory fight", ["gory"], "Shot 2")
    check_prompt("a glory fight", ["gory"], "Shot 2")


def test_the_worker_hook_records_a_failed_review_and_keeps_the_take(tmp_path):
    from engine.backends.review_hook import review_hook
    from engine.backends.take_record import TakeRecord
    from engine.generation.request import GenerationRequest, ModelSpec

    clip = tmp_path / "take-001.mp4"
    clip.write_bytes(b"not a video")
    (tmp_path / "take-001.json").write_text(json.dumps({"prompt": "a fox", "seed": 4}))
    request = GenerationRequest(
        prompt="a fox",
        negative_prompt="",
        seed=4,
        width=32,
        height=32,
        num_frames=5,
        fps=16,
        num_inference_steps=2,
        guidance_scale=4.0,
        guidance_scale_2=3.0,
        model=ModelSpec("m"),
    )
    record = review_hook(ReviewConfig())(TakeRecord(clip, {"prompt": "a fox", "seed": 4}), request)  # type: ignore[typeddict-item]
    assert clip.read_bytes() == b"not a video"
    assert (
        record.metadata["safety"]["verdict"] == "failed"
        and "take-001.mp4" in record.metadata["safety"]["reason"]
    )
    assert json.loads((tmp_path / "take-001.json").read_text())["scores"]["prompt"]["status"] == "failed"


def test_the_aesthetics_score_equals_the_predictor_run_directly(tmp_path):
    from safetensors.torch import load_file
    from transformers import CLIPImageProcessor, CLIPVisionModelWithProjection

    from tests.review_support import tiny_aesthetics

    folder = tiny_aesthetics(tmp_path / "aesthetics")
    clip = moving_clip(tmp_path / "take.mp4", frames=9)
    config = ReviewConfig(
        aesthetics_model=ModelRef(str(folder)), enabled=frozenset({"aesthetics"}), sample_frames=3
    )
    score = review_take(clip, config, TakeInputs("")).scores["aesthetics"]
    assert score["status"] == "ok" and score["frames"] == [0, 4, 8] and score["model"] == str(folder)

    # The upstream predictor's forward: unit image_embeds through the five linear layers (dropout off).
    model = CLIPVisionModelWithProjection.from_pretrained(folder).eval()
    processor = CLIPImageProcessor.from_pretrained(folder)
    head = {k: v for k, v in load_file(folder / "model.safetensors").items() if k.startswith("layers.")}
    images = [Image.fromarray(f) for f in read_frames(clip)[score["frames"]]]
    with torch.no_grad():
        x = model(**processor(images=images, return_tensors="pt")).image_embeds
        x = x / x.norm(dim=-1, keepdim=True)
        for index in (0, 2, 4, 6, 7):
            x = x @ head[f"layers.{index}.weight"].T + head[f"layers.{index}.bias"]
    expected = x.squeeze(-1)
    assert score["details"]["per_frame"] == pytest.approx(expected.tolist(), abs=1e-4)
    assert score["value"] == pytest.approx(float(expected.mean()), abs=1e-4)
    assert len(set(round(v, 3) for v in score["details"]["per_frame"])) > 1  # the frames differ


def test_an_aesthetics_model_without_its_head_or_safetensors_fails_clearly(models, tmp_path):
    clip = moving_clip(tmp_path / "take.mp4", frames=5)
    headless = ReviewConfig(aesthetics_model=ModelRef(str(models["clip"])), enabled=frozenset({"aesthetics"}))
    score = review_take(clip, headless, TakeInputs("")).scores["aesthetics"]
    assert score["status"] == "failed" and "layers" in score["reason"]
    pickled = tmp_path / "pickled"
    pickled.mkdir()
    (pickled / "config.json").write_text((models["clip"] / "config.json").read_text())
    (pickled / "pytorch_model.bin").write_bytes(b"not loaded")
    score = review_take(
        clip,
        ReviewConfig(aesthetics_model=ModelRef(str(pickled)), enabled=frozenset({"aesthetics"})),
        TakeInputs(""),
    ).scores["aesthetics"]
    assert score["status"] == "failed" and "safetensors" in score["reason"]
