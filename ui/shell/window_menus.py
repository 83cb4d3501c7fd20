"""The main window's actions and menus, and the dialogs and views they open: what File, Edit and View do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QDockWidget, QHBoxLayout, QLabel, QMainWindow, QMenu, QToolButton

from app.film.shot_timing import shot_seconds
from app.project.project import Project
from app.settings.user_settings import UserSettings, save_settings
from ui.editing.project_session import ProjectSession
from ui.editing.undo_commands import EditSettingsCommand
from ui.files.file_actions import FileActions
from ui.files.recent_menu import fill_recent_menu
from ui.timeline.shot_actions import ShotActions
from ui.timeline.timeline_view import TimelineView
from ui.widgets.dialogs import Dialogs
from ui.widgets.theme import apply_theme

if TYPE_CHECKING:  # built with the window's parts, after its first paint
    from ui.chrome.window_chrome import WindowChrome
    from ui.review.review_wiring import ReviewWiring
    from ui.start.start_wiring import StartWiring


class WindowMenus(QMainWindow):
    """The File, Edit, View and Help menus over the window's actions, and what those actions open."""

    # What the menus act on, set by MainWindow: the frame's parts first, the rest once built.
    session: ProjectSession
    undo_stack: QUndoStack
    settings: UserSettings
    dialogs: Dialogs
    files: FileActions
    shots: ShotActions
    timeline: TimelineView
    timeline_buttons: QHBoxLayout
    inspector_dock: QDockWidget
    queue_dock: QDockWidget
    presets_dock: QDockWidget
    file_menu: QMenu
    view_menu: QMenu
    help_menu: QMenu
    recent_menu: QMenu
    chrome: WindowChrome
    start: StartWiring
    review: ReviewWiring

    @property
    def project(self) -> Project:
        return self.session.project

    def _action(self, text: str, slot, shortcut=None, tip: str = "", timeline_only: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text)
        action.setStatusTip(tip or text)
        action.triggered.connect(lambda checked=False: slot())
        if timeline_only:
            # Keys like Delete belong to text fields when they have focus; these act on the timeline.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.timeline.addAction(action)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        f = self.files
        self.act_new = self._action(self.tr("&New"), f.new, K.New, self.tr("Start a new project"))
        self.act_open = self._action(self.tr("&Open…"), f.open, K.Open, self.tr("Open a project file"))
        self.act_save = self._action(self.tr("&Save"), f.save, K.Save, self.tr("Save the project"))
        self.act_save_as = self._action(
            self.tr("Save &As…"), f.save_as, K.SaveAs, self.tr("Save under a new name, with its media")
        )
        self.act_close = self._action(self.tr("&Close"), f.close, K.Close, self.tr("Close the project"))
        self.act_quit = self._action(self.tr("&Quit"), self.close, K.Quit, self.tr("Quit Storyreel"))
        self.act_import_list = self._action(
            self.tr("Import Shot &List…"),
            f.import_shot_list,
            None,
            self.tr("Add shots from a .txt (one prompt per line) or .csv file"),
        )
        self.act_import_videos = self._action(
            self.tr("Import &Videos…"),
            f.import_videos_dialog,
            None,
            self.tr("Add video files as shots with an imported take"),
        )
        self.act_settings = self._action(
            self.tr("Project &Settings…"),
            self.edit_project_settings,
            None,
            self.tr("Name, size, frame rate, model and default generation settings"),
        )
        self.act_export = self._action(
            self.tr("&Export…"),
            self.export_film,
            "Ctrl+E",
            self.tr("Export the film as MP4, WebM, ProRes, GIF or PNG frames"),
        )
        self.act_export_timeline = self._action(
            self.tr("Export &Timeline…"),
            self.export_timeline,
            None,
            self.tr("Write the timeline for an editor: OpenTimelineIO, Final Cut Pro X or EDL"),
        )
        self.act_import_timeline = self._action(
            self.tr("Import Edited T&imeline…"),
            self.import_timeline,
            None,
            self.tr("Bring back the order and trims of an .otio edited in another editor"),
        )
        self.act_undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.act_undo.setShortcut(QKeySequence(K.Undo))
        self.act_redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        # The platform's Redo keys already hold Ctrl+Shift+Z on Linux: listing it again made it
        # ambiguous (neither fired). Ctrl+Y is added where the platform lacks it, each key once.
        redo_keys = QKeySequence.keyBindings(K.Redo) + [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
        self.act_redo.setShortcuts(list(dict.fromkeys(redo_keys)))
        sa = self.shots
        self.act_add = self._action(
            self.tr("&Add Shot"), sa.add_shot, "Ctrl+Shift+N", self.tr("Add a new shot after the selection")
        )
        self.act_duplicate = self._action(
            self.tr("D&uplicate"),
            sa.duplicate_selected,
            "Ctrl+D",
            self.tr("Duplicate the selected shots"),
            timeline_only=True,
        )
        self.act_delete = self._action(
            self.tr("&Delete"),
            sa.delete_selected,
            K.Delete,
            self.tr("Delete the selected shots"),
            timeline_only=True,
        )
        self.act_earlier = self._action(
            self.tr("Move &Earlier"),
            lambda: sa.move_selection(-1),
            "Alt+Left",
            self.tr("Move the selected shots one place earlier"),
            timeline_only=True,
        )
        self.act_later = self._action(
            self.tr("Move &Later"),
            lambda: sa.move_selection(1),
            "Alt+Right",
            self.tr("Move the selected shots one place later"),
            timeline_only=True,
        )
        self.act_select_all = self._action(
            self.tr("Select &All Shots"), self.timeline.selectAll, None, self.tr("Select every shot")
        )
        self.act_prefs = self._action(
            self.tr("&Preferences…"), self.edit_preferences, K.Preferences, self.tr("Autosave interval")
        )
        self.act_zoom_in = self._action(
            self.tr("Zoom &In"), lambda: self.zoom(1.25), K.ZoomIn, self.tr("Wider cards (Ctrl+wheel)")
        )
        self.act_zoom_out = self._action(
            self.tr("Zoom &Out"), lambda: self.zoom(0.8), K.ZoomOut, self.tr("Narrower cards")
        )
        self.act_zoom_fit = self._action(
            self.tr("Zoom to &Fit"), self.zoom_to_fit, "Ctrl+0", self.tr("Fit the whole film in the timeline")
        )
        self.act_about = self._action(
            self.tr("&About Storyreel"), lambda: self.chrome.about(), None, self.tr("About Storyreel")
        )
        for action in (self.act_add, self.act_duplicate, self.act_delete):  # icons: ui/chrome
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.timeline_buttons.addWidget(button)
        self.timeline_buttons.addStretch(1)
        hint = QLabel(self.tr("Drag cards to reorder · drop videos or a .reel here · Ctrl+wheel to zoom"))
        hint.setEnabled(False)
        hint.setMinimumWidth(1)  # a hint, not a reason to squeeze the docks: it gives way first
        self.timeline_buttons.addWidget(hint)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(
            lambda: fill_recent_menu(self.recent_menu, self.settings.recent_files, self.files.open_path)
        )
        file_menu.addSeparator()
        file_menu.addActions([self.act_save, self.act_save_as])
        file_menu.addSeparator()
        file_menu.addActions([self.act_import_list, self.act_import_videos])
        file_menu.addAction(self.act_export)
        file_menu.addActions([self.act_export_timeline, self.act_import_timeline])
        file_menu.addSeparator()
        file_menu.addAction(self.act_settings)
        file_menu.addSeparator()
        file_menu.addActions([self.act_close, self.act_quit])
        edit = bar.addMenu(self.tr("&Edit"))
        edit.addActions([self.act_undo, self.act_redo])
        edit.addSeparator()
        edit.addActions(
            [
                self.act_add,
                self.act_duplicate,
                self.act_delete,
                self.act_earlier,
                self.act_later,
                self.act_select_all,
            ]
        )
        edit.addSeparator()
        edit.addAction(self.act_prefs)
        view = self.view_menu = bar.addMenu(self.tr("&View"))
        view.addActions(
            [
                self.inspector_dock.toggleViewAction(),
                self.queue_dock.toggleViewAction(),
                self.presets_dock.toggleViewAction(),
            ]
        )
        view.addSeparator()
        view.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_fit])
        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.act_about)

    def zoom(self, factor: float) -> None:
        self.timeline.set_pixels_per_second(self.timeline.pixels_per_second * factor)

    def zoom_to_fit(self, readable: bool = False) -> None:
        """Fit the whole film in the timeline; `readable` keeps card widths readable (a new film)."""
        total = sum(shot_seconds(self.project, s) for s in self.project.shots)
        if total > 0:
            fit = (self.timeline.viewport().width() - 8) / total
            self.timeline.set_pixels_per_second(max(48.0, min(fit, 240.0)) if readable else fit)

    def export_film(self) -> None:
        from ui.export.export_dialog import ask_and_export

        ask_and_export(self.project, self.timeline.selected_ids(), self.dialogs, self.statusBar(), self)

    def export_timeline(self) -> None:
        from ui.export.timeline_handoff import export_timeline

        export_timeline(self.project, self.dialogs, self.statusBar())

    def import_timeline(self) -> None:
        from ui.export.timeline_handoff import import_timeline

        import_timeline(self.project, self.undo_stack, self.dialogs, self.statusBar())

    def edit_project_settings(self) -> None:
        from ui.preferences.project_settings_dialog import ProjectSettingsDialog

        dialog = ProjectSettingsDialog(self.project.settings, self, self.settings, self.edit_preferences)
        if dialog.exec():
            self.apply_project_settings(dialog.changes())

    def apply_project_settings(self, changes: dict) -> None:
        if changes:
            self.undo_stack.push(EditSettingsCommand(self.project, changes))  # the title follows the step

    def edit_preferences(self) -> None:
        from ui.preferences.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self, self.project.settings.model)
        if dialog.exec():
            dialog.apply(self.settings)
            self.apply_preferences()

    def apply_preferences(self) -> None:
        self.files.set_autosave_interval(self.settings.autosave_seconds)
        apply_theme(QApplication.instance(), self.settings.theme)
        self.start.update_model()
        self.review.settings_changed()
        self.save_settings()

    def save_settings(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as exc:
            self.statusBar().showMessage(self.tr("Settings not saved: {0}").format(exc), 8000)
