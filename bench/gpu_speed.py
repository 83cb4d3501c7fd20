"""GPU speed of Wan 2.2 A14B in diffusers, per lever, on random full-size weights: one table, no download.

Usage: python bench/gpu_speed.py [--steps N] [--final-steps N] [--smoke]
Needs only torch, transformers, accelerate, peft and diffusers (nothing of Storyreel's): both A14B experts
(40 layers, dim 5120, the real configs) with random bf16 weights, a random Wan VAE with the real config,
random prompt embeddings, 832×480, 81 frames. Seconds per step and the fraction of the bf16 matmul peak
measured in the same run (FLOPs counted), for plain bf16, each attention backend installed, regional
compile and fp8; peak VRAM per memory profile; Draft (4 steps, no guidance) against Final (guidance) end
to end. --smoke runs the same code on the CPU with a tiny config, to prove it runs without a GPU.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import torch

# The A14B experts' config (Wan-AI/Wan2.2-T2V-A14B-Diffusers transformer/config.json) and a tiny one.
A14B = {
    "patch_size": (1, 2, 2),
    "num_attention_heads": 40,
    "attention_head_dim": 128,
    "in_channels": 16,
    "out_channels": 16,
    "text_dim": 4096,
    "freq_dim": 256,
    "ffn_dim": 13824,
    "num_layers": 40,
    "cross_attn_norm": True,
    "qk_norm": "rms_norm_across_heads",
    "eps": 1e-6,
    "rope_max_seq_len": 1024,
}
TINY = {
    **A14B,
    "num_attention_heads": 2,
    "attention_head_dim": 12,
    "text_dim": 32,
    "ffn_dim": 32,
    "num_layers": 2,
}
TINY_VAE = {"base_dim": 8, "dim_mult": [1, 1, 1, 1], "num_res_blocks": 0}
TEXT_LEN = 512
# Attention backends worth timing, with the package each needs ("" for PyTorch's own).
BACKENDS = {
    "native": "",
    "_native_cudnn": "",
    "flash": "flash_attn",
    "_flash_3": "flash_attn_interface",
    "sage": "sageattention",
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=2, help="measured steps per lever (after one warm-up)")
    parser.add_argument("--final-steps", type=int, default=40, help="Final's steps in the end-to-end run")
    parser.add_argument("--smoke", action="store_true", help="tiny config on the CPU (proves the code path)")
    return parser.parse_args(argv)


def synchronize(device: str) -> None:
    """Wait for the device's queued work (timing is only honest after it)."""
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def matmul_peak(device: str, dtype: torch.dtype, n: int) -> float:
    """Measured dense matmul FLOP/s on random n×n matrices (the 'peak' the fractions compare with)."""
    a, b = torch.randn(n, n, device=device, dtype=dtype), torch.randn(n, n, device=device, dtype=dtype)
    for _ in range(3):
        a @ b
    synchronize(device)
    runs = 20 if device.startswith("cuda") else 3
    start = time.perf_counter()
    for _ in range(runs):
        a @ b
    synchronize(device)
    return 2 * n**3 * runs / (time.perf_counter() - start)


def build_pipeline(config: dict, vae_config: dict, device: str, dtype: torch.dtype) -> Any:
    """A WanPipeline of two random-weight experts and a random VAE, built in dtype straight on device."""
    from diffusers import AutoencoderKLWan, UniPCMultistepScheduler, WanPipeline, WanTransformer3DModel

    previous = torch.get_default_dtype()
    torch.set_default_dtype(dtype)  # built in bf16 directly: an fp32 expert would need 56 GB first
    try:
        with torch.device(device):
            experts = [WanTransformer3DModel(**config).eval() for _ in range(2)]
            vae = AutoencoderKLWan(**vae_config).eval().to(torch.float32)  # diffusers decodes Wan in fp32
    finally:
        torch.set_default_dtype(previous)
    scheduler = UniPCMultistepScheduler(
        prediction_type="flow_prediction", use_flow_sigmas=True, flow_shift=3.0
    )
    pipe = WanPipeline(
        tokenizer=None,
        text_encoder=None,
        vae=vae,
        scheduler=scheduler,
        transformer=experts[0],
        transformer_2=experts[1],
        boundary_ratio=0.875,
    )
    pipe.set_progress_bar_config(disable=True)
    return pipe


