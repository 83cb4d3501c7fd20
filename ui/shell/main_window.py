"""MainWindow: the film's strip, menus and docks first, then the preview, inspector, queue and the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.film.shot_timing import film_seconds
from app.paths.resources import resource_path
from app.project.project import Project
from app.settings.user_settings import UserSettings, load_settings
from ui.chrome.frame_chrome import frame_chrome
from ui.editing.project_session import ProjectSession
from ui.files.file_actions import FileActions
from ui.finishing.track_rows import TrackRows
from ui.runtime import gui_garbage
from ui.runtime.first_paint import AfterFirstPaint
from ui.shell import window_layout
from ui.shell.window_menus import WindowMenus
from ui.timeline.shot_actions import ShotActions
from ui.timeline.time_ruler import TimeRuler
from ui.timeline.timeline_model import TimelineModel, refusal_message
from ui.timeline.timeline_view import TimelineView
from ui.widgets.dialogs import Dialogs
from ui.widgets.labels import format_time
from ui.widgets.thumbnails import ThumbnailCache

if TYPE_CHECKING:  # the parts: imported where they are built (build_parts), after the film is shown
    from PySide6.QtGui import QAction

    from ui.cast.cast_wiring import CastWiring
    from ui.continuity.continuity_wiring import ContinuityWiring
    from ui.directing.direction_actions import DirectionActions
    from ui.finishing.finishing_wiring import FinishingWiring
    from ui.generation.generation_actions import GenerationController
    from ui.generation.undone_failures import UndoneFailures
    from ui.inspector.inspector import Inspector
    from ui.presets.presets_panel import PresetsPanel
    from ui.preview.preview_player import PreviewPlayer
    from ui.storyboard.storyboard_wiring import StoryboardWiring

APP_TITLE = "Storyreel"
SETTLE_AFTER_MS = 1000  # after a film is shown: its objects are taken as long-lived (ui/runtime/gui_garbage)
PARTS_AT_LATEST_MS = 250  # a window opened on a film builds its parts then, even if its strip never paints
PREVIEW_MIN_HEIGHT = 160
PREVIEW_STRETCH, STRIP_STRETCH = 3, 2  # the window's spare height: the preview takes most


class MainWindow(WindowMenus):
    """One project at a time; every edit goes through undo_stack.

    Built in two steps. The frame: the film's strip (timeline, ruler, title and sound rows), the menus,
    actions and toolbar, and the docks, empty. Then the parts: the preview, inspector, presets and
    queue, and what wires them. A window opened on a film (`parts_later`) paints the film after its
    frame, and builds its parts in the turn after that paint; otherwise both at once.
    """

    undone_failures: UndoneFailures
    preview: PreviewPlayer
    inspector: Inspector
    presets_panel: PresetsPanel
    generation: GenerationController
    act_regenerate_outdated: QAction
    act_play: QAction
    act_film: QAction
    directing: DirectionActions
    continuity: ContinuityWiring
    cast: CastWiring
    storyboard: StoryboardWiring
    finishing: FinishingWiring

    def __init__(
        self,
        project: Project | None = None,
        dialogs: Dialogs | None = None,
        settings: UserSettings | None = None,
        parts_later: bool = False,
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
        self.parts_built = False
        self._parts_watch: AfterFirstPaint | None = None
        self._build_central()
        self._build_dock_frames()
        self._build_actions()
        self.toolbar = frame_chrome(self, self)  # the parts' groups join it: its height never changes
        self._build_menus()
        self.generate_menu = QMenu(self.tr("&Generate"), self)  # filled by the queue's controller
        self.menuBar().insertMenu(self.help_menu.menuAction(), self.generate_menu)
        self.session.projectChanged.connect(self._show_project)  # first: the controllers follow
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
        for signal in (self.session.dirtyChanged, self.session.saved):
            signal.connect(self.update_title)
        self.files.shotsAdded.connect(self.timeline.select_ids)
        self.files.settingsChanged.connect(self.save_settings)
        self.undo_stack.indexChanged.connect(self._after_edit)
        self.project.subscribe(self._on_project_event)
        self._shown = self.project  # the project this window's views subscribe to
        self._shown_once = False
        if not parts_later:
            self.build_parts()
        self.resize(1440, 900)
        self.restore_layout()
        self.update_title()
        self._summary_timer.start(0)
        self._update_actions()

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
        preview_room = QWidget()  # the preview's place until it is built (build_parts)
        preview_room.setMinimumHeight(PREVIEW_MIN_HEIGHT)
        self.splitter.addWidget(preview_room)
        self.splitter.addWidget(self.timeline_panel)
        self.splitter.setStretchFactor(0, PREVIEW_STRETCH)
        self.splitter.setStretchFactor(1, STRIP_STRETCH)
        self.splitter.setSizes([520, 260])
        # In a stack from the start: the start page joins it when first shown (StartWiring), and the
        # strip is parented and laid out once.
        stack = QStackedWidget()
        stack.addWidget(self.splitter)
        self.setCentralWidget(stack)

    def _dock(self, title: str, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState keys its place by it
        self.addDockWidget(area, dock)
        return dock

    def _build_dock_frames(self) -> None:
        """The three docks, empty: the layout is restored around them before their parts exist."""
        right, left = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea
        self.inspector_dock = self._dock(self.tr("Inspector"), "InspectorDock", right)
        self.queue_dock = self._dock(self.tr("Queue"), "QueueDock", left)
        self.presets_dock = self._dock(self.tr("Presets"), "PresetsDock", right)
        self.tabifyDockWidget(self.inspector_dock, self.presets_dock)
        self.inspector_dock.raise_()

    def build_parts_after_paint(self) -> None:
        """Build the parts in the turn after the strip's next paint (a shown window just opened on a film)."""
        if self.parts_built or self._parts_watch is not None:
            return
        if not self.isVisible():
            self.build_parts()
            return
        self._parts_watch = AfterFirstPaint(self.timeline.viewport(), self.build_parts, PARTS_AT_LATEST_MS)

    def build_parts(self) -> None:
        """The preview, inspector, presets and queue, and the wiring between them and the frame."""
        if self.parts_built:
            return
        # Imported here: a window opened on a film paints it before these modules are loaded.
        from ui.cast.cast_wiring import CastWiring
        from ui.chrome.window_chrome import WindowChrome
        from ui.continuity.continuity_wiring import ContinuityWiring
        from ui.finishing.finishing_wiring import FinishingWiring
        from ui.generation.undone_failures import UndoneFailures
        from ui.inspector.inspector import Inspector
        from ui.presets.presets_panel import PresetsPanel
        from ui.preview.preview_player import PreviewPlayer
        from ui.review.review_wiring import ReviewWiring
        from ui.start.start_wiring import StartWiring
        from ui.storyboard.long_task import LongTask
        from ui.storyboard.storyboard_wiring import StoryboardWiring

        self.undone_failures = UndoneFailures(self.session)
        self.preview = PreviewPlayer(self.project)
        self.preview.setMinimumHeight(PREVIEW_MIN_HEIGHT)
        room = self.splitter.replaceWidget(0, self.preview)
        if room is not None:
            room.deleteLater()
        self.splitter.setStretchFactor(0, PREVIEW_STRETCH)  # a stretch is the widget's, not its place's
        self.inspector = Inspector(self.project, self.undo_stack, self.thumbnails)
        self.inspector.setMinimumWidth(400)  # its form, without a horizontal scroll bar
        self.inspector_dock.setWidget(self.inspector)
        self.presets_panel = PresetsPanel(
            self.project, self.undo_stack, self.timeline.selected_ids, self.dialogs
        )
        self.presets_dock.setWidget(self.presets_panel)
        self.shots.shotAdded.connect(lambda shot_id: self.inspector.prompt.setFocus())
        self._build_generation()
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
        self.parts_built = True
        if self._parts_watch is not None:  # built by it, or before it saw a paint: its timer goes too
            self._parts_watch.cancel()
            self._parts_watch = None
        if self._shown_once:  # built after the frame was shown: the parts and the docks they added
            window_layout.restore_layout(self, self.splitter, self.settings.window)  # (the zoom stays)
            if "state" not in self.settings.window:
                self._first_run_layout()  # the same, unless the queue's columns need more width
        self._follow_selection()
        self._update_actions()

    def _build_generation(self) -> None:
        """The queue and its menu; the preview's playhead, seeks and keys."""
        from ui.directing.direction_actions import DirectionActions
        from ui.generation.generation_actions import GenerationController
        from ui.generation.outdated_action import install_regenerate_outdated
        from ui.preview.playback_actions import playback_actions

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
        menu = self.generate_menu
        g.fill_menu(menu)
        self.act_regenerate_outdated = install_regenerate_outdated(g, menu)
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
        self.track_rows.set_project(project)
        if self.parts_built:  # otherwise they are built on this project
            self.inspector.set_project(project)
            self.presets_panel.set_project(project)
            self.preview.set_project(project)
        project.subscribe(self._on_project_event)
        self._shown = project
        if project.shots:
            self.timeline.select_ids([project.shots[0].id])
        self.update_title()
        self._summary_timer.start(0)
        QTimer.singleShot(0, lambda: self.zoom_to_fit(readable=True))
        self._settle_soon()

    def _settle_soon(self) -> None:
        """Take the shown film's objects as long-lived in a second (ui/runtime/gui_garbage.settle), where a
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
        if not self.parts_built:
            return  # the panels follow the selection once they are built
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

    def show_timeline_menu(self, pos) -> None:
        """Right-click on the timeline: transitions of the shots under and in the selection."""
        from ui.timeline.transition_menu import transition_menu

        index = self.timeline.indexAt(pos)
        if index.isValid() and not self.timeline.selectionModel().isSelected(index):
            self.timeline.select_ids([self.model.shot_id(index.row())])
        menu = transition_menu(self.project, self.undo_stack, self.timeline.selected_ids(), self)
        if self.parts_built:
            self.generation.add_to_menu(menu)
        menu.exec(self.timeline.viewport().mapToGlobal(pos))

    # -- layout and closing -------------------------------------------------------------
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
                self._first_run_layout()

    def _first_run_layout(self) -> None:
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
        if self._parts_watch is not None:
            self._parts_watch.cancel()
            self._parts_watch = None
        if self.parts_built:
            self.chrome.shutdown()  # the viewer back in its place before the layout is stored
        self.store_layout()
        self.save_settings()
        self.files.wait()
        if self.parts_built:
            self.preview.shutdown()
            self.directing.shutdown()  # a take being planned is waited for; it is not queued
            self.storyboard.shutdown()  # a running model call is cancelled, the sketch model unloaded
            self.finishing.shutdown()  # a voice or music run cancelled, a sound import finished
            self.generation.shutdown()  # cancels the running job; pending ones were saved with the project
            self.presets_panel.shutdown()
            self.start.shutdown()  # a demo model being built is finished, not cut in half; a model check too
        self.thumbnails.shutdown()
        # Saved, discarded or clean: a clean quit leaves no recovery to offer at the next start.
        self.files.discard_recovery()
        event.accept()
