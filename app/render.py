"""Headless render: generate every shot that needs a take, save, and stitch the film."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.project import FAILED, MISSING, NO_TAKE, Project, Shot
from app.project_file import save_project
from app.shot_requests import shot_status
from engine.pipeline_cache import PipelineCache
from engine.progress import Cancelled, CancelToken, Progress
from engine.request import ModelSpec
from engine.stitcher import ClipSpan, stitch

# An event is a plain dict with an "event" key, ready for --json output.
EventCallback = Callable[[dict], None]

NEEDS_TAKE = (NO_TAKE, FAILED, MISSING)


class RenderFailed(Exception):
    """Some shots could not be generated; the film was not stitched."""

    def __init__(self, failures: dict[str, str]) -> None:
        super().__init__(f"{len(failures)} shot(s) failed to generate")
        self.failures = failures


@dataclass
class RenderReport:
    """What a render did."""

    generated: list[str] = field(default_factory=list)
    output: Path | None = None
    frames: int = 0
    duration: float = 0.0


def shots_to_generate(project: Project) -> list[Shot]:
    """Shots without a usable take, in timeline order."""
    return [s for s in project.shots if shot_status(project, s) in NEEDS_TAKE]


def generate_missing(
    project: Project,
    cache: PipelineCache,
    model: ModelSpec | None,
    on_event: EventCallback,
    cancel: CancelToken | None = None,
) -> RenderReport:
    """Generate a take for each shot that needs one, saving the project after each."""
    from app.take_generation import generate_take
    from engine.model_source import ModelError

    report = RenderReport()
    todo = shots_to_generate(project)
    failures: dict[str, str] = {}
    on_event({"event": "plan", "shots": len(project.shots), "to_generate": len(todo)})
    for number, shot in enumerate(todo, start=1):
        title = shot.display_title(project.shots.index(shot))
        base = {"shot": shot.id, "title": title, "index": number, "count": len(todo)}
        on_event({"event": "shot_started", **base})

        def forward(p: Progress, base: dict = base) -> None:
            on_event({"event": "progress", **base, **p.to_dict()})

        try:
            take = generate_take(project, shot, cache, model, on_progress=forward, cancel=cancel)
        except (Cancelled, KeyboardInterrupt):
            save_project(project)
            raise
        except ModelError:
            raise  # the model is unusable for every shot: stop at once
        except Exception as exc:  # one failed shot must not stop the others
            message = _readable(exc)
            failures[shot.id] = message
            project.set_error(shot.id, message)
            save_project(project)
            on_event({"event": "shot_failed", **base, "error": message})
            continue
        save_project(project)
        report.generated.append(shot.id)
        on_event({"event": "take", **base, "take": take.id, "path": take.path, "seed": take.seed,
                  "seconds": take.seconds})
    if failures:
        raise RenderFailed(failures)
    return report


def stitch_project(
    project: Project, output: Path, on_event: EventCallback, cancel: CancelToken | None = None
) -> tuple[int, float]:
    """Join the active takes in timeline order (trims honoured) at the project's size and fps."""
    spans = []
    for index, shot in enumerate(project.shots):
        take = shot.active
        path = project.take_path(take) if take else None
        if path is None or not path.exists():
            raise ValueError(f"{shot.display_title(index)} has no take to stitch")
        spans.append(ClipSpan(path, shot.trim_in, shot.trim_out))
    s = project.settings

    def forward(p: Progress) -> None:
        on_event({"event": "progress", **p.to_dict()})

    info = stitch(spans, output, s.width, s.height, s.fps, on_progress=forward, cancel=cancel)
    return info.frames, info.duration


def render_project(
    project: Project,
    output: Path,
    cache: PipelineCache,
    model: ModelSpec | None,
    on_event: EventCallback,
    cancel: CancelToken | None = None,
) -> RenderReport:
    """Generate what is missing, then stitch the whole film into output."""
    if not project.shots:
        raise ValueError("the project has no shots")
    report = generate_missing(project, cache, model, on_event, cancel)
    on_event({"event": "stitch_started", "output": str(output)})
    report.frames, report.duration = stitch_project(project, output, on_event, cancel)
    report.output = output
    on_event({"event": "done", "output": str(output), "frames": report.frames,
              "duration": round(report.duration, 3), "generated": len(report.generated)})
    return report


def _readable(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    if "out of memory" in text.lower():
        return f"out of memory: {text.splitlines()[0]} (try a smaller size, fewer frames, or CPU offload)"
    return text.splitlines()[0] if len(text) > 300 else text
