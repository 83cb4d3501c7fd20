"""Repaint and Extend from the window: ask what to make, plan the take (app/generation/take_direction), queue it."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.generation.take_direction import extend_take, repaint_take
from app.generation.take_generation import TakePlan
from engine.errors import StoryreelError
from engine.generation.request import ModelSpec
from engine.jobs.job_queue import Job
from ui.directing.direction_dialogs import ExtendChoice, ExtendDialog, RepaintChoice, RepaintDialog
from ui.generation.generation_actions import GenerationController

log = logging.getLogger(__name__)
Build = Callable[[ModelSpec, set[str]], TakePlan]


class DirectionActions(QObject):
    """Extend Take… (Generate menu) and the preview's Repaint…, each queueing one new take of the shot."""

    def __init__(
        self,
        generation: GenerationController,
        mask_bar: Any,
        selected_ids: Callable[[], list[str]],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.generation, self.selected_ids, self.window = generation, selected_ids, window
        self.act_extend = QAction(self.tr("E&xtend Take…"), self)
        self.act_extend.setToolTip(
            self.tr("Generate more frames after (or before) the selected shot's take, continuing its motion")
        )
        self.act_extend.triggered.connect(self.extend_selected)
        mask_bar.repaintRequested.connect(self.repaint)
        # What the person is asked; tests answer in their place.
        self.ask_repaint: Callable[[str], RepaintChoice | None] = self._ask_repaint
        self.ask_extend: Callable[[int], ExtendChoice | None] = self._ask_extend

    def _ask_repaint(self, prompt: str) -> RepaintChoice | None:
        dialog = RepaintDialog(prompt, self.window)
        return dialog.choice() if dialog.exec() else None

    def _ask_extend(self, fps: int) -> ExtendChoice | None:
        dialog = ExtendDialog(fps, self.window)
        return dialog.choice() if dialog.exec() else None

    def repaint(self, shot_id: str, mask_png: bytes) -> Job | None:
        """Queue a take of the shot with the mask's white part of its active take generated again."""
        project = self.generation.project
        choice = self.ask_repaint(project.shot(shot_id).prompt)
        if choice is None:
            return None
        # repaint_take checks the mask and keeps it in FILM.media/masks/; this file only hands it over.
        with tempfile.TemporaryDirectory(prefix="storyreel-mask-") as folder:
            mask = Path(folder) / "mask.png"
            mask.write_bytes(mask_png)
            notices: list[str] = []

            def build(spec: ModelSpec, reserved: set[str]) -> TakePlan:
                plan, said = repaint_take(
                    project, shot_id, mask, choice.prompt, choice.seed, model=spec, reserved=reserved
                )
                notices.extend(said)
                return plan

            job = self._queue(build, self.tr("Cannot repaint this take"))
        if job is not None and notices:
            self.generation.status.showMessage(" ".join(notices), 8000)
        return job

    def extend_selected(self) -> Job | None:
        """Queue a longer take of the selected shot: its active take with new frames after or before it."""
        ids = self.selected_ids()
        if len(ids) != 1:
            self.generation.dialogs.info(
                self.tr("Extend Take"), self.tr("Select one shot to extend its take.")
            )
            return None
        project = self.generation.project
        shot = project.shot(ids[0])
        take = shot.active
        choice = self.ask_extend(take.fps if take is not None and take.fps else project.settings.fps)
        if choice is None:
            return None
        return self._queue(
            lambda spec, reserved: extend_take(
                project, shot.id, choice.frames, choice.before, model=spec, reserved=reserved
            ),
            self.tr("Cannot extend this take"),
        )

    def _queue(self, build: Build, title: str) -> Job | None:
        ready = self.generation.ready_queue()
        if ready is None:
            return None
        queue, spec = ready
        try:
            plan = build(spec, queue.reserved)
        except (StoryreelError, OSError, KeyError) as exc:
            log.warning("%s", title, exc_info=True)
            hint = getattr(exc, "hint", "")
            self.generation.dialogs.error(title, f"{exc}\n\n{hint}".strip())
            return None
        return self.generation.submit_plan(plan)
