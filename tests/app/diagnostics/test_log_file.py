"""storyreel.log: every module's logger reaches it, failed jobs leave their tracebacks, and fatal
errors (segfaults, aborts) are written there by faulthandler."""

from __future__ import annotations

import importlib
import logging
import os
import pkgutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from remote_support import REQUEST

from app.diagnostics.log_file import LOG_ROOTS, log_path, setup_logging
from engine.backends.local import LocalBackend
from engine.generation.request import ModelSpec
from engine.jobs.job_queue import JobQueue
from engine.jobs.states import JobState

ROOT = Path(__file__).resolve().parents[3]


def _module_loggers() -> dict[str, logging.Logger]:
    """Every module-level logger in engine/, app/ and ui/, by module name."""
    found = {}
    for package in LOG_ROOTS:
        for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                if isinstance(value, logging.Logger):
                    found[info.name] = value
    return found


def test_every_module_logger_writes_to_the_log_file():
    path = setup_logging()
    loggers = _module_loggers()
    # The modules that log today, among them the ones the log once missed (engine.backends.remote).
    assert {"engine.backends.remote", "engine.jobs.job_queue", "ui.shell.error_reporter"} <= set(loggers)
    for module, logger in loggers.items():
        assert logger.name.split(".")[0] in LOG_ROOTS, f"{module} logs as {logger.name!r}, outside the roots"
        logger.info("hello from %s", module)
    text = path.read_text(encoding="utf-8")
    missing = [m for m in loggers if f"hello from {m}" not in text]
    assert not missing, f"not in the log: {missing}"


def test_a_failed_job_leaves_its_traceback_in_the_log(tmp_path):
    path = setup_logging()
    # The remote tests' small request, pointed at a model folder that is not there: a real ModelError.
    request = replace(
        REQUEST, model=ModelSpec(str(tmp_path / "no-such-model"), device="cpu", dtype="float32")
    )
    jobs = JobQueue([LocalBackend()])
    try:
        job = jobs.submit(request, tmp_path / "take.mp4", label="Shot 1")
        assert jobs.wait_idle(60)
    finally:
        jobs.shutdown()
    assert job.state == JobState.FAILED and "no-such-model" in job.error and "Traceback" not in job.error
    text = path.read_text(encoding="utf-8")
    assert f"job {job.id} (Shot 1) failed on local" in text
    assert "Traceback (most recent call last)" in text and "ModelError" in text and "no-such-model" in text


# Run in a child process: the crash must not take the test run down, and faulthandler must not be
# pointed away from pytest's own.
SEGFAULT_THROUGH_MAIN = """
import faulthandler, sys
import main
sys.argv = ["main.py", "info", "no-such.reel"]
assert main.main() == 2  # bad input; main() as the entry point also pointed faulthandler at the log
faulthandler._sigsegv()
"""
ABORT_AFTER_ROLLOVER = """
import logging, os
from app.diagnostics import log_file
log_file.log_faults(log_file.setup_logging())
log_file._handler.maxBytes = 2000  # roll over a few times first: faulthandler must follow the file
for i in range(200):
    logging.getLogger("engine.test").info("line %d of filler for the rotating log", i)
os.abort()
"""


@pytest.mark.parametrize(
    "code, words",
    [(SEGFAULT_THROUGH_MAIN, "Segmentation fault"), (ABORT_AFTER_ROLLOVER, "Aborted")],
    ids=["segfault", "abort"],
)
def test_fatal_errors_are_written_to_the_log(tmp_path, monkeypatch, code, words):
    monkeypatch.setenv("STORYREEL_HOME", str(tmp_path))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode < 0, done.stderr  # killed by the signal
    text = log_path().read_text(encoding="utf-8")
    assert f"Fatal Python error: {words}" in text and "most recent call first" in text
    assert "Fatal Python error" not in done.stderr  # it went to the log, not to a terminal
