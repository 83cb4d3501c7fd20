"""Tiny random extraction models (Depth Anything, ViTPose, RT-DETR) built from transformers configs, and clips."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.video.video_io import write_clip


def write_tiny_depth(folder: Path) -> Path:
    """A Depth Anything model with a two-layer DINOv2 backbone, saved and loadable by from_pretrained."""
    import torch
    from transformers import (
        DepthAnythingConfig,
        DepthAnythingForDepthEstimation,
        Dinov2Config,
        DPTImageProcessorPil,
    )

    torch.manual_seed(0)
    backbone = Dinov2Config(
        image_size=28, patch_size=14, hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=32, out_features=["stage1", "stage2"], reshape_hidden_states=False,
    )  # fmt: skip
    config = DepthAnythingConfig(
        backbone_config=backbone, reassemble_hidden_size=16, neck_hidden_sizes=[8, 16], fusion_hidden_size=16,
        head_hidden_size=8, patch_size=14, reassemble_factors=[2, 1],
    )  # fmt: skip
    DepthAnythingForDepthEstimation(config).eval().save_pretrained(folder)
    processor = DPTImageProcessorPil(
        size={"height": 28, "width": 28}, keep_aspect_ratio=True, ensure_multiple_of=14
    )
    processor.save_pretrained(folder)
    return folder


def write_tiny_pose(folder: Path) -> Path:
    """A ViTPose model (17 COCO keypoints) with a two-layer backbone."""
    import torch
    from transformers import (
        VitPoseBackboneConfig,
        VitPoseConfig,
        VitPoseForPoseEstimation,
        VitPoseImageProcessorPil,
    )

    torch.manual_seed(1)
    backbone = VitPoseBackboneConfig(
        image_size=[32, 24], patch_size=[8, 8], hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=32, out_indices=[2],
    )  # fmt: skip
    VitPoseForPoseEstimation(
        VitPoseConfig(backbone_config=backbone, use_simple_decoder=True)
    ).eval().save_pretrained(folder)
    VitPoseImageProcessorPil(size={"height": 32, "width": 24}).save_pretrained(folder)
    return folder


def write_tiny_detector(folder: Path) -> Path:
    """An RT-DETR detector over a tiny ResNet, whose one class is 'person'."""
    import torch
    from transformers import (
        RTDetrConfig,
        RTDetrForObjectDetection,
        RTDetrImageProcessorPil,
        RTDetrResNetConfig,
    )

    torch.manual_seed(2)
    backbone = RTDetrResNetConfig(
        embedding_size=8,
        hidden_sizes=[8, 16, 16, 16],
        depths=[1, 1, 1, 1],
        out_features=["stage2", "stage3", "stage4"],
    )
    config = RTDetrConfig(
        backbone_config=backbone, d_model=16, encoder_hidden_dim=16, encoder_in_channels=[16, 16, 16],
        feat_strides=[8, 16, 32], encoder_layers=1, encoder_ffn_dim=16, encoder_attention_heads=2, decoder_layers=1,
        decoder_ffn_dim=16, decoder_attention_heads=2, num_queries=3, decoder_in_channels=[16, 16, 16],
        num_feature_levels=3, decoder_n_points=2, num_denoising=0, use_pretrained_backbone=False,
        id2label={0: "person"}, label2id={"person": 0},
    )  # fmt: skip
    RTDetrForObjectDetection(config).eval().save_pretrained(folder)
    RTDetrImageProcessorPil(size={"height": 64, "width": 64}).save_pretrained(folder)
    return folder


def moving_frames(count: int, height: int = 32, width: int = 32, seed: int = 0) -> np.ndarray:
    """count RGB frames of a textured square moving over a gradient: edges, depth cues, and each frame different."""
    rng = np.random.default_rng(seed)
    ys, xs = np.mgrid[0:height, 0:width]
    frames = np.empty((count, height, width, 3), dtype=np.uint8)
    for index in range(count):
        frame = np.stack([xs * 255 // width, ys * 255 // height, np.full_like(xs, 60)], axis=-1)
        left = (index * 3) % max(1, width - 12)
        frame[8:20, left : left + 12] = rng.integers(150, 256, size=(12, 12, 3))
        frames[index] = frame
    return frames.astype(np.uint8)


def make_clip(path: Path, frames: np.ndarray, fps: int = 16) -> Path:
    """A lossless H.264 clip of frames (the take writer's), so decoded frames equal the ones written."""
    write_clip(frames, fps, path)
    return path
