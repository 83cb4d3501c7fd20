"""ScrubBar: the preview's position slider, where a left click jumps to the time under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProxyStyle, QSlider, QStyle, QStyleHintReturn, QStyleOption, QWidget


class _JumpToClickStyle(QProxyStyle):
    """The application's style, except that a left click sets a slider's value absolutely."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_Slider_AbsoluteSetButtons:
            # Most styles page-step on a left click and jump only on a middle click; a scrub bar jumps.
            return int(Qt.MouseButton.LeftButton.value | Qt.MouseButton.MiddleButton.value)
        return super().styleHint(hint, option, widget, returnData)


class ScrubBar(QSlider):
    """A horizontal slider over the frames; clicking anywhere seeks there, dragging scrubs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._style = _JumpToClickStyle()
        self._style.setParent(self)  # a widget does not own the style it is given
        self.setStyle(self._style)
