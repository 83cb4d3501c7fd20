"""import-timeline: an edited .otio brings back the order and trims of the shots it knows."""

from __future__ import annotations

import opentimelineio as otio
import pytest
from export_support import BLUE, GREEN, RED, project_with_takes

from app.cli.main import run_cli
from app.film.interchange.timeline_export import TimelineOptions, write_timeline
from app.film.interchange.timeline_import import TimelineImportError, import_timeline
from app.project.reel_file import load_project, save_project
from app.project.shot import Shot


@pytest.fixture
def film(tmp_path):
    project = project_with_takes(tmp_path, [RED, GREEN, BLUE], frames=16)
    project.update_shot(
        project.shots[1].id, trim_in=2, trim_out=12, transition="crossfade", transition_duration=0.5
    )
    project.add_shot(Shot(title="not generated yet"))  # no take: left out of the export, kept on import
    save_project(project, project.path)
    return project


def exported(film, tmp_path):
    out = tmp_path / "film.otio"
    write_timeline(film, film.shots[:3], out, TimelineOptions())
    return out


def trims(project):
    return [(s.title, s.trim_in, s.trim_out) for s in project.shots]


def test_an_unedited_round_trip_changes_nothing(tmp_path, film):
    before = trims(film)
    import_timeline(film, exported(film, tmp_path))
    assert trims(film) == before  # the dissolve's handles are given back to the trims


def test_the_edit_order_and_trims_come_back_and_the_rest_stays(tmp_path, film):
    out = exported(film, tmp_path)
    timeline = otio.adapters.read_from_file(str(out))
    track = timeline.video_tracks()[0]
    s1, s3 = track[0], track[3]
    del track[3]
    track.insert(0, s3)  # S3 now opens the film; S1 still dissolves into S2, giving it 4 frames
    s1.source_range = otio.opentime.TimeRange(
        otio.opentime.RationalTime(3, 16), otio.opentime.RationalTime(5, 16)
    )
    otio.adapters.write_to_file(timeline, str(out))
    assert run_cli(["import-timeline", str(film.path), str(out)]) == 0
    again = load_project(film.path)
    assert trims(again) == [("S3", 0, None), ("S1", 3, 12), ("S2", 2, 12), ("not generated yet", 0, None)]


def test_media_outside_the_film_are_refused_and_the_film_is_untouched(tmp_path, film, capsys):
    other = otio.schema.Timeline(name="from another editor")
    track = otio.schema.Track()
    other.tracks.append(track)
    reference = otio.schema.ExternalReference(target_url=(tmp_path.parent / "holiday.mov").as_uri())
    track.append(
        otio.schema.Clip(
            name="holiday",
            media_reference=reference,
            source_range=otio.opentime.TimeRange(
                otio.opentime.RationalTime(0, 24), otio.opentime.RationalTime(24, 24)
            ),
        )
    )
    path = tmp_path / "other.otio"
    otio.adapters.write_to_file(other, str(path))
    saved = film.path.read_bytes()
    assert run_cli(["import-timeline", str(film.path), str(path)]) == 2
    err = capsys.readouterr().err
    assert "outside this film" in err and "holiday" in err and "Traceback" not in err
    assert film.path.read_bytes() == saved
    with pytest.raises(TimelineImportError, match="outside this film"):
        import_timeline(film, path)
    assert trims(film)[0] == ("S1", 0, None)


def test_a_trim_beyond_the_take_is_refused(tmp_path, film):
    out = exported(film, tmp_path)
    timeline = otio.adapters.read_from_file(str(out))
    clip = timeline.video_tracks()[0][0]
    clip.source_range = otio.opentime.TimeRange(
        otio.opentime.RationalTime(10, 16), otio.opentime.RationalTime(40, 16)
    )
    otio.adapters.write_to_file(timeline, str(out))
    with pytest.raises(TimelineImportError, match="take of 16 frames"):
        import_timeline(film, out)


def test_not_an_otio_file(tmp_path, film, capsys):
    junk = tmp_path / "junk.otio"
    junk.write_text("{not json")
    assert run_cli(["import-timeline", str(film.path), str(junk)]) == 2
    assert "not an OpenTimelineIO file" in capsys.readouterr().err
