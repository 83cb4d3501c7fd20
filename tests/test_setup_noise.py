"""Setting up and loading print no warnings a new user cannot act on."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(
    importlib.util.find_spec("torchvision") is not None, reason="the warning needs torchvision missing"
)
@pytest.mark.slow  # a fresh interpreter importing torch and diffusers: about 8 s each
@pytest.mark.parametrize(
    "start",
    [
        "from engine.generation.pipeline_cache import quiet_library_progress_bars as start",  # the engine
        "from app.diagnostics.log_file import setup_logging as start",  # every CLI command, the window
    ],
)
def test_importing_the_image_pipeline_does_not_warn_about_torchvision(start: str) -> None:
    code = (
        f"{start}\n"
        "start()\n"
        "from diffusers import WanImageToVideoPipeline\n"
        "import transformers\n"
        "print(transformers.CLIPImageProcessor.__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300, check=True
    )
    assert done.stdout.strip() == "CLIPImageProcessorPil"  # the fallback still happens, silently
    assert "torchvision" not in done.stderr, done.stderr


def test_the_package_metadata_builds_without_a_deprecation() -> None:
    from setuptools.config.pyprojecttoml import apply_configuration
    from setuptools.dist import Distribution

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        apply_configuration(Distribution(), ROOT / "pyproject.toml")
    assert [str(w.message) for w in caught] == []
