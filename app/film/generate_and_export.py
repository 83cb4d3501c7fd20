"""Headless render: generate every shot that needs a take, save, and export the film."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.film.film_export import export_project
from app.film.shot_looks import look_for_shot
from app.generation.batch_generation import EventCallback, generate_missing
from app.project.project import Project
from engine.backends.local import Backend
from engine.film.export_settings import ExportSettings
from engine.generation.request import ModelSpec
from engine.progress import CancelToken


@dataclass
class RenderReport:
    """What a render did."""

    generated: list[str] = field(default_factory=list)
    output: Path | None = None
    frames: int = 0
    duration: float = 0.0


def render_project(
    project: Project,
    output: Path,
    backends: list[Backend],
    model: ModelSpec | None,
    on_event: EventCallback,
    cancel: CancelToken | None = None,
    export: ExportSettings | None = None,
    quality: str | None = None,
    allow_flagged: bool = False,
    blocked_words: tuple[str, ...] = (),
) -> RenderReport:
    """Generate what is missing (on every backend at once), then export the whole film into output.

    Without export settings the film is an H.264 MP4 at the project's size and frame rate.
    """
    if not project.shots:
        raise ValueError("the project has no shots")
    for shot in project.shots:
        look_for_shot(project, shot)  # a missing preset or unusable LUT/logo fails before any generation
    report = RenderReport(
        generated=generate_missing(project, backends, model, on_event, cancel, quality, blocked_words)
    )
    on_event({"event": "stitch_started", "output": str(output)})

    def forward(event: dict[str, Any]) -> None:
        if event["event"] not in ("export_started", "done"):  # render reports its own start and end
            on_event(event)

    # The one film writer: without export flags, the exporter's defaults are render's classic H.264 MP4.
    result = export_project(project, output, export or ExportSettings(), forward, cancel, allow_flagged)
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
