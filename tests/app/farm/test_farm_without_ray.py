"""Ray is an optional extra: nothing loads it unasked, and without it `farm` says how to install it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# Run in a fresh interpreter: which modules an import pulls in is only visible from an empty start.
LOADS = """
import json, sys
import app.cli.main, app.cli.commands.farm, app.farm.farm_control, app.farm.cluster, app.farm.farm_config
import ui.shell.main_window
print(json.dumps(sorted(m for m in sys.modules if m == "ray" or m.startswith("ray."))))
"""

# As if Ray were not installed: a finder that refuses it, first on the import path.
WITHOUT_RAY = """
import sys
class NoRay:
    def find_spec(self, name, path=None, target=None):
        if name == "ray" or name.startswith("ray."):
            raise ModuleNotFoundError(f"No module named {name!r}")
sys.meta_path.insert(0, NoRay())
from app.cli.main import run_cli
codes = [run_cli(argv) for argv in (
    ["farm", "start", "--model", "Wan-AI/Wan2.2-T2V-A14B-Diffusers"], ["farm", "status"], ["farm", "stop"]
)]
print([int(c) for c in codes])
"""


def _python(code: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "STORYREEL_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_app_and_the_farm_commands_load_without_importing_ray(tmp_path):
    done = _python(LOADS, tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_without_ray_every_farm_command_says_how_to_install_it(tmp_path):
    done = _python(WITHOUT_RAY, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[2, 2, 2]"  # ExitCode.BAD_INPUT: the message says what to do
    assert done.stderr.count('pip install "storyreel[farm]"') == 3
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "state" / "farm.json").exists()
