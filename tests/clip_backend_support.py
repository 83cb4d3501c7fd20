"""A backend that writes a small real clip for any request: the queue's and driver's logic under test, not the model."""

from __future__ import annotations

import numpy as np

from engine.backends.take_record import TakeRecord
from engine.video.video_io import write_clip


class ClipBackend:
    """Writes a two-frame clip for any request."""

    name = "test"

    def run(self, request, clip_path, on_progress, cancel):
        write_clip(np.zeros((2, 16, 16, 3), np.uint8), 16, clip_path)
        return TakeRecord(clip_path, {"seed": request.seed, "frames": 2, "fps": 16, "prompt": request.prompt})

    def preflight(self, model):
        pass

    def close(self):
        pass