def tokens(config: dict, width: int, height: int, frames: int) -> int:
    """Sequence length of one forward: latent frames × latent patches."""
    return (
        ((frames - 1) // 4 + 1)
        * (height // 8 // config["patch_size"][1])
        * (width // 8 // config["patch_size"][2])
    )


def forward_flops(model: torch.nn.Module, config: dict, seq: int) -> float:
    """FLOPs of one expert forward: every linear layer over the sequence, self- and cross-attention."""
    linear = sum(m.weight.numel() for m in model.modules() if isinstance(m, torch.nn.Linear))
    inner = config["num_attention_heads"] * config["attention_head_dim"]
    attention = 4 * config["num_layers"] * inner * (seq * seq + seq * TEXT_LEN)
    return 2 * linear * seq + attention


@contextlib.contextmanager
def timed_forwards(pipe: Any, device: str) -> Iterator[list[float]]:
    """Seconds of every expert forward while the block runs (synchronised around each)."""
    times: list[float] = []
    handles = []
    for model in (pipe.transformer, pipe.transformer_2):
        started: list[float] = []

        def pre(*_: Any, started: list[float] = started) -> None:
            synchronize(device)
            started.append(time.perf_counter())

        def post(*_: Any, started: list[float] = started) -> None:
            synchronize(device)
            times.append(time.perf_counter() - started.pop())

        handles += [model.register_forward_pre_hook(pre), model.register_forward_hook(post)]
    try:
        yield times
    finally:
        for handle in handles:
            handle.remove()


def run(
    pipe: Any, size: tuple[int, int, int], steps: int, guidance: float, embeds: tuple, decode: bool
) -> None:
    """One pipeline call on the prepared embeddings."""
    width, height, frames = size
    pipe(
        prompt_embeds=embeds[0],
        negative_prompt_embeds=embeds[1] if guidance > 1 else None,
        width=width,
        height=height,
        num_frames=frames,
        num_inference_steps=steps,
        guidance_scale=guidance,
        guidance_scale_2=guidance if guidance > 1 else None,
        output_type="np" if decode else "latent",
        generator=torch.Generator(device="cpu").manual_seed(0),
    )


def step_row(name: str, pipe: Any, setup: Callable[[], None], ctx: dict) -> list[str]:
    """Apply a lever, warm up, then time steps with guidance: s/step and the fraction of peak."""
    try:
        setup()
        run(pipe, ctx["size"], 1, 4.0, ctx["embeds"], decode=False)  # warm-up (compiles, autotunes)
        with timed_forwards(pipe, ctx["device"]) as times:
            run(pipe, ctx["size"], ctx["steps"], 4.0, ctx["embeds"], decode=False)
    except Exception as exc:  # a lever this GPU or install cannot do: say so in its row
        return [name, "-", "-", f"failed: {type(exc).__name__}: {str(exc).splitlines()[0][:60]}"]
    per_step = 2 * sum(times) / len(times)  # guidance: two forwards a step
    fraction = 2 * ctx["flops"] / per_step / ctx["peak"]
    return [name, f"{per_step:.2f}", f"{fraction:.0%}", ""]


def memory_rows(pipe: Any, ctx: dict) -> list[list[str]]:
    """Peak memory of one step with guidance under each memory profile (group offload last: it stays)."""
    device = ctx["device"]
    rows = []
    profiles: list[tuple[str, Callable[[], None]]] = [
        ("none", lambda: pipe.to(device)),
        ("model_offload", lambda: (pipe.to("cpu"), pipe.enable_model_cpu_offload(device=device))),
        (
            "group_offload",
            lambda: (
                pipe.remove_all_hooks(),
                pipe.to("cpu"),
                pipe.enable_group_offload(
                    onload_device=torch.device(device),
                    offload_type="block_level",
                    num_blocks_per_group=1,
                    use_stream=True,
                ),
            ),
        ),
    ]
    for name, place in profiles:
        try:
            place()
            torch.cuda.empty_cache()
            torch.cuda.reset_peak_memory_stats()
            start = time.perf_counter()
            run(pipe, ctx["size"], 1, 4.0, ctx["embeds"], decode=False)
            rows.append(
                [
                    f"memory: {name}",
                    f"{time.perf_counter() - start:.2f}",
                    "",
                    f"peak {torch.cuda.max_memory_allocated() / 2**30:.1f} GiB",
                ]
            )
        except Exception as exc:
            rows.append(
                [
                    f"memory: {name}",
                    "-",
                    "-",
                    f"failed: {type(exc).__name__}: {str(exc).splitlines()[0][:60]}",
                ]
            )
    rows.append(
        ["memory: sequential_offload", "-", "-", "not measured (one layer at a time: minutes a step)"]
    )
    return rows


def end_to_end(pipe: Any, ctx: dict, final_steps: int) -> list[list[str]]:
    """Draft (4 steps, guidance 1) against Final (final_steps, guidance 4/3), both with the VAE decode."""
    seconds = {}
    for name, steps, guidance in (("draft", 4, 1.0), ("final", final_steps, 4.0)):
        synchronize(ctx["device"])
        start = time.perf_counter()
        run(pipe, ctx["size"], steps, guidance, ctx["embeds"], decode=True)
        synchronize(ctx["device"])
        seconds[name] = time.perf_counter() - start
    ratio = seconds["final"] / seconds["draft"]
    return [
        [
            "draft end to end (4 steps)",
            f"{seconds['draft']:.1f} s",
            "",
            "the LoRA pair fused adds no cost per step",
        ],
        [
            f"final end to end ({final_steps} steps)",
            f"{seconds['final']:.1f} s",
            "",
            f"final / draft = {ratio:.1f}×",
        ],
    ]


def main(argv: list[str] | None = None) -> int:
    """Build, measure every lever, print one table."""
    args = parse_args(argv)
    if not args.smoke and not torch.cuda.is_available():
        print(
            "gpu_speed: no CUDA GPU here. Run it on an H100/H200, or --smoke for the CPU code path.",
            file=sys.stderr,
        )
        return 2
    smoke = args.smoke
    device = "cpu" if smoke else "cuda"
    dtype = torch.float32 if smoke else torch.bfloat16
    config, vae_config = (TINY, TINY_VAE) if smoke else (A14B, {})
    size = (64, 32, 5) if smoke else (832, 480, 81)
    began = time.perf_counter()
    peak = matmul_peak(device, dtype, 256 if smoke else 8192)
    pipe = build_pipeline(config, vae_config, device, dtype)
    seq = tokens(config, *size)
    text_dim = config["text_dim"]
    embeds = tuple(torch.randn(1, TEXT_LEN, text_dim, device=device, dtype=dtype) for _ in range(2))
    ctx = {"device": device, "size": size, "steps": args.steps, "embeds": embeds, "peak": peak}
    ctx["flops"] = forward_flops(pipe.transformer, config, seq)
    both = (pipe.transformer, pipe.transformer_2)

    def backend(name: str) -> Callable[[], None]:
        return lambda: [m.set_attention_backend(name) for m in both] and None

    rows = [step_row("bf16 plain" if not smoke else "fp32 plain (smoke)", pipe, lambda: None, ctx)]
    for name, package in BACKENDS.items():
        if name == "native" or smoke:
            continue  # plain is native; the CPU has only native
        if package and importlib.util.find_spec(package) is None:
            rows.append([f"attention {name}", "-", "-", f"{package} not installed"])
            continue
        rows.append(step_row(f"attention {name}", pipe, backend(name), ctx))
    for m in both:
        m.set_attention_backend("native")
    if not smoke:
        rows.append(
            step_row(
                "regional compile",
                pipe,
                lambda: [m.compile_repeated_blocks(fullgraph=True) for m in both] and None,
                ctx,
            )
        )
        rows += end_to_end(pipe, ctx, args.final_steps)
        rows.append(fp8_row(pipe, ctx))
        rows += memory_rows(pipe, ctx)
    else:
        rows += end_to_end(pipe, ctx, args.final_steps)
    name = "CPU (smoke: tiny config)" if smoke else torch.cuda.get_device_name()
    print(
        f"{name}; {size[0]}×{size[1]}, {size[2]} frames, {seq} tokens; {ctx['flops'] / 1e15:.3f} PFLOP per forward"
    )
    print(f"measured matmul peak {peak / 1e12:.4g} TFLOP/s ({'fp32' if smoke else 'bf16'})")
    print(f"{'lever':34} {'s/step':>9} {'of peak':>8}  note")
    for row in rows:
        print(f"{row[0]:34} {row[1]:>9} {row[2]:>8}  {row[3]}")
    print(f"total {time.perf_counter() - began:.0f} s")
    return 0


def fp8_row(pipe: Any, ctx: dict) -> list[str]:
    """fp8 compute (torchao, dynamic activations and weights) on both experts, where the GPU has fp8."""
    if torch.cuda.get_device_capability() < (8, 9):
        return ["fp8 compute", "-", "-", "needs Ada or Hopper (compute capability 8.9+)"]
    if importlib.util.find_spec("torchao") is None:
        return ["fp8 compute", "-", "-", "torchao not installed"]

    def quantize() -> None:
        from torchao.quantization import Float8DynamicActivationFloat8WeightConfig, quantize_

        for model in (pipe.transformer, pipe.transformer_2):
            quantize_(model, Float8DynamicActivationFloat8WeightConfig())

    return step_row("fp8 compute (+ regional compile)", pipe, quantize, ctx)


if __name__ == "__main__":
    sys.exit(main())
