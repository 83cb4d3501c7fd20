"""Endpoints with replicas: N requests in flight on one URL, a 429/503 pacing them all, the settings."""

from __future__ import annotations

import argparse
import dataclasses
import time

import numpy as np
import pytest
from remote_support import REQUEST, Replicas, make_clip

from app.cli.backend_flags import add_remote_options, backends_from_args
from app.serve.server import ServerThread
from app.settings.remote_settings import format_endpoint_lines, parse_endpoint_lines, remote_backends
from engine.endpoint.urls import EndpointUrlError
from engine.jobs.job_queue import JobQueue
from engine.jobs.states import JobState


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> bytes:
    return make_clip(tmp_path_factory.mktemp("clip"))[0]


def render(backends, count: int, tmp_path) -> tuple[float, list]:
    """Run count jobs through a JobQueue on backends; seconds taken and the jobs."""
    queue = JobQueue(backends)
    try:
        started = time.monotonic()
        jobs = [
            queue.submit(dataclasses.replace(REQUEST, seed=i), tmp_path / f"take-{i}.mp4")
            for i in range(count)
        ]
        assert queue.wait_idle(60)
        return time.monotonic() - started, jobs
    finally:
        queue.shutdown()


def test_n_requests_in_flight_on_one_url_with_n_replicas(clip, tmp_path):
    replicas = Replicas(clip, workers=4, latency=0.5)
    with ServerThread(replicas.app) as server:
        backends = remote_backends([server.url], token=None, in_flight={server.url: 4})
        seconds, jobs = render(backends, 8, tmp_path)
    assert [j.state for j in jobs] == [JobState.DONE] * 8
    assert replicas.most == 4  # the queue kept 4 jobs in flight on the one URL
    assert seconds < 2.0  # two rounds of 0.5 s, not eight
    seeds = sorted(j.result.metadata["seed"] for j in jobs)
    assert seeds == list(range(8))


def test_one_request_in_flight_by_default(clip, tmp_path):
    replicas = Replicas(clip, workers=4, latency=0.2)
    with ServerThread(replicas.app) as server:
        _, jobs = render(remote_backends([server.url], token=None), 3, tmp_path)
    assert [j.state for j in jobs] == [JobState.DONE] * 3 and replicas.most == 1


@pytest.mark.parametrize("status", [429, 503])
def test_a_429_or_503_holds_back_every_request_to_that_endpoint(clip, tmp_path, status):
    """The first request is told 'Retry-After: 1'; the others in flight finish, but send nothing new
    to that endpoint until the second has passed."""
    replicas = Replicas(clip, workers=4, latency=0.3, script=[status])
    with ServerThread(replicas.app) as server:
        backends = remote_backends([server.url], token=None, in_flight={server.url: 4})
        _, jobs = render(backends, 8, tmp_path)
    assert [j.state for j in jobs] == [JobState.DONE] * 8
    arrivals = sorted(replicas.arrivals)
    [told] = [t for t, code in arrivals if code == status]
    assert len(arrivals) == 9  # eight takes and the one refused request
    # The first four went out at once; every later one (a finished slot's next job, or the retry)
    # waited for the Retry-After the first one was given.
    later = [round(t - told, 2) for t, _ in arrivals[4:]]
    assert min(later) >= 0.95, later


def test_endpoint_lines_carry_requests_in_flight():
    text = (
        "https://a.example x4\nhttps://b.example ×2  # a comment\n\nhttps://c.example\nhttps://a.example x9\n"
    )
    entries = parse_endpoint_lines(text)
    assert entries == {"https://a.example/": 4, "https://b.example/": 2, "https://c.example/": 1}
    assert parse_endpoint_lines(format_endpoint_lines(list(entries), entries)) == entries
    for bad, words in [
        ("https://a.example x", "Line 1"),
        ("https://a.example four", "Line 1"),
        ("https://ok.example\nhttps://a.example x0", "Line 2: requests in flight must be 1 to 64"),
        ("https://a.example x65", "1 to 64"),
        ("https://user:hf_secret@a.example x2", "not in the endpoint URL"),
    ]:
        with pytest.raises(EndpointUrlError, match=words) as info:
            parse_endpoint_lines(bad)
        assert "hf_secret" not in str(info.value)


