"""Shot images: import under the content hash, hostile images refused clearly, frames of takes, undo."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from image_support import bad_images, gradient, png_file
from PIL import Image

from app.project.reel_file import load_project, new_project_file, save_project
from app.project.shot import Shot, Take
from app.project.shot_images import ShotImageError, frame_image, import_image, load_shot_image
from app.project.shot_inputs import ShotImage
from engine.generation.still_image import ImageError
from engine.video.video_io import write_clip


@pytest.fixture
def project(tmp_path):
    project = new_project_file(tmp_path / "film.reel")
    project.add_shot(Shot(id="s1", prompt="a girl in a red hanfu"))
    project.add_shot(Shot(id="s2", prompt="she turns"))
    return project


def test_import_copies_under_the_content_hash_and_round_trips(project, tmp_path):
    source = png_file(tmp_path / "still.png")
    image = import_image(project, source, fit="fit")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert image == ShotImage(path=f"images/{digest}.png", sha256=digest, fit="fit", name="still.png")
    assert (project.media_dir / image.path).read_bytes() == source.read_bytes()
    assert import_image(project, source).path == image.path  # the same file once, however often added
    project.set_shot_images("s1", start=image)
    save_project(project)
    again = load_project(project.path)
    assert again.shot("s1").start_image == image and again.shot("s2").start_image is None
    decoded = np.asarray(load_shot_image(again, image))
    assert np.array_equal(decoded, gradient())


def test_jpeg_webp_and_transparent_png_are_accepted_as_rgb(project, tmp_path):
    rgba = Image.new("RGBA", (10, 6), (255, 0, 0, 0))
    rgba.save(tmp_path / "clear.png")
    Image.new("RGB", (10, 6), "green").save(tmp_path / "g.jpg", quality=95)
    Image.new("RGB", (10, 6), "blue").save(tmp_path / "b.webp", lossless=True)
    clear = load_shot_image(project, import_image(project, tmp_path / "clear.png"))
    assert clear.mode == "RGB" and clear.getpixel((0, 0)) == (0, 0, 0)  # hidden colour not revealed
    assert import_image(project, tmp_path / "g.jpg").path.endswith(".jpg")
    webp = import_image(project, tmp_path / "b.webp")
    assert webp.path.endswith(".webp") and load_shot_image(project, webp).getpixel((3, 3)) == (0, 0, 255)


@pytest.mark.parametrize("name", list(bad_images()))
def test_bad_images_give_clear_errors_and_copy_nothing(project, tmp_path, name):
    data, phrase = bad_images()[name]
    source = tmp_path / "upload.png"
    source.write_bytes(data)
    with pytest.raises(ImageError) as info:
        import_image(project, source)
    assert phrase in str(info.value) and str(source) in str(info.value)
    assert info.value.hint
    assert not (project.media_dir / "images").exists()


def test_missing_file_folder_and_unsaved_project(project, tmp_path):
    with pytest.raises(ShotImageError, match="no such file"):
        import_image(project, tmp_path / "nope.png")
    with pytest.raises(ShotImageError, match="folder"):
        import_image(project, tmp_path)
    project.path = None
    with pytest.raises(ShotImageError, match="Save the project first"):
        import_image(project, png_file(tmp_path / "x.png"))
    with pytest.raises(ShotImageError, match="fit"):
        import_image(project, png_file(tmp_path / "x.png"), fit="stretch")


def test_a_changed_image_is_refused_at_generation_time(project, tmp_path):
    image = import_image(project, png_file(tmp_path / "still.png"))
    (project.media_dir / image.path).write_bytes(
        png_file(tmp_path / "other.png", gradient(seed=1)).read_bytes()
    )
    with pytest.raises(ShotImageError, match="changed since it was added"):
        load_shot_image(project, image)
    planted = ShotImage(path="../../etc/passwd", sha256="0" * 64)
    with pytest.raises(ShotImageError, match="not allowed"):
        load_shot_image(project, planted)


def test_a_frame_of_a_take_is_kept_exactly(project):
    frames = np.stack([gradient(32, 16, seed=i) for i in range(5)])
    write_clip(frames, 16, project.media_dir / "s1" / "take-001.mp4")
    take = Take(id="t1", path="s1/take-001.mp4", frames=5, width=32, height=16, fps=16)
    project.add_take("s1", take)
    image = frame_image(project, take, 4)
    assert (image.source, image.source_take, image.source_frame) == ("take-frame", "t1", 4)
    assert np.array_equal(np.asarray(load_shot_image(project, image)), frames[4])
    with pytest.raises(ShotImageError, match="no frame 5"):
        frame_image(project, take, 5)


def test_start_image_and_continue_exclude_each_other_and_undo(project):
    image = ShotImage(path="images/" + "a" * 64 + ".png", sha256="a" * 64)
    events = []
    project.subscribe(lambda event, details: events.append((event, details)))
    project.set_shot_images("s2", continue_previous=True)
    old = project.set_shot_images("s2", start=image)
    shot = project.shot("s2")
    assert shot.start_image == image and not shot.continue_previous
    assert old == {"start_image": None, "continue_previous": True}
    project.update_shot("s2", **old)  # what an undo command does
    assert shot.start_image is None and shot.continue_previous
    project.set_shot_images("s2", end=image)
    assert shot.end_image == image and shot.continue_previous  # the end image leaves the start alone
    with pytest.raises(ValueError, match="both"):
        project.set_shot_images("s2", start=image, continue_previous=True)
    with pytest.raises(TypeError):
        project.set_shot_images("s2", start="images/x.png")
    assert events[0] == ("shot_changed", {"shot_id": "s2", "fields": ["continue_previous", "start_image"]})
