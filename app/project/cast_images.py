"""Cast members' reference images: copied into FILM.media/cast/ under their content hash, checked as
shot images are (app/project/shot_images.py), and at most MAX_CAST_IMAGES per member."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.project.cast_member import MAX_CAST_IMAGES
from app.project.media_paths import UnsafePath, contained
from app.project.project import Project
from app.project.reel_file import CAST_FOLDER, check_image_path
from app.project.shot_images import ShotImageError, import_image, shot_image_bytes
from app.project.shot_inputs import ShotImage


class CastImageError(ShotImageError):
    """A cast image could not be added or read back; the message names it and the problem."""

    hint = f"Give each cast member 1 to {MAX_CAST_IMAGES} 8-bit RGB PNG, JPEG or WebP stills."


def import_cast_image(project: Project, source: Path) -> ShotImage:
    """Check an image file and copy it into FILM.media/cast/<sha256>.<ext>; returns its ShotImage."""
    return import_image(project, source, folder=CAST_FOLDER)


def import_cast_images(
    project: Project, sources: Sequence[Path], existing: Sequence[ShotImage] = ()
) -> list[ShotImage]:
    """existing plus each source imported, in order (the same image once); refused whole, before anything
    is copied, where that would be more than MAX_CAST_IMAGES."""
    if len(existing) + len(sources) > MAX_CAST_IMAGES:
        raise CastImageError(
            f"a cast member has at most {MAX_CAST_IMAGES} reference images; "
            f"{len(existing)} + {len(sources)} would be {len(existing) + len(sources)}",
            f"Choose the {MAX_CAST_IMAGES} images that show it best.",
        )
    images = list(existing)
    for source in sources:
        image = import_cast_image(project, Path(source))
        if all(image.sha256 != kept.sha256 for kept in images):
            images.append(image)
    return images


def cast_image_file(project: Project, image: ShotImage) -> Path:
    """The file of a cast image inside FILM.media/cast/, its path checked (no symlink, no way out)."""
    media = project.media_dir
    if media is None:
        raise CastImageError("Save the project first: cast images live in its media folder.")
    try:
        check_image_path(image.path, "the cast image", CAST_FOLDER)
        return contained(media, image.path)
    except UnsafePath as exc:
        raise CastImageError(str(exc), exc.hint) from None


def cast_image_bytes(project: Project, image: ShotImage) -> bytes:
    """The cast image's bytes, its path, content hash and format checked again."""
    return shot_image_bytes(project, image, folder=CAST_FOLDER)
