"""Upscaling ×2/×4: tiles join without seams, the memory bound refuses what it cannot hold."""

from __future__ import annotations

import enum
import sys
import types

import numpy as np
import pytest
import torch

from engine.film.upscaling import UpscaleError, Upscaler, load_upscaler, tiled, upscaled_size


def sub_pixel_net(scale: int) -> torch.nn.Module:
    """A real super-resolution net in small: two convolutions (5x5 receptive field) and a pixel shuffle."""
    torch.manual_seed(0)
    return torch.nn.Sequential(
        torch.nn.Conv2d(3, 8, 3, padding=1),
        torch.nn.ReLU(),
        torch.nn.Conv2d(8, 3 * scale * scale, 3, padding=1),
        torch.nn.PixelShuffle(scale),
        torch.nn.Sigmoid(),
    ).eval()


@pytest.mark.parametrize("scale", [2, 4])
def test_tiles_join_without_seams(scale):
    image = np.random.default_rng(1).integers(0, 256, (37, 53, 3), dtype=np.uint8)
    model = sub_pixel_net(scale)
    whole = tiled(model, scale, image, tile=64)
    assert whole.shape == (37 * scale, 53 * scale, 3)
    # 16-pixel tiles with 4 pixels of overlap cover the 2-pixel reach of the two convolutions.
    assert np.array_equal(tiled(model, scale, image, tile=16, overlap=4), whole)
    # Without overlap the seams differ: the test would see a tiling that forgot its margins.
    assert not np.array_equal(tiled(model, scale, image, tile=16, overlap=0), whole)
    assert np.array_equal(Upscaler(model, scale, tile=16)(image), tiled(model, scale, image, 16))


def test_a_4x_upscale_of_a_4k_take_is_refused():
    assert upscaled_size(1920, 1080, 4) == (7680, 4320)
    with pytest.raises(UpscaleError, match=r"×4 upscale of 3840x2160 would be 15360x8640.*choose ×2"):
        upscaled_size(3840, 2160, 4)
    with pytest.raises(UpscaleError, match="×3 is not offered"):
        upscaled_size(64, 64, 3)
    frame = np.zeros((2160, 3840, 3), np.uint8)
    with pytest.raises(UpscaleError):
        tiled(sub_pixel_net(4), 4, frame)


def test_weights_that_are_not_safetensors_are_refused(tmp_path):
    pickle = tmp_path / "RealESRGAN_x4plus.pth"
    pickle.write_bytes(b"not loaded: a pickle can run code")
    with pytest.raises(UpscaleError, match="no upscaling weights in safetensors"):
        load_upscaler(str(pickle), 4)


@pytest.fixture
def spandrel(monkeypatch):
    """spandrel, imported for real (installed without its dependencies by make test's set-up).

    spandrel imports two torchvision functions at import, for two architectures Storyreel never loads
    (LaMa inpainting, RestoreFormer faces). PyPI's torchvision wheels are CUDA builds that do not load
    against the CPU torch here, so where torchvision is absent those two names are stood in for while
    spandrel is imported, and removed again: its ESRGAN/Compact loading, the thing under test, is real.
    """
    try:
        import torchvision  # noqa: F401
    except ImportError:
        functional = types.ModuleType("torchvision.transforms.functional")
        functional.InterpolationMode = enum.Enum("InterpolationMode", "NEAREST BILINEAR")
        functional.rotate = functional.normalize = _absent
        transforms = types.ModuleType("torchvision.transforms")
        transforms.functional = functional
        vision = types.ModuleType("torchvision")
        vision.transforms = transforms
        for name, module in (("torchvision", vision), ("torchvision.transforms", transforms)):
            monkeypatch.setitem(sys.modules, name, module)
        monkeypatch.setitem(sys.modules, "torchvision.transforms.functional", functional)
    return pytest.importorskip(
        "spandrel", reason="make test's set-up installs spandrel; plain make setup does not"
    )


def _absent(*args, **kwargs):
    raise AssertionError("a torchvision function Storyreel's upscaling never calls")


def compact_weights(path, scale: int):
    """A tiny random Compact (SRVGGNetCompact, Real-ESRGAN's small model), saved as safetensors; the net."""
    from safetensors.torch import save_file
    from spandrel.architectures.Compact import Compact

    torch.manual_seed(3)
    net = Compact(num_in_ch=3, num_out_ch=3, num_feat=8, num_conv=2, upscale=scale).eval()
    save_file({k: v.contiguous() for k, v in net.state_dict().items()}, str(path))
    return net


def test_a_tiny_real_esrgan_compact_loads_through_spandrel(tmp_path, spandrel):
    """spandrel reads the state dict and the upscaler runs those weights, tile by tile."""
    net = compact_weights(tmp_path / "compact_x2.safetensors", 2)
    upscaler = load_upscaler(str(tmp_path / "compact_x2.safetensors"), 2, device="cpu")
    assert upscaler.scale == 2 and isinstance(upscaler.model, type(net))
    image = np.random.default_rng(4).integers(0, 256, (12, 10, 3), dtype=np.uint8)
    assert np.array_equal(upscaler(image), tiled(net, 2, image))
    assert upscaler(image).shape == (24, 20, 3)
    with pytest.raises(UpscaleError, match="×2 model, not ×4"):
        load_upscaler(str(tmp_path / "compact_x2.safetensors"), 4, device="cpu")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "model.safetensors").write_bytes(b"\x00" * 16)
    with pytest.raises(UpscaleError, match="not an upscaling model spandrel can load"):
        load_upscaler(str(tmp_path / "folder"), 2, device="cpu")


def test_export_upscales_through_spandrel(tmp_path, spandrel):
    from export_support import RED, flat_clip, video_facts

    from engine.film.export_settings import ExportSettings
    from engine.film.exporter import export_film
    from engine.video.conform import ClipSpan

    compact_weights(tmp_path / "compact_x2.safetensors", 2)
    clip = flat_clip(tmp_path / "take.mp4", RED, frames=3, width=32, height=24)
    out = tmp_path / "big.mp4"
    settings = ExportSettings(upscale=2, upscale_model=str(tmp_path / "compact_x2.safetensors"))
    export_film([ClipSpan(clip)], out, settings, film_size=(32, 24), film_fps=16)
    assert video_facts(out)["size"] == (64, 48) and video_facts(out)["frames"] == 3


def test_export_upscales_each_take_before_fitting_it(tmp_path, monkeypatch):
    """The exporter's path with a real (tiny) net; only spandrel's loading, absent here, is stood in for."""
    from export_support import RED, flat_clip, video_facts

    from engine.film import upscaling
    from engine.film.export_settings import ExportSettings
    from engine.film.exporter import export_film
    from engine.video.conform import ClipSpan

    monkeypatch.setattr(
        upscaling, "load_upscaler", lambda source, scale: Upscaler(sub_pixel_net(scale), scale)
    )
    clip = flat_clip(tmp_path / "take.mp4", RED, frames=5, width=32, height=24)
    out = tmp_path / "big.mp4"
    settings = ExportSettings(upscale=2, upscale_model="tiny")
    export_film([ClipSpan(clip)], out, settings, film_size=(32, 24), film_fps=16)
    assert video_facts(out)["size"] == (64, 48) and video_facts(out)["frames"] == 5
    with pytest.raises(ValueError, match="needs a model: --upscale-model"):
        ExportSettings(upscale=4).check()
