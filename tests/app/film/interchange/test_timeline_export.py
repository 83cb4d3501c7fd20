"""export -o FILM.otio | .fcpxml | .edl: the timeline read back with OpenTimelineIO and its own tools."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import opentimelineio as otio
import pytest
from export_support import BLUE, GREEN, RED, project_with_takes, sine_tone

from app.cli.main import run_cli
from app.film.film_titles import title_style
from app.film.interchange.timeline_export import TimelineOptions, write_timeline
from app.project.reel_file import load_project, save_project
from engine.film.title_elements import TitleElement
from engine.film.title_render import title_rgba

OTIO_BIN = Path(sys.executable).parent


@pytest.fixture
def film(tmp_path):
    project = project_with_takes(tmp_path, [RED, GREEN, BLUE], frames=16)
    middle = project.shots[1]
    project.update_shot(middle.id, trim_in=2, trim_out=12, transition="crossfade", transition_duration=0.5)
    take = middle.active
    take.prompt, take.seed, take.model = "a red kite over the sea", 1234, "Wan-AI/Wan2.2-TI2V-5B-Diffusers"
    take.scores = {"aesthetic": {"value": 5.5, "model": "m"}}
    take.conditioning = {"cast": ["Mia"]}
    save_project(project, project.path)
    return project


def test_otio_carries_order_trims_transitions_music_and_the_generation_record(tmp_path, film):
    out = tmp_path / "edit" / "film.otio"
    tone = sine_tone(tmp_path / "tone.wav", 2.0)
    assert run_cli(["export", str(film.path), "-o", str(out), "--audio", str(tone)]) == 0
    timeline = otio.adapters.read_from_file(str(out))
    video, audio = timeline.video_tracks()[0], timeline.audio_tracks()[0]
    clips = list(video.find_clips())
    assert [c.name for c in clips] == ["S1", "S2", "S3"]
    assert clips[1].source_range.start_time.value == 2 + 4 and clips[1].source_range.duration.value == 10 - 4
    transitions = [t for t in video if isinstance(t, otio.schema.Transition)]
    # 0.5 s at 16 fps: each side gives 4 frames to the dissolve, so the film is 8 frames shorter
    assert len(transitions) == 1 and transitions[0].in_offset.value == 4
    assert clips[0].source_range.duration.value == 12 and timeline.duration().value == 16 + 10 + 16 - 8
    record = clips[1].metadata["storyreel"]
    assert record["prompt"] == "a red kite over the sea" and record["seed"] == 1234
    assert list(record["cast"]) == ["Mia"] and record["scores"]["aesthetic"]["value"] == 5.5
    assert record["shot_id"] == film.shots[1].id
    assert clips[0].media_reference.target_url.startswith("file://")
    assert Path(clips[0].media_reference.target_url[7:]).is_file()
    assert audio.find_clips()[0].source_range.duration.value == 32
    stat = subprocess.run([str(OTIO_BIN / "otiostat"), str(out)], capture_output=True, text=True, check=True)
    assert "number of clips: 4" in stat.stdout.lower() or "clips" in stat.stdout.lower()
    listed = subprocess.run(
        [str(OTIO_BIN / "otiotool"), "-i", str(out), "--list-clips"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "S2" in listed.stdout


def test_relative_paths_and_collected_media_travel_with_the_file(tmp_path, film):
    out = tmp_path / "handoff" / "film.otio"
    write_timeline(film, list(film.shots), out, TimelineOptions("relative", collect=True))
    moved = tmp_path / "elsewhere"
    shutil.move(tmp_path / "handoff", moved)
    timeline = otio.adapters.read_from_file(str(moved / "film.otio"))
    urls = [c.media_reference.target_url for c in timeline.find_clips()]
    assert all(u.startswith("film.media/") for u in urls)
    assert all((moved / u).is_file() for u in urls)
    # otiotool checks media as paths from where it runs: beside the file, every take is there.
    checked = subprocess.run(
        [str(OTIO_BIN / "otiotool"), "-i", "film.otio", "--list-clips", "--verify-media", "--verify-ranges"],
        cwd=moved,
        capture_output=True,
        text=True,
        check=True,
    )
    assert checked.stdout.count("EXISTS") == 3 and checked.stdout.count("IN BOUNDS") == 3, checked.stdout
    assert "NOT FOUND" not in checked.stdout


def test_fcpxml_and_edl_read_back(tmp_path, film):
    """16 fps is no rate of Final Cut or SMPTE timecode: FCPXML times the film at 24, the EDL at 48."""
    for name, reading in (("film.fcpxml", {}), ("film.edl", {"rate": 48})):
        assert run_cli(["export", str(film.path), "-o", str(tmp_path / name)]) == 0
        timeline = otio.adapters.read_from_file(str(tmp_path / name), **reading)
        assert len(list(timeline.find_clips())) == 3, name
        # 16 + 10 + 16 frames at 16 fps, less the 8-frame dissolve, whatever way the format counts it
        assert timeline.duration().to_seconds() == pytest.approx(34 / 16), name
    clips = list(otio.adapters.read_from_file(str(tmp_path / "film.fcpxml")).find_clips())
    # S2 shows frames 6-12 of its take (trim 2-12 less the dissolve's 4-frame handle on each side)
    assert clips[1].source_range.start_time.to_seconds() == pytest.approx(6 / 16)
    assert clips[1].source_range.duration.to_seconds() == pytest.approx(6 / 16)
    edl = (tmp_path / "film.edl").read_text()
    assert " D 024 " in edl  # the dissolve, 0.5 s at 48 fps


def test_a_shot_without_a_take_writes_nothing(tmp_path, film, capsys):
    film.shots[2].active_take = None
    save_project(film, film.path)
    out = tmp_path / "film.otio"
    assert run_cli(["export", str(film.path), "-o", str(out)]) == 2
    assert not out.exists() and "has no take" in capsys.readouterr().err
    assert load_project(film.path).shots[2].active_take is None


def test_the_json_event_names_the_format(tmp_path, film, capsys):
    assert run_cli(["export", str(film.path), "-o", str(tmp_path / "f.otio"), "--json"]) == 0
    event = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert event["format"] == "otio_json" and event["shots"] == 3


@pytest.fixture
def titled(film):
    """The film with a card, a lower third over its end, and an end card later (16 fps film clock)."""
    film.titles = [
        TitleElement(kind="card", text="Kites", start=0.0, duration=1.0),
        TitleElement(kind="lower_third", text="Mia, pilot", start=0.5, duration=1.5, transition_in=0.0),
        TitleElement(kind="end_card", text="The end", start=1.5, duration=0.5),
    ]
    save_project(film, film.path)
    return film


def _placed(track) -> list[tuple[str, float, float]]:
    return [
        (c.name.split(":")[0], c.range_in_parent().start_time.to_seconds(), c.duration().to_seconds())
        for c in track.find_clips(shallow_search=True)
    ]


def test_the_title_track_travels_as_clips_with_alpha_on_tracks_above(tmp_path, titled, capsys):
    out = tmp_path / "edit" / "film.otio"
    assert run_cli(["export", str(titled.path), "-o", str(out), "--media-paths", "relative", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["titles"] == 3
    timeline = otio.adapters.read_from_file(str(out))
    shots, *titles = timeline.video_tracks()
    assert [c.name for c in shots.find_clips(shallow_search=True)] == ["S1", "S2", "S3"]
    # The lower third overlaps the card, so it goes on a second track; the end card follows the card.
    assert [t.name for t in titles] == ["Titles", "Titles 2"]
    assert _placed(titles[0]) == [("card", 0.0, 1.0), ("end_card", 1.5, 0.5)]
    assert _placed(titles[1]) == [("lower_third", 0.5, 1.5)]
    lower = titles[1].find_clips()[0]
    assert lower.metadata["storyreel"]["title"]["text"] == "Mia, pilot"
    assert lower.media_reference.target_url == "film.media/titles/title-02-lower_third.mov"
    movie = out.parent / lower.media_reference.target_url
    with av.open(str(movie)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "prores" and "yuva" in stream.codec_context.pix_fmt
        frames = [f.to_ndarray(format="rgba") for f in container.decode(stream)]
    assert len(frames) == 24 and frames[0].shape == (48, 64, 4)
    drawn = title_rgba(titled.titles[1], 0.5 + 12 / 16, (64, 48), title_style(titled))
    alpha = frames[12][..., 3].astype(int)
    assert np.abs(alpha - drawn[..., 3]).max() <= 2
    assert alpha[:16].max() == 0 and alpha.max() >= 128  # clear above the band, the band drawn
    checked = subprocess.run(
        [str(OTIO_BIN / "otiotool"), "-i", out.name, "--list-clips", "--verify-media", "--verify-ranges"],
        cwd=out.parent,  # otiotool checks media as paths from where it runs
        capture_output=True,
        text=True,
        check=True,
    )
    assert checked.stdout.count("EXISTS") == 6 and checked.stdout.count("IN BOUNDS") == 6, checked.stdout


def test_fcpxml_carries_the_titles_on_lanes_and_the_edl_leaves_them_out(tmp_path, titled, capsys):
    assert run_cli(["export", str(titled.path), "-o", str(tmp_path / "film.fcpxml")]) == 0
    timeline = otio.adapters.read_from_file(str(tmp_path / "film.fcpxml"))
    placed = sorted(p for track in timeline.video_tracks()[1:] for p in _placed(track))
    assert placed == [("card", 0.0, 1.0), ("end_card", 1.5, 0.5), ("lower_third", 0.5, 1.5)]
    assert run_cli(["export", str(titled.path), "-o", str(tmp_path / "film.edl"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["titles"] == 0
    assert len(list(otio.adapters.read_from_file(str(tmp_path / "film.edl"), rate=48).find_clips())) == 3
