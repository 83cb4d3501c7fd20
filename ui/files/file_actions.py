"""The project's life in the window: new, open, recent, save, save as, close, autosave and recovery."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from app.generation.take_recovery import recover_after_crash
from app.project import recovery
from app.project.film_lock import FilmLock, FilmLocked
from app.project.film_summary import remember, summarize
from app.project.media_paths import UnsafePath
from app.project.project import Project
from app.project.project_copy import FrozenProject
from app.project.reel_file import (
    PROJECT_SUFFIX,
    ProjectChangedOnDisk,
    ProjectError,
    dumps_project,
    load_project,
    save_project,
    save_project_as,
)
from app.project.shot import Shot, Take
from app.project.take_import import shots_from_videos
from app.settings.user_settings import UserSettings
from ui.editing.project_session import ProjectSession, StatusSink
from ui.editing.undo_commands import InsertShotsCommand
from ui.files.backup_offer import offer_backup
from ui.files.new_film import is_untitled, new_film, size_first_film
from ui.widgets.background import BackgroundWorker
from ui.widgets.dialogs import (
    CANCEL,
    OVERWRITE,
    READ_ONLY,
    RELOAD,
    RESTORE,
    SAVE,
    SAVE_AS,
    SHOT_LIST_FILTER,
    VIDEO_FILTER,
    Dialogs,
)

log = logging.getLogger(__name__)


def _take_missing(project: Project, take: Take) -> bool:
    """Whether a saved project's take has no clip we may read (gone, or behind a link out)."""
    try:
        path = project.take_path(take)
    except UnsafePath:
        return True
    return path is not None and not path.exists()


