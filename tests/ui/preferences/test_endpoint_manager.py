"""Preferences > Remote's Inference Endpoint box against the loopback Hub: states, actions, the GUI never waits."""

from __future__ import annotations

import time

import pytest
from hub_support import TOKEN, USER
from PySide6.QtCore import QTimer

from ui.preferences.remote_settings_page import RemoteSettingsPage


@pytest.fixture
def page(qtbot, qt_loop):
    page = RemoteSettingsPage([])
    qtbot.addWidget(page)
    page.token.setText(TOKEN)
    page.manager.refresh_ms = 50
    return page


def act(qtbot, manager, action: str) -> None:
    with qtbot.waitSignal(manager.finished, timeout=15000):
        assert manager.start(action)


def test_create_shows_each_step_then_refreshes_until_running_and_offers_its_url(qtbot, hub, page):
    stand_in = hub()
    manager = page.manager
    manager.name.setText("wan-ui")
    manager.max_replicas.setValue(2)
    manager.scale_to_zero.setValue(15)
    steps = []
    manager.progressed.connect(
        lambda step, total, text: steps.append((step, total, manager.progress.value()))
    )
    act(qtbot, manager, "create")
    assert [s[:2] for s in steps] == [(1, 4), (2, 4), (3, 4), (4, 4)] and steps[-1][2] == 4
    assert f"{USER}/wan-ui: pending" in manager.state.text() and manager.add_url.isHidden()
    assert stand_in.files[f"{USER}/wan-ui"]  # the handler package was pushed
    # It refreshes by itself while pending and initializing, and stops once running.
    qtbot.waitUntil(lambda: not manager.add_url.isHidden(), timeout=15000)
    url = f"{stand_in.base}/ep/wan-ui"
    assert manager.state.text() == f"{USER}/wan-ui: running at {url}"
    gets = len(stand_in.calls("GET", "/v2/endpoint/studio/wan-ui"))
    qtbot.wait(300)
    assert len(stand_in.calls("GET", "/v2/endpoint/studio/wan-ui")) == gets and not manager.timer.isActive()
    manager.add_url.click()
    assert page.urls() == [url] and "OK saves" in page.report.text()
    manager.add_url.click()
    assert page.urls() == [url] and "already" in page.report.text()


def test_pause_scale_to_zero_resume_and_delete(qtbot, hub, page):
    stand_in = hub()
    stand_in.add_endpoint("wan", "running")
    manager = page.manager
    manager.name.setText("wan")
    act(qtbot, manager, "refresh")
    assert "running at" in manager.state.text() and not manager.add_url.isHidden()
    act(qtbot, manager, "pause")
    assert manager.state.text() == f"{USER}/wan: paused" and manager.add_url.isHidden()
    act(qtbot, manager, "scale_to_zero")
    assert "scaled to zero" in manager.state.text()
    act(qtbot, manager, "resume")
    assert "initializing" in manager.state.text()
    qtbot.waitUntil(lambda: "running" in manager.state.text(), timeout=15000)
    manager.confirm_delete = lambda name: False
    assert not manager.start("delete") and "wan" in stand_in.endpoints
    manager.confirm_delete = lambda name: name == "wan"
    act(qtbot, manager, "delete")
    assert manager.state.text() == "Deleted." and not stand_in.endpoints


def test_a_hub_that_hangs_never_stalls_the_window(qtbot, hub, page):
    hub("hang")
    manager = page.manager
    manager.name.setText("wan")
    manager.hub_timeout = 1.0
    ticks = []
    beat = QTimer()
    beat.timeout.connect(lambda: ticks.append(time.monotonic()))
    beat.start(10)
    act(qtbot, manager, "refresh")
    beat.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 20 and max(gaps) < 0.2  # the Hub call ran off the GUI thread
    assert "did not answer about endpoint 'wan' within 1 s" in manager.state.text()
    assert all(button.isEnabled() for button in manager.buttons.values())


@pytest.mark.parametrize(
    "fault, name, text",
    [
        ("401", "wan", "refused the token (HTTP 401)"),
        (None, "nowhere", "Endpoint 'nowhere' was not found (HTTP 404)"),
    ],
)
def test_hub_errors_show_in_the_state_line(qtbot, hub, page, fault, name, text):
    hub(fault)
    page.manager.name.setText(name)
    act(qtbot, page.manager, "refresh")
    assert text in page.manager.state.text() and TOKEN not in page.manager.state.text()


def test_bad_names_and_no_token_are_refused_without_a_call(qtbot, hub, page, monkeypatch):
    stand_in = hub()
    manager = page.manager
    manager.name.setText("../admin")
    assert not manager.start("refresh") and "not an endpoint name" in manager.state.text()
    manager.name.setText("wan")
    manager.max_replicas.setValue(1)
    manager.instance.setCurrentText("a/b")
    assert not manager.start("create") and "not a hardware name" in manager.state.text()
    page.token.clear()
    monkeypatch.setattr("ui.preferences.remote_settings_page.find_token", lambda: (None, ""))
    assert not manager.start("refresh") and "hf auth login" in manager.state.text()
    asked = []
    manager.confirm_delete = lambda name: asked.append(name) or True
    page.token.setText(TOKEN)
    manager.name.setText("../admin")
    assert not manager.start("delete") and not asked  # a bad name is refused before asking
    assert not stand_in.seen and not manager.busy
