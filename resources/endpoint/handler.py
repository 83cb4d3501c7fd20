"""Storyreel's Wan 2.2 text-to-video handler for Hugging Face Inference Endpoints.

Written by `python main.py package-endpoint`. The Inference Toolkit imports this file, builds
`EndpointHandler(model_dir)` once, then calls it with each request's JSON body. The engine code
it runs is vendored beside it in storyreel_engine/ (the same modules the desktop app uses, so a
take made here has the same frames as one made locally with the same seed).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from storyreel_engine.endpoint.handler import EndpointHandler  # noqa: E402

__all__ = ["EndpointHandler"]
