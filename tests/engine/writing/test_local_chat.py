"""The local language model path with a tiny random instruct model built from a transformers config,
saved and loaded through from_pretrained from a folder. Its answers are garbage: the retry and the
clear error are what is tested."""

from __future__ import annotations

import pytest
from writing_support import tiny_qwen2_config

from engine.generation.model_source import ModelError
from engine.progress import Cancelled, CancelToken
from engine.writing.chat_json import BadAnswer
from engine.writing.llm_source import open_chat
from engine.writing.local_chat import LocalChat

CHAT_TEMPLATE = (
    "{% for m in messages %}<{{ m['role'] }}>{{ m['content'] }}</s>{% endfor %}"
    "{% if add_generation_prompt %}<assistant>{% endif %}"
)
SCHEMA = {"type": "object", "required": ["prompt"], "properties": {"prompt": {"type": "string"}}}
ASK = [{"role": "system", "content": "Answer in JSON."}, {"role": "user", "content": "a cat on a wall"}]


@pytest.fixture(scope="module")
def tiny_llm(tmp_path_factory):
    """A random 2-layer Qwen2 with a chat template, in a folder as from_pretrained writes it."""
    import torch
    from transformers import Qwen2ForCausalLM

    from engine.generation.tiny_model import build_tokenizer

    folder = tmp_path_factory.mktemp("tiny-llm")
    tokenizer = build_tokenizer()
    tokenizer.chat_template = CHAT_TEMPLATE
    tokenizer.save_pretrained(folder)
    torch.manual_seed(0)
    config = tiny_qwen2_config(tokenizer)
    Qwen2ForCausalLM(config).save_pretrained(folder)  # safetensors
    return folder


@pytest.fixture(autouse=True)
def short_answers(monkeypatch):
    """A few dozen tokens are enough to show garbage; the real bound would only take longer."""
    monkeypatch.setattr("engine.writing.local_chat.MAX_NEW_TOKENS", 8)


@pytest.mark.slow
def test_a_garbage_answer_is_retried_once_then_a_clear_error(tiny_llm, monkeypatch):
    chat = LocalChat(str(tiny_llm))
    asked = []
    real = chat.complete

    def counting(messages, schema, progress, cancel):
        asked.append(messages)
        return real(messages, schema, progress, cancel)

    monkeypatch.setattr(chat, "complete", counting)
    with pytest.raises(BadAnswer, match="did not answer in the expected form, twice") as caught:
        chat.chat_json(ASK, SCHEMA)
    assert len(asked) == 2 and "not valid" in asked[1][-1]["content"]
    assert "model" in caught.value.hint


def test_open_chat_takes_a_folder_as_a_local_model(tiny_llm):
    chat = open_chat(str(tiny_llm))
    assert isinstance(chat, LocalChat)
    text = chat.complete(ASK, SCHEMA, lambda p: None, CancelToken())
    assert isinstance(text, str)


def test_cancel_stops_between_tokens(tiny_llm):
    cancel = CancelToken()
    reports = []

    def on_progress(p):
        reports.append(p)
        cancel.cancel()  # asked while the model is being called

    with pytest.raises(Cancelled):
        LocalChat(str(tiny_llm)).chat_json(ASK, SCHEMA, progress=on_progress, cancel=cancel)
    assert len(reports) == 1


def test_a_folder_without_safetensors_is_refused(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "pytorch_model.bin").write_bytes(b"pickle")
    with pytest.raises(ModelError, match="safetensors"):
        LocalChat(str(tmp_path)).chat_json(ASK, SCHEMA)


def test_a_folder_that_is_no_language_model_is_refused(tmp_path):
    with pytest.raises(ModelError, match="config.json"):
        LocalChat(str(tmp_path)).chat_json(ASK, SCHEMA)


def test_an_image_needs_a_vision_language_model(tiny_llm):
    from engine.writing.local_chat import has_images

    picture = {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}
    asking = [{"role": "user", "content": [picture, {"type": "text", "text": "enhance"}]}]
    assert has_images(asking) and not has_images(ASK)
    with pytest.raises(ModelError, match="cannot be loaded as a language model"):
        LocalChat(str(tiny_llm)).chat_json(asking, SCHEMA)
