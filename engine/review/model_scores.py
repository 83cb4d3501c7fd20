"""Scores that need a model: CLIPScore against the prompt, DINOv2 likeness to the cast, the safety classifier."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.review.review_config import UNSAFE_LABELS, ModelRef, ReviewError
from engine.review.review_models import load_review_model
from engine.review.scores import Score

if TYPE_CHECKING:
    import numpy as np


def frame_images(frames: np.ndarray | list[Any]) -> list[Any]:
    """RGB frames (or PIL images) as PIL images, as the processors take them."""
    from PIL import Image

    return [Image.fromarray(frame) if not isinstance(frame, Image.Image) else frame for frame in frames]


def clip_score(frames: np.ndarray, indices: tuple[int, ...], prompt: str, ref: ModelRef) -> Score:
    """CLIPScore as torchmetrics defines it, 100 * max(cos(image, text), 0), averaged over the frames."""
    import torch

    model, processor, source, revision = load_review_model("clip", ref)
    inputs = processor(
        text=[prompt], images=frame_images(frames), return_tensors="pt", padding=True, truncation=True
    ).to(model.device)
    with torch.inference_mode():
        image = model.get_image_features(pixel_values=inputs["pixel_values"])
        text = model.get_text_features(input_ids=inputs["input_ids"], attention_mask=inputs["attention_mask"])
    image = torch.nn.functional.normalize(_tensor(image), dim=-1)
    text = torch.nn.functional.normalize(_tensor(text), dim=-1)
    per_frame = (100 * (image @ text.T).squeeze(-1).clamp(min=0)).float().cpu().tolist()
    value = sum(per_frame) / len(per_frame)
    return Score("prompt", value, source, revision, indices, details={"per_frame": per_frame})


def _tensor(features: Any) -> Any:
    """transformers 5 may answer get_*_features with an output object; its pooled embedding is the feature."""
    return getattr(features, "pooler_output", features)


def dino_embeddings(images: list[Any], ref: ModelRef) -> tuple[Any, str, str | None]:
    """Unit DINOv2 CLS embeddings (the pooled, layer-normed CLS token) of RGB frames or PIL images."""
    import torch

    model, processor, source, revision = load_review_model("dino", ref)
    inputs = processor(images=frame_images(images), return_tensors="pt").to(model.device)
    with torch.inference_mode():
        cls = model(pixel_values=inputs["pixel_values"]).pooler_output
    return torch.nn.functional.normalize(cls, dim=-1), source, revision


def likeness(
    frames: np.ndarray, indices: tuple[int, ...], references: dict[str, list[Any]], ref: ModelRef
) -> Score:
    """Per member: mean over frames of the best cosine to its reference images; the value is the members' mean."""
    if not references or not all(references.values()):
        raise ReviewError("A cast member named in the prompt has no reference image.")
    frame_emb, source, revision = dino_embeddings(list(frames), ref)
    members: dict[str, float] = {}
    for name, images in references.items():
        ref_emb, _, _ = dino_embeddings(images, ref)
        members[name] = float((frame_emb @ ref_emb.T).max(dim=1).values.mean().cpu())
    value = sum(members.values()) / len(members)
    return Score("likeness", value, source, revision, indices, details={"members": members})


def unsafe_label_ids(id2label: dict[int, str]) -> list[int]:
    """The classifier's labels that mean unsafe; ReviewError if it has none (it would pass everything)."""
    ids = [i for i, label in id2label.items() if str(label).lower() in UNSAFE_LABELS]
    if not ids:
        labels = ", ".join(str(label) for label in id2label.values())
        raise ReviewError(f"The safety model's labels ({labels}) include none that means unsafe.")
    return ids


def safety_score(frames: np.ndarray, indices: tuple[int, ...], ref: ModelRef, threshold: float) -> Score:
    """The highest unsafe probability over the frames (softmax, unsafe labels summed); flagged at threshold."""
    import torch

    model, processor, source, revision = load_review_model("safety", ref)
    unsafe = unsafe_label_ids(dict(model.config.id2label))
    inputs = processor(images=frame_images(frames), return_tensors="pt").to(model.device)
    with torch.inference_mode():
        probs = model(pixel_values=inputs["pixel_values"]).logits.softmax(dim=-1)
    per_frame = probs[:, unsafe].sum(dim=-1).float().cpu().tolist()
    value = max(per_frame)
    details = {"per_frame": per_frame, "threshold": threshold, "flagged": value >= threshold}
    return Score("safety", value, source, revision, indices, details=details)
