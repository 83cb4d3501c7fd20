"""RIFE's IFNet (the v4.22-v4.26 layout): the frame at time t between two, from flows refined coarse to fine.

Written after the MIT-licensed Practical-RIFE (Huang et al., "Real-Time Intermediate Flow Estimation
for Video Frame Interpolation", ECCV 2022; github.com/hzwer/Practical-RIFE, train_log/IFNet_HDv3.py).
The parameter names are theirs, so its released weights, saved as safetensors, load unchanged.
Imports torch at the top: only engine/film/learned_motion imports this module, inside its functions.
"""

from __future__ import annotations

from collections.abc import Sequence

# The module is a torch model through and through; it is itself the lazy import (see the docstring).
import torch  # noqa: TID253
from torch import nn  # noqa: TID253
from torch.nn import functional as F  # noqa: TID253

# Practical-RIFE 4.25's blocks, coarse to fine: channels and the factor each one shrinks the frames by.
WIDTHS = (192, 128, 96, 64, 32)
SCALES = (16, 8, 4, 2, 1)
FEATURES = 16  # channels of each frame's encoded features
CARRIED = 8  # channels of hidden state a block hands to the next
# Each block gives 2 flows (4), a blend mask (1) and the carried state.
BLOCK_OUT = 4 + 1 + CARRIED


def _leaky() -> nn.LeakyReLU:
    return nn.LeakyReLU(0.2, True)


def warp(image: torch.Tensor, flow: torch.Tensor) -> torch.Tensor:
    """image sampled at each pixel moved by flow (in pixels), edges repeated."""
    n, _, h, w = flow.shape
    xs = (
        torch.linspace(-1.0, 1.0, w, device=flow.device, dtype=flow.dtype).view(1, 1, 1, w).expand(n, 1, h, w)
    )
    ys = (
        torch.linspace(-1.0, 1.0, h, device=flow.device, dtype=flow.dtype).view(1, 1, h, 1).expand(n, 1, h, w)
    )
    # grid_sample's coordinates run -1..1 across the frame: a pixel is 2 / (side - 1) of them.
    moved = torch.cat(
        [xs + flow[:, :1] * (2.0 / max(w - 1, 1)), ys + flow[:, 1:2] * (2.0 / max(h - 1, 1))], 1
    )
    return F.grid_sample(
        image, moved.permute(0, 2, 3, 1), mode="bilinear", padding_mode="border", align_corners=True
    )


class Head(nn.Module):
    """Encodes a frame into FEATURES channels at its own size."""

    def __init__(self) -> None:
        super().__init__()
        self.cnn0 = nn.Conv2d(3, 16, 3, 2, 1)
        self.cnn1 = nn.Conv2d(16, 16, 3, 1, 1)
        self.cnn2 = nn.Conv2d(16, 16, 3, 1, 1)
        self.cnn3 = nn.ConvTranspose2d(16, FEATURES, 4, 2, 1)
        self.relu = _leaky()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The features of x (N, 3, H, W)."""
        x = self.relu(self.cnn0(x))
        x = self.relu(self.cnn1(x))
        x = self.relu(self.cnn2(x))
        out: torch.Tensor = self.cnn3(x)
        return out


class ResConv(nn.Module):
    """A 3x3 convolution added back to its input, scaled per channel."""

    def __init__(self, c: int) -> None:
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, 1, 1)
        self.beta = nn.Parameter(torch.ones((1, c, 1, 1)))
        self.relu = _leaky()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x plus its residual."""
        out: torch.Tensor = self.relu(self.conv(x) * self.beta + x)
        return out


class IFBlock(nn.Module):
    """One scale: flows, mask and carried state from its inputs shrunk by scale, at full size."""

    def __init__(self, in_planes: int, c: int) -> None:
        super().__init__()
        self.conv0 = nn.Sequential(
            nn.Sequential(nn.Conv2d(in_planes, c // 2, 3, 2, 1), _leaky()),
            nn.Sequential(nn.Conv2d(c // 2, c, 3, 2, 1), _leaky()),
        )
        self.convblock = nn.Sequential(*(ResConv(c) for _ in range(8)))
        self.lastconv = nn.Sequential(nn.ConvTranspose2d(c, 4 * BLOCK_OUT, 4, 2, 1), nn.PixelShuffle(2))

    def forward(
        self, x: torch.Tensor, flow: torch.Tensor | None, scale: float
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """(flow change, mask, carried state) for inputs x and the flow so far."""
        x = F.interpolate(x, scale_factor=1.0 / scale, mode="bilinear", align_corners=False)
        if flow is not None:
            small = F.interpolate(flow, scale_factor=1.0 / scale, mode="bilinear", align_corners=False)
            x = torch.cat((x, small / scale), 1)
        out = self.lastconv(self.convblock(self.conv0(x)))
        out = F.interpolate(out, scale_factor=scale, mode="bilinear", align_corners=False)
        return out[:, :4] * scale, out[:, 4:5], out[:, 5:]


class IFNet(nn.Module):
    """The in-between frame of img0 and img1 (N, 3, H, W in 0..1) at time t; H and W multiples of
    pad_multiple()."""

    def __init__(self, widths: Sequence[int] = WIDTHS, scales: Sequence[float] = SCALES) -> None:
        super().__init__()
        if not widths or len(widths) != len(scales):
            raise ValueError("an IFNet needs one scale for each block width")
        self.scales = tuple(float(s) for s in scales)
        first = 3 + 3 + 2 * FEATURES + 1  # both frames, their features, the time
        later = first + 1 + CARRIED + 4  # and the mask, the carried state and the flows so far
        self.blocks = len(widths)
        for index, width in enumerate(widths):
            self.add_module(f"block{index}", IFBlock(first if index == 0 else later, c=int(width)))
        self.encode = Head()

    def pad_multiple(self, coarser: int = 1) -> int:
        """What each side must be a multiple of: the coarsest block shrinks by its scale (times coarser),
        then by 4."""
        return int(4 * max(self.scales) * coarser)

    def forward(self, img0: torch.Tensor, img1: torch.Tensor, t: float, coarser: int = 1) -> torch.Tensor:
        """The frame at t (0..1 from img0 to img1); coarser > 1 finds the flows on frames that much
        smaller (Practical-RIFE's scale 0.5 for 4K), bounding the memory of large frames."""
        time = torch.full_like(img0[:, :1], t)
        f0, f1 = self.encode(img0), self.encode(img1)
        warped0, warped1 = img0, img1
        flow: torch.Tensor | None = None
        mask = carried = time  # replaced by the first block's
        for index, scale in enumerate(s * coarser for s in self.scales):
            block = getattr(self, f"block{index}")
            if flow is None:
                flow, mask, carried = block(torch.cat((img0, img1, f0, f1, time), 1), None, scale)
            else:
                wf0, wf1 = warp(f0, flow[:, :2]), warp(f1, flow[:, 2:4])
                inputs = torch.cat((warped0, warped1, wf0, wf1, time, mask, carried), 1)
                change, mask, carried = block(inputs, flow, scale)
                flow = flow + change
            assert flow is not None
            warped0, warped1 = warp(img0, flow[:, :2]), warp(img1, flow[:, 2:4])
        weight = torch.sigmoid(mask)
        return warped0 * weight + warped1 * (1 - weight)
