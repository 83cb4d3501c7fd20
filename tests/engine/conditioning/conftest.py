"""Session fixtures: the tiny extraction models built once, and a short clip."""

from __future__ import annotations

from pathlib import Path

import pytest
from control_support import make_clip, moving_frames, write_tiny_depth, write_tiny_detector, write_tiny_pose


@pytest.fixture(scope="session")
def tiny_depth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny Depth Anything model folder."""
    return write_tiny_depth(tmp_path_factory.mktemp("extractors") / "depth")


@pytest.fixture(scope="session")
def tiny_pose(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny ViTPose model folder."""
    return write_tiny_pose(tmp_path_factory.mktemp("extractors") / "pose")


@pytest.fixture(scope="session")
def tiny_detector(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny RT-DETR person detector folder."""
    return write_tiny_detector(tmp_path_factory.mktemp("extractors") / "detector")


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    """A 9-frame 32×32 clip at 16 fps."""
    return make_clip(tmp_path / "motion.mp4", moving_frames(9))
