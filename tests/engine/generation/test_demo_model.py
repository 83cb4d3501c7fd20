"""The built-in demo carries a tiny image model and a Draft pair, so a first run needs no network."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from image_support import png_file

from app.generation.shot_conditioning import model_for
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.shot import Shot
from app.settings.model_settings import ModelSettings
from engine.generation.demo_model import (
    DRAFT_FOLDER,
    IMAGE_FOLDER,
    REFERENCE_FOLDER,
    demo_draft_loras,
    demo_image_model,
    demo_reference_model,
    is_complete_demo,
    write_demo_model,
)
from engine.generation.loaded_pipeline import ModelInfo
from engine.generation.request import DraftLoras, ModelSpec
from engine.generation.shared_components import SHARABLE, same_component
from engine.generation.tiny_model import INFO_FILE

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return write_demo_model(tmp_path_factory.mktemp("demo") / "demo-model")


def test_the_demo_carries_a_reference_model_with_the_text_models_encoder_and_vae(demo, tiny_a14b) -> None:
    reference = demo_reference_model(str(demo))
    assert reference == demo / REFERENCE_FOLDER and ModelInfo.from_folder(reference).arch == "vace-a14b"
    assert all(same_component(demo, reference, name) for name in SHARABLE)  # loaded once, shared
    assert demo_reference_model(str(tiny_a14b)) is None
    assert json.loads((demo / INFO_FILE).read_text(encoding="utf-8"))["reference_model"] == REFERENCE_FOLDER


def test_the_demo_names_its_image_model_and_draft_pair(demo, tiny_a14b) -> None:
    assert is_complete_demo(demo) and not is_complete_demo(tiny_a14b)
    assert demo_image_model(str(demo)) == demo / IMAGE_FOLDER
    assert demo_draft_loras(str(demo)) == DraftLoras(
        repo=str(demo / DRAFT_FOLDER),
        high_noise="high_noise_model.safetensors",
        low_noise="low_noise_model.safetensors",
    )
    assert demo_image_model("Wan-AI/Wan2.2-T2V-A14B-Diffusers") is None
    # The machine's settings take the carried pair only while they name the Hub's default one.
    assert ModelSettings(source=str(demo)).spec_for().draft.repo == str(demo / DRAFT_FOLDER)
    assert ModelSettings(source=str(demo), draft_repo="/my/loras").spec_for().draft.repo == "/my/loras"
    # A shot with a start image (or continuing) in a film without an image model uses the carried one.
    project = Project(ProjectSettings())
    still, plain = Shot(prompt="a", continue_previous=True), Shot(prompt="b")
    spec = ModelSpec(source=str(demo))
    assert model_for(project, still, spec).source == str(demo / IMAGE_FOLDER)
    assert model_for(project, plain, spec) is spec


def test_a_shared_model_folder_cannot_point_its_companions_elsewhere(tmp_path, demo) -> None:
    info = json.loads((demo / INFO_FILE).read_text(encoding="utf-8"))
    bad = tmp_path / "model"
    bad.mkdir()
    (bad / INFO_FILE).write_text(
        json.dumps({**info, "image_model": str(demo / IMAGE_FOLDER), "draft_loras": "../x"}), encoding="utf-8"
    )
    assert demo_image_model(str(bad)) is None and demo_draft_loras(str(bad)) is None


@pytest.mark.slow  # about 10-20 s of CPU on 2 cores
def test_a_first_film_with_a_start_image_continue_and_draft_renders_offline(tmp_path) -> None:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, str(ROOT / "main.py"), *args]
        return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600, env=env)

    made = cli("demo-model", "demo")
    assert made.returncode == 0 and "Draft LoRA pair" in made.stdout, made.stderr
    png_file(tmp_path / "start.png")
    (tmp_path / "shots.csv").write_text(
        "prompt,image,continue\nA lighthouse,,\nThe keeper,start.png,\nHe walks on,,true\n", encoding="utf-8"
    )
    size = ("--width", "64", "--height", "48", "--frames", "5")
    assert cli("new", "film.reel", "--shots", "shots.csv", "--model", "demo", *size).returncode == 0
    done = cli("render", "film.reel", "-o", "film.mp4", "--model", "demo", "--quality", "draft")
    assert done.returncode == 0, done.stderr
    shots = json.loads(cli("info", "film.reel").stdout)["shots"]
    assert [shot["status"] for shot in shots] == ["ready"] * 3, shots
