"""The Remote tab of Preferences: endpoint list, token into the keyring, Test connection."""

from __future__ import annotations

import pytest

from app.serve.server import ServerThread
from app.settings.user_settings import UserSettings, load_settings, save_settings
from ui.preferences.preferences_dialog import PreferencesDialog
from ui.preferences.remote_settings_page import RemoteSettingsPage


@pytest.fixture
def memory_keyring(monkeypatch):
    import keyring

    store = {}
    monkeypatch.setattr(keyring, "get_password", lambda s, u: store.get((s, u)))
    monkeypatch.setattr(keyring, "set_password", lambda s, u, p: store.__setitem__((s, u), p))
    monkeypatch.setattr(keyring, "delete_password", lambda s, u: store.pop((s, u), None))
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setattr("engine.endpoint.hub_token._hub_token", lambda: None)
    return store


def test_endpoints_and_token_are_saved_apart(qtbot, memory_keyring):
    settings = UserSettings()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    page = dialog.remote_page
    assert dialog.tabs.tabText(dialog.tabs.indexOf(page)) == "Remote"
    page.endpoints.setPlainText("https://a.endpoints.huggingface.cloud\n# a comment\nhttp://127.0.0.1:8080\n")
    page.token.setText("hf_pageSECRET_0001")
    dialog.apply(settings)
    assert settings.endpoints == ["https://a.endpoints.huggingface.cloud/", "http://127.0.0.1:8080/"]
    assert list(memory_keyring.values()) == ["hf_pageSECRET_0001"] and page.token.text() == ""
    assert "keyring" in page.token_state.text()
    save_settings(settings)
    assert load_settings().endpoints == settings.endpoints
    from app.paths.user_paths import config_dir

    assert "hf_pageSECRET" not in (config_dir() / "settings.json").read_text()
    page.forget_token()
    assert not memory_keyring and "No token" in page.token_state.text()


def test_bad_url_is_shown_and_not_saved(qtbot, memory_keyring):
    settings = UserSettings(endpoints=["https://ok.example/"])
    page = RemoteSettingsPage(settings.endpoints)
    qtbot.addWidget(page)
    page.endpoints.setPlainText("ftp://nope")
    assert not page.validate() and "http" in page.problem.text()
    page.apply(settings)
    assert settings.endpoints == ["https://ok.example/"]
    page.endpoints.setPlainText("https://ok.example/ x0")
    assert not page.validate() and "1 to 64" in page.problem.text()


def test_requests_in_flight_per_endpoint_are_edited_and_saved(qtbot, memory_keyring):
    settings = UserSettings(endpoints=["https://a.example/", "https://b.example/"])
    settings.endpoint_in_flight = {"https://a.example/": 4}
    page = RemoteSettingsPage(settings.endpoints, in_flight=settings.endpoint_in_flight)
    qtbot.addWidget(page)
    assert page.endpoints.toPlainText() == "https://a.example/ x4\nhttps://b.example/"
    assert "up to 5 shot(s)" in page.problem.text()
    page.endpoints.setPlainText("https://a.example/ x2\nhttps://b.example/ x3\nhttps://c.example/")
    page.apply(settings)
    assert settings.endpoints == ["https://a.example/", "https://b.example/", "https://c.example/"]
    assert settings.endpoint_in_flight == {"https://a.example/": 2, "https://b.example/": 3}
    save_settings(settings)
    assert load_settings().endpoint_in_flight == settings.endpoint_in_flight


def proxied_health(token: str):
    """/health behind a token, as Inference Endpoints' proxy answers it (serve's own needs none)."""
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def health(request):
        if request.headers.get("authorization") != f"Bearer {token}":
            return PlainTextResponse("unauthorized", 401)
        return PlainTextResponse("Ok")

    return Starlette(routes=[Route("/health", health)])


def test_test_connection_shows_health_and_latency(qtbot, memory_keyring, qt_loop):
    with ServerThread(proxied_health("tok")) as server:
        page = RemoteSettingsPage([server.url])
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.checked, timeout=10000):
            page.test_connection()
        assert "token refused" in page.report.text()
        page.token.setText("tok")
        with qtbot.waitSignal(page.checked, timeout=10000):
            page.test_connection()
        assert ": OK, " in page.report.text() and "ms" in page.report.text()
        assert page.test.isEnabled()


def test_the_answer_cap_is_a_spin_box_saved_and_restored(qtbot, memory_keyring):
    settings = UserSettings()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    box = dialog.remote_page.max_answer
    assert (box.minimum(), box.maximum(), box.value()) == (1, 4096, 256)  # the default the CLI uses too
    box.setValue(1024)
    dialog.apply(settings)
    save_settings(settings)
    assert load_settings().max_answer_mb == 1024  # settings.json, the one the CLI's default reads
    again = PreferencesDialog(load_settings())
    qtbot.addWidget(again)
    assert again.remote_page.max_answer.value() == 1024
    box.setValue(99999)
    assert box.value() == 4096


def test_a_bigger_cap_from_settings_json_is_kept_unless_changed(qtbot, memory_keyring):
    settings = UserSettings(max_answer_mb=10_000)  # set by hand, above what the box offers
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.remote_page.max_answer.value() == 4096
    dialog.apply(settings)
    assert settings.max_answer_mb == 10_000
