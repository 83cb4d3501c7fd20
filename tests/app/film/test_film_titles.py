"""Titles and captions of a film: saved in the project, drawn alike by preview and export, subtitles."""

from __future__ import annotations

import json

import numpy as np
import pytest
from export_support import BLUE, RED, project_with_takes
from PIL import Image

from app.cli.main import run_cli
from app.film.film_export import export_project
from app.film.film_titles import TitleOverlay, caption_cues
from app.project.reel_file import load_project, save_project
from app.project.shot import Shot
from app.project.shot_list import ShotListError, parse_csv
from engine.film.export_settings import ExportSettings
from engine.film.title_elements import TitleElement


@pytest.fixture
def film(tmp_path):
    project = project_with_takes(tmp_path, [RED, BLUE], frames=16)
    project.update_shot(project.shots[0].id, caption="  你好, world  ")
    project.update_shot(project.shots[1].id, caption="Sakura tea 🍵")
    project.set_titles(
        [
            TitleElement(kind="card", text="春茶", start=0.0, duration=0.5, transition_in=0.25),
            TitleElement(
                kind="lower_third", text="Mia", start=0.5, duration=1.0, motion="slide", align="left"
            ),
            TitleElement(
                kind="end_card",
                text="Sakura",
                tagline="Taste spring",
                url="sakura.cn",
                start=1.5,
                duration=0.5,
            ),
        ]
    )
    save_project(project)
    return project


def test_titles_and_captions_survive_save_and_load(film):
    again = load_project(film.path)
    assert [s.caption for s in again.shots] == ["你好, world", "Sakura tea 🍵"]
    assert again.titles == film.titles
    doc = json.loads(film.path.read_text(encoding="utf-8"))
    doc["titles"][0]["kind"] = "marquee"
    film.path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(Exception, match="kind"):
        load_project(film.path)


def test_a_caption_is_text_within_bounds(film):
    shot = film.shots[0]
    with pytest.raises(ValueError, match="2,000"):
        film.update_shot(shot.id, caption="x" * 2001)
    with pytest.raises(TypeError):
        film.update_shot(shot.id, caption=3)
    assert shot.caption == "你好, world"
    film.update_shot(shot.id, caption="x" * 2000)


def test_a_shot_list_takes_a_caption_column():
    rows = parse_csv("prompt,caption\na tea field,Taste spring\n", "list.csv")
    assert rows[0].shot.caption == "Taste spring"
    with pytest.raises(ShotListError, match="line 2"):
        parse_csv("prompt,caption\na tea field," + "x" * 2001 + "\n", "list.csv")


def test_captions_are_timed_to_the_shots(film):
    cues = caption_cues(film)
    assert [(c.start, c.end, c.text) for c in cues] == [
        (0.0, 1.0, "你好, world"),
        (1.0, 2.0, "Sakura tea 🍵"),
    ]
    film.add_shot(Shot(prompt="no caption"))
    assert len(caption_cues(film)) == 2


def test_the_preview_draws_the_exported_pixels(tmp_path, film):
    """Export a lossless PNG sequence with burned captions; the preview's overlay on the take's own
    frame gives the same pixels at every title's moment."""
    out = tmp_path / "frames"
    settings = ExportSettings(format="png", subtitles="burn")
    export_project(film, out, settings, lambda event: None)
    overlay = TitleOverlay(film)
    for index in (2, 10, 20, 28):  # card fading in, lower third sliding, end card, captions
        exported = np.asarray(Image.open(sorted(out.iterdir())[index]).convert("RGB"))
        take = np.full_like(exported, RED if index < 16 else BLUE)
        previewed = overlay.draw(take, index / 16)
        assert (previewed != take).any()
        assert np.abs(previewed.astype(int) - exported.astype(int)).max() <= 2  # the take's own codec noise


def test_export_writes_subtitles_beside_the_film(tmp_path, film, capsys):
    out = tmp_path / "film.mp4"
    assert run_cli(["export", str(film.path), "-o", str(out), "--subtitles", "srt", "--json"]) == 0
    assert (
        (tmp_path / "film.srt")
        .read_text(encoding="utf-8")
        .startswith("1\n00:00:00,000 --> 00:00:01,000\n你好")
    )
    assert run_cli(["export", str(film.path), "-o", str(out), "--subtitles", "vtt", "--shots", "2"]) == 0
    vtt = (tmp_path / "film.vtt").read_text(encoding="utf-8")
    assert vtt == "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nSakura tea 🍵\n"
    with pytest.raises(SystemExit, match="2"):
        run_cli(["export", str(film.path), "-o", str(out), "--subtitles", "ass"])


def test_the_titles_command_adds_lists_and_removes(film, capsys):
    path = str(film.path)
    assert (
        run_cli(
            [
                "titles",
                "add",
                path,
                "春茶上市",
                "--kind",
                "lower_third",
                "--start",
                "0.2",
                "--motion",
                "slide",
            ]
        )
        == 0
    )
    assert run_cli(["titles", "list", path, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert [(r["kind"], r["start"]) for r in rows] == [
        ("card", 0.0),
        ("lower_third", 0.2),
        ("lower_third", 0.5),
        ("end_card", 1.5),
    ]
    before = film.path.read_bytes()
    assert run_cli(["titles", "add", path, "x", "--color", "red"]) == 2
    assert run_cli(["titles", "add", path, "x" * 2001]) == 2
    assert run_cli(["titles", "remove", path, "9"]) == 2
    assert film.path.read_bytes() == before
    assert run_cli(["titles", "remove", path, "2"]) == 0
    assert [e.text for e in load_project(film.path).titles] == ["春茶", "Mia", "Sakura"]
