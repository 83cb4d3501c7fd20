"""Prompt enhancement: a shot's short prompt rewritten in the detail Wan was trained on, the original
kept beside it (Shot.prompt_original) so the person can compare, pick and undo."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any

from app.project.project import Project
from app.project.shot import Shot
from app.project.shot_images import shot_image_bytes
from app.storyboard.writing_prompts import LANGUAGE_NAMES, check_language, detect_language, system_prompt
from engine.progress import CancelToken, ProgressCallback, ignore_progress
from engine.writing.chat_json import JsonChat, Message

PROMPT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["prompt"],
    "additionalProperties": False,
    "properties": {"prompt": {"type": "string", "minLength": 1, "maxLength": 3000}},
}
_MIME = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"RIFF": "image/webp"}
# What a VL model is shown: Qwen2.5-VL reads about a megapixel; a bigger image only costs tokens and bytes.
VISION_SIDE = 1024
MAX_VISION_BYTES = 2 << 20  # an image sent as it is stays under this (base64 makes it a third larger)


@dataclass(frozen=True)
class Enhancement:
    """A shot's prompt as written and as enhanced; applying it keeps the original."""

    shot_id: str
    original: str
    enhanced: str
    with_image: bool  # written by a vision-language model that saw the shot's start image


def vision_image(data: bytes) -> bytes:
    """The start image as the vision-language model gets it: as it is when small, else at most
    VISION_SIDE pixels a side as a JPEG, so a request stays bounded (a start image may be 256 MB)."""
    from PIL import Image

    from engine.generation.still_image import read_still

    image, _ = read_still(data, "the start image")
    if len(data) <= MAX_VISION_BYTES and max(image.size) <= VISION_SIDE:
        return data
    image.thumbnail((VISION_SIDE, VISION_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=90)
    return out.getvalue()


def _image_part(data: bytes) -> dict[str, Any]:
    data = vision_image(data)
    mime = next((m for magic, m in _MIME.items() if data.startswith(magic)), "image/png")
    url = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return {"type": "image_url", "image_url": {"url": url}}


def enhance_messages(project: Project, shot: Shot, language: str) -> list[Message]:
    """The chat that asks for one shot's enhanced prompt; with the start image for an image shot."""
    image = shot.start_image
    kind = "enhance_i2v" if image is not None else "enhance_t2v"
    text = f"Prompt language: {LANGUAGE_NAMES[language]}.\nPrompt: {shot.prompt.strip()}"
    content: str | list[dict[str, Any]] = text
    if image is not None:
        content = [_image_part(shot_image_bytes(project, image)), {"type": "text", "text": text}]
    return [
        {"role": "system", "content": system_prompt(kind, language)},
        {"role": "user", "content": content},
    ]


def enhance_prompts(
    project: Project,
    shot_ids: list[str],
    chat: JsonChat,
    vision_chat: JsonChat | None = None,
    language: str | None = None,
    progress: ProgressCallback = ignore_progress,
    cancel: CancelToken | None = None,
) -> list[Enhancement]:
    """Enhanced prompts for the shots (image shots through vision_chat, else chat); the film is unchanged."""
    chosen = check_language(language)
    cancel = cancel or CancelToken()
    results: list[Enhancement] = []
    for shot_id in shot_ids:
        shot = project.shot(shot_id)
        if not shot.prompt.strip():
            continue  # nothing to enhance: a shot is given its first prompt by a person
        lang = chosen or detect_language(shot.prompt)
        with_image = shot.start_image is not None
        model = (vision_chat or chat) if with_image else chat
        answer = model.chat_json(
            enhance_messages(project, shot, lang), PROMPT_SCHEMA, progress=progress, cancel=cancel
        )
        results.append(Enhancement(shot.id, shot.prompt, str(answer["prompt"]).strip(), with_image))
    return results


def apply_enhancements(project: Project, enhancements: list[Enhancement]) -> dict[str, dict[str, object]]:
    """Set each enhanced prompt, keeping the first original; shot id → old values, for undo."""
    old: dict[str, dict[str, object]] = {}
    for item in enhancements:
        shot = project.shot(item.shot_id)
        original = shot.prompt_original if shot.prompt_original is not None else item.original
        old[item.shot_id] = project.update_shot(item.shot_id, prompt=item.enhanced, prompt_original=original)
    return old


def restore_original(project: Project, shot_id: str) -> dict[str, object]:
    """Put back the prompt as written (nothing happens for a shot never enhanced); old values, for undo."""
    shot = project.shot(shot_id)
    if shot.prompt_original is None:
        return {}
    return project.update_shot(shot_id, prompt=shot.prompt_original, prompt_original=None)
