"""Enhancing an image shot's prompt shows its start image to a vision-language model: a tiny random
LLaVA built from transformers configs, saved and loaded through from_pretrained from a folder (its
garbage answer tests the retry and the clear error), and a loopback OpenAI-compatible stand-in that
gets the image as a bounded image_url data URI."""

from __future__ import annotations

import base64
import io
import json

import pytest
from image_support import gradient, png_file
from PIL import Image
from writing_support import tiny_qwen2_config

from app.project.reel_file import new_project_file
from app.project.shot import Shot
from app.project.shot_images import import_image
from app.storyboard.prompt_enhance import MAX_VISION_BYTES, VISION_SIDE, apply_enhancements, enhance_prompts
from engine.writing.chat_json import BadAnswer, JsonChat
from engine.writing.hosted_chat import HostedChat
from engine.writing.local_chat import LocalChat

CHAT_TEMPLATE = (
    "{% for m in messages %}<{{ m['role'] }}>{% if m['content'] is string %}{{ m['content'] }}{% else %}"
    "{% for p in m['content'] %}{% if p['type'] == 'image' %}<image>{% else %}{{ p['text'] }}{% endif %}"
    "{% endfor %}{% endif %}</s>{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}"
)


@pytest.fixture(scope="module")
def tiny_vlm(tmp_path_factory):
    """A random LLaVA (a 1-layer CLIP vision tower, a 2-layer Qwen2) and its processor, as saved."""
    import torch
    from transformers import (
        CLIPVisionConfig,
        LlavaConfig,
        LlavaForConditionalGeneration,
        LlavaProcessor,
    )
    from transformers.models.clip.image_processing_pil_clip import CLIPImageProcessorPil

    from engine.generation.tiny_model import build_tokenizer

    folder = tmp_path_factory.mktemp("tiny-vlm")
    tokenizer = build_tokenizer()
    tokenizer.add_special_tokens({"additional_special_tokens": ["<image>"]})
    pixels = CLIPImageProcessorPil(size={"shortest_edge": 28}, crop_size={"height": 28, "width": 28})
    processor = LlavaProcessor(
        image_processor=pixels,
        tokenizer=tokenizer,
        patch_size=14,
        vision_feature_select_strategy="default",
        num_additional_image_tokens=1,  # CLIP's class token
        chat_template=CHAT_TEMPLATE,
    )
    torch.manual_seed(0)
    config = LlavaConfig(
        vision_config=CLIPVisionConfig(
            hidden_size=32,
            intermediate_size=64,
            num_hidden_layers=1,
            num_attention_heads=2,
            image_size=28,
            patch_size=14,
        ),
        text_config=tiny_qwen2_config(tokenizer),
        image_token_id=tokenizer.convert_tokens_to_ids("<image>"),
        vision_feature_select_strategy="default",
        vision_feature_layer=-1,
    )
    LlavaForConditionalGeneration(config).save_pretrained(folder)  # safetensors
    processor.save_pretrained(folder)
    return folder


class TextOnly(JsonChat):
    """The text model: an image shot must never be sent to it."""

    name = "text model"

    def complete(self, messages, schema, progress, cancel):
        raise AssertionError("an image shot went to the text model")


def _image_film(tmp_path, size=(40, 30)):
    project = new_project_file(tmp_path / "film.reel")
    start = png_file(tmp_path / "start.png", gradient(*size))
    image = import_image(project, start)
    project.add_shot(Shot(id="a", prompt="she walks away", start_image=image))
    return project, start


@pytest.mark.slow  # building and loading the model: about 5 s here, more on a loaded machine
def test_a_local_vision_model_sees_the_start_image_and_garbage_is_a_clear_error(
    tmp_path, tiny_vlm, monkeypatch
):
    from transformers import AutoProcessor

    monkeypatch.setattr("engine.writing.local_chat.MAX_NEW_TOKENS", 8)  # enough to show garbage
    project, start = _image_film(tmp_path)
    vision = LocalChat(str(tiny_vlm))
    model, _ = vision._load(True)  # through AutoModelForImageTextToText / AutoProcessor.from_pretrained
    assert type(model).__name__ == "LlavaForConditionalGeneration"
    seen = []
    generate = model.generate

    def watching(**inputs):
        seen.append(inputs.get("pixel_values"))
        return generate(**inputs)

    monkeypatch.setattr(model, "generate", watching)
    with pytest.raises(BadAnswer, match="did not answer in the expected form, twice") as caught:
        enhance_prompts(project, ["a"], TextOnly(), vision)
    assert "Nothing was changed" in str(caught.value)
    expected = AutoProcessor.from_pretrained(tiny_vlm).image_processor(
        images=[Image.open(start).convert("RGB")], return_tensors="pt"
    )["pixel_values"]
    assert len(seen) == 2 and all(p is not None and p.shape == expected.shape for p in seen)
    assert all(bool((p == expected).all()) for p in seen)  # the start image itself, asked twice
    shot = project.shot("a")
    assert (shot.prompt, shot.prompt_original) == ("she walks away", None)


def test_a_hosted_model_gets_the_image_as_a_bounded_data_uri_and_its_answer_is_applied(tmp_path, chat_server):
    rich = "She turns from the camera and walks slowly down the tea terrace as mist drifts past."
    server, url = chat_server([json.dumps({"prompt": rich})])
    project, _ = _image_film(tmp_path, size=(2400, 1350))  # bigger than a VL model needs
    [result] = enhance_prompts(project, ["a"], TextOnly(), HostedChat(url))
    picture, _ = server.requests[0]["messages"][1]["content"]
    uri = picture["image_url"]["url"]
    assert picture["type"] == "image_url" and uri.startswith("data:image/jpeg;base64,")
    sent = base64.b64decode(uri.split(",", 1)[1])
    assert len(sent) <= MAX_VISION_BYTES and Image.open(io.BytesIO(sent)).size == (VISION_SIDE, 576)
    apply_enhancements(project, [result])
    shot = project.shot("a")
    assert result.with_image and (shot.prompt, shot.prompt_original) == (rich, "she walks away")
