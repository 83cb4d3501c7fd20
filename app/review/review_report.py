"""The review report for the client: one self-contained HTML file (images as data URIs, charts as SVG)."""

from __future__ import annotations

import base64
import html
import io
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from app.project.cast_mentions import mentioned_members
from app.project.project import Project
from app.project.shot import Shot, Take
from app.review.ranking import combined_score, ranked_takes
from app.review.report_charts import bar_chart_svg
from app.settings.review_settings import ReviewSettings
from engine.review.review_config import ReviewError
from engine.review.sampled_clip import read_sampled
from engine.storage.atomic_file import write_bytes_atomic

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

CONTACT_FRAMES = 6
THUMB_WIDTH = 240
STYLE = """
body{font-family:sans-serif;margin:2em;color:#222}
.shot{border-top:1px solid #ccc;padding:1em 0}
.frames img{margin-right:8px;vertical-align:top}
.flagged img{filter:blur(12px)}
.verdict-flagged{color:#b00;font-weight:bold}
.verdict-off{color:#a60}
table{border-collapse:collapse;font-size:90%}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}
"""


def e(value: object) -> str:
    """Text for HTML: every user string (prompts, names, titles) goes through here."""
    return html.escape(str(value), quote=True)


def _png_uri(image: np.ndarray) -> str:
    from PIL import Image

    picture = Image.fromarray(image)
    picture.thumbnail((THUMB_WIDTH, THUMB_WIDTH))
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def _contact_sheet(frames: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.concatenate(list(frames), axis=1)


def _frames_html(project: Project, take: Take) -> str:
    """The keyframe (the middle sampled frame) and a contact sheet; a note if the clip cannot be read."""
    path = project.take_path(take)
    try:
        if path is None:
            raise ReviewError("the film is not saved")
        clip = read_sampled(path, CONTACT_FRAMES)
    except ReviewError as exc:
        log.warning("The report shows no frames of take %s: %s", take.id, exc)
        return f'<p class="missing">Frames unavailable: {e(exc)}</p>'
    key = clip.frames[len(clip.frames) // 2]
    return (
        '<div class="frames">'
        f'<img class="keyframe" alt="keyframe" src="{_png_uri(key)}">'
        f'<img class="contact" alt="contact sheet" src="{_png_uri(_contact_sheet(clip.frames))}">'
        "</div>"
    )


def _scores_table(take: Take) -> str:
    rows = []
    for name, score in take.scores.items():
        if not isinstance(score, dict):
            continue
        value = score.get("value")
        shown = f"{value:.3f}" if isinstance(value, (int, float)) else e(score.get("reason", "failed"))
        rows.append(f"<tr><td>{e(name)}</td><td>{shown}</td><td>{e(score.get('model', ''))}</td></tr>")
    if not rows:
        return "<p>Not scored.</p>"
    return "<table><tr><th>score</th><th>value</th><th>model</th></tr>" + "".join(rows) + "</table>"


def _verdict(take: Take) -> str:
    verdict = str(take.safety.get("verdict", "not checked"))
    words = {
        "flagged": "Flagged by the safety check",
        "clear": "Clear",
        "off": "Safety check turned off",
        "failed": "Safety check failed",
    }
    return f'<p class="verdict-{e(verdict)}">Safety: {e(words.get(verdict, verdict))}</p>'


def _shot_html(project: Project, shot: Shot, index: int, settings: ReviewSettings) -> str:
    title = shot.display_title(index)
    active = shot.active
    parts = [f'<section class="shot" id="shot-{index + 1}"><h2>{e(title)}</h2>']
    if active is None:
        parts.append("<p>No take yet.</p></section>")
        return "".join(parts)
    cast = ", ".join(m.name for m in mentioned_members(shot.prompt, project.cast)) or "-"
    parts.append(
        f"<dl><dt>Prompt</dt><dd>{e(active.prompt or shot.prompt)}</dd>"
        f"<dt>Seed</dt><dd>{e(active.seed)}</dd><dt>Model</dt><dd>{e(active.model)}</dd>"
        f"<dt>Preset</dt><dd>{e(active.preset or '-')}</dd><dt>Cast</dt><dd>{e(cast)}</dd></dl>"
    )
    flagged = active.safety.get("verdict") == "flagged"
    parts.append(f'<div class="{"flagged" if flagged else "clear"}">{_frames_html(project, active)}</div>')
    parts.append(_verdict(active))
    combined = combined_score(active, settings.weights)
    if combined.parts:
        chart = dict(combined.parts)
        if combined.value is not None:
            chart["combined"] = combined.value
        parts.append(f'<div class="chart">{bar_chart_svg(chart, "scores (0-1, higher is better)")}</div>')
    parts.append(_scores_table(active))
    others = [(t, c) for t, c in ranked_takes(shot, settings.weights) if t.id != active.id]
    if others:
        parts.append("<h3>Takes not chosen</h3><table><tr><th>take</th><th>combined</th><th>safety</th></tr>")
        for take, c in others:
            value = f"{c.value:.3f}" if c.value is not None else "-"
            verdict = take.safety.get("verdict", "not checked")
            parts.append(f"<tr><td>{e(take.path)}</td><td>{value}</td><td>{e(verdict)}</td></tr>")
        parts.append("</table>")
    parts.append("</section>")
    return "".join(parts)


def report_html(project: Project, settings: ReviewSettings) -> str:
    """The whole report as one HTML document with nothing outside it."""
    name = project.settings.name
    weights = ", ".join(f"{e(k)} {v:g}" for k, v in settings.weights.items())
    notes = []
    if "safety" not in settings.enabled:
        notes.append('<p class="verdict-off">The safety check is turned off in Preferences &gt; Review.</p>')
    off = [t for s in project.shots for t in s.takes if t.safety.get("verdict") == "off"]
    if off:
        notes.append(
            f'<p class="verdict-off">{len(off)} take(s) were made with the safety check turned off.</p>'
        )
    body = "".join(_shot_html(project, shot, i, settings) for i, shot in enumerate(project.shots))
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">"
        f"<title>{e(name)}: review</title><style>{STYLE}</style></head><body>"
        f"<h1>{e(name)}</h1><p>Combined score weights: {weights}</p>{''.join(notes)}{body}</body></html>"
    )


def write_report(project: Project, output: Path, settings: ReviewSettings) -> Path:
    """Write the report atomically (a reader never sees half of it)."""
    write_bytes_atomic(output, report_html(project, settings).encode("utf-8"))
    return output