class FileActions(QObject):
    """New, open, save, recovery and imports for a ProjectSession; asks through the dialogs."""

    shotsAdded = Signal(list)  # ids of imported shots, to select
    settingsChanged = Signal()  # the recent files changed: the user settings need writing

    def __init__(
        self,
        session: ProjectSession,
        dialogs: Dialogs,
        settings: UserSettings,
        status: StatusSink,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.dialogs, self.settings, self.status = session, dialogs, settings, status
        self.undo_stack: QUndoStack = session.undo_stack
        self.closing = False  # the window is quitting: nothing more goes into a recovery file
        self._autosaved_index: int | None = None
        self._worker = BackgroundWorker(self, short=True)  # one at a time: a later autosave never lands first
        self._lock: FilmLock | None = None  # the open film's lock, while this window holds it
        self.read_only = False  # opened while another Storyreel has it: Save goes to Save As
        self.autosave_timer = QTimer(self)
        self.autosave_timer.timeout.connect(self.autosave)
        self.set_autosave_interval(settings.autosave_seconds)
        # Takes and queued jobs are not in the undo history: the recovery file is their only copy. One
        # autosave for the changes of one event-loop turn (a take's arrival changes the film twice).
        self._outside_save = QTimer(self)
        self._outside_save.setSingleShot(True)
        self._outside_save.setInterval(0)
        self._outside_save.timeout.connect(self.autosave)
        session.outsideChanged.connect(self._outside_change)

    # -- state --------------------------------------------------------------------------
    @property
    def project(self) -> Project:
        return self.session.project

    def _outside_change(self) -> None:
        self._autosaved_index = None
        self._outside_save.start()

    def _start_dir(self) -> Path | None:
        if self.project.path is not None:
            return self.project.path.parent
        recent = self.settings.recent_files
        return Path(recent[0]).parent if recent else None

    # -- asking before losing work ------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current project (saved, discarded, or clean)."""
        if not self.session.is_dirty():
            return True
        answer = self.dialogs.save_changes(self.project.settings.name)
        if answer == CANCEL:
            return False
        if answer == SAVE:
            return self.save()
        self.discard_recovery()
        return True

    def discard_recovery(self) -> None:
        self._worker.wait()
        recovery.discard_for(self.project.path, self.session.recovery_key())

    def stop_autosave(self) -> None:
        """The window is quitting (its project saved, discarded or clean): autosave no more.

        Jobs cancelled while the window shuts down still report back; that must not write a
        recovery file that the next start would offer after a clean quit.
        """
        self.closing = True
        self.autosave_timer.stop()
        self._outside_save.stop()
        self._hold(None)  # the film's lock goes with the window

    # -- commands -----------------------------------------------------------------------
    def new(self) -> bool:
        if not self.maybe_save():
            return False
        project, notice = new_film(self.settings)
        self.show(project)
        self._hold(None)
        # Stays until the next message (the size is worth reading); none clears the last film's.
        self.status.showMessage(notice)
        return True

    def close(self) -> bool:
        """Close the project, leaving an empty untitled one."""
        return self.new()

    def open(self) -> bool:
        path = self.dialogs.open_path(self._start_dir())
        return self.open_path(path) if path else False

    def open_path(self, path: Path | str, ask: bool = True) -> bool:
        """Open a project file (asking to save the current one first)."""
        path = Path(path)
        if ask and not self.maybe_save():
            return False
        recovered = False
        try:
            project = load_project(path)
        except ProjectError as exc:
            backup = offer_backup(self.dialogs, path, exc.problem)
            if backup is None:
                self.dialogs.error(self.tr("Cannot open project"), str(exc))
                self.settings.remove_recent(path)
                return False
            project, recovered = backup, True  # unsaved until saved over the damaged file
        same = self._lock is not None and self._lock.film == path.resolve()  # a reload keeps its lock
        lock = self._lock if same and self._lock is not None else FilmLock(path, "a window")
        read_only = False
        try:
            if not lock.held:
                lock.acquire()
        except FilmLocked as exc:
            holder = exc.owner.describe() if exc.owner is not None else self.tr("another Storyreel")
            answer = self.dialogs.film_in_use(path.name, holder)
            if answer == CANCEL:
                return False
            read_only = answer == READ_ONLY
        except OSError:  # a folder that cannot hold the lock file (read-only): open unlocked
            log.warning("cannot lock %s", path, exc_info=True)
        if lock.held:
            try:
                recover_after_crash(project)  # stale temp files go, finished unlisted takes come back
            except Exception:  # tidying must never stop a project from opening
                log.exception("tidying %s after a crash failed", path)
        self.show(project, recovered=recovered)
        self.settings.add_recent(project.path or path)
        _remember(project, project.path or path)
        self.settingsChanged.emit()
        self.status.showMessage(self.tr("Opened {0}").format(path), 5000)
        self._hold(lock if lock.held else None, read_only)
        self._offer_recovery_for(project.path)
        return True

    def save(self) -> bool:
        if self.project.path is None or self.read_only:
            return self.save_as()
        try:
            return self._write(lambda: save_project(self.project), quiet=(ProjectChangedOnDisk,))
        except ProjectChangedOnDisk:
            pass
        answer = self.dialogs.changed_on_disk(self.project.path.name)
        if answer == RELOAD:
            self.discard_recovery()
            return self.open_path(self.project.path, ask=False)
        if answer == OVERWRITE:
            return self._write(lambda: save_project(self.project, overwrite=True))
        if answer == SAVE_AS:
            return self.save_as()
        return False

    def _hold(self, lock: FilmLock | None, read_only: bool = False) -> None:
        """Keep the shown film's lock (letting the previous film's go)."""
        if self._lock is not None and self._lock is not lock:
            self._lock.release()
        self._lock, self.read_only = lock, read_only
        if read_only:
            self.status.showMessage(self.tr("Opened read-only: Save asks for a new name"), 10000)

    def save_as(self) -> bool:
        start = self._start_dir()
        suggestion = (start / f"{self.project.settings.name}{PROJECT_SUFFIX}") if start else None
        path = self.dialogs.save_path(suggestion)
        if path is None:
            return False
        old_key = self.session.recovery_key()
        old_path = self.project.path
        old_name = self.project.settings.name
        if is_untitled(old_name):
            # Named after its file, as the CLI's `new` does: the title bar and the start page agree.
            self.project.update_settings(name=Path(path).stem)
        if not self._write(lambda: save_project_as(self.project, path)):
            self.project.update_settings(name=old_name)
            return False
        lock = FilmLock(path, "a window")
        try:
            lock.acquire()
        except (FilmLocked, OSError):  # saved; another Storyreel has that name open too
            log.warning("%s is saved but not locked", path, exc_info=True)
        self._hold(lock if lock.held else None)
        recovery.discard_for(old_path, old_key)
        self.settings.add_recent(path)
        self.settingsChanged.emit()
        return True

    def _write(self, save, quiet: tuple[type[ProjectError], ...] = ()) -> bool:
        """Run save(); a ProjectError is shown, except the kinds in quiet, which are raised to the caller."""
        self._worker.wait()  # an autosave in flight finishes first
        try:
            path = save()
        except quiet:
            raise
        except ProjectError as exc:
            self.dialogs.error(self.tr("Cannot save project"), str(exc))
            return False
        self.session.mark_saved(path)
        _remember(self.project, path)
        recovery.discard_for(path, self.session.recovery_key())
        self._autosaved_index = None
        self.status.showMessage(self.tr("Saved {0}").format(path), 5000)
        return True

    def show(self, project: Project, recovered: bool = False) -> None:
        self._worker.wait()
        self._autosaved_index = None
        self.session.show(project, recovered)

    # -- startup and recovery -----------------------------------------------------------
    def startup(self, paths: list[str]) -> None:
        """Offer recoveries (never restoring without asking), then open the first project given.

        With none given, the last film opens again when the setting says so. A window left with its
        blank film sizes it as File > New would; asked only now, so a film opened at start never
        waits on (or imports) torch to learn whether there is a GPU.
        """
        blank = self.project
        self._open_at_start(paths)
        if self.project is blank:
            size_first_film(self.session, self.settings, self._worker, self.status)

    def _open_at_start(self, paths: list[str]) -> None:
        for found in recovery.find_recoveries():
            if self.dialogs.recover(found) == RESTORE:
                self.restore(found)
                return
            recovery.discard(found)
        for raw in paths:
            if Path(raw).suffix.lower() == PROJECT_SUFFIX or Path(raw).is_file():
                self.open_path(raw, ask=False)
                return
        last = self.settings.recent_files[0] if self.settings.recent_files else None
        if not paths and self.settings.reopen_last and last and Path(last).is_file():
            self.open_path(last, ask=False)

    def restore(self, found: recovery.Recovery) -> bool:
        try:
            project = recovery.open_recovery(found)
        except ProjectError as exc:
            self.dialogs.error(self.tr("Cannot restore"), str(exc))
            return False
        self.show(project, recovered=True)
        missing = sum(1 for shot in project.shots for take in shot.takes if _take_missing(project, take))
        note = " " + self.tr("({0} take(s) have missing media)").format(missing) if missing else ""
        self.status.showMessage(
            self.tr("Restored unsaved work on {0}").format(project.settings.name) + note, 8000
        )
        return True

    def _offer_recovery_for(self, path: Path | None) -> None:
        if path is None:
            return
        for found in recovery.find_recoveries():
            if found.project_path is not None and Path(found.project_path).resolve() == path.resolve():
                if self.dialogs.recover(found) == RESTORE:
                    self.restore(found)
                else:
                    recovery.discard(found)
                return

    # -- autosave -----------------------------------------------------------------------
    def set_autosave_interval(self, seconds: int) -> None:
        self.autosave_timer.stop()
        if seconds > 0:
            self.autosave_timer.start(seconds * 1000)

    def autosave(self) -> bool:
        """Write a recovery file if there are changes since the last save or autosave."""
        index = self.undo_stack.index()
        if self.closing or not self.session.is_dirty() or index == self._autosaved_index:
            return False
        self._autosaved_index = index
        # Copied here (the project is only touched on this thread, and a copy is cheap); serialized and
        # written in the background: at 2,000 shots the JSON alone held the window for 0.2-0.3 s.
        frozen = FrozenProject(self.project)
        path, name, key = self.project.path, self.project.settings.name, self.session.recovery_key()

        self._worker.run(
            lambda: recovery.write_recovery(dumps_project(frozen.thaw()), path, name, key),
            lambda _: None,
            self._autosave_failed,
        )
        return True

    def _autosave_failed(self, exc: BaseException) -> None:
        log.error("autosave failed", exc_info=exc)
        self.status.showMessage(self.tr("Autosave failed: {0}").format(exc), 8000)

    def wait(self) -> None:
        """Write a pending autosave now, and wait for background writes and imports (shutdown, tests)."""
        if self._outside_save.isActive():
            self._outside_save.stop()
            self.autosave()
        self._worker.wait()

    # -- importing ----------------------------------------------------------------------
    def import_shot_list(self) -> None:
        from app.project.shot_list import ShotListError, load_shot_list

        path = self.dialogs.open_path(self._start_dir(), self.tr("Import Shot List"), SHOT_LIST_FILTER)
        if path is None:
            return
        try:
            shots = load_shot_list(path)
        except ShotListError as exc:
            self.dialogs.error(self.tr("Cannot import shot list"), str(exc))
            return
        self.undo_stack.push(
            InsertShotsCommand(
                self.project, -1, shots, self.tr("Import {0} Shots from {1}").format(len(shots), path.name)
            )
        )
        self.shotsAdded.emit([s.id for s in shots])

    def import_videos_dialog(self) -> None:
        paths = self.dialogs.open_paths(self._start_dir(), self.tr("Import Videos"), VIDEO_FILTER)
        if paths:
            self.import_videos(paths, -1)

    def import_videos(self, paths: list[Path], row: int) -> None:
        """Copy videos into the media folder in the background, then add them as shots (one undo step)."""
        if self.project.path is None:
            self.dialogs.info(
                self.tr("Save the project first"),
                self.tr(
                    "Imported videos are copied into the project's media folder, "
                    "so the project needs a file name first."
                ),
            )
            if not self.save_as():
                return
        media, project = self.project.media_dir, self.project
        self.status.showMessage(self.tr("Importing {0} video(s)…").format(len(paths)))
        sources = [Path(p) for p in paths]

        self._worker.run(
            lambda: shots_from_videos(media, sources),
            lambda found: self._finish_import(project, found[0], found[1], row),
            self._import_failed,
        )

    def _import_failed(self, exc: BaseException) -> None:
        log.error("importing videos failed", exc_info=exc)
        self.status.clearMessage()
        self.dialogs.error(self.tr("Some videos were not imported"), str(exc))

    def _finish_import(self, project: Project, shots: list[Shot], errors: list[str], row: int) -> None:
        self.status.clearMessage()
        if shots and project is self.project:
            self.undo_stack.push(
                InsertShotsCommand(
                    project,
                    row,
                    shots,
                    self.tr("Import Video")
                    if len(shots) == 1
                    else self.tr("Import {0} Videos").format(len(shots)),
                )
            )
            self.shotsAdded.emit([s.id for s in shots])
            self.status.showMessage(self.tr("Imported {0} video(s)").format(len(shots)), 5000)
        if errors:
            self.dialogs.error(self.tr("Some videos were not imported"), "\n".join(errors))


def _remember(project: Project, path: Path | str) -> None:
    """Keep what the start page shows of this film, so it never reads the whole film to show it."""
    try:
        remember(summarize(project, Path(path).resolve()))
    except OSError as exc:  # only a cache
        log.info("film summary not kept: %s", exc)
