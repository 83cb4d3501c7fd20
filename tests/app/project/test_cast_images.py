"""Cast images: copied into FILM.media/cast/ under their content hash, hostile images refused as shot
images are, links out of the project refused, and at most four per member."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from image_support import bad_images, gradient, png_file

from app.project.cast_images import (
    CastImageError,
    cast_image_bytes,
    cast_image_file,
    import_cast_image,
    import_cast_images,
)
from app.project.cast_member import MAX_CAST_IMAGES, CastMember
from app.project.reel_file import load_project, new_project_file, save_project
from app.project.shot_images import ShotImageError
from app.project.shot_inputs import ShotImage
from engine.generation.still_image import ImageError


@pytest.fixture
def project(tmp_path):
    return new_project_file(tmp_path / "film" / "film.reel")


def test_import_copies_into_cast_under_the_content_hash_and_round_trips(project, tmp_path):
    source = png_file(tmp_path / "mei.png")
    image = import_cast_image(project, source)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert image == ShotImage(path=f"cast/{digest}.png", sha256=digest, name="mei.png")
    assert cast_image_file(project, image) == project.media_dir / "cast" / f"{digest}.png"
    assert cast_image_bytes(project, image) == source.read_bytes()
    project.add_cast_member(CastMember(name="Mei", images=[image]))
    save_project(project)
    again = load_project(project.path)
    assert again.cast_member("mei").images == [image]
    assert cast_image_bytes(again, image) == source.read_bytes()


def test_hostile_images_are_refused_clearly_and_copy_nothing(project, tmp_path):
    hostile = ("not an image", "20000x20000", "16-bit colour", "animated PNG", "GIF")
    for number, (name, (data, phrase)) in enumerate((n, bad_images()[n]) for n in hostile):
        source = tmp_path / f"{number}.png"
        source.write_bytes(data)
        with pytest.raises(ImageError, match=phrase) as info:
            import_cast_image(project, source)
        assert str(source) in str(info.value) and info.value.hint, name
    assert not (project.media_dir / "cast").exists()


def test_a_cast_folder_linked_out_of_the_project_is_refused(project, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    project.media_dir.mkdir(parents=True, exist_ok=True)
    (project.media_dir / "cast").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ShotImageError, match="symbolic link"):
        import_cast_image(project, png_file(tmp_path / "mei.png"))
    assert list(outside.iterdir()) == []


def test_a_cast_image_linked_out_of_the_project_is_not_read(project, tmp_path):
    secret = png_file(tmp_path / "secret.png")
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()
    (project.media_dir / "cast").mkdir(parents=True)
    (project.media_dir / "cast" / f"{digest}.png").symlink_to(secret)
    planted = ShotImage(path=f"cast/{digest}.png", sha256=digest)
    with pytest.raises(CastImageError, match="symbolic link"):
        cast_image_file(project, planted)
    with pytest.raises(ShotImageError, match="symbolic link"):
        cast_image_bytes(project, planted)
    for path in ("images/" + digest + ".png", "cast/../../secret.png", "/etc/passwd"):
        with pytest.raises(CastImageError):
            cast_image_file(project, ShotImage(path=path, sha256=digest))


def test_a_changed_cast_image_is_refused(project, tmp_path):
    image = import_cast_image(project, png_file(tmp_path / "mei.png"))
    png_file(cast_image_file(project, image), gradient(seed=3))
    with pytest.raises(ShotImageError, match="changed since it was added"):
        cast_image_bytes(project, image)


def test_a_hundred_images_are_refused_beyond_four_and_the_film_keeps_working(project, tmp_path):
    sources = [png_file(tmp_path / f"{i}.png", gradient(8, 8, seed=i)) for i in range(100)]
    with pytest.raises(CastImageError, match=f"at most {MAX_CAST_IMAGES} reference images") as info:
        import_cast_images(project, sources)
    assert info.value.hint and not (project.media_dir / "cast").exists()  # refused before any copy
    images = import_cast_images(project, [sources[0], sources[1], sources[0]])  # the same image once
    images = import_cast_images(project, sources[2:4], existing=images)
    assert [i.name for i in images] == ["0.png", "1.png", "2.png", "3.png"]
    with pytest.raises(CastImageError, match="4 \\+ 1 would be 5"):
        import_cast_images(project, [sources[4]], existing=images)
    project.add_cast_member(CastMember(name="Mei", images=images))
    save_project(project)
    again = load_project(project.path)
    decoded = [np.frombuffer(cast_image_bytes(again, i), np.uint8).size for i in again.cast[0].images]
    assert len(decoded) == 4 and all(decoded)
    assert len(list((project.media_dir / "cast").iterdir())) == 4


def test_unsaved_project(tmp_path):
    project = new_project_file(tmp_path / "film.reel")
    project.path = None
    with pytest.raises(ShotImageError, match="Save the project first"):
        import_cast_image(project, png_file(tmp_path / "x.png"))
    with pytest.raises(CastImageError, match="Save the project first"):
        cast_image_file(project, ShotImage(path="cast/x.png", sha256="0" * 64))


def test_the_project_refuses_a_member_with_more_than_four_images(project):
    images = [ShotImage(path=f"cast/{i:064x}.png", sha256=f"{i:064x}") for i in range(5)]
    with pytest.raises(ValueError, match="at most 4 reference images, not 5"):
        project.add_cast_member(CastMember(name="Mei", images=images))
    assert project.cast == []
    project.add_cast_member(CastMember(name="Mei", images=images[:4]))
    member = project.cast[0]
    with pytest.raises(ValueError, match="at most 4"):
        project.update_cast_member(member.id, images=images)
    with pytest.raises(TypeError):
        project.update_cast_member(member.id, images=["cast/x.png"])
    assert member.images == images[:4]
