"""File > Export Timeline… and Import Edited Timeline… in the window: one undoable step, refusals shown."""

from __future__ import annotations

import opentimelineio as otio
from export_support import BLUE, GREEN, RED, project_with_takes
from ui_support import FakeDialogs, make_window


def _order(project):
    return [(s.title, s.trim_in, s.trim_out) for s in project.shots]


def test_export_then_import_an_edit_and_undo_it(qtbot, qt_loop, tmp_path):
    project = project_with_takes(tmp_path, [RED, GREEN, BLUE], frames=16)
    out = tmp_path / "edit.otio"
    dialogs = FakeDialogs(save_path=out, open_path=out)
    window = make_window(qtbot, project, dialogs)
    window.act_export_timeline.trigger()  # written on a worker: the window stays live meanwhile
    qtbot.waitUntil(lambda: "Timeline written" in window.statusBar().currentMessage(), timeout=20000)
    assert out.is_file() and dialogs.errors == []
    timeline = otio.adapters.read_from_file(str(out))
    track = timeline.video_tracks()[0]
    last = track[2]
    del track[2]
    track.insert(0, last)
    track[1].source_range = otio.opentime.TimeRange(
        otio.opentime.RationalTime(4, 16), otio.opentime.RationalTime(8, 16)
    )
    otio.adapters.write_to_file(timeline, str(out))
    before = _order(project)
    window.act_import_timeline.trigger()
    assert _order(project) == [("S3", 0, None), ("S1", 4, 12), ("S2", 0, None)]
    window.undo_stack.undo()
    assert _order(project) == before
    window.undo_stack.redo()
    assert _order(project)[1] == ("S1", 4, 12)


def test_an_edit_naming_media_outside_the_film_is_shown_and_changes_nothing(qtbot, tmp_path):
    project = project_with_takes(tmp_path, [RED, GREEN], frames=16)
    other = otio.schema.Timeline()
    other.tracks.append(otio.schema.Track())
    clip = otio.schema.Clip(
        name="holiday",
        media_reference=otio.schema.ExternalReference(target_url=(tmp_path.parent / "holiday.mov").as_uri()),
        source_range=otio.opentime.TimeRange(
            otio.opentime.RationalTime(0, 24), otio.opentime.RationalTime(24, 24)
        ),
    )
    other.tracks[0].append(clip)
    path = tmp_path / "other.otio"
    otio.adapters.write_to_file(other, str(path))
    dialogs = FakeDialogs(open_path=path)
    window = make_window(qtbot, project, dialogs)
    before = _order(project)
    window.act_import_timeline.trigger()
    assert len(dialogs.errors) == 1 and "outside this film" in dialogs.errors[0]
    assert _order(project) == before and window.undo_stack.count() == 0


def test_a_timeline_that_cannot_be_written_is_shown_from_the_worker(qtbot, qt_loop, tmp_path):
    project = project_with_takes(tmp_path, [RED], frames=8)
    project.shots[0].active_take = None  # refused: the timeline names each shot's take
    out = tmp_path / "edit.otio"
    dialogs = FakeDialogs(save_path=out)
    window = make_window(qtbot, project, dialogs)
    window.act_export_timeline.trigger()
    qtbot.waitUntil(lambda: len(dialogs.errors) == 1, timeout=20000)
    assert "has no take" in dialogs.errors[0] and not out.exists()
