"""The window's language: translation marks, which language to show, and installing its translators."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.paths.resources import resource_path

log = logging.getLogger(__name__)

ENGLISH = "en"  # the language of the source strings: no translator needed
CATALOGUE = "storyreel"  # resources/i18n/storyreel_<language>.qm
# Qt's own catalogues (standard buttons such as Cancel, the file dialogs) where PySide6 ships them.
QT_CATALOGUES = ("qtbase",)

# The translators in use, kept referenced (a QTranslator that is collected stops translating).
_installed: list[QTranslator] = []
_default_locale: list[QLocale] = []  # the default locale before the first install, to put back


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark text for pyside6-lupdate in context; returns it unchanged, to translate where it is shown.

    PySide6's own has the same effect, but its stub returns `object`; this one keeps tables typed.
    """
    return text


def translations_dir() -> Path:
    """resources/i18n: the .ts sources and the compiled .qm catalogues."""
    return resource_path("i18n")


def available_languages() -> list[str]:
    """English and every language with a compiled catalogue ('zh_CN', ...)."""
    prefix = CATALOGUE + "_"
    found = sorted(p.stem[len(prefix) :] for p in translations_dir().glob(prefix + "*.qm"))
    return [ENGLISH, *found]


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """The language to show: the choice, or for "" (follow the system) the system's when we have it."""
    languages = available_languages()
    if choice:
        return choice if choice in languages else ENGLISH
    locale = system if system is not None else QLocale.system()
    # uiLanguages() lists the person's preferred languages in order, e.g. ['zh-Hans-CN', 'en-US'].
    for name in locale.uiLanguages():
        candidate = QLocale(name)
        if candidate.language() == QLocale.Language.English:
            return ENGLISH
        if candidate.language() == QLocale.Language.Chinese:
            # Simplified Chinese is what we have: Traditional script (Taiwan, Hong Kong) stays English.
            simplified = candidate.script() != QLocale.Script.TraditionalChineseScript
            return "zh_CN" if simplified and "zh_CN" in languages else ENGLISH
    return ENGLISH


def install_translators(app: QCoreApplication, choice: str) -> str:
    """Show the window in the chosen language ("" follows the system); returns the language used.

    Call before the windows are built: texts are set once (a change applies at the next start).
    """
    remove_translators(app)
    language = resolve_language(choice)
    if language == ENGLISH:
        return language
    if not _default_locale:
        _default_locale.append(QLocale())
    QLocale.setDefault(QLocale(language))  # numbers and dates as the language writes them
    ours = QTranslator(app)
    if not ours.load(f"{CATALOGUE}_{language}", str(translations_dir())):
        log.warning("no %s translation in %s; the window stays in English", language, translations_dir())
        return ENGLISH
    app.installTranslator(ours)
    _installed.append(ours)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalogue in QT_CATALOGUES:
        qt = QTranslator(app)
        if qt.load(f"{catalogue}_{language}", qt_folder):
            app.installTranslator(qt)
            _installed.append(qt)
        else:
            log.info("Qt's %s_%s catalogue is not in %s", catalogue, language, qt_folder)
    return language


def remove_translators(app: QCoreApplication) -> None:
    """Back to the source language (English)."""
    while _installed:
        app.removeTranslator(_installed.pop())
    if _default_locale:
        QLocale.setDefault(_default_locale.pop())
