"""Session fixtures for engine tests: tiny Wan models built once, and a loaded pipeline on CPU."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.generation.loaded_pipeline import LoadedPipeline
from engine.generation.pipeline_cache import load_pipeline
from engine.generation.request import ModelSpec
from engine.generation.tiny_model import write_tiny_model


def _write(factory: pytest.TempPathFactory, arch: str) -> Path:
    return write_tiny_model(factory.mktemp("tiny") / arch, arch)


def _load(folder: Path) -> LoadedPipeline:
    return load_pipeline(ModelSpec(str(folder), device="cpu", dtype="float32"))


@pytest.fixture(scope="session")
def tiny_a14b(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny two-expert (T2V-A14B layout) model folder."""
    return _write(tmp_path_factory, "t2v-a14b")


@pytest.fixture(scope="session")
def tiny_5b(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny dense (TI2V-5B layout) model folder."""
    return _write(tmp_path_factory, "ti2v-5b")


@pytest.fixture(scope="session")
def loaded_a14b(tiny_a14b: Path) -> LoadedPipeline:
    """The tiny two-expert model loaded on CPU in float32."""
    return _load(tiny_a14b)


@pytest.fixture(scope="session")
def loaded_5b(tiny_5b: Path) -> LoadedPipeline:
    """The tiny dense model loaded on CPU in float32."""
    return _load(tiny_5b)


@pytest.fixture(scope="session")
def tiny_i2v(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny image-to-video (I2V-A14B layout: two experts over 36 input channels) model folder."""
    return _write(tmp_path_factory, "i2v-a14b")


@pytest.fixture(scope="session")
def loaded_i2v(tiny_i2v: Path) -> LoadedPipeline:
    """The tiny image-to-video model loaded on CPU in float32."""
    return _load(tiny_i2v)


@pytest.fixture(scope="session")
def tiny_vace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny reference (VACE-A14B layout: two WanVACETransformer3DModel experts) model folder."""
    return _write(tmp_path_factory, "vace-a14b")


@pytest.fixture(scope="session")
def loaded_vace(tiny_vace: Path) -> LoadedPipeline:
    """The tiny reference model loaded on CPU in float32."""
    return _load(tiny_vace)
