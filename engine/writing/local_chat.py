"""A local language model through transformers: a Hub repo (fetched into the Hub cache, as Wan is)
or a folder, asked through its tokenizer's chat template; a VL model when the messages hold images.

Cancel and the answer's bound are checked between tokens by a StoppingCriteria.
"""

from __future__ import annotations

import base64
import io
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from engine.generation.pipeline_cache import default_device
from engine.model_hub import ModelError, fetch_snapshot, is_repo_id
from engine.progress import GENERATING, Cancelled, CancelToken, Progress, ProgressCallback
from engine.writing.chat_json import MAX_ANSWER_CHARS, MAX_NEW_TOKENS, AnswerTooLong, JsonChat, Message

if TYPE_CHECKING:
    import torch

log = logging.getLogger(__name__)

REPORT_EVERY = 32  # tokens between progress reports


def model_folder(source: str, revision: str | None = None) -> Path:
    """The folder holding a language model: a folder as given, or a Hub repo's snapshot in the cache."""
    text = source.strip()
    folder = (
        fetch_snapshot(text, revision, local_files_only=False)
        if is_repo_id(text)
        else Path(text).expanduser()
    )
    if not (folder / "config.json").is_file():
        raise ModelError(
            f"{folder} has no config.json, so it is not a transformers language model. "
            "Choose a folder or a Hub repo of an instruct model, e.g. Qwen/Qwen2.5-1.5B-Instruct."
        )
    if not any(folder.glob("*.safetensors")):
        raise ModelError(
            f"{folder} has no .safetensors weights (pickle weights can run code when loaded). "
            "Use a model published with safetensors."
        )
    return folder


def has_images(messages: list[Message]) -> bool:
    """Whether any message holds an image part (then a vision-language model is needed)."""
    return any(
        isinstance(part, dict) and part.get("type") in ("image", "image_url")
        for message in messages
        if isinstance(message.get("content"), list)
        for part in message["content"]
    )


def _pil_parts(messages: list[Message]) -> list[Message]:
    """Messages with image_url data URLs as PIL images, the form transformers' processors take."""
    from PIL import Image

    out: list[Message] = []
    for message in messages:
        content = message.get("content")
        if not isinstance(content, list):
            out.append(message)
            continue
        parts: list[Any] = []
        for part in content:
            if isinstance(part, dict) and part.get("type") == "image_url":
                url = str(part["image_url"]["url"])
                data = base64.b64decode(url.split(",", 1)[1])
                parts.append({"type": "image", "image": Image.open(io.BytesIO(data)).convert("RGB")})
            else:
                parts.append(part)
        out.append({**message, "content": parts})
    return out


class LocalChat(JsonChat):
    """A transformers chat model held in memory after its first answer."""

    def __init__(self, source: str, revision: str | None = None, device: str | None = None) -> None:
        self.source = source
        self.revision = revision
        self.device = device
        self.name = source
        self._loaded: dict[bool, tuple[Any, Any]] = {}  # vision or not -> (model, tokenizer or processor)
        self._lock = threading.Lock()

    def _load(self, vision: bool) -> tuple[Any, Any]:
        """(model, tokenizer or processor), loaded once; safetensors only."""
        with self._lock:
            if vision not in self._loaded:
                import torch
                from transformers import (
                    AutoModelForCausalLM,
                    AutoModelForImageTextToText,
                    AutoProcessor,
                    AutoTokenizer,
                )

                folder = model_folder(self.source, self.revision)
                try:
                    if vision:
                        model = AutoModelForImageTextToText.from_pretrained(folder, use_safetensors=True)
                        reader = AutoProcessor.from_pretrained(folder)
                    else:
                        model = AutoModelForCausalLM.from_pretrained(folder, use_safetensors=True)
                        reader = AutoTokenizer.from_pretrained(folder)
                except (OSError, ValueError) as exc:
                    raise ModelError(f"{folder} cannot be loaded as a language model ({exc}).") from exc
                # On the GPU when there is one (bfloat16 there: a 1.5B model is 3 GB), as Wan is placed.
                device = self.device or default_device()
                if device != "cpu":
                    model = cast(Any, model).to(device=device, dtype=torch.bfloat16)
                self._loaded[vision] = (model.eval(), reader)
            return self._loaded[vision]

    def complete(
        self, messages: list[Message], schema: dict[str, Any], progress: ProgressCallback, cancel: CancelToken
    ) -> str:
        """Generate one answer through the chat template, stopping on cancel or at the bound."""
        import torch
        from transformers import StoppingCriteria, StoppingCriteriaList

        vision = has_images(messages)
        model, reader = self._load(vision)
        chat = _pil_parts(messages) if vision else messages
        inputs = reader.apply_chat_template(
            chat, add_generation_prompt=True, tokenize=True, return_dict=True, return_tensors="pt"
        ).to(model.device)
        start = int(inputs["input_ids"].shape[-1])
        limit = MAX_NEW_TOKENS

        class _Watch(StoppingCriteria):
            def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor, **kwargs: Any) -> torch.Tensor:
                made = int(input_ids.shape[-1]) - start
                if made % REPORT_EVERY == 0:
                    progress(Progress(GENERATING, made, limit, message=f"{self.name_}: {made} tokens"))
                stop = cancel.cancelled
                return torch.full((input_ids.shape[0],), stop, dtype=torch.bool, device=input_ids.device)

            name_ = self.name

        with torch.inference_mode():
            out = model.generate(
                **inputs,
                max_new_tokens=limit,
                do_sample=False,
                stopping_criteria=StoppingCriteriaList([_Watch()]),
            )
        if cancel.cancelled:
            raise Cancelled()
        tokenizer = getattr(reader, "tokenizer", reader)
        text = str(tokenizer.decode(out[0, start:], skip_special_tokens=True))
        if len(text) > MAX_ANSWER_CHARS:
            raise AnswerTooLong(
                f"{self.name} wrote more than {MAX_ANSWER_CHARS:,} characters; the answer was refused."
            )
        log.info("%s answered %d tokens", self.name, int(out.shape[-1]) - start)
        return text
