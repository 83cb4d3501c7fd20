"""The headless CLI: new, info, render (real pipeline on the tiny model), exit codes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import av
import pytest
from cli_support import new_film

from app.cli.exit_codes import ExitCode
from app.cli.main import build_parser, run_cli
from app.cli.model_flags import model_settings_from_args
from app.project.project import Project
from app.project.project_settings import ProjectSettings
from app.project.reel_file import load_project, save_project
from app.settings.model_settings import ModelSettings
from engine.generation.request import ModelSpec

ROOT = Path(__file__).resolve().parents[3]


def info(path: Path, capsys) -> dict:
    capsys.readouterr()
    assert run_cli(["info", str(path)]) == 0
    return json.loads(capsys.readouterr().out)


def probe(path: Path) -> tuple:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        return (
            stream.codec_context.name,
            stream.codec_context.pix_fmt,
            stream.width,
            stream.height,
            Fraction(stream.average_rate),
            frames,
            float(container.duration) / av.time_base,
        )


def test_new_and_info_with_cjk_csv(tmp_path, capsys):
    path = new_film(
        tmp_path,
        "title,prompt,seed,frames,width,height\n开场,一只猫在屋顶上,42,33,832,480\n,Ocean waves,,,,\n",
        "--width",
        "1280",
        "--height",
        "720",
        "--frames",
        "81",
        "--steps",
        "40",
        shot_list="shots.csv",
    )
    data = info(path, capsys)
    assert data["settings"]["width"] == 1280 and data["settings"]["defaults"]["steps"] == 40
    first, second = data["shots"]
    assert (first["title"], first["prompt"], first["seed"], first["frames"], first["size"]) == (
        "开场",
        "一只猫在屋顶上",
        42,
        33,
        [832, 480],
    )
    assert (second["title"], second["seed"], second["frames"], second["size"]) == (
        "Shot 2",
        None,
        81,
        [1280, 720],
    )
    assert first["takes"] == 0 and first["active_take"] is None and first["status"] == "no take"


def test_frames_snap_as_wan_makes_them(tmp_path, capsys):
    path = tmp_path / "snap.reel"
    csv_path = tmp_path / "shots.csv"
    csv_path.write_text("prompt,frames\nA cat,11\nA dog,\n", encoding="utf-8")
    assert run_cli(["new", str(path), "--shots", str(csv_path), "--frames", "12"]) == 0
    assert "Frames 12 → 13" in capsys.readouterr().out
    data = info(path, capsys)
    assert data["settings"]["defaults"]["frames"] == 13
    # info tells the frames a take will hold: diffusers makes 9 of 11.
    assert [shot["frames"] for shot in data["shots"]] == [9, 13]


def test_new_refuses_to_overwrite_and_bad_lists(tmp_path, capsys):
    path = new_film(tmp_path, "A\n")
    assert run_cli(["new", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("title\nx\n", encoding="utf-8")
    assert run_cli(["new", str(tmp_path / "other.reel"), "--shots", str(bad)]) == 2
    assert "'prompt'" in capsys.readouterr().err
    assert not (tmp_path / "other.reel").exists()


def test_bad_flags_and_bad_projects_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run_cli(["new", str(tmp_path / "x.reel"), "--frames", "-3"])
    assert exit_info.value.code == 2
    broken = tmp_path / "broken.reel"
    broken.write_text("{not json", encoding="utf-8")
    assert run_cli(["info", str(broken)]) == 2
    assert run_cli(["render", str(broken), "-o", str(tmp_path / "o.mp4")]) == 2
    err = capsys.readouterr().err
    assert str(broken) in err and "Traceback" not in err


@pytest.mark.slow
def test_render_generates_and_stitches(tmp_path, capsys, tiny_a14b):
    path = new_film(tmp_path, "A lighthouse at dawn\n灯塔的灯光在薄雾中旋转\nGulls over the sea\n")
    project = load_project(path)
    project.update_shot(project.shots[1].id, frames=17)
    save_project(project)
    out = tmp_path / "film.mp4"
    capsys.readouterr()
    code = run_cli(["render", str(path), "-o", str(out), "--model", str(tiny_a14b), "--json"])
    assert code == 0, capsys.readouterr().err
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    kinds = [e["event"] for e in events]
    assert kinds[0] == "plan" and kinds[-1] == "done" and kinds.count("take") == 3
    experts = {e.get("expert") for e in events if e.get("stage") == "generating"}
    assert experts == {"high-noise", "low-noise"}
    # 9 + 17 + 9 frames at 16 fps, 64x48, H.264 yuv420p
    assert probe(out) == ("h264", "yuv420p", 64, 48, Fraction(16), 35, pytest.approx(35 / 16, abs=0.07))
    saved = load_project(path)
    assert all(len(s.takes) == 1 and s.active is not None for s in saved.shots)
    take = saved.shots[1].active
    assert take.prompt == "灯塔的灯光在薄雾中旋转" and take.frames == 17 and take.seed is not None
    assert take.model == str(tiny_a14b) and take.versions["diffusers"] and take.seconds > 0
    assert saved.take_path(take).exists() and saved.take_path(take).with_suffix(".json").exists()

    # Trims are honoured; a second render generates nothing new.
    saved.update_shot(saved.shots[1].id, trim_in=2, trim_out=15)
    save_project(saved)
    assert run_cli(["render", str(path), "-o", str(out), "--model", str(tiny_a14b), "--json"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert events[0] == {"event": "plan", "shots": 3, "to_generate": 0}
    assert probe(out)[5] == 9 + 13 + 9
    assert load_project(path).shots[1].active.id == take.id


@pytest.mark.slow
def test_render_conforms_other_sizes_and_rates(tmp_path, capsys, tiny_a14b):
    path = new_film(tmp_path, "A\nB\n")
    project = load_project(path)
    project.update_shot(project.shots[1].id, width=96, height=32)
    save_project(project)
    first = ["render", str(path), "-o", str(tmp_path / "a.mp4"), "--model", str(tiny_a14b), "--vae-tiling"]
    assert run_cli([*first, "--json"]) == 0
    project = load_project(path)
    project.update_settings(fps=24)
    save_project(project)
    out = tmp_path / "b.mp4"
    assert run_cli(["render", str(path), "-o", str(out), "--model", str(tiny_a14b), "--json"]) == 0
    codec, pix_fmt, width, height, rate, frames, duration = probe(out)
    # Each 9-frame take made at 16 fps lasts 9/16 s, 13.5 frames at 24 fps: each shot keeps whole
    # frames, rounded to nearest (halves up), so 14 + 14.
    assert (width, height, rate) == (64, 48, Fraction(24))
    assert frames == 28 and duration == pytest.approx(28 / 24, abs=0.05)


def test_missing_model_is_bad_input_with_advice(tmp_path, capsys):
    path = new_film(tmp_path, "A\n")
    out = tmp_path / "o.mp4"
    assert run_cli(["render", str(path), "-o", str(out), "--model", str(tmp_path / "no-model")]) == 2
    err = capsys.readouterr().err
    assert "no-model" in err and "Traceback" not in err
    assert not out.exists()
    assert run_cli(["render", str(path), "-o", str(out), "--model", "nobody/no-such-model"]) == 2
    assert "nobody/no-such-model" in capsys.readouterr().err


@pytest.mark.slow
def test_a_failing_shot_exits_1_and_the_others_are_kept(tmp_path, capsys, tiny_a14b):
    path = new_film(tmp_path, "A\nB\n")
    project = load_project(path)
    project.update_shot(project.shots[0].id, prompt="   ")  # cannot be generated
    save_project(project)
    out = tmp_path / "o.mp4"
    assert run_cli(["render", str(path), "-o", str(out), "--model", str(tiny_a14b)]) == 1
    assert "has no prompt" in capsys.readouterr().err
    saved = load_project(path)
    assert saved.shots[0].error and not saved.shots[0].takes
    assert len(saved.shots[1].takes) == 1
    assert not out.exists()


@pytest.mark.slow
def test_ctrl_c_exits_130_keeping_finished_takes(tmp_path, tiny_a14b):
    path = new_film(tmp_path, "".join(f"Shot number {i}\n" for i in range(6)), "--steps", "30")
    out = tmp_path / "o.mp4"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "render",
            str(path),
            "-o",
            str(out),
            "--model",
            str(tiny_a14b),
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        for line in proc.stdout:
            if json.loads(line)["event"] == "take":
                proc.send_signal(signal.SIGINT)
                break
        rest, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert json.loads(rest.splitlines()[-1])["event"] == "interrupted"
    saved = load_project(path)
    done = [s for s in saved.shots if s.takes]
    assert 1 <= len(done) < 6
    assert not out.exists()
    # No half-written clip: every file in the media folder belongs to a take.
    files = sorted(
        p.relative_to(saved.media_dir).as_posix() for p in saved.media_dir.rglob("*") if p.is_file()
    )
    expected = sorted(x for s in done for t in s.takes for x in (t.path, t.path[:-4] + ".json"))
    assert files == expected


def test_render_with_the_dense_ti2v_layout(tmp_path, capsys, tiny_5b):
    # 64x48 is not a multiple of 32: the take is made at 64x32 with a notice, then padded back.
    path = new_film(tmp_path, "A\n", "--frames", "10")
    assert load_project(path).settings.defaults.frames == 9  # snapped by `new`, as Wan would
    out = tmp_path / "dense.mp4"
    capsys.readouterr()
    assert run_cli(["render", str(path), "-o", str(out), "--model", str(tiny_5b), "--json"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    notices = " ".join(e["message"] for e in events if e.get("message"))
    assert "64x32" in notices.replace("×", "x")
    assert {e.get("expert") for e in events if e.get("stage") == "generating" and e.get("step")} == {"dense"}
    take = load_project(path).shots[0].active
    assert (take.width, take.height, take.frames, take.guidance_scale_2) == (64, 32, 9, None)
    assert probe(out)[2:6] == (64, 48, Fraction(16), 9)


def test_an_unexpected_error_is_one_line_and_a_log_entry(monkeypatch, capsys):
    import app.cli.main
    import main
    from app.diagnostics.log_file import log_path

    def broken(argv):
        raise RuntimeError("kaboom\nmore")

    monkeypatch.setattr(app.cli.main, "run_cli", broken)
    assert main.main(["info", "x.reel"]) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert "unexpected error: kaboom" in err and "Traceback" not in err and str(log_path()) in err
    assert "RuntimeError: kaboom" in log_path().read_text(encoding="utf-8")


def test_model_flags_build_the_spec_the_window_builds():
    project = Project(ProjectSettings(model="Wan-AI/Wan2.2-TI2V-5B-Diffusers", model_revision="abc"))
    flags = ["--revision", "v2", "--device", "cuda", "--memory-profile", "group_offload", "--vae-tiling"]
    args = build_parser().parse_args(["render", "film.reel", "-o", "film.mp4", *flags])
    spec = model_settings_from_args(args).spec_for(project)
    assert spec == ModelSpec("Wan-AI/Wan2.2-TI2V-5B-Diffusers", "v2", "cuda", None, "group_offload", True)
    window = ModelSettings(revision="v2", device="cuda", memory_profile="group_offload", vae_tiling=True)
    assert window.spec_for(project) == spec
    args = build_parser().parse_args(["render", "film.reel", "-o", "film.mp4", "--model", "/models/wan"])
    assert model_settings_from_args(args).spec_for(project) == ModelSpec("/models/wan")
    args = build_parser().parse_args(["serve", "--model", "/models/wan", "--memory-profile", "model_offload"])
    assert model_settings_from_args(args).spec_for() == ModelSpec(
        "/models/wan", memory_profile="model_offload"
    )


def test_render_refuses_an_offload_profile_on_the_cpu(tmp_path, capsys, tiny_a14b):
    path = new_film(tmp_path, "A\n")
    out = tmp_path / "film.mp4"
    flags = ["--model", str(tiny_a14b), "--device", "cpu", "--memory-profile", "model_offload"]
    assert run_cli(["render", str(path), "-o", str(out), *flags]) == 2
    assert "model_offload" in capsys.readouterr().err
    assert not out.exists() and load_project(path).shots[0].active is None
