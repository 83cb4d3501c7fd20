"""The aesthetics score: LAION's improved aesthetic predictor, a linear head on CLIP ViT-L/14 image embeddings.

The Hub's transformers form of it (`shunk031/aesthetics-predictor-v2-*`, Apache-2.0 like LAION's original)
is a `CLIPVisionModelWithProjection` whose safetensors file also holds the head as `layers.*`. Its own
package (simple-aesthetics-predictor 0.1.2) pins transformers below 5, so the head is built here: five
linear layers with dropouts between the first four (off in eval), no activation, as LAION trained it.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from engine.review.model_scores import frame_images
from engine.review.review_config import ModelRef, ReviewError
from engine.review.review_models import load_review_model, resolve_review_model, review_device
from engine.review.scores import Score

if TYPE_CHECKING:
    import numpy as np

WEIGHTS_FILE = "model.safetensors"  # only safetensors load: pickled weights can run code
HEAD_WIDTHS = (1024, 128, 64, 16, 1)


def aesthetics_head(projection_dim: int) -> Any:
    """The predictor's head, its layers at the indices its weights are saved under (layers.0 ... layers.7)."""
    from torch import nn

    widths = (projection_dim, *HEAD_WIDTHS)
    layers: list[nn.Module] = []
    for number, (width_in, width_out) in enumerate(zip(widths, widths[1:], strict=False)):
        layers.append(nn.Linear(width_in, width_out))
        if number < 3:
            layers.append(nn.Dropout(0.1 if number == 2 else 0.2))
    return nn.Sequential(*layers)


@functools.lru_cache(maxsize=2)
def _head(weights: str, mtime_ns: int) -> Any:
    """The head, from the `layers.*` tensors of the model's safetensors file; ReviewError if it has none."""
    from safetensors.torch import load_file

    state = {k.removeprefix("layers."): v for k, v in load_file(weights).items() if k.startswith("layers.")}
    if "0.weight" not in state:
        raise ReviewError(
            f"{weights} holds no aesthetic predictor head (layers.*): is it an aesthetics model?"
        )
    head = aesthetics_head(int(state["0.weight"].shape[1]))
    try:
        head.load_state_dict(state)
    except RuntimeError as exc:
        raise ReviewError(f"{weights} holds an aesthetic predictor head of another shape: {exc}") from None
    return head.eval().to(review_device())


def aesthetics_score(frames: np.ndarray, indices: tuple[int, ...], ref: ModelRef) -> Score:
    """The predicted aesthetic rating (LAION's scale, about 1 to 10) of each frame's unit CLIP embedding, averaged."""
    import torch

    folder, _ = resolve_review_model(ref)
    weights = folder / WEIGHTS_FILE
    if not weights.is_file():
        raise ReviewError(
            f"{folder} holds no {WEIGHTS_FILE}; the aesthetics model loads from safetensors only."
        )
    head = _head(str(weights), weights.stat().st_mtime_ns)  # first: a model without one loads no backbone
    model, processor, source, revision = load_review_model("aesthetics", ref)
    inputs = processor(images=frame_images(frames), return_tensors="pt").to(model.device)
    with torch.inference_mode():
        embeds = model(pixel_values=inputs["pixel_values"]).image_embeds
        per_frame = head(torch.nn.functional.normalize(embeds, dim=-1)).squeeze(-1).float().cpu().tolist()
    value = sum(per_frame) / len(per_frame)
    return Score("aesthetics", value, source, revision, indices, details={"per_frame": per_frame})
