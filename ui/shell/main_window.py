"""MainWindow: preview player, shot timeline, inspector and queue docks, menus and status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.film.shot_timing import film_seconds, shot_seconds
from app.paths.resources import resource_path
from app.project.project import Project
from app.settings.user_settings import UserSettings, load_settings, save_settings
from ui.cast.cast_wiring import CastWiring
from ui.chrome.window_chrome import WindowChrome
from ui.continuity.continuity_wiring import ContinuityWiring
from ui.directing.direction_actions import DirectionActions
from ui.editing.project_session import ProjectSession
from ui.editing.undo_commands import EditSettingsCommand
from ui.files.file_actions import FileActions
from ui.files.recent_menu import fill_recent_menu
from ui.finishing.finishing_wiring import FinishingWiring
from ui.finishing.track_rows import TrackRows
from ui.generation.generation_actions import GenerationController
from ui.generation.outdated_action import install_regenerate_outdated
from ui.generation.undone_failures import UndoneFailures
from ui.inspector.inspector import Inspector
from ui.presets.presets_panel import PresetsPanel
from ui.preview.playback_actions import playback_actions
from ui.preview.preview_player import PreviewPlayer
from ui.review.review_wiring import ReviewWiring
from ui.runtime import gui_garbage
from ui.shell import window_layout
from ui.start.start_wiring import StartWiring
from ui.storyboard.long_task import LongTask
from ui.storyboard.storyboard_wiring import StoryboardWiring
from ui.timeline.shot_actions import ShotActions
from ui.timeline.time_ruler import TimeRuler
from ui.timeline.timeline_model import TimelineModel, refusal_message
from ui.timeline.timeline_view import TimelineView
from ui.widgets.dialogs import Dialogs
from ui.widgets.labels import format_time
from ui.widgets.theme import apply_theme
from ui.widgets.thumbnails import ThumbnailCache

APP_TITLE = "Storyreel"
SETTLE_AFTER_MS = 1000  # after a film is shown: its objects are taken as long-lived (ui/gui_garbage)


class MainWindow(QMainWindow):
    """One project at a time; every edit goes through undo_stack."""

    def __init__(
        self,
        project: Project | None = None,
        dialogs: Dialogs | None = None,
        settings: UserSettings | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.setWindowIcon(QIcon(str(resource_path("icons", "storyreel.svg"))))
        self.dialogs = dialogs or Dialogs(self)
        self.settings = settings or load_settings()
        self.session = ProjectSession(project or Project(), self)
        self.undo_stack = self.session.undo_stack
        self.thumbnails = ThumbnailCache(self, max_bytes=self.settings.thumbnail_cache_mb << 20)
        self.files = FileActions(self.session, self.dialogs, self.settings, self.statusBar(), self)
        self.undone_failures = UndoneFailures(self.session)
        self._build_central()
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self.session.projectChanged.connect(self._show_project)  # first: the controllers follow
        self._build_generation()
        self.status_summary = QLabel()
        self.statusBar().addPermanentWidget(self.status_summary)
        # The film's length times every shot (O(N)): once per burst of edits, and after the first paint.
        self._summary_timer = QTimer(self)
        self._summary_timer.setSingleShot(True)
        self._summary_timer.timeout.connect(self._update_summary)
        self._follow_timer = QTimer(self)  # the panels follow a selection made by key or click
        self._follow_timer.setSingleShot(True)
        # A frame later, so the highlight's paint and the panels' filling are two stalls, not one.
        self._follow_timer.setInterval(16)
        self._follow_timer.timeout.connect(self._follow_staged)
        self._rest_timer = QTimer(self)  # then the preview and presets, in a turn of their own
        self._rest_timer.setSingleShot(True)
        self._rest_timer.setInterval(0)
        self._rest_timer.timeout.connect(self._follow_rest)
        # Once the film is open and drawn, its objects are left out of full garbage passes (35-45 ms
        # at 2,000 shots, a visible stall each time); a second later, so opening never waits for it.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_AFTER_MS)
        self._settle.timeout.connect(gui_garbage.settle)
        self.start = StartWiring(  # the start page and the model line
            self, self.settings, self.dialogs, self.thumbnails, self.files, self.generation, self.act_close
        )
        self.continuity = ContinuityWiring(  # shot images from files, drops and preview frames
            self,
            self.dialogs,
            self.files,
            self.timeline,
            self.inspector.images,
            self.preview,
            self.view_menu,
        )
        # The Cast dock; keyframes pinned in the inspector or from the preview.
        self.cast = CastWiring(
            self, self.files, self.inspector, self.preview, self.view_menu, self.inspector_dock
        )
        self.storyboard = StoryboardWiring(  # New From Script, Enhance, the storyboard grid
            self,
            self.files,
            self.settings,
            self.timeline,
            self.inspector,
            self.thumbnails,
            (self.file_menu, self.generate_menu, self.view_menu),
            self.generation,
        )
        self.finishing = FinishingWiring(  # editing the title and sound rows, voice-over, music
            self,
            self.session,
            self.track_rows,
            self.dialogs,
            self.settings,
            self.timeline.selected_ids,
            LongTask(self, self.dialogs),
        )
        self.review = ReviewWiring.install(self)  # score columns, card scores, safety veil, best-of-N, report
        self.chrome = WindowChrome(self, self)  # toolbar, icons, Help, full-screen preview, J/K/L
        for signal in (self.session.dirtyChanged, self.session.saved):
            signal.connect(self.update_title)
        self.files.shotsAdded.connect(self.timeline.select_ids)
        self.files.settingsChanged.connect(self.save_settings)
        self.undo_stack.indexChanged.connect(self._after_edit)
        self.project.subscribe(self._on_project_event)
        self._shown = self.project  # the project this window's views subscribe to
        self._shown_once = False
        self.resize(1440, 900)
        self.restore_layout()
        self.update_title()
        self._summary_timer.start(0)
        self._update_actions()

    @property
    def project(self) -> Project:
        return self.session.project

    # -- construction -------------------------------------------------------------------
    def _build_central(self) -> None:
        self.model = TimelineModel(self.project, self)
        self.timeline = TimelineView(self.thumbnails)
        self.timeline.setModel(self.model)
        self.ruler = TimeRuler(self.timeline)
        self.shots = ShotActions(self.session, self.undo_stack, self.timeline, self)
        self.model.shotsDropped.connect(self.shots.move_shots_to)
        self.model.videosDropped.connect(self.files.import_videos)
        self.model.projectDropped.connect(
            lambda path: QTimer.singleShot(0, lambda: self.files.open_path(path))
        )
        self.model.filesRefused.connect(
            lambda paths: self.dialogs.error(self.tr("Not added to the timeline"), refusal_message(paths))
        )
        self.timeline.selectionModel().selectionChanged.connect(self._selection_changed)
        self.timeline.moveRequested.connect(self.shots.move_selection)
        self.timeline.deleteRequested.connect(self.shots.delete_selected)
        self.timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.timeline.customContextMenuRequested.connect(self.show_timeline_menu)

        self.preview = PreviewPlayer(self.project)
        self.preview.setMinimumHeight(160)

        self.timeline_panel = QWidget()
        self.timeline_panel.setObjectName("TimelinePanel")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        self.timeline_buttons = bar
        column = QVBoxLayout(self.timeline_panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(bar)
        column.addWidget(self.ruler)
        column.addWidget(self.timeline)
        self.track_rows = TrackRows(self.ruler, self.project)
        column.addWidget(self.track_rows)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("CentralSplitter")
        self.splitter.addWidget(self.preview)
        self.splitter.addWidget(self.timeline_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([520, 260])
        # In a stack from the start: the start page joins it when first shown (StartWiring), and the
        # strip is parented and laid out once.
        stack = QStackedWidget()
        stack.addWidget(self.splitter)
        self.setCentralWidget(stack)

    def _build_docks(self) -> None:
        self.inspector = Inspector(self.project, self.undo_stack, self.thumbnails)
        self.inspector.setMinimumWidth(400)  # its form, without a horizontal scroll bar
        self.inspector_dock = QDockWidget(self.tr("Inspector"), self)
        self.inspector_dock.setObjectName("InspectorDock")
        self.inspector_dock.setWidget(self.inspector)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        self.queue_dock = QDockWidget(self.tr("Queue"), self)
        self.queue_dock.setObjectName("QueueDock")
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.queue_dock)
        self.presets_panel = PresetsPanel(
            self.project, self.undo_stack, self.timeline.selected_ids, self.dialogs
        )
        self.presets_dock = QDockWidget(self.tr("Presets"), self)
        self.presets_dock.setObjectName("PresetsDock")
        self.presets_dock.setWidget(self.presets_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.presets_dock)
        self.tabifyDockWidget(self.inspector_dock, self.presets_dock)
        self.inspector_dock.raise_()

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
        self.shots.shotAdded.connect(lambda shot_id: self.inspector.prompt.setFocus())

    def _build_generation(self) -> None:
        """The queue and its menu; the preview's playhead, seeks and keys."""
        g = self.generation = GenerationController(
            self.session,
            self.settings,
            self.dialogs,
            self.statusBar(),
            self.files.save_as,
            self.timeline.selected_ids,
            self,
        )
        g.jobStatesChanged.connect(self.model.set_job_states)
        g.takeArrived.connect(lambda shot_id, take: self.timeline.viewport().update())
        g.fill_menu(menu := QMenu(self.tr("&Generate"), self))
        self.generate_menu = menu
        self.act_regenerate_outdated = install_regenerate_outdated(g, menu)
        self.menuBar().insertMenu(self.menuBar().actions()[-1], menu)  # before Help
        self.queue_dock.setWidget(g.dock)
        player = self.preview
        player.positionChanged.connect(self.ruler.set_playhead)
        player.shotRequested.connect(lambda shot_id: self.timeline.select_ids([shot_id]))
        self.ruler.seekRequested.connect(player.seek_time)
        self.act_play, self.act_film = playback_actions(player, self)
        self.addAction(self.act_play)
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.act_play, self.act_film])
        self.view_menu.addActions([player.control_overlay.action, player.mask_bar.action])
        self.directing = DirectionActions(g, player.mask_bar, self.timeline.selected_ids, self)
        menu.addAction(self.directing.act_extend)

    # -- the project --------------------------------------------------------------------
    def _show_project(self, project: Project) -> None:
        """The session shows another project: every view follows (the queue follows by itself)."""
        self._shown.unsubscribe(self._on_project_event)
        self.thumbnails.clear()
        self.model.set_project(project)
        self.inspector.set_project(project)
        self.presets_panel.set_project(project)
        self.preview.set_project(project)
        self.track_rows.set_project(project)
        project.subscribe(self._on_project_event)
        self._shown = project
        if project.shots:
            self.timeline.select_ids([project.shots[0].id])
        self.update_title()
        self._summary_timer.start(0)
        QTimer.singleShot(0, lambda: self.zoom_to_fit(readable=True))
        self._settle_soon()

    def _settle_soon(self) -> None:
        """Take the shown film's objects as long-lived in a second (ui/gui_garbage.settle), where a
        collector runs: the app, not a test's window (its timer would outlive the short test)."""
        if gui_garbage.running():
            self._settle.start()

    def _on_project_event(self, event: str, details: dict) -> None:
        self._summary_timer.start(0)
        if event == "settings_changed" and {"fps", "width", "height"} & set(details.get("fields") or ()):
            QTimer.singleShot(0, lambda: self.zoom_to_fit(readable=True))  # card widths follow the rate

    def _after_edit(self, *args: object) -> None:
        self.update_title()
        self._update_actions()

    def update_title(self, *args: object) -> None:
        name = self.project.settings.name
        where = f" ({self.project.path})" if self.project.path else ""
        self.setWindowTitle(f"{name}[*]{where} — {APP_TITLE}")
        self.setWindowModified(self.session.is_dirty())

    def _update_summary(self) -> None:
        p = self.project
        total = film_seconds(p)
        s = p.settings
        self.status_summary.setText(
            self.tr("{0} shots · {1} · {2}×{3} @ {4} fps").format(
                len(p.shots), format_time(total), s.width, s.height, s.fps
            )
        )

    # -- selection and timeline edits ---------------------------------------------------
    def _selection_changed(self, *args: object) -> None:
        self._update_actions()
        if self.timeline.selecting_by_input:
            # A key or click: the highlight is painted in this turn, the panels follow in the next
            # (one frame later, at most once a frame), for where the selection is by then.
            if not self._follow_timer.isActive():
                self._follow_timer.start()
        else:
            self._follow_selection()

    def _follow_selection(self) -> None:
        """The inspector, presets, preview and generate actions show the selection, at once."""
        self._follow_inspector()
        self._follow_rest()

    def _follow_staged(self) -> None:
        """After a key or click: the inspector now, the rest in the next turn, so the inspector's
        repaint and the preview's are two short stalls, not one long one (each 3-5 ms of CPU at 2,000
        shots)."""
        self._follow_inspector()
        self._rest_timer.start()

    def _follow_inspector(self) -> None:
        self._follow_timer.stop()
        ids = self.timeline.selected_ids()
        self.inspector.set_shot(ids[0] if len(ids) == 1 else None, len(ids))

    def _follow_rest(self) -> None:
        """The presets, preview and generate actions show the selection (after the inspector)."""
        self._rest_timer.stop()
        ids = self.timeline.selected_ids()
        shot = self.project.shot(ids[0]) if ids else None
        self.presets_panel.set_shot(
            shot.id if shot else None, self.thumbnails.get(self.project, shot.active) if shot else None
        )
        self.preview.set_shot(ids[0] if len(ids) == 1 else None)
        self.generation.update_actions()

    def _update_actions(self) -> None:
        has = bool(self.timeline.selected_ids())
        for action in (self.act_duplicate, self.act_delete, self.act_earlier, self.act_later):
            action.setEnabled(has)

    def zoom(self, factor: float) -> None:
        self.timeline.set_pixels_per_second(self.timeline.pixels_per_second * factor)

    def zoom_to_fit(self, readable: bool = False) -> None:
        """Fit the whole film in the timeline; `readable` keeps card widths readable (a new film)."""
        total = sum(shot_seconds(self.project, s) for s in self.project.shots)
        if total > 0:
            fit = (self.timeline.viewport().width() - 8) / total
            self.timeline.set_pixels_per_second(max(48.0, min(fit, 240.0)) if readable else fit)

    def show_timeline_menu(self, pos) -> None:
        """Right-click on the timeline: transitions of the shots under and in the selection."""
        from ui.timeline.transition_menu import transition_menu

        index = self.timeline.indexAt(pos)
        if index.isValid() and not self.timeline.selectionModel().isSelected(index):
            self.timeline.select_ids([self.model.shot_id(index.row())])
        menu = transition_menu(self.project, self.undo_stack, self.timeline.selected_ids(), self)
        self.generation.add_to_menu(menu)
        menu.exec(self.timeline.viewport().mapToGlobal(pos))

    # -- dialogs ------------------------------------------------------------------------
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
            self.undo_stack.push(EditSettingsCommand(self.project, changes))
            self.update_title()

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

    # -- settings and closing -----------------------------------------------------------
    def save_settings(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as exc:
            self.statusBar().showMessage(self.tr("Settings not saved: {0}").format(exc), 8000)

    def store_layout(self) -> None:
        self.settings.window = window_layout.store_layout(
            self, self.splitter, self.timeline.pixels_per_second
        )

    def restore_layout(self) -> None:
        if (zoom := window_layout.restore_layout(self, self.splitter, self.settings.window)) is not None:
            self.timeline.set_pixels_per_second(zoom)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self._settle_soon()
            if "state" not in self.settings.window:
                window_layout.first_run_layout(self, self.splitter, self.inspector_dock, self.queue_dock)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.files.stop_autosave()
        # No timer of a closed window stays registered: were the window freed later on another thread
        # (a worker dropping its last reference), Qt would fire it on freed memory.
        self._settle.stop()
        self._follow_timer.stop()
        self._rest_timer.stop()
        self._summary_timer.stop()
        self.chrome.shutdown()  # the viewer back in its place before the layout is stored
        self.store_layout()
        self.save_settings()
        self.files.wait()
        self.preview.shutdown()
        self.directing.shutdown()  # a take being planned is waited for; it is not queued
        self.storyboard.shutdown()  # a running model call is cancelled, the sketch model unloaded
        self.finishing.shutdown()  # a voice or music run cancelled, a sound import finished
        self.generation.shutdown()  # cancels the running job; pending ones were saved with the project
        self.thumbnails.shutdown()
        self.presets_panel.icons.shutdown()
        self.start.shutdown()  # a demo model being built is finished, not cut in half; a model check too
        # Saved, discarded or clean: a clean quit leaves no recovery to offer at the next start.
        self.files.discard_recovery()
        event.accept()
