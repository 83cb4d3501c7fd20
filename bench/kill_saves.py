"""kill -9 a process that saves a project in a loop, many times; count what survived.

After each kill the project must open, FILM.reel.bak must exist and open. At the end the temp
files the kills left are counted, then tidied by recover_after_crash (as at the next open).
Usage: python bench/kill_saves.py [--kills 250]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from crash_support import KILL_SAVES  # noqa: E402

from app.generation.take_recovery import recover_after_crash  # noqa: E402
from app.project.project import Project  # noqa: E402
from app.project.project_settings import ProjectSettings  # noqa: E402
from app.project.reel_file import ProjectError, load_project, save_project  # noqa: E402
from app.project.shot import Shot  # noqa: E402


def opens(path: Path) -> bool:
    try:
        return bool(load_project(path).shots)
    except ProjectError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=250)
    args = parser.parse_args()
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "film.reel"
        project = Project(ProjectSettings(name="kills"), [Shot(prompt=f"shot {i}") for i in range(200)])
        save_project(project, path)
        save_project(project)
        broken = no_backup = 0
        for _ in range(args.kills):
            proc = subprocess.Popen(
                [sys.executable, "-c", KILL_SAVES.format(root=str(ROOT)), str(path)], stdout=subprocess.PIPE
            )
            assert proc.stdout is not None
            proc.stdout.readline()
            time.sleep(rng.uniform(0.0, 0.15))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            broken += not opens(path)
            bak = path.with_name(path.name + ".bak")
            no_backup += not (bak.exists() and opens(bak))
        leftovers = [p for p in Path(folder).iterdir() if p.name.startswith(".film")]
        for p in leftovers:
            os.utime(p, (0, 0))  # as old as a crash before this process started
        removed = recover_after_crash(load_project(path)).removed
    print(f"{args.kills} kills during saves: project failed to open {broken}, backup missing {no_backup}")
    print(f"temp files left by the kills: {len(leftovers)}, removed at the next open: {len(removed)}")
    return 1 if broken or no_backup or len(removed) != len(leftovers) else 0


if __name__ == "__main__":
    sys.exit(main())
