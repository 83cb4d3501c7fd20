"""Random access to a video's frames by index: a small decoded-frame cache filled ahead by a worker."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from engine.video.freed_memory import decoded_one
from engine.video.video_io import ClipInfo, VideoError, frame_to_rgb, probe

if TYPE_CHECKING:
    import av.video.frame
    import numpy as np

Transform = Callable[["np.ndarray"], "np.ndarray"]
# Going forward by more than this many frames seeks instead of decoding through.
SEEK_DISTANCE = 24


class FrameReader:
    """Frames of one clip as RGB arrays; a daemon thread probes the file and decodes ahead of the last
    frame asked for, so opening a reader never waits on the file (a click in the preview)."""

    def __init__(
        self,
        path: Path,
        transform: Transform | None = None,
        cache_size: int = 48,
        ahead: int = 12,
        info: ClipInfo | None = None,
    ) -> None:
        self.path = Path(path)
        self.info = info
        self._count = info.frame_count if info is not None else None  # None until probed
        self.cache_size, self.ahead = max(cache_size, ahead + 2), ahead
        self._transform = transform
        self._cache: OrderedDict[int, np.ndarray] = OrderedDict()
        self._cond = threading.Condition()
        self._want: int | None = None
        self._closed = False
        self.error: Exception | None = None
        self._decoder: _Decoder | None = None
        self._thread = threading.Thread(
            target=self._work, daemon=True, name=f"storyreel-frames-{self.path.name}"
        )
        self._thread.start()

    # -- asking for frames (any thread) ---------------------------------------------------
    @property
    def frame_count(self) -> int:
        """The clip's frame count, waiting for the worker's probe; VideoError if it failed."""
        with self._cond:
            self._cond.wait_for(lambda: self._count is not None or self.error is not None or self._closed)
            if self._count is None:  # the probe failed, or the reader was closed first
                raise VideoError(str(self.error) if self.error else f"{self.path} was closed")
            return self._count

    def peek(self, index: int) -> np.ndarray | None:
        """The frame if it is decoded already; otherwise None, and it is decoded next."""
        index = self._clamp(index)
        with self._cond:
            frame = self._cache.get(index)
            if frame is not None:
                self._cache.move_to_end(index)
            self._request_locked(index)
            return frame

    def frame(self, index: int, timeout: float | None = 10.0) -> np.ndarray:
        """The frame at index, waiting for the worker; VideoError if it cannot be decoded."""
        with self._cond:
            if not self._cond.wait_for(lambda: self._count is not None or self.error is not None, timeout):
                raise VideoError(f"Timed out opening {self.path}")
            index = self._clamp(index)
            self._request_locked(index)
            if not self._cond.wait_for(
                lambda: index in self._cache or self.error is not None or self._closed, timeout
            ):
                raise VideoError(f"Timed out decoding frame {index} of {self.path}")
            if index in self._cache:
                return self._cache[index]
            raise VideoError(str(self.error) if self.error else f"{self.path} was closed")

    def prefetch(self, index: int) -> None:
        """Start decoding at index (e.g. the first frame of the next clip) without waiting."""
        with self._cond:
            if self._clamp(index) not in self._cache:
                self._request_locked(self._clamp(index))

    def set_transform(self, transform: Transform | None) -> None:
        """Show frames through another look (decoded frames are dropped if it changed)."""
        with self._cond:
            if transform is not self._transform:
                self._transform = transform
                self._cache.clear()
                # The worker sleeps while the wanted frames are cached: wake it to decode them anew.
                self._cond.notify_all()

    def close(self, timeout: float = 5.0) -> None:
        """Stop the worker and close the file."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout)

    # -- the worker -----------------------------------------------------------------------
    def _clamp(self, index: int) -> int:
        # Before the probe only the lower bound is known; the worker clamps the wish once it knows.
        index = max(0, int(index))
        return index if self._count is None else min(index, self._count - 1)

    def _request_locked(self, index: int) -> None:
        if self._want != index:
            self._want = index
            self._cond.notify_all()

    def _next_missing(self) -> int | None:
        """The first frame from the wanted one onward (within `ahead`) that is not cached."""
        if self._want is None or self._count is None:
            return None
        last = min(self._count, self._want + self.ahead)
        return next((i for i in range(self._want, last) if i not in self._cache), None)

    def _probe(self) -> None:
        info = self.info or probe(self.path)
        with self._cond:
            self.info, self._count = info, info.frame_count
            if self._want is not None:
                self._want = self._clamp(self._want)
            self._cond.notify_all()

    def _work(self) -> None:
        try:
            self._probe()
            while True:
                with self._cond:
                    self._cond.wait_for(lambda: self._closed or self._next_missing() is not None)
                    if self._closed:
                        return
                    target = self._next_missing()
                    transform = self._transform
                assert target is not None and self.info is not None
                self._decode_one(target, transform, self.info)
        except Exception as exc:  # an unreadable file: waiters get the error
            with self._cond:
                self.error = exc
                self._cond.notify_all()
        finally:
            if self._decoder is not None:
                self._decoder.close()

    def _decode_one(self, target: int, transform: Transform | None, info: ClipInfo) -> None:
        decoder = self._decoder
        if decoder is not None and decoder.next_index <= target <= decoder.next_index + SEEK_DISTANCE:
            fresh = False
        else:
            if decoder is not None:
                decoder.close()
            decoder = self._decoder = _Decoder(self.path, info, target)
            fresh = True
        got = decoder.read()
        if fresh and got is not None and got[0] > target:  # the seek overshot: decode from the start
            decoder.close()
            decoder = self._decoder = _Decoder(self.path, info, target, seek=False)
            got = decoder.read()
        if got is None:
            if decoder.next_index == 0:
                raise VideoError(f"No frames could be decoded from {self.path}")
            with self._cond:  # the file holds fewer frames than its header said
                self._count = min(self._count or decoder.next_index, decoder.next_index)
                self._want = self._clamp(self._want or 0)
                self._cond.notify_all()
            return
        index, image = got
        decoded_one()  # a long playback frees a frame's buffers per frame: given back now and then
        if transform is not None:
            image = transform(image)
        with self._cond:
            if transform is not self._transform:
                return  # the look changed while decoding: this frame is stale
            self._cache[index] = image
            self._cache.move_to_end(index)
            self._evict_locked()
            self._cond.notify_all()

    def _evict_locked(self) -> None:
        # Drop the frames farthest behind the wanted one first; keep a few behind for stepping back.
        want = self._want or 0
        while len(self._cache) > self.cache_size:
            victim = max(self._cache, key=lambda i: (want - i) * 4 if i < want else i - want)
            del self._cache[victim]


