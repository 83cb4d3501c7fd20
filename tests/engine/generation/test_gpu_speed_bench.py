"""bench/gpu_speed.py stands alone (torch and diffusers only) and refuses cleanly without CUDA."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
import torch

BENCH = Path(__file__).resolve().parents[3] / "bench" / "gpu_speed.py"
ALLOWED = {"torch", "diffusers", "transformers", "accelerate", "peft", "torchao"}


def test_it_imports_nothing_of_storyreel() -> None:
    tree = ast.parse(BENCH.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    outside = roots - ALLOWED - set(sys.stdlib_module_names)
    assert not outside, outside


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has a GPU: the bench would run")
def test_without_cuda_it_refuses_with_a_message_and_no_traceback() -> None:
    done = subprocess.run([sys.executable, str(BENCH)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "no CUDA GPU" in done.stderr and "--smoke" in done.stderr and "Traceback" not in done.stderr
