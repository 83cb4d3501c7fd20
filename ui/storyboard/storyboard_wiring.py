"""Wires the storyboard into the window: New From Script, Enhance, Preferences' writing models, the
storyboard grid with its sketches; every model call off the GUI thread, every change one undo step."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QInputDialog, QMainWindow, QMenu, QPushButton

from app.project.media_paths import contained
from app.project.project import Project
from app.project.shot_images import import_image
from app.settings.model_settings import load_model_settings
from app.settings.remote_settings import LOCAL
from app.settings.user_settings import UserSettings
from app.settings.writing_settings import load_writing_settings
from app.storyboard.keyframes import Sketch, sketch_keyframes
from app.storyboard.prompt_enhance import Enhancement, enhance_prompts
from app.storyboard.proposal import Proposal
from app.storyboard.script_input import read_script, script_from_text
from app.storyboard.script_to_shots import propose_shots
from engine.generation.pipeline_cache import PipelineCache
from engine.progress import CancelToken, ProgressCallback
from ui.editing.shot_image_commands import ShotImagesCommand
from ui.editing.storyboard_commands import EnhancePromptsCommand, accept_proposal_command
from ui.editing.undo_commands import EditShotCommand
from ui.files.file_actions import FileActions
from ui.generation.generation_actions import GenerationController
from ui.inspector.inspector import Inspector
from ui.storyboard.enhance_dialog import EnhanceDialog
from ui.storyboard.long_task import LongTask, Work
from ui.storyboard.proposal_dialog import ProposalDialog
from ui.storyboard.sketch_queue import SketchQueue
from ui.storyboard.storyboard_model import StoryboardModel
from ui.storyboard.storyboard_panel import StoryboardPanel
from ui.timeline.timeline_view import TimelineView
from ui.widgets.labels import shot_title
from ui.widgets.thumbnails import ThumbnailCache


class StoryboardWiring(QObject):
    """The storyboard's menu items, dialogs and grid, over one background task at a time."""

    def __init__(
        self,
        window: QMainWindow,
        files: FileActions,
        settings: UserSettings,
        timeline: TimelineView,
        inspector: Inspector,
        thumbnails: ThumbnailCache,
        menus: tuple[QMenu, QMenu, QMenu],  # File, Generate, View
        generation: GenerationController,
    ) -> None:
        super().__init__(window)
        self.generation = generation
        self.window, self.files, self.settings = window, files, settings
        self.session, self.dialogs, self.timeline, self.inspector = (
            files.session,
            files.dialogs,
            timeline,
            inspector,
        )
        self.task = LongTask(window, self.dialogs)
        # Sketches run as jobs of the generation queue, on the model its local backend holds; with a
        # remote backend (no model here) they load their own, on the storyboard's task.
        self.cache: PipelineCache | None = None
        self.sketches = SketchQueue(generation, self)
        self.proposal_dialog: ProposalDialog | None = None
        self.enhance_dialog: EnhanceDialog | None = None
        self.prompt_dialog: QInputDialog | None = None
        self.model = StoryboardModel(self.project, thumbnails, self)
        self.panel = StoryboardPanel()
        self.panel.set_model(self.model)
        self.dock = QDockWidget(self.tr("Storyboard"), window)
        self.dock.setObjectName("StoryboardDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        file_menu, generate_menu, view_menu = menus
        self.act_new_from_script = self._action(
            self.tr("New From &Script…"),
            self.tr("Shots proposed from a script or a brief by a language model"),
            self.new_from_script,
        )
        file_menu.insertAction(file_menu.actions()[1], self.act_new_from_script)  # after New
        self.act_enhance = self._action(
            self.tr("&Enhance Prompts of Selected Shots"),
            self.tr("Rewrite the selected shots' prompts in the detail Wan was trained on; you pick"),
            lambda: self.enhance(self.timeline.selected_ids()),
        )
        self.act_sketch = self._action(
            self.tr("&Sketch Keyframes"),
            self.tr("One still per selected shot, in seconds"),
            self._sketch_selected,
        )
        generate_menu.addSeparator()
        generate_menu.addActions([self.act_enhance, self.act_sketch])
        self.dock.toggleViewAction().setText(self.tr("&Storyboard"))
        view_menu.addAction(self.dock.toggleViewAction())
        self.enhance_button = QPushButton(self.tr("Enhance"))
        self.enhance_button.setToolTip(
            self.tr("Rewrite this prompt in the detail Wan was trained on; you pick")
        )
        self.enhance_button.clicked.connect(
            lambda: self.enhance([inspector.shot_id] if inspector.shot_id else [])
        )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.enhance_button)
        form = inspector.settings_form.form
        prompt_row, _ = cast(tuple[int, object], form.getWidgetPosition(inspector.prompt))
        form.insertRow(prompt_row + 1, "", row)
        self.panel.sketchRequested.connect(self.sketch)
        self.panel.keepRequested.connect(self.keep)
        self.panel.editPromptRequested.connect(self.edit_prompt)
        self.panel.animateRequested.connect(self.animate)
        self.session.projectChanged.connect(self.model.set_project)
        self.session.projectChanged.connect(lambda project: self.sketches.forget_film())
        self.sketches.made.connect(self._sketch_made)
        self.sketches.failed.connect(self._sketch_failed)

    def _action(self, text: str, tip: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda checked=False: slot())  # type: ignore[operator]
        return action

    @property
    def project(self) -> Project:
        return self.session.project

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def _start(
        self, title: str, work: Work, done: Callable[[Any], None], after: Callable[[], None] | None = None
    ) -> None:
        if not self.task.start(title, work, done, after):
            self._status(self.tr("Wait for the running task to end, or cancel it."))

    # -- script → shots -----------------------------------------------------------------
    def new_from_script(self) -> None:
        """Open the script dialog (window-modal, no nested event loop)."""
        writing = load_writing_settings(self.settings)
        dialog = self.proposal_dialog = ProposalDialog(
            writing.llm, self.project.settings.fps, list(self.project.cast), self.window
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.proposeRequested.connect(lambda: self.propose(dialog))
        project = self.project
        dialog.acceptRequested.connect(lambda proposal, rows: self.accept_proposal(project, proposal, rows))
        dialog.finished.connect(lambda result: setattr(self, "proposal_dialog", None))
        dialog.open()

    def propose(self, dialog: ProposalDialog) -> None:
        """Ask the language model for shots in the background; the table shows them when they come."""
        path, brief = dialog.script_source()
        writing = load_writing_settings(self.settings)
        writing = dataclasses.replace(writing, llm=dialog.llm.text().strip() or writing.llm)
        project, language = self.project, dialog.language_code()

        def work(progress: ProgressCallback, cancel: CancelToken) -> Proposal:
            script = read_script(path) if path is not None else script_from_text(brief)
            return propose_shots(project, script, writing.chat(), language, progress, cancel)

        def done(proposal: Proposal) -> None:
            if self.proposal_dialog is dialog:
                dialog.show_proposal(proposal)

        self._start(self.tr("Proposing Shots"), work, done)

    def accept_proposal(self, project: Project, proposal: Proposal, rows: list[int]) -> None:
        """Add the chosen rows' shots at the end of the film, as one undo step."""
        if project is not self.project:
            return  # another film was opened meanwhile: the proposal was for the one closed
        command = accept_proposal_command(project, proposal, rows)
        self.session.undo_stack.push(command)
        self.timeline.select_ids([shot.id for shot in command.shots])
        self._status(self.tr("{0} shot(s) added from the script.").format(len(command.shots)))

    # -- prompt enhancement -------------------------------------------------------------
    def enhance(self, shot_ids: list[str]) -> None:
        """Enhance the shots' prompts in the background, then show both versions to pick from."""
        project = self.project
        ids = [i for i in shot_ids if project.shot(i).prompt.strip()]
        if not ids:
            self._status(self.tr("Select shots with a prompt to enhance."))
            return
        writing = load_writing_settings(self.settings)

        def work(progress: ProgressCallback, cancel: CancelToken) -> list[Enhancement]:
            return enhance_prompts(
                project, ids, writing.chat(), writing.vision_chat(), None, progress, cancel
            )

        self._start(self.tr("Enhancing Prompts"), work, lambda result: self._show_enhanced(project, result))

    def _show_enhanced(self, project: Project, enhancements: list[Enhancement]) -> None:
        if project is not self.project or not enhancements:
            return
        titles = {shot.id: shot_title(shot, row) for row, shot in enumerate(project.shots)}
        dialog = self.enhance_dialog = EnhanceDialog(enhancements, titles, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def closed(result: int) -> None:
            self.enhance_dialog = None
            if result and project is self.project and (chosen := dialog.chosen()):
                self.session.undo_stack.push(EnhancePromptsCommand(project, chosen))

        dialog.finished.connect(closed)
        dialog.open()

    # -- keyframe sketches --------------------------------------------------------------
    def _sketch_selected(self) -> None:
        self.sketch(self.timeline.selected_ids(), False)

    def sketch(self, shot_ids: list[str], new_seed: bool) -> None:
        """One still per shot, in the background, with the film's model at one frame."""
        project = self.project
        if project.media_dir is None:
            self.dialogs.error(
                self.tr("Sketch Keyframes"),
                self.tr("Save the film first: sketches are kept in its media folder."),
            )
            return
        if not shot_ids:
            return
        if load_model_settings(self.settings).backend != LOCAL:
            self._sketch_here(project, shot_ids, new_seed)
            return
        ready = self.generation.ready_queue()  # offers the model's download, like Generate
        if ready is None:
            return
        errors = self.sketches.submit(project, shot_ids, ready[0].jobs, ready[1], new_seed)
        if errors:
            self.dialogs.error(self.tr("Some shots were not sketched"), "\n".join(errors))
        self.dock.show()

    def _sketch_made(self, project: Project, sketch: Sketch) -> None:
        if project is self.project:
            self.model.add_sketches([sketch])
            title = shot_title(project.shot(sketch.shot_id), project.index_of(sketch.shot_id))
            self._status(self.tr("Sketch of {0} made.").format(title))

    def _sketch_failed(self, project: Project, title: str, error: str) -> None:
        if project is self.project:  # the queue's row keeps the whole message; the other sketches go on
            self._status(self.tr("The sketch of {0} failed: {1}").format(title, error))

    def _sketch_here(self, project: Project, shot_ids: list[str], new_seed: bool) -> None:
        """Sketch on this machine on the storyboard's task (the queue generates elsewhere: no model here)."""
        spec = load_model_settings(self.settings).spec_for(project)
        cache = self.cache = self.cache or PipelineCache()

        def work(progress: ProgressCallback, cancel: CancelToken) -> list[Sketch]:
            return sketch_keyframes(project, shot_ids, cache, spec, new_seed, None, progress, cancel)

        def done(sketches: list[Sketch]) -> None:
            if project is self.project:
                self.model.add_sketches(sketches)
                self._status(self.tr("{0} keyframe sketch(es) made.").format(len(sketches)))

        def after() -> None:  # listings are read again lazily, for the cells painted
            if project is self.project:
                self.model.relist(shot_ids)

        self.dock.show()
        self._start(self.tr("Sketching Keyframes"), work, done, after)

    def keep(self, shot_ids: list[str]) -> None:
        """Keep each shot's sketch shown (what Animate From Keyframe uses), saved with the film: one undo step."""
        project = self.project
        chosen = [(i, path) for i in shot_ids if (path := self.model.sketch(i))]
        changes = [(i, path) for i, path in chosen if project.shot(i).kept_keyframe != path]
        if changes:
            stack = self.session.undo_stack
            stack.beginMacro(self.tr("Keep Sketch"))
            for shot_id, path in changes:
                stack.push(
                    EditShotCommand(project, shot_id, {"kept_keyframe": path}, text=self.tr("Keep Sketch"))
                )
            stack.endMacro()
        if len(chosen) < len(shot_ids):
            self._status(self.tr("Sketch those shots first: a shot without a sketch has nothing to keep."))

    def edit_prompt(self, shot_id: str) -> None:
        """Change the shot's prompt (one undo step) and sketch it again with the same seed."""
        dialog = self.prompt_dialog = QInputDialog(self.window)
        dialog.setWindowTitle(self.tr("Edit Prompt"))
        dialog.setLabelText(self.tr("The prompt, sketched again when you press OK:"))
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dialog.setTextValue(self.project.shot(shot_id).prompt)
        project = self.project

        def chosen(text: str) -> None:
            if project is self.project and text.strip() and text != project.shot(shot_id).prompt:
                self.session.undo_stack.push(EditShotCommand(project, shot_id, {"prompt": text}))
            self.sketch([shot_id], False)

        dialog.textValueSelected.connect(chosen)
        dialog.finished.connect(lambda result: setattr(self, "prompt_dialog", None))
        dialog.open()

    def animate(self, shot_ids: list[str]) -> None:
        """Make each shot's kept sketch (else the one shown) its start image: one undo step."""
        project, media = self.project, self.project.media_dir
        chosen = [(i, project.shot(i).kept_keyframe or self.model.sketch(i)) for i in shot_ids]
        chosen = [(i, path) for i, path in chosen if path]
        if media is None or not chosen:
            self._status(self.tr("Sketch and keep a still first."))
            return

        def work(progress: ProgressCallback, cancel: CancelToken) -> list[tuple[str, object]]:
            return [(i, import_image(project, contained(media, path))) for i, path in chosen]

        def done(images: list[tuple[str, object]]) -> None:
            if project is not self.project:
                return
            stack = self.session.undo_stack
            stack.beginMacro(self.tr("Animate From Keyframe"))
            for shot_id, image in images:
                stack.push(ShotImagesCommand(project, shot_id, self.tr("Animate From Keyframe"), start=image))
            stack.endMacro()

        self._start(self.tr("Animate From Keyframe"), work, done)

    def shutdown(self) -> None:
        """Cancel the running task, wait for it and unload the sketch model (closing the window)."""
        self.task.stop()
        if self.cache is not None:
            self.cache.release()
