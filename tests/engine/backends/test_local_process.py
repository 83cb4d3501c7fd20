"""Generating in a process of its own: the same take, progress, cancel, failures, a killed process, close."""

from __future__ import annotations

import logging
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import psutil
import pytest
from speed_support import small_request

from engine.backends.local import LocalBackend
from engine.backends.local_process import GenerationProcessError, LocalProcessBackend
from engine.backends.process_worker import failure_message
from engine.generation.request import GenerationRequest, ModelSpec
from engine.jobs.failure_messages import describe_failure
from engine.jobs.job_queue import JobQueue
from engine.jobs.states import JobState
from engine.model_hub import ModelError
from engine.progress import GENERATING, Cancelled, CancelToken, Progress
from engine.video.video_io import read_frames

pytestmark = pytest.mark.slow


def request_for(model: Path, steps: int = 3) -> GenerationRequest:
    return small_request(ModelSpec(str(model), device="cpu", dtype="float32"), num_inference_steps=steps)


@pytest.fixture
def backend():
    made = LocalProcessBackend()
    yield made
    made.close()


def test_the_take_is_the_one_this_process_makes_with_its_progress(tmp_path, tiny_a14b, backend):
    here = LocalBackend()
    try:
        expected = here.run(request_for(tiny_a14b), tmp_path / "here.mp4", lambda p: None, CancelToken())
    finally:
        here.close()
    reports: list[Progress] = []
    record = backend.run(request_for(tiny_a14b), tmp_path / "there.mp4", reports.append, CancelToken())
    assert record.clip == tmp_path / "there.mp4" and record.clip.with_suffix(".json").is_file()
    assert record.metadata["backend"] == "local" and record.metadata["seed"] == expected.metadata["seed"]
    np.testing.assert_array_equal(read_frames(record.clip), read_frames(expected.clip))
    stages = [r.stage for r in reports]
    assert stages[0] == "loading" and GENERATING in stages and stages[-1] == "encoding"
    assert backend.pid is not None and backend.pid != os.getpid()
    if sys.platform.startswith("linux"):  # background work: ten nice values below the window's thread
        assert psutil.Process(backend.pid).nice() == min(
            os.getpriority(os.PRIO_PROCESS, os.getpid()) + 10, 19
        )


