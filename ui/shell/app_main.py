"""Starting the desktop app: QApplication and its asyncio loop, the main window, the recovery offer."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app import __version__
from app.paths.resources import resource_path
from app.settings.user_settings import load_settings
from engine.thread_priority import usable_cores
from ui.widgets.app_font import install_cjk_font
from ui.widgets.theme import apply_theme

# Qt's raster engine splits a fill, blit or smooth scale taller than about 96 lines across its GUI thread
# pool, and the GUI thread waits for every part. With few cores, one is busy with a take generating or a
# thumbnail decoding, and the paint waits for it: the preview's 0.6 ms of drawing took 2.7 ms, and the
# longest stall while selecting along 2,000 shots went from 16-17 ms to 18-37 ms.
FEW_CORES = 4


def keep_paints_on_the_gui_thread() -> None:
    """On a machine of few cores, paint on the GUI thread alone (Qt reads this once, at its first paint)."""
    if usable_cores() <= FEW_CORES:
        os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Storyreel's names, icon and theme (reused if one exists)."""
    existing = QApplication.instance()
    if existing is not None and not isinstance(existing, QApplication):
        raise RuntimeError("a QCoreApplication without widgets is already running")
    keep_paints_on_the_gui_thread()
    app = existing or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Storyreel")
    app.setApplicationDisplayName("Storyreel")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Storyreel")
    app.setDesktopFileName("storyreel")
    app.setWindowIcon(QIcon(str(resource_path("icons", "storyreel.svg"))))
    apply_theme(app, load_settings().theme)
    if existing is None:  # once per application: a second call finds the family in place
        install_cjk_font(app)
    return app


def run(paths: list[str]) -> int:
    """Open the main window (and the first .reel in paths); returns the exit code."""
    from app.settings.user_settings import load_settings
    from ui.i18n.translation import install_translators
    from ui.runtime import event_loop
    from ui.runtime.gui_garbage import GuiThreadCollector
    from ui.shell.error_reporter import ErrorReporter
    from ui.shell.main_window import MainWindow

    app = create_application()
    install_translators(app, load_settings().language)  # before any window: texts are set once
    # Remote requests and connection tests are asyncio tasks on the Qt loop (qasync).
    loop = event_loop.install(app)
    collector = GuiThreadCollector(app)  # the generation worker must never free a widget
    # Opened on a film, the window shows it first: its strip, menus and docks are built, the film opens,
    # and the preview, inspector, queue and the rest are built in the turn after it has painted.
    window = MainWindow(parts_later=bool(paths))
    reporter = ErrorReporter(window)
    window.show()

    def start() -> None:
        try:  # recovery questions and opening files never delay the window's first paint
            window.files.startup(list(paths))
        finally:
            window.build_parts_after_paint()

    QTimer.singleShot(0, start)
    try:
        return int(loop.run_forever())  # app.exec(), with asyncio's tasks stepping inside it
    finally:
        event_loop.uninstall(loop)
        reporter.uninstall()
        collector.stop()
