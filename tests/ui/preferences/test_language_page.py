"""The language follows the system or the Preferences choice, is stored in the settings, applies at start."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, QLocale

from app.settings.user_settings import UserSettings, load_settings, save_settings, settings_path
from ui.i18n.translation import available_languages, install_translators, remove_translators, resolve_language
from ui.preferences.language_page import LanguagePage
from ui.preferences.preferences_dialog import PreferencesDialog


def test_the_system_language_decides_when_nothing_is_chosen():
    assert "zh_CN" in available_languages()
    assert resolve_language("", QLocale("zh_CN")) == "zh_CN"
    assert resolve_language("", QLocale("zh_SG")) == "zh_CN"  # Simplified script
    assert resolve_language("", QLocale("zh_TW")) == "en"  # Traditional: not translated yet
    assert resolve_language("", QLocale("de_DE")) == "en"
    assert resolve_language("en", QLocale("zh_CN")) == "en"
    assert resolve_language("zh_CN", QLocale("en_US")) == "zh_CN"
    assert resolve_language("xx_YY", QLocale("zh_CN")) == "en"  # hand-edited settings: no crash


def test_language_is_stored_and_damaged_values_fall_back():
    settings = UserSettings(language="zh_CN")
    save_settings(settings)
    assert load_settings().language == "zh_CN"
    doc = json.loads(settings_path().read_text(encoding="utf-8"))
    for bad in ("../../etc", 42, None, "zh_CN" * 1000):
        doc["language"] = bad
        settings_path().write_text(json.dumps(doc), encoding="utf-8")
        assert load_settings().language == ""


def test_installing_translates_and_removing_goes_back(qapp):
    try:
        assert install_translators(qapp, "zh_CN") == "zh_CN"
        assert QCoreApplication.translate("WindowMenus", "&File") == "文件(&F)"
        # Qt's own catalogue: standard buttons of message boxes and file dialogs.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        remove_translators(qapp)
    assert QCoreApplication.translate("WindowMenus", "&File") == "&File"
    assert install_translators(qapp, "en") == "en"


def test_page_offers_system_english_chinese_and_says_a_restart_applies(qtbot):
    settings = UserSettings()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    page = dialog.language_page
    assert isinstance(page, LanguagePage)
    box = page.language
    assert [box.itemData(i) for i in range(box.count())] == ["", "en", "zh_CN"]
    assert box.itemText(2) == "简体中文" and box.itemText(0).startswith("System (")
    assert page.note.text() == ""
    box.setCurrentIndex(2)
    assert "Restart" in page.note.text()
    dialog.apply(settings)
    assert settings.language == "zh_CN"
    box.setCurrentIndex(0)
    dialog.apply(settings)
    assert settings.language == ""
