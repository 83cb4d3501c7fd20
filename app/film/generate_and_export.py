"""Headless render: generate every shot that needs a take, save, and stitch the film."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.film.film_export import export_project, film_spans, uses_transitions
from app.film.shot_looks import look_for_shot
from app.generation.batch_generation import EventCallback, generate_missing
from app.project.model import Project
from engine.backends.local import Backend
from engine.film.export_settings import ExportSettings
from engine.film.stitcher import stitch
from engine.generation.request import ModelSpec
from engine.jobs.progress import CancelToken, Progress


@dataclass
class RenderReport:
    """What a render did."""

    generated: list[str] = field(default_factory=list)
    output: Path | None = None
    frames: int = 0
    duration: float = 0.0


def stitch_project(
    project: Project, output: Path, on_event: EventCallback, cancel: CancelToken | None = None
) -> tuple[int, float]:
    """Join the active takes in timeline order (trims honoured) at the project's size and fps."""
    spans = film_spans(project, project.shots)
    s = project.settings

    def forward(p: Progress) -> None:
        on_event({"event": "progress", **p.to_dict()})

    info = stitch(spans, output, s.width, s.height, s.fps, on_progress=forward, cancel=cancel)
    return info.frames, info.duration


def render_project(
    project: Project,
    output: Path,
    backends: list[Backend],
    model: ModelSpec | None,
    on_event: EventCallback,
    cancel: CancelToken | None = None,
    export: ExportSettings | None = None,
) -> RenderReport:
    """Generate what is missing (on every backend at once), then stitch the whole film into output.

    With export settings, or transitions set on the timeline, the film goes through the exporter.
    """
    if not project.shots:
        raise ValueError("the project has no shots")
    for shot in project.shots:
        look_for_shot(project, shot)  # a missing preset or unusable LUT/logo fails before any generation
    report = RenderReport(generated=generate_missing(project, backends, model, on_event, cancel))
    on_event({"event": "stitch_started", "output": str(output)})
    if export is None and not uses_transitions(project):
        report.frames, report.duration = stitch_project(project, output, on_event, cancel)
    else:

        def forward(event: dict) -> None:
            if event["event"] not in ("export_started", "done"):  # render reports its own start and end
                on_event(event)

        result = export_project(project, output, export or ExportSettings(), forward, cancel)
        report.frames, report.duration = result.frames, result.duration
    report.output = output
    on_event(
        {
            "event": "done",
            "output": str(output),
            "frames": report.frames,
            "duration": round(report.duration, 3),
            "generated": len(report.generated),
        }
    )
    return report
