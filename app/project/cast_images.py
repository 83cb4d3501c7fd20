"""Cast members' reference images: checked like shot images, copied into FILM.media/cast/ by content hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.project.media_paths import UnsafePath, contained
from app.project.project import Project, ShotImage
from app.project.reel_file import CAST_FOLDER, check_image_path
from app.project.shot_images import ShotImageError, _media, _read_bounded
from engine.generation.still_image import read_still
from engine.storage.atomic_file import write_bytes_atomic


def import_cast_image(project: Project, source: Path) -> ShotImage:
    """Check an image file and copy it into the media folder's cast/; returns its ShotImage."""
    source = Path(source)
    media = _media(project)
    data = _read_bounded(source)
    _, suffix = read_still(data, str(source))
    digest = hashlib.sha256(data).hexdigest()
    relative = f"{CAST_FOLDER}/{digest}.{suffix}"
    try:
        dest = contained(media, relative)
        if not (dest.is_file() and hashlib.sha256(dest.read_bytes()).hexdigest() == digest):
            write_bytes_atomic(dest, data)
    except (OSError, UnsafePath) as exc:
        raise ShotImageError(f"the image could not be copied into {media} ({exc})") from None
    return ShotImage(path=relative, sha256=digest, name=source.name[:255] or None)


def cast_image_file(project: Project, image: ShotImage) -> Path:
    """Where a cast image lives, checked to be inside the media folder's cast/."""
    try:
        check_image_path(image.path, "the cast image", CAST_FOLDER)
        return contained(_media(project), image.path)
    except UnsafePath as exc:
        raise ShotImageError(str(exc), exc.hint) from None
