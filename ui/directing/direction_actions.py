"""Repaint and Extend from the window: ask what to make, plan the take (app/generation/take_direction) off the
GUI thread, queue it."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.generation.take_direction import extend_take, repaint_take
from app.generation.take_generation import TakePlan
from app.project.project import Project
from engine.errors import StoryreelError
from engine.generation.request import ModelSpec
from ui.directing.direction_dialogs import ExtendChoice, ExtendDialog, RepaintChoice, RepaintDialog
from ui.generation.generation_actions import GenerationController
from ui.widgets.background import BackgroundWorker

log = logging.getLogger(__name__)
Build = Callable[[ModelSpec, set[str]], tuple[TakePlan, list[str]]]  # the plan and notices to show


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
        self.worker = BackgroundWorker(self)  # planning decodes the take: never on the GUI thread
        self.act_extend = QAction(self.tr("E&xtend Take…"), self)
        self.act_extend.setToolTip(
            self.tr("Generate more frames after (or before) the selected shot's take, continuing its motion")
        )
        self.act_extend.triggered.connect(self.extend_selected)
        mask_bar.repaintRequested.connect(self.repaint)
        mask_bar.repaintClipRequested.connect(self.repaint_clip)
        # What the person is asked; tests answer in their place.
        self.ask_repaint: Callable[[str], RepaintChoice | None] = self._ask_repaint
        self.ask_extend: Callable[[int], ExtendChoice | None] = self._ask_extend

    def _ask_repaint(self, prompt: str) -> RepaintChoice | None:
        dialog = RepaintDialog(prompt, self.window)
        return dialog.choice() if dialog.exec() else None

    def _ask_extend(self, fps: int) -> ExtendChoice | None:
        dialog = ExtendDialog(fps, self.window)
        return dialog.choice() if dialog.exec() else None

    def repaint(self, shot_id: str, mask_png: bytes) -> bool:
        """Plan, off the GUI thread, a take of the shot with the painted mask's white part of its active take
        generated again, then queue it; False if nothing is planned."""

        def with_mask(plan: Callable[[Path], tuple[TakePlan, list[str]]]) -> tuple[TakePlan, list[str]]:
            # repaint_take checks the mask and keeps it in FILM.media/masks/; this file only hands it over.
            with tempfile.TemporaryDirectory(prefix="storyreel-mask-") as folder:
                mask = Path(folder) / "mask.png"
                mask.write_bytes(mask_png)
                return plan(mask)

        return self._repaint(shot_id, with_mask)

    def repaint_clip(self, shot_id: str, mask_clip: str) -> bool:
        """As repaint, with a mask clip (a mask per frame) loaded in the preview."""
        return self._repaint(shot_id, lambda plan: plan(Path(mask_clip)))

    def _repaint(self, shot_id: str, with_mask: Callable[[Callable[[Path], Any]], Any]) -> bool:
        project = self.generation.project
        choice = self.ask_repaint(project.shot(shot_id).prompt) if self._free() else None
        if choice is None:
            return False

        def build(spec: ModelSpec, reserved: set[str]) -> tuple[TakePlan, list[str]]:
            made: tuple[TakePlan, list[str]] = with_mask(
                lambda mask: repaint_take(
                    project, shot_id, mask, choice.prompt, choice.seed, model=spec, reserved=reserved
                )
            )
            return made

        return self._plan(build, self.tr("Cannot repaint this take"))

    def extend_selected(self) -> bool:
        """Plan, off the GUI thread, a longer take of the selected shot (its active take with new frames
        after or before it), then queue it; False if nothing is planned."""
        ids = self.selected_ids()
        if len(ids) != 1:
            self.generation.dialogs.info(
                self.tr("Extend Take"), self.tr("Select one shot to extend its take.")
            )
            return False
        if not self._free():
            return False
        project = self.generation.project
        shot = project.shot(ids[0])
        take = shot.active
        choice = self.ask_extend(take.fps if take is not None and take.fps else project.settings.fps)
        if choice is None:
            return False

        def build(spec: ModelSpec, reserved: set[str]) -> tuple[TakePlan, list[str]]:
            plan = extend_take(project, shot.id, choice.frames, choice.before, model=spec, reserved=reserved)
            return plan, []

        return self._plan(build, self.tr("Cannot extend this take"))

    def _free(self) -> bool:
        """Whether no take is being planned: one at a time, as a second plan would not see the first's path."""
        if self.worker.busy():
            self.generation.status.showMessage(self.tr("Still preparing the previous take…"), 5000)
            return False
        return True

    def _plan(self, build: Build, title: str) -> bool:
        """Plan on the worker (it decodes the take), queue the plan back on the GUI thread."""
        ready = self.generation.ready_queue()
        if ready is None:
            return False
        queue, spec = ready
        project, reserved = self.generation.project, set(queue.reserved)
        self.generation.status.showMessage(self.tr("Preparing the take…"))
        self.worker.run(
            lambda: build(spec, reserved),
            lambda made: self._planned(project, made),
            lambda exc: self._failed(title, exc),
        )
        return True

    def _planned(self, project: Project, made: object) -> None:
        plan, notices = cast("tuple[TakePlan, list[str]]", made)
        self.generation.status.clearMessage()
        if project is not self.generation.project:  # another film was opened meanwhile
            return
        self.generation.submit_plan(plan)
        if notices:
            self.generation.status.showMessage(" ".join(notices), 8000)

    def _failed(self, title: str, exc: BaseException) -> None:
        self.generation.status.clearMessage()
        log.warning("%s", title, exc_info=exc)
        if not isinstance(exc, (StoryreelError, OSError, KeyError)):
            exc = RuntimeError(self.tr("Something went wrong; storyreel.log has the details."))
        hint = getattr(exc, "hint", "")
        self.generation.dialogs.error(title, f"{exc}\n\n{hint}".strip())

    def shutdown(self) -> None:
        """Wait for a take being planned; no answer follows."""
        self.worker.shutdown()
