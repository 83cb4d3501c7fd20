"""Terminal output for the CLI: readable progress lines, or one JSON event per line."""

from __future__ import annotations

import contextlib
import json
import signal
import sys
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from engine.progress import CancelToken


def fail(message: str | BaseException, code: int) -> int:
    """Print an error for a person (no traceback), with the hint an error carries; returns the exit code."""
    from engine.errors import hint_of

    print(f"storyreel: error: {message}", file=sys.stderr)
    if isinstance(message, BaseException) and (hint := hint_of(message)):
        print(f"storyreel: hint: {hint}", file=sys.stderr)
    return code


@contextlib.contextmanager
def ctrl_c_cancels(cancel: CancelToken, message: str) -> Iterator[None]:
    """While inside, the first Ctrl+C sets cancel (work stops at its next check); a second one
    raises KeyboardInterrupt at once."""

    def on_sigint(signum: int, frame: object) -> None:
        if cancel.cancelled:
            raise KeyboardInterrupt
        cancel.cancel()
        print(f"\n{message} (Ctrl+C again to stop at once)", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class EventPrinter:
    """Prints render events: a live progress line in a terminal, JSON lines with --json."""

    def __init__(self, json_lines: bool = False, stream: TextIO | None = None) -> None:
        self.json_lines = json_lines
        self.stream = stream or sys.stdout
        self.live = not json_lines and self.stream.isatty()
        self._started = time.monotonic()
        self._line_open = False
        self._last_key: tuple[object, ...] | None = None

    def __call__(self, event: dict[str, Any]) -> None:
        if self.json_lines:
            self.stream.write(json.dumps(event, ensure_ascii=False) + "\n")
            self.stream.flush()
            return
        text = self._describe(event)
        if text is None:
            return
        if event["event"] == "progress" and self.live:
            self.stream.write("\r\033[K" + text)
            self._line_open = True
        else:
            if self._line_open:
                self.stream.write("\n")
                self._line_open = False
            self.stream.write(text + "\n")
        self.stream.flush()

    def _describe(self, e: dict[str, Any]) -> str | None:
        kind = e["event"]
        clock = f"[{time.monotonic() - self._started:6.1f}s]"
        where = f"[{e.get('index')}/{e.get('count')}] {e.get('title', '')}" if "index" in e else "Film"
        if kind == "plan":
            return f"{clock} {e['shots']} shot(s), {e['to_generate']} to generate"
        if kind == "shot_started":
            return f"{clock} {where}: starting"
        if kind == "progress" and e.get("stage") == "generating" and e.get("message") and not e.get("step"):
            return f"{clock} {where}: note: {e['message']}"
        if kind == "progress":
            key = (where, e.get("stage"), e.get("expert"))
            step = f" {e['step']}/{e['total']}" if e.get("total") else ""
            expert = f" ({e['expert']} expert)" if e.get("expert") else ""
            message = f": {e['message']}" if e.get("message") else ""
            # Without a live line, print one line per stage rather than one per step.
            if not self.live and key == self._last_key and e.get("step") != e.get("total"):
                return None
            self._last_key = key
            return f"{clock} {where}: {e['stage']}{step}{expert}{message}"
        if kind == "take":
            return f"{clock} {where}: take written to {e['path']} (seed {e['seed']}, {e['seconds']:.1f}s)"
        if kind == "shot_failed":
            return f"{clock} {where}: FAILED: {e['error']}"
        if kind == "stitch_started":
            return f"{clock} Stitching the film into {e['output']}"
        if kind == "done":
            return f"{clock} Done: {e['output']} ({e['frames']} frames, {e['duration']:.2f}s)"
        if kind == "timeline_written":
            titles = f", {e['titles']} title clip(s)" if e.get("titles") else ""
            return (
                f"{clock} Timeline for an editor written: {e['output']} ({e['shots']} shots{titles}, "
                f"{e['format']})"
            )
        if kind == "timeline_imported":
            skipped = f"; left out {len(e['skipped'])} clip(s) it does not know" if e["skipped"] else ""
            return f"{clock} Brought back the order and trims of {e['shots']} shot(s){skipped}"
        if kind == "added":
            return f"{clock} Added shot {e['title']} ({e['frames']} frames)"
        if kind == "recovered":
            adopted = f", adopted {len(e['adopted'])} finished take(s)" if e["adopted"] else ""
            return f"{clock} After a crash: removed {e['removed']} stale temp file(s){adopted}"
        if kind == "warning":
            return f"{clock} Warning: {e['message']}"
        if kind == "interrupted":
            return f"{clock} Interrupted: finished takes are kept and the project is saved."
        return None
