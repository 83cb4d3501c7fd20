"""Inspector: edits every field of the selected shot through undo commands."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QRegularExpressionValidator, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.film.shot_timing import seconds_to_frames, snap_frames
from app.generation.shot_requests import MAX_SEED, random_seed, resolved_settings
from app.project.project import Project
from app.project.shot import Shot
from ui.editing.undo_commands import EditShotCommand, RemoveTakeCommand, set_active_take_command
from ui.inspector.control_box import ControlBox
from ui.inspector.keyframes_box import KeyframesBox
from ui.inspector.mention_completer import MentionCompleter, PromptEdit
from ui.inspector.shot_images_box import ShotImagesBox
from ui.inspector.speed_rows import ShotSpeedRows
from ui.inspector.takes_list import TakesPanel
from ui.widgets.bundled_texts import shown_text
from ui.widgets.labels import TRANSITION_LABELS, setting_label, shot_title, transition_label
from ui.widgets.nested_layouts import lay_out_now
from ui.widgets.settings_form import SettingsForm, set_quietly
from ui.widgets.thumbnails import ThumbnailCache
from ui.widgets.wrapped_text import WrappedText

SHOT_FIELDS = ("frames", "width", "height", "steps", "guidance_scale", "guidance_scale_2")


class Inspector(QScrollArea):
    """The selected shot's title, prompts, seed, length, size, steps, guidance and takes."""

    def __init__(
        self,
        project: Project,
        undo_stack: QUndoStack,
        thumbnails: ThumbnailCache,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project, self.undo_stack = project, undo_stack
        self.shot_id: str | None = None
        self._snapped = False  # the frames hint says a value was snapped: kept until the next edit
        self.burst = 0  # edits within one focus of one field merge into one undo step
        self.setWidgetResizable(True)
        self._build(thumbnails)
        project.subscribe(self._on_event)
        self.set_shot(None)

    # -- construction -------------------------------------------------------------------
    def _build(self, thumbnails: ThumbnailCache) -> None:
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Shot N"))
        self.title.setToolTip(self.tr("The shot's name on the timeline"))
        self.prompt = PromptEdit()
        self.prompt.setPlaceholderText(self.tr("What the camera sees: subject, action, place, light, lens…"))
        self.prompt.setToolTip(self.tr("The prompt for this shot (any language)"))
        self.prompt.setMinimumHeight(110)
        self.mentions = MentionCompleter(self.prompt, lambda: self.project.cast)  # @Name of the cast
        self.negative = QPlainTextEdit()
        self.negative.setPlaceholderText(self.tr("Added to the project's negative prompt"))
        self.negative.setToolTip(
            self.tr("What this shot should avoid, added to the project's negative prompt")
        )
        self.negative.setMaximumHeight(70)
        self.random_seed = QCheckBox(self.tr("Random"))
        self.random_seed.setToolTip(self.tr("Draw a new seed for every take"))
        self.seed = QLineEdit()
        self.seed.setValidator(QRegularExpressionValidator(r"\d{0,10}"))
        self.seed.setToolTip(self.tr("A fixed seed (0 to {0}) makes takes repeatable").format(MAX_SEED))
        self.new_seed = QPushButton(self.tr("New Seed"))
        self.new_seed.setToolTip(self.tr("Pick a new random fixed seed"))
        seed_row = QHBoxLayout()
        for w in (self.random_seed, self.seed, self.new_seed):
            seed_row.addWidget(w)
        self.settings_form = SettingsForm(SHOT_FIELDS)
        spins = self.settings_form.spins
        self.frames, self.width_spin, self.height_spin = spins["frames"], spins["width"], spins["height"]
        self.steps, self.guidance = spins["steps"], spins["guidance_scale"]
        self.guidance_2 = spins["guidance_scale_2"]
        self.seconds = QDoubleSpinBox()
        self.seconds.setRange(0.0, 120.0)
        self.seconds.setDecimals(2)
        self.seconds.setSuffix(" s")
        self.seconds.setKeyboardTracking(False)
        self.seconds.setToolTip(self.tr("Duration; snapped to the nearest valid frame count"))
        self.frames_hint = QLabel()
        self.frames_hint.setWordWrap(True)
        self.settings_form.rows["frames"].addWidget(self.seconds)
        self.transition = QComboBox()
        for kind in TRANSITION_LABELS:
            self.transition.addItem(transition_label(kind), kind)
        self.transition.setToolTip(
            self.tr("How this shot begins after the previous one (also on the timeline's right-click)")
        )
        self.transition_duration = QDoubleSpinBox()
        self.transition_duration.setRange(0.05, 10.0)
        self.transition_duration.setSingleStep(0.25)
        self.transition_duration.setSuffix(" s")
        self.transition_duration.setKeyboardTracking(False)
        self.transition_duration.setToolTip(
            self.tr("Length of the crossfade, or of the whole fade through black")
        )
        transition_row = QHBoxLayout()
        transition_row.addWidget(self.transition, 1)
        transition_row.addWidget(self.transition_duration)

        # One aligned form: the shot's own rows around the shared settings rows.
        self.form_box = self.settings_form
        form = self.settings_form.form
        form.setContentsMargins(9, 9, 9, 9)
        form.insertRow(0, self.tr("Title"), self.title)
        form.insertRow(1, self.tr("Prompt"), self.prompt)
        form.insertRow(2, setting_label("negative_prompt"), self.negative)
        form.insertRow(3, self.tr("Seed"), seed_row)
        form.insertRow(self.settings_form.row_index("frames") + 1, "", self.frames_hint)
        self.sent = QLabel()
        self.sent.setObjectName("SentPrompt")
        self.sent.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sent.setToolTip(self.tr("Exactly what the model receives, after the style preset's template"))
        # Its text changes with every shot: the form lays out again only when its height does.
        self._sent_box = WrappedText(self.sent)
        form.addRow(self.tr("Sends"), self._sent_box)
        self.speed_rows = ShotSpeedRows(self)
        form.addRow(self.speed_rows.label, self.speed_rows.quality)
        form.addRow("", self.speed_rows.warning)
        form.addRow(self.tr("Transition in"), transition_row)
        self.takes = TakesPanel(thumbnails)
        takes_box = QGroupBox(self.tr("Takes"))
        QVBoxLayout(takes_box).addWidget(self.takes)
        self.error = QLabel()  # why the last generation failed, shown until a take succeeds
        self.error.setObjectName("ShotError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet(
            "QLabel { color: white; background: #991b1b; padding: 6px; border-radius: 4px; }"
        )
        self.images = ShotImagesBox(self.undo_stack, thumbnails)
        page = QWidget()
        self.images.watch_drops(page)  # an image file dropped anywhere here becomes the start image
        column = QVBoxLayout(page)
        column.addWidget(self.error)
        column.addWidget(self.form_box)
        column.addWidget(self.images)
        self.keyframes = KeyframesBox(self.undo_stack, thumbnails)
        column.addWidget(self.keyframes)
        self.control = ControlBox(self.undo_stack)
        column.addWidget(self.control)
        column.addWidget(takes_box)
        column.addStretch(1)
        self.empty = QLabel(self.tr("Select a shot on the timeline to edit it."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(page)
        self.setWidget(self.pages)
        # Where a shot's values change the page's size hints, innermost first (lay_out_now).
        self._levels = (
            self._sent_box,
            self.settings_form,
            self.images,
            self.keyframes,
            self.control,
            self.takes,
            takes_box,
            page,
            self.pages,
            self.viewport(),
        )

        watched: tuple[QWidget, ...] = (
            self.title,
            self.prompt,
            self.negative,
            self.seed,
            self.frames,
            self.seconds,
            self.width_spin,
            self.height_spin,
            self.steps,
            self.guidance,
            self.guidance_2,
            self.takes.trim_in,
            self.takes.trim_out,
            self.transition_duration,
        )
        for field in watched:
            field.installEventFilter(self)
        self.title.textEdited.connect(lambda text: self._edit(title=text))
        self.prompt.textChanged.connect(lambda: self._edit(prompt=self.prompt.toPlainText()))
        self.negative.textChanged.connect(lambda: self._edit(negative_prompt=self.negative.toPlainText()))
        self.seed.textEdited.connect(self._seed_typed)
        self.random_seed.toggled.connect(self._random_toggled)
        self.new_seed.clicked.connect(self._new_seed)
        self.frames.valueChanged.connect(self._frames_changed)
        self.seconds.valueChanged.connect(self._seconds_changed)
        self.settings_form.edited.connect(self._setting_edited)
        self.transition.activated.connect(lambda i: self._edit(transition=self.transition.itemData(i)))
        self.transition_duration.valueChanged.connect(lambda v: self._edit(transition_duration=round(v, 2)))
        self.speed_rows.qualityChosen.connect(lambda quality: self._edit(quality=quality))
        self.takes.chooseRequested.connect(self._choose_take)
        self.takes.removeRequested.connect(self._remove_take)
        self.takes.trimEdited.connect(lambda name, value: self._edit(**{name: value}))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self.burst += 1
        return False

    # -- showing ------------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        """Follow another project."""
        self.project.unsubscribe(self._on_event)
        self.project = project
        project.subscribe(self._on_event)
        self.set_shot(None)

    def detach(self) -> None:
        self.project.unsubscribe(self._on_event)

    def set_shot(self, shot_id: str | None, selected: int = 1) -> None:
        """Edit this shot (None: nothing or several selected)."""
        self.shot_id = shot_id
        self.burst += 1
        if shot_id is None:
            self.empty.setText(
                self.tr("{0} shots selected.").format(selected)
                if selected > 1
                else self.tr("Select a shot on the timeline to edit it.")
            )
            self.pages.setCurrentIndex(0)
            self.takes.set_shot(None, None)
            self.images.set_shot(self.project, None)
            self.keyframes.set_shot(self.project, None)
            self.control.set_shot(self.project, None)
            lay_out_now(self._levels)
            return
        self.pages.setCurrentIndex(1)
        self._snapped = False
        if self.shot() is None:
            self.frames_hint.setText("")
        self.refresh()  # the frames hint follows the shot: set once, not cleared first (a relayout each)

    def shot(self) -> Shot | None:
        if self.shot_id is None:
            return None
        try:
            return self.project.shot(self.shot_id)
        except KeyError:
            return None

    def refresh(self) -> None:
        """Copy the shot's values into the widgets (only where they differ, so typing is not disturbed)."""
        shot = self.shot()
        if shot is None:
            return
        d, s = self.project.settings.defaults, self.project.settings
        fps = s.fps
        frames = shot.frames if shot.frames is not None else d.frames
        inherited = {"width": s.width, "height": s.height, **dataclasses.asdict(d)}
        self.settings_form.set_inherited(inherited)
        self.settings_form.set_values({name: getattr(shot, name) for name in SHOT_FIELDS})
        values = [
            (self.title, shot.title),
            (self.prompt, shot.prompt),
            (self.negative, shot.negative_prompt),
            (self.seed, "" if shot.seed is None else str(shot.seed)),
            (self.random_seed, shot.seed is None),
            (self.seconds, round(frames / max(fps, 1), 2)),
        ]
        for widget, value in values:
            set_quietly(widget, value)
        # The name the timeline shows while the title is empty ("Shot 3"), not a generic "Shot N".
        self.title.setPlaceholderText(shot_title(shot, self.project.index_of(shot.id)))
        self.seed.setEnabled(shot.seed is not None)
        self.transition.setCurrentIndex(
            max(0, self.transition.findData(shot.transition))
        )  # activated: user only
        set_quietly(self.transition_duration, shot.transition_duration)
        starts_film = bool(self.project.shots) and self.project.shots[0] is shot
        self.transition.setEnabled(not starts_film)
        self.transition_duration.setEnabled(not starts_film and shot.transition != "cut")
        if not self._snapped:
            self.frames_hint.setText(self._frames_text(frames, fps))
        self.takes.set_shot(self.project, shot)
        self.images.set_shot(self.project, shot)
        self.keyframes.set_shot(self.project, shot)
        self.control.set_shot(self.project, shot)
        self.sent.setText(sent_text(self.project, shot))
        self.speed_rows.show_shot(self.project, shot)
        self.error.setVisible(bool(shot.error))
        self.error.setText(
            self.tr(
                "The last generation failed: {0}\nGenerate the shot again to retry (Ctrl+G); "
                "the full details are in storyreel.log."
            ).format(shot.error)
            if shot.error
            else ""
        )
        lay_out_now(self._levels)

    def _on_event(self, event: str, details: dict) -> None:
        if (
            event in ("settings_changed", "presets_changed", "cast_changed")
            or details.get("shot_id") == self.shot_id
        ):
            if event == "shot_removed":
                self.set_shot(None)
            elif self.shot_id is not None:
                self.refresh()

    # -- editing ------------------------------------------------------------------------
    def _edit(self, **fields: object) -> None:
        shot = self.shot()
        if shot is None or all(getattr(shot, k) == v for k, v in fields.items()):
            return
        self.undo_stack.push(EditShotCommand(self.project, shot.id, fields, burst=self.burst))

    def _setting_edited(self, name: str, value: object) -> None:
        if name != "frames":  # _frames_changed snaps the frames and says so
            self._edit(**{name: value})

    def _seed_typed(self, text: str) -> None:
        if text and int(text) <= MAX_SEED:
            self._edit(seed=int(text))

    def _random_toggled(self, checked: bool) -> None:
        self.burst += 1
        shot = self.shot()
        if shot is None:
            return
        self._edit(seed=None if checked else (int(self.seed.text()) if self.seed.text() else random_seed()))

    def _new_seed(self) -> None:
        self.burst += 1
        self._edit(seed=random_seed())

    def _frames_changed(self, value: int) -> None:
        self._snapped = False
        if value == 0:
            self.frames_hint.setText("")
            self._edit(frames=None)
            return
        snapped = snap_frames(value)
        fps = self.project.settings.fps
        if snapped != value:
            set_quietly(self.frames, snapped)
            self._snapped = True
            self.frames_hint.setText(
                self.tr("Snapped {0} → {1}: Wan makes 4k+1 frames.").format(
                    value, self._frames_label(snapped, fps)
                )
            )
        else:
            self.frames_hint.setText(self._frames_text(snapped, fps))
        self._edit(frames=snapped)

    def _seconds_changed(self, seconds: float) -> None:
        fps = self.project.settings.fps
        frames = seconds_to_frames(seconds, fps)
        self._snapped = abs(frames / fps - seconds) > 0.005
        self.frames_hint.setText(
            self.tr("Snapped {0:g} s → {1}: Wan makes 4k+1 frames.").format(
                seconds, self._frames_label(frames, fps)
            )
            if self._snapped
            else self._frames_text(frames, fps)
        )
        self._edit(frames=frames)

    def _frames_label(self, frames: int, fps: int) -> str:
        """'81 frames = 5.06 s' (app's frames_label, in the window's language)."""
        return self.tr("{0} frames = {1:.2f} s").format(frames, frames / max(fps, 1))

    def _frames_text(self, frames: int, fps: int) -> str:
        return self.tr("{0} at {1} fps").format(self._frames_label(frames, fps), fps)

    def _choose_take(self, take_id: str) -> None:
        shot = self.shot()
        if shot is not None and shot.active_take != take_id:
            self.undo_stack.push(set_active_take_command(self.project, shot.id, take_id))

    def _remove_take(self, take_id: str) -> None:
        shot = self.shot()
        if shot is not None and shot.take(take_id) is not None:
            self.undo_stack.push(RemoveTakeCommand(self.project, shot.id, take_id))


def sent_text(project: Project, shot: Shot) -> str:
    """The preset in effect and the exact prompt and negative prompt a new take sends."""
    from html import escape

    from app.presets.embedded import preset_name_for, shot_preset
    from app.project.cast_mentions import unknown_mentions

    name = preset_name_for(project, shot)
    eff = resolved_settings(project, shot)
    bold = f"<b>{escape(shown_text(name or ''))}</b>"
    if name and shot_preset(project, shot, strict=False) is None:
        preset = QCoreApplication.translate(
            "Inspector", "{0} (missing from the project: apply it again)"
        ).format(bold)
    elif name:
        preset = (
            bold
            if shot.preset
            else QCoreApplication.translate("Inspector", "{0} (project default)").format(bold)
        )
    else:
        preset = QCoreApplication.translate("Inspector", "none")
    text = QCoreApplication.translate(
        "Inspector", "Preset: {0}<br>Prompt: <i>{1}</i><br>Negative: <i>{2}</i>"
    ).format(preset, escape(eff["prompt"]) or "—", escape(eff["negative_prompt"]) or "—")
    unknown = unknown_mentions(shot.prompt, project.cast)
    if unknown:
        warning = QCoreApplication.translate(
            "Inspector", "⚠ No cast member is named {0}: add it in the Cast dock or correct the name."
        ).format(", ".join("@" + name for name in unknown))
        text += f'<br><span style="color:#dc2626">{escape(warning)}</span>'
    return text
