"""Shared test setup: offscreen Qt, per-test user folders, no Hub access."""

from __future__ import annotations

import os

# Before anything imports Qt or huggingface_hub.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Each test gets its own settings, library and cache folders."""
    home = tmp_path_factory.mktemp("storyreel-home")
    monkeypatch.setenv("STORYREEL_HOME", str(home))
    # Nothing a test does may touch the real desktop configuration.
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    return home


@pytest.fixture(autouse=True)
def closed_log_file():
    """A test that opened the log file (the CLI, the error reporter) leaves no handler behind."""
    yield
    from app.diagnostics.log_file import close_logging

    close_logging()


def pytest_configure(config):
    """Collect garbage on the main thread only, as the window does (ui/gui_garbage.py): a cycle with a
    widget freed by a worker thread's allocation crashed Qt later, in another test's event processing.
    The full collection a released model asks for (engine/generation/garbage) is made on the main thread
    only, too: on the generation worker it freed windows earlier tests had left in cycles."""
    import gc
    import threading

    from engine.generation.garbage import install_collector

    gc.disable()

    def main_thread_only() -> None:
        if threading.current_thread() is threading.main_thread():
            gc.collect()  # elsewhere: the test's own end collects on the main thread (below)

    install_collector(main_thread_only)


@pytest.fixture(autouse=True)
def garbage_on_the_main_thread():
    """Each test ends with the collection the interpreter would have made by now, on this thread."""
    yield
    from ui.runtime.gui_garbage import collect_if_due

    collect_if_due()


@pytest.fixture(autouse=True)
def dangling_threads():
    """A test that leaves a Python thread, a QThread or a busy QThreadPool running fails (see thread_guard)."""
    from thread_guard import no_dangling_threads

    with no_dangling_threads():
        yield


# Session fixtures with the tiny models, shared by every test module (built once per run).
from chat_support import chat_server  # noqa: E402, F401  (the loopback chat-completions stand-in)
from engine_fixtures import (  # noqa: E402, F401
    loaded_5b,
    loaded_a14b,
    loaded_i2v,
    loaded_vace,
    tiny_5b,
    tiny_a14b,
    tiny_i2v,
    tiny_vace,
)
from hub_support import hub  # noqa: E402, F401  (the loopback Hub stand-in)


@pytest.fixture
def qt_loop(qapp, qtbot):
    """The window's asyncio loop (qasync) over the test's Qt loop: tasks step whenever qtbot waits."""
    import asyncio

    from ui.runtime import event_loop

    loop = event_loop.install(qapp, already_running=True)
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    qtbot.waitUntil(lambda: all(t.done() for t in pending), timeout=5000)
    event_loop.uninstall(loop)
