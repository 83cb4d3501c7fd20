"""SettingsForm: the generation settings (size, rate, frames, steps, guidance) as one form everywhere."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.film.shot_timing import MAX_FRAMES, snap_frames
from ui.i18n.translation import QT_TRANSLATE_NOOP
from ui.widgets.labels import setting_label

FIELDS = ("width", "height", "fps", "frames", "steps", "guidance_scale", "guidance_scale_2")
_MAXIMA = {"width": 4096, "height": 4096, "fps": 120, "frames": MAX_FRAMES, "steps": 1000}
_GUIDANCE = ("guidance_scale", "guidance_scale_2")
_UNSET = -0.5  # a guidance box's minimum, shown as its special text: no value of its own
# Translated at use, in SettingsForm's context.
TIPS = {
    "width": QT_TRANSLATE_NOOP(
        "SettingsForm", "Multiples of 16; Wan 2.2 A14B is made for 1280×720 and 832×480"
    ),
    "height": QT_TRANSLATE_NOOP(
        "SettingsForm", "Multiples of 16; Wan 2.2 A14B is made for 1280×720 and 832×480"
    ),
    "fps": QT_TRANSLATE_NOOP("SettingsForm", "Frames per second of the film (Wan 2.2 A14B: 16)"),
    "frames": QT_TRANSLATE_NOOP("SettingsForm", "Frames to generate; Wan uses 4k+1 (81 = 5 s at 16 fps)"),
    "steps": QT_TRANSLATE_NOOP("SettingsForm", "Denoising steps"),
    "guidance_scale": QT_TRANSLATE_NOOP("SettingsForm", "Guidance of the high-noise expert (early steps)"),
    "guidance_scale_2": QT_TRANSLATE_NOOP(
        "SettingsForm", "Guidance of the low-noise expert (late steps); unset: the same as high"
    ),
}


class FrameSpinBox(QSpinBox):
    """Frame counts that step through Wan's 4k+1 values; 0 shows as the inherited default."""

    def stepBy(self, steps: int) -> None:
        value = self.value()
        if value == 0:
            self.setValue(snap_frames(81) if steps > 0 else 0)
        elif value + 4 * steps < 1:
            self.setValue(0)
        else:
            self.setValue(snap_frames(value + 4 * steps))


class SettingsForm(QWidget):
    """A form of settings boxes; `optional` ones show what they inherit at their minimum and give None."""

    edited = Signal(str, object)  # field name, its value as value() gives it (the user typed or stepped)

    def __init__(
        self,
        fields: Iterable[str] = FIELDS,
        optional: bool = True,
        inherit_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.optional, self.inherit_text = optional, inherit_text or self.tr("Default")
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.spins: dict[str, QSpinBox | QDoubleSpinBox] = {}
        self.rows: dict[str, QHBoxLayout] = {}  # callers may add widgets beside a box
        for name in fields:
            spin = self._make(name)
            spin.setKeyboardTracking(False)
            tip = QCoreApplication.translate("SettingsForm", TIPS[name])
            inherited = self.tr("{0}: the project's").format(self.inherit_text)
            spin.setToolTip(tip + (f"; {inherited}" if optional else ""))
            spin.valueChanged.connect(lambda _v, n=name: self.edited.emit(n, self.value(n)))
            row = QHBoxLayout()
            row.addWidget(spin, 1)
            self.form.addRow(setting_label(name), row)
            self.spins[name], self.rows[name] = spin, row
        self.set_inherited({})

    def _make(self, name: str) -> QSpinBox | QDoubleSpinBox:
        if name in _GUIDANCE:
            dspin = QDoubleSpinBox()
            unset = self.optional or name == "guidance_scale_2"  # the low expert may follow the high
            dspin.setRange(_UNSET if unset else 0.0, 50.0)
            dspin.setSingleStep(0.5)
            dspin.setDecimals(2)
            return dspin
        spin = FrameSpinBox() if name == "frames" else QSpinBox()
        minimum = {"width": 16, "height": 16}.get(name, 1)
        spin.setRange(0 if self.optional else minimum, _MAXIMA[name])
        spin.setSingleStep({"width": 16, "height": 16, "frames": 4}.get(name, 1))
        return spin

    def row_index(self, name: str) -> int:
        """The form row that holds a field (to insert the caller's own rows around it)."""
        row, _role = self.form.getLayoutPosition(self.rows[name])
        return row

    def set_inherited(self, values: Mapping[str, object]) -> None:
        """Name what an unset box stands for: 'Default (81)'; a missing name shows 'Default'."""
        for name, spin in self.spins.items():
            if name == "guidance_scale_2" and (not self.optional or values.get(name, 0) is None):
                text = (
                    self.tr("{0} (same as high)").format(self.inherit_text)
                    if self.optional
                    else self.tr("Same as high")
                )
            elif self.optional:
                value = values.get(name)
                shown = (
                    "" if value is None else f" ({value:g})" if isinstance(value, float) else f" ({value})"
                )
                text = self.inherit_text + shown
            else:
                continue
            if spin.specialValueText() != text:  # set again, the box measures itself anew
                spin.setSpecialValueText(text)

    def value(self, name: str) -> int | float | None:
        """A field's value as stored: None when unset, frames snapped to 4k+1, sizes to 16."""
        raw = self.spins[name].value()
        if name in _GUIDANCE:
            return None if raw < 0 else round(raw, 2)
        if raw == 0:
            return None
        if name == "frames":
            return snap_frames(int(raw))
        if name in ("width", "height"):
            return max(16, round(raw / 16) * 16)
        return int(raw)

    def values(self) -> dict[str, Any]:
        """Every field's value(), by name (ready for PresetSettings(**values) and the like)."""
        return {name: self.value(name) for name in self.spins}

    def set_values(self, values: Mapping[str, object]) -> None:
        """Show these values (None: unset) without emitting `edited`; other fields keep theirs."""
        for name, value in values.items():
            if name in self.spins:
                spin = self.spins[name]
                set_quietly(spin, spin.minimum() if value is None else value)


def set_quietly(widget: QWidget, value: object) -> None:
    """Set a widget's value without emitting its change signals, only if it differs."""
    widget.blockSignals(True)
    try:
        if isinstance(widget, QPlainTextEdit):
            if widget.toPlainText() != value:
                widget.setPlainText(str(value))
        elif isinstance(widget, QLineEdit):
            if widget.text() != value:
                widget.setText(str(value))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):
            if widget.value() != value:
                widget.setValue(value)  # type: ignore[arg-type]  # a number; the binding rejects others
    finally:
        widget.blockSignals(False)


def set_range(spin: QSpinBox, minimum: int, maximum: int) -> None:
    """Set a box's range only if it differs: a range set lays the box's form out again, even the same one."""
    if (spin.minimum(), spin.maximum()) != (minimum, maximum):
        spin.setRange(minimum, maximum)
