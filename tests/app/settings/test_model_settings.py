"""Model settings: memory profiles mapped to diffusers' methods, persistence, the Preferences tab, downloads."""

from __future__ import annotations

import threading

import pytest

from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.settings.model_settings import ModelSettings, load_model_settings, store_model_settings
from app.settings.user_settings import load_settings, save_settings
from engine.generation import model_download
from engine.generation.model_source import ModelError
from engine.generation.pipeline_cache import (
    PipelineCache,
    apply_memory_profile,
    check_memory_profile,
    resolve_placement,
)
from engine.generation.request import ModelSpec
from engine.progress import Cancelled, CancelToken


class Spy:
    def __init__(self) -> None:
        self.calls: list[tuple[tuple, dict]] = []

    def __call__(self, *args, **kwargs) -> None:
        self.calls.append((args, kwargs))


METHODS = ("to", "enable_model_cpu_offload", "enable_sequential_cpu_offload", "enable_group_offload")


@pytest.mark.parametrize(
    "profile, method",
    [
        ("none", "to"),
        ("model_offload", "enable_model_cpu_offload"),
        ("sequential_offload", "enable_sequential_cpu_offload"),
        ("group_offload", "enable_group_offload"),
    ],
)
def test_memory_profiles_call_diffusers_own_methods(loaded_a14b, monkeypatch, profile, method):
    pipe = loaded_a14b.pipe
    spies = {name: Spy() for name in METHODS}
    for name, spy in spies.items():
        assert callable(getattr(pipe, name))  # the real pipeline has the method we map to
        monkeypatch.setattr(pipe, name, spy)
    apply_memory_profile(pipe, profile, "cuda:1")
    called = {name for name, spy in spies.items() if spy.calls}
    assert called == {method}
    args, kwargs = spies[method].calls[0]
    if method == "enable_group_offload":
        assert str(kwargs["onload_device"]) == "cuda:1" and kwargs["offload_type"] == "block_level"
        assert kwargs["use_stream"] is True
    elif method == "to":
        assert args == ("cuda:1",)
    else:
        assert kwargs == {"device": "cuda:1"}


def test_offload_on_the_cpu_is_refused_clearly():
    with pytest.raises(ModelError, match="memory profile 'none'"):
        resolve_placement(ModelSpec("x", device="cpu", memory_profile="group_offload"))
    with pytest.raises(ModelError, match="Unknown memory profile"):
        check_memory_profile("lots", "cuda")
    check_memory_profile("none", "cpu")


def test_vae_tiling_is_applied_and_part_of_the_cache_key(tiny_a14b):
    cache = PipelineCache()
    try:
        plain = cache.get(ModelSpec(str(tiny_a14b), device="cpu", dtype="float32"))
        assert not plain.pipe.vae.use_tiling
        assert cache.get(ModelSpec(str(tiny_a14b), device="cpu", dtype="float32")) is plain
        tiled = cache.get(ModelSpec(str(tiny_a14b), device="cpu", dtype="float32", vae_tiling=True))
        assert tiled is not plain and tiled.pipe.vae.use_tiling
    finally:
        cache.release()


def test_model_settings_persist_and_resolve():
    settings = load_settings()
    store_model_settings(
        settings,
        ModelSettings(
            source="/models/wan",
            device="cuda",
            dtype="bfloat16",
            memory_profile="group_offload",
            vae_tiling=True,
        ),
    )
    save_settings(settings)
    again = load_model_settings(load_settings())
    assert again == ModelSettings(
        source="/models/wan", device="cuda", dtype="bfloat16", memory_profile="group_offload", vae_tiling=True
    )
    project = Project(ProjectSettings(model="Wan-AI/Wan2.2-TI2V-5B-Diffusers", model_revision="abc"))
    spec = again.spec_for(project)
    assert (spec.source, spec.revision, spec.memory_profile, spec.vae_tiling) == (
        "/models/wan",
        None,
        "group_offload",
        True,
    )
    assert ModelSettings().spec_for(project).source == "Wan-AI/Wan2.2-TI2V-5B-Diffusers"
    assert ModelSettings.from_dict({"memory_profile": "bogus", "vae_tiling": "yes"}) == ModelSettings()


def test_preferences_model_tab(qtbot, tiny_a14b, tmp_path):
    from ui.preferences.preferences_dialog import PreferencesDialog

    settings = load_settings()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert [dialog.tabs.tabText(i) for i in range(4)] == ["General", "Model", "Remote", "Appearance"]
    page = dialog.model_page
    page.source.setText(str(tmp_path))
    assert not page.validate() and "model_index.json" in page.status.text()
    page.source.setText(str(tiny_a14b))
    assert page.validate() and not page.download_button.isEnabled()
    page.source.setText("Wan-AI/Wan2.2-T2V-A14B-Diffusers")
    assert page.validate() and page.download_button.isEnabled()
    page.source.setText(str(tiny_a14b))
    page.memory.setCurrentIndex(page.memory.findData("sequential_offload"))
    page.vae_tiling.setChecked(True)
    dialog.apply(settings)
    stored = load_model_settings(settings)
    assert (
        stored.source == str(tiny_a14b)
        and stored.memory_profile == "sequential_offload"
        and stored.vae_tiling
    )


def test_disk_space_check(tmp_path, monkeypatch):
    model_download.check_disk_space(None, tmp_path)
    model_download.check_disk_space(1024, tmp_path / "not" / "yet")
    with pytest.raises(ModelError, match="free"):
        model_download.check_disk_space(1 << 60, tmp_path)


def fake_snapshot(folder, chunks=5):
    """Drives the tqdm class the way snapshot_download does (a files bar and a bytes bar)."""

    def snapshot_download(repo_id, revision=None, tqdm_class=None):
        bytes_bar = tqdm_class(desc="Reconstructing (incomplete total...)", total=0, unit="B")
        bytes_bar.total = chunks * 100
        for _ in tqdm_class(range(2), desc="Fetching 2 files", total=2):
            for _ in range(chunks // 2):
                bytes_bar.update(100)
        return str(folder)

    return snapshot_download


def test_download_reports_progress_and_cancels(tiny_a14b, monkeypatch):
    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_snapshot(tiny_a14b, chunks=4))
    reports = []
    folder = model_download.download_model("owner/wan", on_progress=reports.append, check_space=False)
    assert folder == tiny_a14b
    assert reports[-1].done_bytes == 400 and reports[-1].total_bytes == 400 and reports[-1].done_files == 2
    cancel = CancelToken()

    def stop_early(p):
        if p.done_bytes >= 100:
            cancel.cancel()

    with pytest.raises(Cancelled):
        model_download.download_model("owner/wan", on_progress=stop_early, cancel=cancel, check_space=False)


def test_download_dialog_runs_off_the_gui_thread(qtbot, tiny_a14b):
    from ui.preferences.download_dialog import DownloadDialog

    threads = []

    def downloader(repo_id, revision, on_progress, cancel):
        threads.append(threading.current_thread())
        on_progress(model_download.DownloadProgress(50, 100, 1, 2))
        return tiny_a14b

    dialog = DownloadDialog("owner/wan", downloader=downloader)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.folder == tiny_a14b)
    dialog.wait(5)
    assert threads and threads[0] is not threading.main_thread()
