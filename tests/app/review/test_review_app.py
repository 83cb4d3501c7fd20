"""Scoring a film's takes, the safety gate on export, best-of-N, and the review report in Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from app.cli.exit_codes import ExitCode
from app.cli.main import run_cli
from app.diagnostics.log_file import log_path
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import load_project, save_project
from app.project.shot import Shot
from app.review.best_of_n import generate_best_of
from app.review.ranking import combined_score
from app.review.review_report import write_report
from app.review.take_scoring import score_takes, scoring_backend
from app.settings.review_settings import ReviewSettings
from engine.generation.request import ModelSpec
from engine.review.prompt_check import PromptRefused
from tests.export_support import project_with_takes
from tests.review_support import moving_clip, tiny_review_models
from tests.tiny_draft import write_tiny_draft_loras


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    root = tmp_path_factory.mktemp("review-app-models")
    return tiny_review_models(root)


def _settings(models, safety="safety") -> ReviewSettings:
    return ReviewSettings(clip_model=str(models["clip"]), safety_model=str(models[safety]), sample_frames=4)


@pytest.mark.slow
def test_a_flagged_take_blocks_export_until_allowed(models, tmp_path, capsys):
    project = project_with_takes(tmp_path, [(200, 40, 40), (40, 200, 40)], frames=9)
    film = project.path
    argv = ["score", str(film), "--clip-model", str(models["clip"]), "--safety-model", str(models["unsafe"])]
    assert run_cli(argv) == ExitCode.OK
    scored = load_project(film)
    assert [s.active.safety["verdict"] for s in scored.shots] == ["flagged", "flagged"]
    assert scored.shots[0].active.scores["prompt"]["model"] == str(models["clip"])

    out = tmp_path / "film.mp4"
    assert run_cli(["export", str(film), "-o", str(out)]) == ExitCode.BAD_INPUT
    assert "S1, S2" in capsys.readouterr().err and not out.exists()
    assert run_cli(["export", str(film), "-o", str(out), "--allow-flagged"]) == ExitCode.OK
    assert out.is_file()
    assert "Exporting flagged takes, as the person allowed: S1, S2" in log_path().read_text()


def test_the_safety_check_turned_off_is_recorded_and_export_goes_on(models, tmp_path):
    project = project_with_takes(tmp_path, [(200, 40, 40)], frames=5)
    argv = ["score", str(project.path), "--clip-model", str(models["clip"]), "--no-safety"]
    assert run_cli(argv) == ExitCode.OK
    assert load_project(project.path).shots[0].active.safety == {"verdict": "off"}
    assert run_cli(["export", str(project.path), "-o", str(tmp_path / "f.mp4")]) == ExitCode.OK


def test_scoring_a_damaged_clip_fails_clearly_and_changes_nothing(models, tmp_path, capsys):
    project = project_with_takes(tmp_path, [(200, 40, 40)], frames=5)
    clip = project.take_path(project.shots[0].active)
    clip.write_bytes(clip.read_bytes()[:300])  # cut short: the header survives, the frames do not
    before, clip_before = project.path.read_bytes(), clip.read_bytes()
    argv = [
        "score",
        str(project.path),
        "--clip-model",
        str(models["clip"]),
        "--safety-model",
        str(models["safety"]),
    ]
    assert run_cli(argv) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert "could not be scored" in err and "take0.mp4" in err and "Traceback" not in err
    assert project.path.read_bytes() == before and clip.read_bytes() == clip_before


@pytest.mark.slow
def test_best_of_n_keeps_the_highest_scoring_take(models, tmp_path, tiny_a14b):
    project = Project(ProjectSettings(name="t", width=64, height=48, fps=16))
    project.settings.defaults.frames, project.settings.defaults.steps = 9, 2
    shot = project.add_shot(Shot(prompt="a lighthouse by the sea"))
    save_project(project, tmp_path / "t.reel")
    settings = _settings(models)
    backend = scoring_backend(project, settings)
    spec = ModelSpec(str(tiny_a14b), draft=write_tiny_draft_loras(tiny_a14b, tmp_path / "lightning"))
    try:
        result = generate_best_of(project, shot.id, 3, backend, settings, spec)
    finally:
        backend.close()
    values = {t.id: combined_score(t, settings.weights).value for t in result.takes}
    assert len(values) == 3 and all(v is not None for v in values.values())
    assert shot.active_take == result.best.id == max(values, key=lambda i: values[i])
    assert (
        result.best.quality == "draft"
        and result.best.scores["combined"]["details"]["weights"] == settings.weights
    )
    sidecar = json.loads(project.take_path(result.best).with_suffix(".json").read_text())
    assert (
        sidecar["scores"]["prompt"] == result.best.scores["prompt"]
        and sidecar["safety"]["verdict"] == "clear"
    )

    settings.blocked_words = ["lighthouse"]
    with pytest.raises(PromptRefused, match="Shot 1"):
        generate_best_of(project, shot.id, 2, backend, settings, spec)
    assert len(shot.takes) == 3  # refused before any generation


HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> & "quotes"'


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_the_report_is_self_contained_escaped_and_renders_in_chromium(models, tmp_path):
    project = project_with_takes(tmp_path, [(200, 40, 40), (40, 40, 200)], frames=9)
    first = project.shots[0]
    project.update_shot(first.id, prompt=HOSTILE, title="Opening </h2><b>bold</b>")
    first.active.prompt = HOSTILE
    moving_clip(project.media_dir / "extra.mp4", frames=9)  # a second take of shot 2, not chosen
    second = project.shots[1]
    from app.project.shot import Take

    project.add_take(second.id, Take(id="x", path="extra.mp4", width=64, height=64, frames=9, fps=16), False)
    assert score_takes(project, _settings(models, "unsafe"), [first.id]) == []
    assert score_takes(project, _settings(models), [second.id]) == []
    report = write_report(project, tmp_path / "report.html", _settings(models))
    text = report.read_text()
    assert "<script" not in text and "onerror=" not in text.replace("onerror=&quot;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "Opening &lt;/h2&gt;&lt;b&gt;" in text

    chrome = [
        "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [*chrome, "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert dom.count('<section class="shot"') == 2 and "Takes not chosen" in dom and "extra.mp4" in dom
    sources = re.findall(r'src="([^"]*)"', dom)
    assert len(sources) == 4 and all(
        s.startswith("data:image/png;base64,") for s in sources
    )  # nothing outside
    assert dom.count("<svg") == 2 and 'class="verdict-flagged"' in dom
    shot_png = tmp_path / "shot.png"
    subprocess.run(
        [*chrome, f"--screenshot={shot_png}", "--window-size=1200,1600", report.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    from PIL import Image

    pixels = Image.open(shot_png).convert("RGB")
    assert (
        pixels.size == (1200, 1600) and len(pixels.resize((60, 80)).getcolors(maxcolors=4800) or ()) > 20
    )  # drawn, not blank


def test_render_takes_needs_pick_best(tmp_path, capsys):
    project = project_with_takes(tmp_path, [(200, 40, 40)], frames=5)
    argv = ["render", str(project.path), "-o", str(tmp_path / "f.mp4"), "--takes", "3"]
    assert run_cli(argv) == ExitCode.BAD_INPUT
    assert "--takes N (1-16) goes with --pick best" in capsys.readouterr().err
    assert not (tmp_path / "f.mp4").exists()


def test_a_shot_naming_a_cast_member_is_scored_for_likeness_to_its_images(models, tmp_path):
    from PIL import Image

    from app.project.cast_images import import_cast_image
    from app.project.cast_member import CastMember

    project = project_with_takes(tmp_path, [(200, 40, 40), (40, 40, 200)], frames=5)
    Image.new("RGB", (48, 48), (200, 40, 40)).save(tmp_path / "mia.png")
    project.add_cast_member(CastMember("Mia", images=[import_cast_image(project, tmp_path / "mia.png")]))
    project.update_shot(project.shots[0].id, prompt="@Mia on the beach")
    settings = ReviewSettings(dino_model=str(models["dino"]), enabled=["likeness"], sample_frames=3)
    assert score_takes(project, settings) == []
    first, second = (shot.active.scores for shot in project.shots)
    assert list(first["likeness"]["details"]["members"]) == ["Mia"] and first["likeness"]["frames"] == [
        0,
        2,
        4,
    ]
    assert second == {}  # shot 2 names no one: no likeness, and nothing else was turned on
