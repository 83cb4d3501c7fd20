"""Upscaling ×2/×4: tiles join without seams, the memory bound refuses what it cannot hold."""

from __future__ import annotations

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


def test_a_tiny_real_esrgan_compact_loads_through_spandrel(tmp_path):
    """spandrel reads a Compact (SRVGGNetCompact, Real-ESRGAN's small model) state dict saved as safetensors."""
    spandrel = pytest.importorskip("spandrel", reason="spandrel needs torchvision, absent from this CPU venv")
    from safetensors.torch import save_file
    from spandrel.architectures.Compact import Compact

    net = Compact(num_in_ch=3, num_out_ch=3, num_feat=8, num_conv=2, upscale=2)
    path = tmp_path / "compact_x2.safetensors"
    save_file({k: v.contiguous() for k, v in net.state_dict().items()}, str(path))
    upscaler = load_upscaler(str(path), 2, device="cpu")
    assert upscaler.scale == 2 and spandrel is not None
    assert upscaler(np.zeros((12, 10, 3), np.uint8)).shape == (24, 20, 3)
    with pytest.raises(UpscaleError, match="×2 model, not ×4"):
        load_upscaler(str(path), 4, device="cpu")


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
