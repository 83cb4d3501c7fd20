"""Model sources: local folders, and Hub repo ids resolved from a Hugging Face cache offline."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine.generation.model_source import ModelError, is_repo_id, resolve_model
from engine.generation.pipeline_cache import PipelineCache
from engine.generation.request import ModelSpec

# Shared session fixtures (tiny models, loaded pipelines); tests/conftest.py is not ours to edit.

COMMIT = "0123456789abcdef0123456789abcdef01234567"
REPO = "storyreel-test/tiny-wan"


def fake_hub_cache(cache: Path, model: Path, repo: str = REPO, commit: str = COMMIT) -> Path:
    """Lay out a Hugging Face cache holding model as repo at commit, with refs/main pointing there."""
    storage = cache / ("models--" + repo.replace("/", "--"))
    shutil.copytree(model, storage / "snapshots" / commit)
    (storage / "refs").mkdir(parents=True)
    (storage / "refs" / "main").write_text(commit)
    return storage / "snapshots" / commit


@pytest.fixture
def offline_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty HF cache folder, with the Hub switched offline for this test."""
    from huggingface_hub import constants

    cache = tmp_path / "hf-cache"
    cache.mkdir()
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    return cache


def test_local_folder(tiny_a14b: Path) -> None:
    assert resolve_model(ModelSpec(str(tiny_a14b))) == (tiny_a14b.resolve(), None)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist") as err:
        resolve_model(ModelSpec(str(tmp_path / "nowhere")))
    assert str(tmp_path / "nowhere") in str(err.value)


def test_folder_without_model_index(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="model_index.json") as err:
        resolve_model(ModelSpec(str(tmp_path)))
    assert str(tmp_path) in str(err.value)


def test_folder_with_other_pipeline(tmp_path: Path) -> None:
    (tmp_path / "model_index.json").write_text(json.dumps({"_class_name": "StableDiffusionPipeline"}))
    with pytest.raises(ModelError, match="StableDiffusionPipeline.*not a Wan"):
        resolve_model(ModelSpec(str(tmp_path)))


def test_folder_with_broken_model_index(tmp_path: Path) -> None:
    (tmp_path / "model_index.json").write_text("{not json")
    with pytest.raises(ModelError, match="download the model again"):
        resolve_model(ModelSpec(str(tmp_path)))


def test_empty_source() -> None:
    with pytest.raises(ModelError, match="No model"):
        resolve_model(ModelSpec(" "))


def test_repo_id_or_path(tmp_path: Path) -> None:
    assert is_repo_id("Wan-AI/Wan2.2-T2V-A14B-Diffusers")
    assert not is_repo_id(str(tmp_path))
    assert not is_repo_id("./models/wan")
    assert not is_repo_id("a/b/c")


def test_hub_id_from_offline_cache(offline_cache: Path, tiny_a14b: Path) -> None:
    snapshot = fake_hub_cache(offline_cache, tiny_a14b)
    assert resolve_model(ModelSpec(REPO)) == (snapshot, COMMIT)
    assert resolve_model(ModelSpec(REPO, revision=COMMIT), local_files_only=True) == (snapshot, COMMIT)
    # A snapshot folder given as a path keeps its commit as the revision.
    assert resolve_model(ModelSpec(str(snapshot))) == (snapshot.resolve(), COMMIT)


def test_hub_id_missing_offline(offline_cache: Path) -> None:
    with pytest.raises(ModelError, match="not in the local Hugging Face cache") as err:
        resolve_model(ModelSpec("nobody/missing-model"))
    assert "hf download nobody/missing-model" in str(err.value)


def test_hub_snapshot_that_is_not_wan(offline_cache: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "model_index.json").write_text(json.dumps({"_class_name": "FluxPipeline"}))
    fake_hub_cache(offline_cache, other, repo="someone/flux")
    with pytest.raises(ModelError, match="FluxPipeline"):
        resolve_model(ModelSpec("someone/flux"))


def test_cache_loads_hub_id_offline(offline_cache: Path, tiny_a14b: Path) -> None:
    fake_hub_cache(offline_cache, tiny_a14b)
    loaded = PipelineCache().get(ModelSpec(REPO, device="cpu"))
    assert loaded.revision == COMMIT and loaded.info.two_experts


def test_hub_offline_env_in_fresh_process(tmp_path: Path, tiny_a14b: Path) -> None:
    """HF_HUB_CACHE and HF_HUB_OFFLINE as a user sets them, read by a fresh huggingface_hub."""
    snapshot = fake_hub_cache(tmp_path / "cache", tiny_a14b)
    env = {**os.environ, "HF_HUB_CACHE": str(tmp_path / "cache"), "HF_HUB_OFFLINE": "1"}
    code = (
        "from engine.generation.model_source import resolve_model, ModelError\n"
        "from engine.generation.request import ModelSpec\n"
        f"print(*resolve_model(ModelSpec({REPO!r})))\n"
        "try:\n    resolve_model(ModelSpec('nobody/missing'))\n"
        "except ModelError as e:\n    print('ModelError', e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == f"{snapshot} {COMMIT}"
    assert lines[1].startswith("ModelError nobody/missing is not in the local Hugging Face cache")