def parse(argv: list[str]):
    parser = argparse.ArgumentParser()
    add_remote_options(parser)
    return backends_from_args(parser.parse_args(argv))


def test_cli_in_flight_once_for_all_or_once_each():
    a, b = "https://a.example/", "https://b.example/"
    assert [x.slots for x in parse(["--endpoint", a, "--in-flight", "4"])] == [4]
    assert [x.slots for x in parse(["--endpoint", a, "--endpoint", b, "--in-flight", "3"])] == [3, 3]
    both = parse(["--endpoint", a, "--in-flight", "2", "--endpoint", b, "--in-flight", "5"])
    assert [x.slots for x in both] == [2, 5]
    assert [x.slots for x in parse(["--endpoint", a])] == [1]
    for argv, words in [
        (
            ["--endpoint", a, "--endpoint", b, "--endpoint", a, "--in-flight", "1", "--in-flight", "2"],
            "once each",
        ),
        (["--endpoint", a, "--in-flight", "0"], "1 to 64"),
        (["--backend", "remote", "--in-flight", "2"], "needs --endpoint"),
        (["--backend", "local", "--in-flight", "2"], "needs --backend remote"),
    ]:
        with pytest.raises(ValueError, match=words):
            parse(argv)


def test_the_take_files_hold_the_clip(clip, tmp_path):
    """A take made on a replica is the endpoint's clip, written whole (no interleaving between slots)."""
    from engine.video.video_io import read_frames

    replicas = Replicas(clip, workers=3, latency=0.1)
    with ServerThread(replicas.app) as server:
        _, jobs = render(remote_backends([server.url], token=None, in_flight={server.url: 3}), 6, tmp_path)
    first = read_frames(jobs[0].result.clip)
    assert all(np.array_equal(read_frames(j.result.clip), first) for j in jobs)


def test_requests_in_flight_are_tasks_on_one_thread_and_a_cancel_drops_the_connection(
    clip, tmp_path, monkeypatch
):
    """Without a window, the queue runs its requests with asyncio.run on one thread (as the CLI does):
    4 in flight need no 4 threads, and a cancel from another thread cancels the request's task."""
    import threading

    # The token is polled every 30 s here: only the task's cancel can stop the request at once.
    monkeypatch.setattr("engine.endpoint.http_call.POLL", 30.0)
    replicas = Replicas(clip, workers=4, latency=30.0)
    with ServerThread(replicas.app) as server:
        queue = JobQueue(remote_backends([server.url], token=None, in_flight={server.url: 4}))
        try:
            jobs = [
                queue.submit(dataclasses.replace(REQUEST, seed=i), tmp_path / f"take-{i}.mp4")
                for i in range(4)
            ]
            deadline = time.monotonic() + 30
            while replicas.active < 4 and time.monotonic() < deadline:
                time.sleep(0.02)
            ours = sorted(t.name for t in threading.enumerate() if t.name.startswith("storyreel-"))
            assert ours == ["storyreel-remote", "storyreel-serve"]  # one for 4 requests, one for the server
            started = time.monotonic()
            queue.cancel(jobs[1].id)
            while jobs[1].state != JobState.CANCELLED and time.monotonic() - started < 5:
                time.sleep(0.01)
            cancelled_in = time.monotonic() - started
            while replicas.dropped != [1] and time.monotonic() - started < 5:
                time.sleep(0.01)
            assert replicas.dropped == [1] and cancelled_in < 1.0
            assert [j.state for j in jobs if j is not jobs[1]] == [JobState.GENERATING] * 3
        finally:
            queue.shutdown()
    assert all(j.state == JobState.CANCELLED for j in jobs)
    assert not list(tmp_path.glob("take-*"))
    assert not [t for t in threading.enumerate() if t.name.startswith("storyreel-remote")]