def test_a_cancel_stops_the_take_and_the_process_goes_on(tmp_path, tiny_a14b, backend):
    cancel = CancelToken()

    def on_progress(p: Progress) -> None:
        if p.stage == GENERATING and p.step >= 2:
            cancel.cancel()

    with pytest.raises(Cancelled):
        backend.run(request_for(tiny_a14b, steps=400), tmp_path / "a.mp4", on_progress, cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no clip, no sidecar, no temporary file
    pid = backend.pid
    backend.run(request_for(tiny_a14b), tmp_path / "b.mp4", lambda p: None, CancelToken())
    assert backend.pid == pid and (tmp_path / "b.mp4").is_file()  # the loaded model was kept


def test_a_killed_process_fails_its_take_clearly_and_the_next_take_starts_a_new_one(
    tmp_path, tiny_a14b, backend
):
    killed: list[int] = []

    def kill_mid_take(p: Progress) -> None:
        if p.stage == GENERATING and p.step == 2 and backend.pid is not None:
            killed.append(backend.pid)
            os.kill(backend.pid, signal.SIGKILL)  # what the out-of-memory killer or a driver crash does

    with pytest.raises(GenerationProcessError) as raised:
        backend.run(request_for(tiny_a14b, steps=400), tmp_path / "a.mp4", kill_mid_take, CancelToken())
    message, hint = describe_failure(raised.value)
    assert (
        message == f"The generation process stopped in the middle of the take (exit code -{signal.SIGKILL})."
    )
    assert "Retry" in hint and "Traceback" not in message
    assert not (tmp_path / "a.mp4").exists() and not (tmp_path / "a.json").exists()
    record = backend.run(request_for(tiny_a14b), tmp_path / "b.mp4", lambda p: None, CancelToken())
    assert record.clip.is_file() and killed and backend.pid not in (None, killed[0])


def test_a_failure_there_is_raised_here_as_itself_with_its_traceback_in_the_log(
    tmp_path, tiny_a14b, backend, caplog
):
    caplog.set_level(logging.INFO)  # before the process starts: it sends what this log would keep
    with pytest.raises(ModelError) as raised:
        backend.run(request_for(tmp_path / "no-model"), tmp_path / "a.mp4", lambda p: None, CancelToken())
    assert "does not exist" in str(raised.value) and raised.value.hint
    [note] = raised.value.__notes__
    assert note.startswith("In the generation process:\nTraceback") and "resolve_model" in note
    # The same process then makes a take, and its log records arrive here.
    backend.run(request_for(tiny_a14b), tmp_path / "b.mp4", lambda p: None, CancelToken())
    loaded = [r for r in caplog.records if r.getMessage().startswith("Loaded model")]
    assert len(loaded) == 1 and loaded[0].name == "engine.generation.pipeline_cache"
    assert loaded[0].process != os.getpid()


class Unbuildable(Exception):
    def __init__(self, code: int, words: str) -> None:
        super().__init__(words)
        self.code = code


def test_an_exception_that_cannot_cross_goes_as_its_words():
    kind, blob, text = failure_message(Unbuildable(3, "the codec gave up"))
    crossed = pickle.loads(blob)
    assert kind == "failed" and type(crossed) is RuntimeError and str(crossed) == "the codec gave up"
    assert "Unbuildable" in text  # the log keeps what it was


def test_close_ends_the_process_and_cancels_a_take_in_progress(tmp_path, tiny_a14b):
    backend = LocalProcessBackend()
    queue = JobQueue([backend])
    job = queue.submit(request_for(tiny_a14b, steps=4000), tmp_path / "a.mp4", label="long")
    while job.state != JobState.GENERATING:
        assert job.state not in (JobState.FAILED, JobState.DONE)
        time.sleep(0.05)
    pid = backend.pid
    assert pid is not None and psutil.pid_exists(pid)
    queue.shutdown()
    assert job.state == JobState.CANCELLED and backend.pid is None
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    assert not (tmp_path / "a.mp4").exists()
    backend.close()  # twice is harmless


def test_one_failed_job_does_not_stop_the_queue(tmp_path, tiny_a14b):
    queue = JobQueue([LocalProcessBackend()])
    try:
        bad = queue.submit(request_for(tmp_path / "no-model"), tmp_path / "a.mp4")
        good = queue.submit(request_for(tiny_a14b), tmp_path / "b.mp4")
        assert queue.wait_idle(120)
        assert (bad.state, good.state) == (JobState.FAILED, JobState.DONE)
        assert "does not exist" in bad.error and (tmp_path / "b.mp4").is_file()
    finally:
        queue.shutdown()


def test_a_takes_own_file_error_is_not_taken_for_the_process_ending(tmp_path, tiny_a14b, backend):
    (tmp_path / "a.mp4").write_bytes(b"someone else's clip")
    with pytest.raises(FileExistsError):
        backend.run(request_for(tiny_a14b), tmp_path / "a.mp4", lambda p: None, CancelToken())
    pid = backend.pid
    assert pid is not None and psutil.pid_exists(pid)  # the process is fine and kept
    assert (tmp_path / "a.mp4").read_bytes() == b"someone else's clip"


def program(tmp_path: Path, name: str, text: str, *args: object) -> list[str]:
    """The command line of a program (a window of its own) written to tmp_path, run with the project importable."""
    script = tmp_path / name
    script.write_text(text, encoding="utf-8")
    return [sys.executable, str(script), *map(str, args)]


ROOT = Path(__file__).resolve().parents[3]
PROJECT_ENV = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tests")]))


LEFT_OPEN = """
import sys
from pathlib import Path

from engine.backends.local_process import LocalProcessBackend
from engine.generation.request import ModelSpec
from engine.progress import CancelToken
from speed_support import small_request

if __name__ == "__main__":  # multiprocessing's rule: a started process imports the main module again
    import atexit
    import multiprocessing.util

    # As when multiprocessing.util is first imported after local_process (its exit handler, which joins
    # live children, then runs before anything registered earlier).
    atexit.unregister(multiprocessing.util._exit_function)
    atexit.register(multiprocessing.util._exit_function)
    backend = LocalProcessBackend()
    request = small_request(ModelSpec(sys.argv[1], device="cpu", dtype="float32"), num_inference_steps=2)
    backend.run(request, Path(sys.argv[2]), lambda p: None, CancelToken())
    print("made", backend.pid, flush=True)
"""


def test_a_program_that_never_closes_its_backend_still_exits(tmp_path, tiny_a14b):
    # multiprocessing joins its live children at exit; the generation process waits for its next take.
    done = subprocess.run(
        program(tmp_path, "left_open.py", LEFT_OPEN, tiny_a14b, tmp_path / "a.mp4"),
        capture_output=True,
        text=True,
        timeout=60,
        env=PROJECT_ENV,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    pid = int(done.stdout.split()[-1])
    assert (tmp_path / "a.mp4").is_file() and not psutil.pid_exists(pid)


KILLED_MID_TAKE = """
import os
import sys
from pathlib import Path

from engine.backends.local_process import LocalProcessBackend
from engine.generation.request import ModelSpec
from engine.progress import CancelToken
from speed_support import small_request

if __name__ == "__main__":
    backend = LocalProcessBackend()
    told = []

    def on_progress(p):
        if p.stage == "generating" and not told:
            told.append(True)
            print(backend.pid, flush=True)  # the test kills this process now

    request = small_request(ModelSpec(sys.argv[1], device="cpu", dtype="float32"), num_inference_steps=4000)
    backend.run(request, Path(sys.argv[2]), on_progress, CancelToken())
"""


def test_a_generation_process_whose_window_was_killed_stops_its_take(tmp_path, tiny_a14b):
    # A window killed mid-take (a crash, the OOM killer) must not leave a process generating for nobody.
    window = subprocess.Popen(
        program(tmp_path, "killed.py", KILLED_MID_TAKE, tiny_a14b, tmp_path / "a.mp4"),
        stdout=subprocess.PIPE,
        text=True,
        env=PROJECT_ENV,
    )
    try:
        assert window.stdout is not None
        generation = psutil.Process(int(window.stdout.readline()))
        window.kill()
        window.wait(10)
        gone, alive = psutil.wait_procs([generation], timeout=15)  # 4,000 steps would take minutes
        assert generation in gone and not alive
    finally:
        window.kill()
    assert not (tmp_path / "a.mp4").exists()


SERVER_KILLED = """
import sys
import threading
from pathlib import Path

import psutil

from engine.backends.local_process import LocalProcessBackend
from engine.generation.request import ModelSpec
from engine.progress import CancelToken
from speed_support import small_request


def kill_the_fork_server():
    while True:  # it imports torch and diffusers for seconds before it forks anything
        for child in psutil.Process().children():
            if "forkserver" in " ".join(child.cmdline()):
                child.kill()
                return


if __name__ == "__main__":
    backend = LocalProcessBackend()
    request = small_request(ModelSpec(sys.argv[1], device="cpu", dtype="float32"), num_inference_steps=2)
    threading.Thread(target=kill_the_fork_server, daemon=True).start()
    backend.run(request, Path(sys.argv[2]) / "a.mp4", lambda p: None, CancelToken())
    print("first made")
    backend.close()  # the next take needs a new process, from the new fork server
    backend.run(request, Path(sys.argv[2]) / "b.mp4", lambda p: None, CancelToken())
    print("second made", flush=True)
    backend.close()
"""


def test_a_fork_server_killed_while_it_starts_is_started_again_and_the_take_made(tmp_path, tiny_a14b):
    done = subprocess.run(
        program(tmp_path, "server_killed.py", SERVER_KILLED, tiny_a14b, tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        env=PROJECT_ENV,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "The generation process did not start" in done.stderr  # the kill landed while it started
    assert done.stdout.splitlines()[-2:] == ["first made", "second made"]
    assert (tmp_path / "a.mp4").is_file() and (tmp_path / "b.mp4").is_file()
