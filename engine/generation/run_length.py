"""How many frames a model makes in one run, known before it is loaded: from its folder's configs."""

from __future__ import annotations

from engine.generation.frames import snap_frames
from engine.generation.request import ModelSpec

A14B_ONE_RUN = 81  # what every reference (VACE) model makes in one run: the A14B models and Wan 2.1's


def one_run_frames(spec: ModelSpec, segment_frames: int | None = None) -> int:
    """The frames one run of spec's model makes (a segment of a long shot), as run_shot counts them.

    Read from the model's configs when it is on this machine (a folder, or in the Hub cache); a model not
    fetched yet is taken to be an A14B one, never downloaded here.
    """
    from engine.generation.loaded_pipeline import ModelInfo
    from engine.generation.model_source import resolve_model
    from engine.model_hub import ModelError

    try:
        folder, _ = resolve_model(spec, local_files_only=True)
    except (ModelError, OSError, ValueError):
        return snap_frames(segment_frames or A14B_ONE_RUN)
    info = ModelInfo.from_folder(folder)
    return snap_frames(segment_frames or info.native_frames, info.temporal_factor)