class _Decoder:
    """An open file decoding forward from a frame index (seeking to the keyframe before it)."""

    def __init__(self, path: Path, info: ClipInfo, start: int, seek: bool = True) -> None:
        import av

        self.info = info
        try:
            self.container = av.open(str(path))
        except (av.error.FFmpegError, OSError) as exc:
            raise VideoError(f"Cannot open video {path}: {exc}") from exc
        self.stream = self.container.streams.video[0]
        self.stream.thread_type = "AUTO"
        self.origin = self.stream.start_time or 0
        self.next_index = 0
        if seek and start > 0 and self.stream.time_base:
            pts = self.origin + int(start / float(info.fps) / float(self.stream.time_base))
            try:
                self.container.seek(pts, stream=self.stream, backward=True, any_frame=False)
            except av.error.FFmpegError:
                self.container.seek(0, stream=self.stream)
        self.frames = self.container.decode(self.stream)
        self.skip_to = start

    def _index_of(self, frame: av.video.frame.VideoFrame) -> int:
        if frame.pts is None or not self.stream.time_base:
            return self.next_index
        return round(float((frame.pts - self.origin) * self.stream.time_base) * float(self.info.fps))

    def read(self) -> tuple[int, np.ndarray] | None:
        """The next frame at or after the start index, as (index, RGB array); None at the end."""
        for frame in self.frames:
            index = self._index_of(frame)
            self.next_index = index + 1
            if index >= self.skip_to:
                self.skip_to = index + 1
                return index, frame_to_rgb(frame)
        return None

    def close(self) -> None:
        self.container.close()
