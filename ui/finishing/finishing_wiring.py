"""Wires editing the title and sound tracks into the window: the Titles and Sound menu, the rows' context
menu, the title form, imports off the GUI thread, voice-over and music on a cancellable worker."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QMainWindow, QMenu

from app.film.shot_timing import film_seconds
from app.film.voice_over import caption_voice, made_clip, spoken_clip
from app.project.audio_import import store_audio
from app.project.project import Project
from app.project.sound_track import AudioClip
from app.settings.sound_settings import load_sound_settings
from app.settings.user_settings import UserSettings
from engine.film.audio_file import AudioFacts
from engine.film.title_elements import TitleElement
from engine.progress import CancelToken, ProgressCallback
from ui.editing.project_session import ProjectSession
from ui.finishing.sound_prompt import SoundPrompt
from ui.finishing.title_form import TitleForm
from ui.finishing.track_commands import (
    AddAudioClipCommand,
    MoveAudioClipCommand,
    RemoveAudioClipCommand,
    add_title,
    edit_title,
    remove_title,
)
from ui.finishing.track_rows import TrackRows
from ui.i18n.translation import QT_TRANSLATE_NOOP
from ui.widgets.background import BackgroundWorker
from ui.widgets.dialogs import Dialogs, failure_text

log = logging.getLogger(__name__)

SOUND_FILTER = QT_TRANSLATE_NOOP("Dialogs", "Sound files (*.wav *.flac *.mp3 *.m4a *.aac *.ogg *.opus)")
END_CARD_SECONDS = 3.0


class Task(Protocol):
    """One cancellable piece of work with a progress dialog (the storyboard's LongTask)."""

    def start(
        self,
        title: str,
        work: Callable[[ProgressCallback, CancelToken], Any],
        done: Callable[[Any], None],
        after: Callable[[], None] | None = None,
    ) -> bool: ...

    def stop(self) -> None: ...


class FinishingWiring(QObject):
    """Turns the rows' gestures and the menu's actions into undo steps on the session's stack."""

    def __init__(
        self,
        window: QMainWindow,
        session: ProjectSession,
        rows: TrackRows,
        dialogs: Dialogs,
        settings: UserSettings,
        selected_ids: Callable[[], list[str]],
        task: Task,
    ) -> None:
        super().__init__(window)
        self.window, self.session, self.rows, self.dialogs = window, session, rows, dialogs
        self.settings, self.selected_ids, self.task = settings, selected_ids, task
        self.worker = BackgroundWorker(self)
        self.form: TitleForm | None = None
        self.place: float | None = None  # film time of the last right-click on the rows
        self._build_actions()
        rows.titleChanged.connect(self._title_changed)
        rows.clipMoved.connect(
            lambda clip_id, start: self._push(lambda: MoveAudioClipCommand(self.project, clip_id, start))
        )
        rows.deleteRequested.connect(self.delete_selected)
        rows.editRequested.connect(self.edit_title)
        rows.selectionChanged.connect(self._update_actions)
        rows.customContextMenuRequested.connect(self.show_menu)
        self._update_actions()

    @property
    def project(self) -> Project:
        return self.session.project

    def shutdown(self) -> None:
        """Cancel a voice or music run and wait for it and for an import (closing the window)."""
        self.task.stop()
        self.worker.shutdown()
        self.rows.shutdown()

    def _action(self, text: str, slot: Callable[[], object], shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.act_card = self._action(self.tr("Add Title &Card"), lambda: self.add("card"), "Ctrl+Shift+T")
        self.act_lower = self._action(self.tr("Add &Lower Third"), lambda: self.add("lower_third"))
        self.act_end = self._action(self.tr("Add &End Card"), lambda: self.add("end_card"))
        self.act_edit = self._action(self.tr("Edit &Title…"), self.edit_title)
        self.act_delete = self._action(self.tr("&Delete Title or Clip"), self.delete_selected)
        self.act_music = self._action(self.tr("Import &Music…"), lambda: self.import_sound("music"))
        self.act_effect = self._action(self.tr("Import Sound &Effect…"), lambda: self.import_sound("effect"))
        self.act_speak = self._action(self.tr("&Speak Caption"), self.speak_caption)
        self.act_generate = self._action(self.tr("&Generate Music…"), self.ask_sound)
        self.menu = QMenu(self.tr("&Titles and Sound"), self.window)
        self.menu.setObjectName("FinishingMenu")
        self._fill(self.menu)
        bar = self.window.menuBar()
        help_menu = bar.actions()[-1] if bar.actions() else None
        bar.insertMenu(help_menu, self.menu) if help_menu is not None else bar.addMenu(self.menu)

    def _fill(self, menu: QMenu) -> None:
        menu.addActions([self.act_card, self.act_lower, self.act_end, self.act_edit, self.act_delete])
        menu.addSeparator()
        menu.addActions([self.act_music, self.act_effect, self.act_speak, self.act_generate])

    def _update_actions(self) -> None:
        self.act_edit.setEnabled(self.rows.selected_title() is not None)
        self.act_delete.setEnabled(self.rows.selected is not None)

    def show_menu(self, pos: QPoint) -> None:
        """The rows' context menu: new elements go where it was opened."""
        self.place = self.rows.time_at(pos.x())
        menu = QMenu(self.rows)
        self._fill(menu)
        menu.popup(self.rows.mapToGlobal(pos))
        menu.aboutToHide.connect(menu.deleteLater)

    def _push(self, make: Callable[[], QUndoCommand]) -> None:
        """Push the command make builds; one the track refuses (checked as it is built) is said, not pushed."""
        try:
            command = make()
        except ValueError as exc:
            self.dialogs.error(self.tr("Not changed"), str(exc))
            return
        self.session.undo_stack.push(command)

    # -- titles ------------------------------------------------------------------------------
    def add(self, kind: str) -> None:
        """A new element of kind, where the menu was opened (else an end card at the film's end, else 0)."""
        texts = {
            "card": self.tr("Title"),
            "lower_third": self.tr("Name"),
            "end_card": self.project.settings.name,
        }
        start = self.place
        if start is None:
            start = max(0.0, film_seconds(self.project) - END_CARD_SECONDS) if kind == "end_card" else 0.0
        self.place = None
        element = TitleElement(kind, texts[kind], round(start, 3), END_CARD_SECONDS)
        if kind == "lower_third":
            element.motion, element.align = "slide", "left"
        self._push(lambda: add_title(self.project, element))
        self._select_title(element)
        self.rows.setFocus()

    def edit_title(self) -> None:
        """Open the form on the selected title; OK is one undo step."""
        index = self.rows.selected_title()
        if index is None:
            return
        form = self.form = TitleForm(self.project.titles[index], self.window)
        form.accepted.connect(lambda: self._form_done(form, index))
        form.finished.connect(form.deleteLater)
        form.open()

    def _form_done(self, form: TitleForm, index: int) -> None:
        element = form.element()
        image = element.image
        if image is None or not Path(image).is_absolute():
            self._push(lambda: edit_title(self.project, index, element))
            self._select_title(element)
            return
        project = self.project

        def copied(path: str) -> None:
            element.image = path
            if project is self.project:
                self._push(lambda: edit_title(project, index, element))
                self._select_title(element)

        from app.project.shot_images import import_image

        self.worker.run(
            lambda: import_image(project, image).path, copied, self._failed(self.tr("Background image"))
        )

    def _title_changed(self, index: int, element: TitleElement) -> None:
        self._push(lambda: edit_title(self.project, index, element, self.tr("Move Title")))
        self._select_title(element)

    def _select_title(self, element: TitleElement) -> None:
        """Keep the edited element selected where the track's order by start put it."""
        if element in self.project.titles:
            self.rows.select(("title", self.project.titles.index(element)))

    def delete_selected(self) -> None:
        """Delete the selected title or clip."""
        if (index := self.rows.selected_title()) is not None:
            self._push(lambda: remove_title(self.project, index))
        elif (clip_id := self.rows.selected_clip()) is not None:
            self._push(lambda: RemoveAudioClipCommand(self.project, clip_id))

    # -- sound ---------------------------------------------------------------------------------
    def _failed(self, title: str) -> Callable[[BaseException], None]:
        return lambda exc: self.dialogs.error(title, failure_text(title, exc))

    def import_sound(self, kind: str, path: Path | None = None) -> None:
        """A sound file checked and copied off the GUI thread, then added as one undo step."""
        title = self.tr("Import Music") if kind == "music" else self.tr("Import Sound Effect")
        path = path or self.dialogs.open_path(None, title, SOUND_FILTER)
        if path is None:
            return
        project, start = self.project, self.place or 0.0
        self.place = None

        def added(answer: tuple[AudioClip, AudioFacts]) -> None:
            clip, facts = answer
            if project is self.project:
                self._push(lambda: AddAudioClipCommand(project, clip))
            if facts.notes:
                self.window.statusBar().showMessage(f"{path.name}: {'; '.join(facts.notes)}", 8000)

        clip = AudioClip(kind, start=round(start, 3))
        self.worker.run(lambda: store_audio(project, path, clip), added, self._failed(title))

    def speak_caption(self) -> None:
        """The selected shot's caption spoken by the voice model of Preferences, placed at the caption."""
        title = self.tr("Speak Caption")
        ids = self.selected_ids()
        if len(ids) != 1:
            self.dialogs.error(title, self.tr("Select the one shot whose caption is to be spoken."))
            return
        project = self.project
        try:
            clip = caption_voice(project, ids[0])
        except Exception as exc:  # no caption: said in the dialog, logged
            self._failed(title)(exc)
            return
        model = load_sound_settings(self.settings).voice_model
        self.task.start(
            title,
            lambda progress, cancel: spoken_clip(project, clip, model),
            lambda spoken: self._push(lambda: AddAudioClipCommand(project, spoken, title)),
        )

    def ask_sound(self) -> None:
        """Ask what to make, then make it."""
        dialog = SoundPrompt(self.window)
        dialog.accepted.connect(
            lambda: self.generate(dialog.prompt.text(), dialog.seconds.value(), dialog.kind.currentData())
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def generate(self, prompt: str, seconds: float, kind: str = "music", steps: int = 100) -> bool:
        """Music or an effect from prompt with the sound model of Preferences; progress and cancel."""
        title = self.tr("Generate Music")
        project, model = self.project, load_sound_settings(self.settings).sound_model
        clip = AudioClip(kind, start=round(self.place or 0.0, 3))
        self.place = None
        return self.task.start(
            title,
            lambda progress, cancel: made_clip(
                project, prompt, seconds, clip, model, steps, progress, cancel
            ),
            lambda made: self._push(lambda: AddAudioClipCommand(project, made, title)),
        )
