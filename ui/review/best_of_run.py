"""Generate > Generate N Takes and Keep the Best: N Draft takes through the queue, ranked, the best made active."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QWidget

from app.project.shot import Take
from app.review.best_of_n import record_combined
from app.settings.review_settings import MAX_BEST_OF, load_review_settings
from engine.jobs.job_queue import Job
from engine.jobs.states import JobState
from ui.editing.undo_commands import EditShotCommand
from ui.generation.generation_actions import GenerationController
from ui.generation.make_final_action import make_final
from ui.widgets.take_scores import combined_value

log = logging.getLogger(__name__)


@dataclass
class BestOfRun:
    """One shot's N queued takes: the jobs still out, and the takes they made."""

    shot_id: str
    jobs: set[str]
    made: list[Take] = field(default_factory=list)


class BestOfAction(QObject):
    """Queues the takes (the queue's worker scores each one), then ranks them when the last has come back."""

    def __init__(self, generation: GenerationController, window: QWidget) -> None:
        super().__init__(window)
        self.generation, self.window = generation, window
        self.runs: dict[str, BestOfRun] = {}  # job id -> its run
        self._arrived: Take | None = None  # the take of the job whose end is being reported
        self.action = QAction(self.tr("Generate N Takes and Keep the &Best…"), self)
        tip = self.tr("Make several Draft takes of the selected shot, score them, and use the best one")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.triggered.connect(lambda checked=False: self.ask())
        generation.takeArrived.connect(self._take_arrived)
        generation.jobFinished.connect(self._job_finished)

    def ask(self) -> None:
        """Ask how many takes (the Preferences' number first), then queue them."""
        ids = self.generation.selected_ids()
        if not ids:
            return
        default = load_review_settings(self.generation.settings).best_of
        count, ok = QInputDialog.getInt(
            self.window,
            self.tr("Generate N Takes and Keep the Best"),
            self.tr("Takes of each selected shot (Draft):"),
            default,
            1,
            MAX_BEST_OF,
        )
        if ok:
            self.start(ids, count)

    def start(self, shot_ids: list[str], count: int) -> list[Job]:
        """Set each shot to Draft (undoable) and queue count takes of it, seeds one apart."""
        generation = self.generation
        project = generation.project
        stack = generation.session.undo_stack
        for shot_id in [i for i in shot_ids if project.shot(i).quality != "draft"]:
            stack.push(EditShotCommand(project, shot_id, {"quality": "draft"}))
        queued: list[Job] = []
        for shot_id in shot_ids:
            shot = project.shot(shot_id)
            first = shot.seed if shot.seed is not None else random.randrange(2**31)
            jobs: list[Job] = []
            for number in range(count):
                made = generation.generate([shot_id], seeds={shot_id: (first + number) % 2**32})
                if not made:  # not saved, no model, a refused prompt: the controller has said why
                    break
                jobs.extend(made)
            if jobs:
                run = BestOfRun(shot_id, {job.id for job in jobs})
                self.runs.update({job.id: run for job in jobs})
                queued.extend(jobs)
        return queued

    def _take_arrived(self, shot_id: str, take: Take) -> None:
        self._arrived = take  # the controller reports the take, then its job's end

    def _job_finished(self, job: Job) -> None:
        run = self.runs.pop(job.id, None)
        take, self._arrived = self._arrived, None
        if run is None:
            return
        run.jobs.discard(job.id)
        if job.state == JobState.DONE and take is not None:
            run.made.append(take)
        if not run.jobs:
            self.finish(run)

    def finish(self, run: BestOfRun) -> Take | None:
        """Rank the run's takes, make the best active (one undo step) and offer Make Final of it."""
        generation = self.generation
        project = generation.project
        if run.shot_id not in {s.id for s in project.shots} or not run.made:
            return None
        weights = load_review_settings(generation.settings).weights
        best = record_combined(project, run.shot_id, run.made, weights)
        generation.session.note_outside_change()
        if best is None:
            generation.dialogs.info(
                self.tr("No best take"),
                self.tr("None of the new takes could be ranked: none was scored, or every one was flagged."),
            )
            return None
        command = EditShotCommand(
            project,
            run.shot_id,
            {"active_take": best.id, "trim_in": 0, "trim_out": None},
            text=self.tr("Keep the Best Take"),
        )
        generation.session.undo_stack.push(command)
        score = combined_value(best, weights) or 0.0
        log.info("Best of %d takes of shot %s: %s (%.1f)", len(run.made), run.shot_id, best.id, score)
        if generation.dialogs.confirm(
            self.tr("Best Take Chosen"),
            self.tr(
                "The best of {0} takes scored {1:.0f} and is now used in the film.\n\nMake it Final?"
            ).format(len(run.made), score),
        ):
            make_final(generation, [run.shot_id])
        return best
