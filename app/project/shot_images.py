"""Shot images: stills copied into the media folder under their content hash, and read back checked."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from app.project.media_paths import UnsafePath, contained
from app.project.project import Project
from app.project.reel_file import IMAGE_FOLDER, check_image_path
from app.project.shot import Take
from app.project.shot_inputs import IMAGE_FITS, ShotImage
from engine.errors import StoryreelError
from engine.generation.still_image import MAX_IMAGE_BYTES, ImageError, png_bytes, read_still, still_from_frame
from engine.storage.atomic_file import write_bytes_atomic

if TYPE_CHECKING:
    from PIL import Image


class ShotImageError(StoryreelError):
    """A shot image could not be imported or read back; the message names it and the problem."""

    hint = "Use an 8-bit RGB PNG, JPEG or WebP still, and save the project before adding images."


def _media(project: Project) -> Path:
    media = project.media_dir
    if media is None:
        raise ShotImageError(
            "Save the project first: shot images are copied into its media folder.",
            "Save the film, then add the image again.",
        )
    return media


def _read_bounded(source: Path) -> bytes:
    try:
        with open(source, "rb") as handle:
            data = handle.read(MAX_IMAGE_BYTES + 1)  # bounded before it is read whole
    except FileNotFoundError:
        raise ShotImageError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise ShotImageError(f"{source}: this is a folder, not an image") from None
    except OSError as exc:
        raise ShotImageError(f"{source}: cannot be read ({exc.strerror or exc})") from None
    return data


def _store(media: Path, data: bytes, suffix: str, folder: str = IMAGE_FOLDER) -> tuple[str, str]:
    """Write data as <folder>/<sha256>.<suffix> (kept if already there and intact); (path, sha256)."""
    digest = hashlib.sha256(data).hexdigest()
    relative = f"{folder}/{digest}.{suffix}"
    try:
        dest = contained(media, relative)
        if not (dest.is_file() and hashlib.sha256(dest.read_bytes()).hexdigest() == digest):
            write_bytes_atomic(dest, data)  # the name is the content, so replacing a damaged copy is safe
    except (OSError, UnsafePath) as exc:
        raise ShotImageError(f"the image could not be copied into {media} ({exc})") from None
    return relative, digest


def import_image(
    project: Project, source: Path | str, fit: str = "fill", folder: str = IMAGE_FOLDER
) -> ShotImage:
    """Check an image file and copy it into the project's media folder (its images/, or `folder`/);
    returns its ShotImage."""
    source = Path(source)
    if fit not in IMAGE_FITS:
        raise ShotImageError(f"the image fit {fit!r} is not one of {', '.join(IMAGE_FITS)}")
    media = _media(project)
    data = _read_bounded(source)
    _, suffix = read_still(data, str(source))  # ImageError says what is wrong with it
    relative, digest = _store(media, data, suffix, folder)
    return ShotImage(path=relative, sha256=digest, fit=fit, name=source.name[:255] or None)


def frame_image(project: Project, take: Take, frame_index: int, fit: str = "fill") -> ShotImage:
    """One frame of a take as a lossless PNG shot image (source "take-frame")."""
    from engine.video.video_io import VideoError, read_frames

    media = _media(project)
    if frame_index < 0 or (take.frames and frame_index >= take.frames):
        raise ShotImageError(f"take {take.id} has no frame {frame_index} (it has {take.frames})")
    try:
        path = contained(media, take.path)
        frame = read_frames(path, frame_index, frame_index + 1)[0]
    except (UnsafePath, VideoError) as exc:
        raise ShotImageError(f"frame {frame_index} of take {take.id} cannot be read ({exc})") from None
    relative, digest = _store(media, png_bytes(still_from_frame(frame)), "png")
    return ShotImage(
        path=relative,
        sha256=digest,
        fit=fit,
        source="take-frame",
        source_take=take.id,
        source_frame=frame_index,
    )


def shot_image_bytes(project: Project, image: ShotImage, folder: str = IMAGE_FOLDER) -> bytes:
    """The image file's bytes, after checking its path (in images/, or `folder`/), that they still
    match its hash, and that they decode as a still Storyreel takes."""
    media = _media(project)
    try:
        check_image_path(image.path, "the image", folder)
        path = contained(media, image.path)
    except UnsafePath as exc:
        raise ShotImageError(str(exc), exc.hint) from None
    data = _read_bounded(path)
    if hashlib.sha256(data).hexdigest() != image.sha256:
        raise ShotImageError(
            f"{image.path}: the image changed since it was added (its content hash differs)",
            "Add the image to the shot again.",
        )
    try:
        read_still(data, image.path)
    except ImageError as exc:
        raise ShotImageError(str(exc), exc.hint) from None
    return data


def load_shot_image(project: Project, image: ShotImage) -> Image.Image:
    """The image decoded to RGB, checked as shot_image_bytes does."""
    return read_still(shot_image_bytes(project, image), image.path)[0]
