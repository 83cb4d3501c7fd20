"""The Inference Endpoints custom handler: a prompt in, a lossless MP4 take (base64 in JSON) out."""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from engine.endpoint.protocol import parse_body, response_body
from engine.endpoint.request_limits import EndpointLimits
from engine.endpoint.wire_stills import references_used
from engine.generation.pipeline_cache import PipelineCache
from engine.generation.request import DEFAULT_MODEL, GenerationRequest, ModelSpec
from engine.generation.shot_run import run_shot
from engine.generation.versions import software_versions
from engine.progress import CancelToken
from engine.review.safety_gate import SafetyGate
from engine.video.video_io import write_clip

if TYPE_CHECKING:
    import numpy as np

# Written by `main.py package-endpoint` beside handler.py: which model to serve when the
# repository holds only the handler.
CONFIG_FILE = "storyreel-endpoint.json"


def model_spec_for(path: str, env: dict[str, str] | None = None) -> ModelSpec:
    """The model to serve: weights in path, else STORYREEL_MODEL, else the packaged config, else Wan 2.2."""
    env = dict(os.environ) if env is None else env
    folder = Path(path) if path else None
    config: dict[str, Any] = {}
    if folder is not None and (folder / CONFIG_FILE).is_file():
        config = json.loads((folder / CONFIG_FILE).read_text(encoding="utf-8"))
    if folder is not None and (folder / "model_index.json").is_file():
        source, revision = str(folder), None
    else:
        source = env.get("STORYREEL_MODEL") or config.get("model") or DEFAULT_MODEL
        revision = env.get("STORYREEL_MODEL_REVISION") or config.get("revision")
    return ModelSpec(
        source=source,
        revision=revision,
        device=env.get("STORYREEL_DEVICE") or None,
        dtype=env.get("STORYREEL_DTYPE") or None,
    )


def served_model(spec: ModelSpec, env: Mapping[str, str]) -> tuple[str, str | None]:
    """The repo id and revision a take records: a Hub id as served, else HF_MODEL_ID, else the config's."""
    source = spec.source
    if not Path(source).is_absolute():
        return source, spec.revision
    config: dict[str, Any] = {}
    if (Path(source) / CONFIG_FILE).is_file():
        config = json.loads((Path(source) / CONFIG_FILE).read_text(encoding="utf-8"))
    if env.get("HF_MODEL_ID"):
        return env["HF_MODEL_ID"], env.get("HF_REVISION") or None
    model = config.get("model")
    if isinstance(model, str) and model and not Path(model).is_absolute():
        return model, config.get("revision")
    return Path(source).name, None  # a folder's name, never a server path


class EndpointHandler:
    """Loads the model once, then generates one take per call, as the Inference Toolkit expects."""

    def __init__(
        self,
        path: str = "",
        model: ModelSpec | None = None,
        limits: EndpointLimits | None = None,
        safety: SafetyGate | None = None,
    ) -> None:
        self.limits = limits or EndpointLimits.from_env()
        self.safety = safety  # serve --safety-model: refused prompts and takes answer 422
        self.cache = PipelineCache()
        self.loaded = self.cache.get(model or model_spec_for(str(path)))
        self.model_name, self.model_revision = served_model(self.loaded.spec, os.environ)
        # One generation at a time per replica, whoever calls.
        self._lock = threading.Lock()

    def __call__(self, data: dict[str, Any], cancel: CancelToken | None = None) -> dict[str, Any]:
        """Generate the take a request body asks for; raises ValueError for a refused request."""
        fields = parse_body(data, self.limits, self.loaded.info.default_fps)
        request = GenerationRequest(model=self.loaded.spec, **fields)
        if self.safety is not None:
            self.safety.check_prompt(request.prompt)
        with self._lock:
            started = time.perf_counter()
            result = run_shot(self.loaded, request, cancel=cancel)
            with tempfile.TemporaryDirectory(prefix="storyreel-endpoint-") as tmp:
                clip = Path(tmp) / "take.mp4"
                # The same lossless master a local take gets, so remote frames equal local ones.
                write_clip(cast("np.ndarray", result.frames), result.applied.fps, clip, cancel=cancel)
                if self.safety is not None:
                    self.safety.check_clip(clip)
                mp4 = clip.read_bytes()
        return response_body(
            mp4,
            result.applied,
            model=self.model_name,
            model_revision=result.model_revision or self.model_revision,
            device=result.device,
            dtype=result.dtype,
            versions=software_versions(),
            notices=list(result.notices),
            seconds=round(time.perf_counter() - started, 3),
            **({} if result.segments is None else {"segments": result.segments}),
            **({} if request.references is None else {"references": references_used(request.references)}),
        )

    def close(self) -> None:
        """Unload the model."""
        self.cache.release()
