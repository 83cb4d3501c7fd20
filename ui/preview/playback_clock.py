"""PlaybackClock: which frame should be on screen now, from a monotonic clock (frames drop, time never slips)."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal


class PlaybackClock(QObject):
    """Counts frames at a rate from a start frame; a precise QTimer polls it a few times per frame."""

    frameChanged = Signal(int)
    finished = Signal()  # reached the end without looping

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fps = 24.0
        self.length = 0
        self.loop = False
        self.speed = 1.0  # frames of film per frame of time: 2.0 twice as fast, -1.0 backwards (J/K/L)
        self.position = 0
        self._origin = 0  # frame at the moment the elapsed timer was started
        self._elapsed = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._poll)

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    def configure(self, fps: float, length: int) -> None:
        """Set the rate and the number of frames (keeps the position inside)."""
        self.fps, self.length = max(float(fps), 1.0), max(int(length), 0)
        self._set_interval()
        self.position = min(self.position, max(self.length - 1, 0))
        if self.playing:
            self._restart_from(self.position)

    def _set_interval(self) -> None:
        self._timer.setInterval(max(2, int(1000 / (self.fps * abs(self.speed)) / 3)))

    def set_speed(self, speed: float) -> None:
        """Play at this multiple of real time; negative plays backwards (keeps the position)."""
        self.speed = float(speed) if speed else 1.0
        self._set_interval()
        if self.playing:
            self._restart_from(self.position)

    def start(self) -> None:
        """Play from the current position (from the start if at the end; backwards: from the end if at 0)."""
        if self.length <= 0:
            return
        if self.speed > 0 and self.position >= self.length - 1:
            self.position = 0
        elif self.speed < 0 and self.position <= 0:
            self.position = self.length - 1
        self._restart_from(self.position)
        self._timer.start()

    def stop(self) -> None:
        """Pause at the current frame."""
        self._timer.stop()

    def seek(self, frame: int) -> None:
        """Jump to a frame (playing continues from there)."""
        self.position = max(0, min(int(frame), max(self.length - 1, 0)))
        if self.playing:
            self._restart_from(self.position)
        self.frameChanged.emit(self.position)

    def _restart_from(self, frame: int) -> None:
        self._origin = frame
        self._elapsed.start()

    def _poll(self) -> None:
        frame = self._origin + int(self._elapsed.nsecsElapsed() * self.fps * self.speed / 1e9)
        if frame < 0:  # backwards past the first frame
            if self.loop and self.length > 0:
                self._origin = frame = self.length - 1
                self._elapsed.start()
            else:
                self._timer.stop()
                if self.position != 0:
                    self.position = 0
                    self.frameChanged.emit(0)
                self.finished.emit()
                return
        if frame >= self.length:
            if self.loop and self.length > 0:
                frame = frame % self.length
                self._origin, frame = frame, frame
                self._elapsed.start()
            else:
                self._timer.stop()
                if self.position != self.length - 1:
                    self.position = self.length - 1
                    self.frameChanged.emit(self.position)
                self.finished.emit()
                return
        if frame != self.position:
            self.position = frame
            self.frameChanged.emit(frame)
