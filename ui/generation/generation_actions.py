"""Generating from the window: actions and menus, the background queue, takes arriving in the project."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app.generation.batch_generation import shots_to_generate
from app.generation.take_generation import TakePlan
from app.generation.take_queue import TakeQueue
from app.project.project import Project
from app.project.shot import Take
from app.settings.model_settings import load_model_settings
from app.settings.user_settings import UserSettings
from engine.backends.local import Backend
from engine.generation.request import ModelSpec
from engine.jobs.job_queue import Job, JobQueue
from engine.jobs.states import FINISHED_STATES, JobState
from ui.editing.project_session import ProjectSession, StatusSink
from ui.generation.generation_bridge import GenerationBridge
from ui.generation.make_final_action import make_final_action
from ui.generation.model_check import model_ready
from ui.generation.queue_dock import QueueDock
from ui.generation.queue_model import QueueModel, job_fraction
from ui.runtime.event_loop import running_loop
from ui.widgets.background import WORK_NICE
from ui.widgets.dialogs import Dialogs
from ui.widgets.labels import job_title, shot_title

# The queue's workers in the window wait for the generation process (which runs at BACKGROUND_NICE,
# engine/backends/local_process.py) and then review the take: numpy and decoding that hold the GIL in
# turns. At the generation process's priority a worker holding the GIL waited for a core behind it,
# and the GUI thread waited for the GIL: a 29 ms stall with 2.5 ms of the GUI thread's CPU. They run
# as the window's other background work does.
WORKER_NICE = WORK_NICE


class GenerationController(QObject):
    """Owns the JobQueue (started on first use) and the TakeQueue of the shown project."""

    takeArrived = Signal(str, object)  # shot id, Take
    jobFinished = Signal(object)  # Job (done, failed or cancelled)
    jobStatesChanged = Signal(dict)  # shot id -> ("queued" | "generating", fraction), for the cards

    def __init__(
        self,
        session: ProjectSession,
        settings: UserSettings,
        dialogs: Dialogs,
        status: StatusSink,
        save_as: Callable[[], bool],
        selected_ids: Callable[[], list[str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.settings, self.dialogs, self.status = session, settings, dialogs, status
        self.save_as, self.selected_ids = save_as, selected_ids
        self.bridge = GenerationBridge(self)
        self.bridge.jobEvent.connect(self._on_job_event)
        self.jobs: JobQueue | None = None
        self.offer_model: Callable[[str], None] | None = None  # the window's model choices
        # Called with each new queue's backends and take queue (ui/review: the worker's scoring, the word list).
        self.prepare_queue: Callable[[list[Backend], TakeQueue], None] | None = None
        self.context_actions: list[QAction] = []  # more actions for the timeline's context menu
        self.take_queue: TakeQueue | None = None
        self._jobs_key: tuple = ()
        self._backends: list[Backend] = []
        self.queue_model: QueueModel | None = None
        self._closed_jobs: set[str] = set()  # a closed film's jobs, listed until they stop
        self.dock = QueueDock()
        self.dock.cancelRequested.connect(self.cancel)
        self.dock.cancelAllRequested.connect(self.cancel_all)
        self.dock.retryRequested.connect(self._retry_from_dock)
        self.dock.removeRequested.connect(self.remove)
        self.dock.moveRequested.connect(self.move)
        self.dock.pauseRequested.connect(self.toggle_pause)
        self._build_actions()
        session.projectChanged.connect(self.set_project)
        self.update_actions()

    # -- actions ------------------------------------------------------------------------
    def _action(self, text: str, shortcut: str | None, tip: str, slot) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.act_generate = self._action(
            self.tr("&Generate Selected Shots"),
            "Ctrl+G",
            self.tr("Queue a new take of each selected shot"),
            self.generate_selected,
        )
        self.act_generate_missing = self._action(
            self.tr("Generate All Shots &Without a Take"),
            "Ctrl+Shift+G",
            self.tr("Queue a take for every shot that has none (or a failed or missing one)"),
            self.generate_missing,
        )
        self.act_regenerate = self._action(
            self.tr("&Regenerate with a New Seed"),
            "Ctrl+R",
            self.tr("Queue a new take of each selected shot with a fresh random seed"),
            lambda: self.generate_selected(new_seed=True),
        )
        self.act_cancel_all = self._action(
            self.tr("&Cancel All Generations"),
            None,
            self.tr("Cancel every queued and running job"),
            self.cancel_all,
        )
        self.act_pause = self._action(
            self.tr("&Pause Queue"), None, self.tr("Start no new jobs until resumed"), self.toggle_pause
        )
        self.act_pause.setCheckable(True)
        self.act_make_final = make_final_action(self, self)

    def fill_menu(self, menu: QMenu) -> None:
        """The Generate menu's actions (the window owns the menu)."""
        menu.addActions(
            [self.act_generate, self.act_regenerate, self.act_generate_missing, self.act_make_final]
        )
        menu.addSeparator()
        menu.addActions([self.act_pause, self.act_cancel_all])

    def add_to_menu(self, menu: QMenu) -> None:
        """Put the generate actions at the top of a context menu (the timeline's)."""
        actions = [
            self.act_generate,
            self.act_regenerate,
            self.act_generate_missing,
            self.act_make_final,
            *self.context_actions,
        ]
        if not menu.actions():
            menu.addActions(actions)
            return
        first = menu.actions()[0]
        menu.insertActions(first, actions)
        menu.insertSeparator(first)

    def update_actions(self) -> None:
        """Enable the actions that apply to the selection."""
        has = bool(self.selected_ids())
        self.act_generate.setEnabled(has)
        self.act_regenerate.setEnabled(has)
        self.act_make_final.setEnabled(has)

    # -- the queue ----------------------------------------------------------------------
    @property
    def project(self) -> Project:
        return self.session.project

    @property
    def paused(self) -> bool:
        return self.jobs is not None and self.jobs.paused

    def ensure_queue(self, rebuild: bool = True) -> TakeQueue | None:
        """Start the worker(s) (and the queue model) on first use; None if no backend can be made.

        With `rebuild`, an idle queue whose backends no longer match Preferences (local or remote,
        the endpoint list) is replaced.
        """
        from app.settings.remote_settings import backends_for

        key = self._backend_key()
        if rebuild and self.jobs is not None and key != self._jobs_key and not self.jobs.busy():
            self.jobs.shutdown(cancel_running=False)
            self.jobs = None
            self.take_queue = None
        if self.jobs is None:
            try:
                backends = backends_for(self.settings)
            except ValueError as exc:  # e.g. remote chosen but no endpoint configured
                self.dialogs.error(self.tr("Cannot generate"), str(exc))
                return None
            # Remote jobs run as tasks on the window's asyncio loop (none in some tests: then their own).
            self.jobs = JobQueue(
                backends, listener=self.bridge.listener, loop=running_loop(), worker_nice=WORKER_NICE
            )
            self._jobs_key = key
            self._backends = backends
            self.queue_model = QueueModel(self.jobs, self.bridge, self)
            self.dock.set_model(self.queue_model)
            self.dock.set_paused(self.paused)
        if self.take_queue is None or self.take_queue.project is not self.project:
            self.take_queue = TakeQueue(self.project, self.jobs)
            if self.prepare_queue is not None:
                self.prepare_queue(self._backends, self.take_queue)
        return self.take_queue

    def _backend_key(self) -> tuple:
        settings = self.settings
        return (load_model_settings(settings).backend, tuple(settings.endpoints))

    def set_project(self, project: Project) -> None:
        """Another project is shown: its predecessor's jobs are cancelled; pending ones are offered."""
        if self.take_queue is not None:
            self.take_queue.detach()
            self.take_queue = None
            self._drop_closed_rows()
        self.jobStatesChanged.emit({})
        if project.pending_jobs:
            QTimer.singleShot(0, lambda p=project: self._offer_resume(p))

    def _drop_closed_rows(self) -> None:
        """The closed film's jobs leave the queue: the finished ones now, the cancelled running ones
        when they stop (their step ends first)."""
        jobs = self.jobs
        if jobs is None:
            return
        for job in jobs.jobs():
            if job.state in FINISHED_STATES:
                jobs.remove(job.id)
            else:
                self._closed_jobs.add(job.id)
        self._show_cancelling()

    def _offer_resume(self, project: Project) -> None:
        if project is not self.project or not project.pending_jobs:
            return
        records = list(project.pending_jobs)
        if self.dialogs.resume_queue(project.settings.name, len(records)):
            spec = load_model_settings(self.settings).spec_for(project)
            queue = self.ensure_queue()
            if queue is None:
                return
            jobs, errors = queue.resume(records, spec)
            self._report(jobs, errors)
        else:
            project.pending_jobs = []

    def generate(
        self, shot_ids: list[str], new_seed: bool = False, seeds: dict[str, int | None] | None = None
    ) -> list[Job]:
        """Queue a new take of each shot (asks for a file name first if the project has none).

        `seeds` pins a shot's seed for this take (Make Final reuses its Draft's).
        """
        if not shot_ids:
            return []
        ready = self.ready_queue()
        if ready is None:
            return []
        queue, spec = ready
        jobs, errors = queue.enqueue(shot_ids, spec, new_seed=new_seed, seeds=seeds)
        self._report(jobs, errors)
        return jobs

    def ready_queue(self) -> tuple[TakeQueue, ModelSpec] | None:
        """The queue and model for new takes, once the film is saved and the model is there (else None)."""
        if self.project.path is None:
            # Straight to Save As (a box with only OK in front of it was one more click); the
            # status bar says why while the dialog is open.
            self.status.showMessage(
                self.tr("Takes are written beside the film: save it first, then they are generated.")
            )
            if not self.save_as():
                self.status.clearMessage()
                return None
        spec = load_model_settings(self.settings).spec_for(self.project)
        if not model_ready(self.settings, self.dialogs, spec, self.offer_model):
            return None
        queue = self.ensure_queue()
        if queue is None:
            return None
        queue.jobs.forget_model_failures()  # a new batch tries the model again
        return queue, spec

    def submit_plan(self, plan: TakePlan) -> Job:
        """Queue a take planned elsewhere (a repaint or an extension) and say so."""
        assert self.take_queue is not None
        job = self.take_queue.submit_plan(plan)
        self._report([job], {})
        return job

    def generate_selected(self, new_seed: bool = False) -> list[Job]:
        return self.generate(self.selected_ids(), new_seed)

    def generate_missing(self) -> list[Job]:
        """Queue a take for each shot without a usable one (not those already queued)."""
        busy = set(self.take_queue.shot_jobs()) if self.take_queue is not None else set()
        return self.generate([s.id for s in shots_to_generate(self.project) if s.id not in busy])

    def _report(self, jobs: list[Job], errors: dict[str, str]) -> None:
        if jobs:
            self.session.note_outside_change()  # the pending jobs go into the recovery file
            self.status.showMessage(self.tr("Queued {0} take(s)").format(len(jobs)), 5000)
        if errors:
            lines = [
                f"{shot_title(self.project.shot(k), self.project.index_of(k))}: {v}"
                for k, v in errors.items()
                if k in {s.id for s in self.project.shots}
            ]
            self.dialogs.error(self.tr("Some shots were not queued"), "\n".join(lines))
        self._update_cards()

    def cancel(self, job_id: str) -> None:
        if self.jobs is not None:
            self.jobs.cancel(job_id)
            self._show_cancelling()

    def cancel_all(self) -> None:
        if self.jobs is not None:
            self.jobs.cancel_all()
            self._show_cancelling()

    def _show_cancelling(self) -> None:
        """Say "cancelling…" now: a running job only reports back when its current step ends."""
        if self.dock.model is not None:
            self.dock.model.refresh()
        self.dock.update_buttons()

    def retry(self, job_id: str) -> Job | None:
        queue = self.ensure_queue(rebuild=False)  # the job lives in the queue as it is
        if queue is None:
            return None
        job = queue.retry(job_id)
        self._update_cards()
        return job

    def _retry_from_dock(self, job_id: str) -> None:
        if (job := self.retry(job_id)) is not None:
            self.dock.select_job(job.id)

    def remove(self, job_id: str) -> None:
        if self.jobs is not None:
            self.jobs.remove(job_id)

    def move(self, job_id: str, delta: int) -> None:
        if self.jobs is not None:
            self.jobs.move(job_id, delta)

    def toggle_pause(self) -> None:
        take_queue = self.ensure_queue(rebuild=False)
        if take_queue is None:
            return
        queue = take_queue.jobs
        queue.resume() if queue.paused else queue.pause()
        self.act_pause.setChecked(queue.paused)
        self.dock.set_paused(queue.paused)

    # -- worker reports (on the GUI thread) ---------------------------------------------
    def _on_job_event(self, event: str, job: Job) -> None:
        if event == "finished" and job.id in self._closed_jobs and self.jobs is not None:
            self._closed_jobs.discard(job.id)
            self.jobs.remove(job.id)
            return
        tq = self.take_queue
        if event == "finished" and tq is not None:
            take = tq.finish(job)
            if take is not None:
                self._take_arrived(job, take)
            elif job.state in FINISHED_STATES and "sketch" not in job.meta:  # a sketch changes no film
                self.session.note_outside_change()
            self.jobFinished.emit(job)
        elif event == "removed" and tq is not None:
            tq.forget(job)
        elif event == "moved" and tq is not None:
            tq.sync_pending()
        elif event == "model_failed":
            # One message for the batch: the queue cancelled this model's other jobs unstarted.
            self.dialogs.error(
                self.tr("The model could not be loaded"),
                self.tr("{0}\n\n{1}\n\nThe other shots for this model were not started.").format(
                    job.error, job.hint or ""
                ),
            )
        if event in ("changed", "progress", "finished", "removed", "moved", "added"):
            self._update_cards()
        if event in ("finished", "changed"):
            self.dock.update_buttons()

    def _take_arrived(self, job: Job, take: Take) -> None:
        shot_id = job.meta.get("shot", "")
        self.session.note_outside_change()
        title = job_title(job) or self.tr("a shot")
        self.status.showMessage(self.tr("New take of {0} ({1})").format(title, take.path), 5000)
        self.takeArrived.emit(shot_id, take)

    def _update_cards(self) -> None:
        if self.take_queue is None:
            return
        states = {
            shot_id: ("queued" if job.state == JobState.QUEUED else "generating", job_fraction(job))
            for shot_id, job in self.take_queue.shot_jobs().items()
        }
        self.jobStatesChanged.emit(states)

    def shutdown(self) -> None:
        """Cancel what runs and stop the worker (the window is closing)."""
        if self.jobs is not None:
            self.jobs.shutdown(cancel_running=True, timeout=30.0)
