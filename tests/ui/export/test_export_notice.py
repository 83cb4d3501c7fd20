"""An export ends in a place: a notice with Open and Show in Folder, handed to the desktop."""

from __future__ import annotations

from export_support import BLUE, RED, project_with_takes
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontMetrics
from ui_support import make_window

from engine.film.export_settings import ExportSettings
from ui.export.export_dialog import start_export
from ui.export.export_notice import ExportNotice


def desktop(monkeypatch, answer=True) -> list[QUrl]:
    """QDesktopServices.openUrl asks the OS to open a file: recorded here instead."""
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(QUrl(url))
        return answer

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    return opened


def shown(label) -> str:
    """A label's text as read: without the invisible break chances that let a long path wrap."""
    return label.text().replace("\u200b", "")


def finished_export(qtbot, tmp_path, name="film.mp4"):
    window = make_window(qtbot, project_with_takes(tmp_path, [RED, BLUE], frames=4))
    out = tmp_path / "exports" / name
    out.parent.mkdir()
    progress = start_export(
        window.project, out, ExportSettings(format="mp4"), window.dialogs, window.statusBar(), window
    )
    with qtbot.waitSignal(progress.finished, timeout=30000):
        pass
    notices = [n for n in window.findChildren(ExportNotice) if n.isVisible()]
    assert len(notices) == 1, "no notice when the export finished"
    return window, out, notices[0]


def test_the_notice_opens_the_film_and_its_folder_through_the_desktop(qtbot, tmp_path, monkeypatch):
    opened = desktop(monkeypatch)
    window, out, notice = finished_export(qtbot, tmp_path)
    assert out.name in shown(notice.message) and not notice.isModal()
    qtbot.mouseClick(notice.open_button, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(out)]
    assert not notice.isVisible()  # done: the notice goes
    again = ExportNotice(out, window)
    again.show()
    qtbot.mouseClick(again.folder_button, Qt.MouseButton.LeftButton)
    assert opened[-1].toLocalFile() == str(out.parent) and opened[-1].isLocalFile()


def test_a_desktop_that_cannot_open_leaves_the_notice_saying_where_the_film_is(qtbot, tmp_path, monkeypatch):
    opened = desktop(monkeypatch, answer=False)
    window, out, notice = finished_export(qtbot, tmp_path, name="a film with spaces.mp4")
    qtbot.mouseClick(notice.open_button, Qt.MouseButton.LeftButton)
    assert opened and opened[0].toLocalFile() == str(out)  # a path with spaces reaches the OS whole
    assert notice.isVisible()
    assert "could not open" in notice.where.text() and str(out.parent) in shown(notice.where)


def test_a_failed_export_shows_no_notice(qtbot, tmp_path, monkeypatch):
    desktop(monkeypatch)
    window = make_window(qtbot, project_with_takes(tmp_path, [RED], frames=4))
    (tmp_path / "file").write_text("a file where the folder should be")
    progress = start_export(
        window.project, tmp_path / "file" / "out.mp4", ExportSettings(), window.dialogs, window.statusBar()
    )
    with qtbot.waitSignal(progress.finished, timeout=30000):
        pass
    assert window.dialogs.errors and not window.findChildren(ExportNotice)


def _shown_whole(label) -> bool:
    """Whether the label's wrapped text fits inside it (nothing cut at its edge)."""
    box = label.contentsRect()
    needed = QFontMetrics(label.font()).boundingRect(box, int(Qt.TextFlag.TextWordWrap), label.text())
    return needed.width() <= box.width() and needed.height() <= box.height()


def test_a_long_name_and_folder_are_shown_whole_inside_a_notice_that_fits_the_screen(qtbot, tmp_path):
    folder = tmp_path.joinpath(*["exports_of_the_long_winter_shoot"] * 6)
    out = folder / ("the_film_that_was_exported_with_a_very_long_name_" * 3 + "x" * 120 + ".mp4")
    notice = ExportNotice(out)
    qtbot.addWidget(notice)
    notice.show()
    qtbot.waitExposed(notice)
    screen = notice.screen().availableGeometry()
    assert notice.minimumWidth() >= 420 and notice.width() <= screen.width()
    for label, whole in ((notice.message, out.name), (notice.where, str(out.parent))):
        assert whole in shown(label)  # not elided: all of it
        assert _shown_whole(label), f"cut off: {label.text()!r}"
