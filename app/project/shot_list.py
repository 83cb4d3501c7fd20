"""Shot lists: a .txt (one prompt per line) or a .csv with named columns, turned into shots."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, NamedTuple

from app.project.cast_mentions import unknown_mentions
from app.project.media_paths import UnsafePath, check_relative, contained
from app.project.project import Project
from app.project.shot import Shot, checked_caption
from app.project.shot_inputs import ShotControl, ShotImage, ShotKeyframe, checked_keyframes
from engine.conditioning.control_settings import CONTROL_KINDS
from engine.errors import StoryreelError
from engine.generation.frames import snap_frames

CSV_COLUMNS = (
    "title",
    "prompt",
    "negative_prompt",
    "seed",
    "frames",
    "width",
    "height",
    "steps",
    "guidance_scale",
    "guidance_scale_2",
    "image",  # a start image: relative to the shot list's folder, or the person's own absolute path
    "continue",  # true: start from the last frame of the previous shot
    "keyframes",  # images pinned at frames: "0:a.png;40:b.png", paths as for `image`
    "control",  # a control clip whose motion the shot follows, its path as for `image`
    "control_kind",  # pose, depth, edges or video (the default)
    "caption",  # the shot's caption or line of dialogue
)
_INT_COLUMNS = {"seed", "frames", "width", "height", "steps"}
_FLOAT_COLUMNS = {"guidance_scale", "guidance_scale_2"}
_TRUE, _FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n", ""}


class ShotListError(StoryreelError):
    """A shot list could not be read; the message names the file, the line and the problem."""

    hint = "Fix the line named, and save the shot list as UTF-8 text or CSV."


def _read_text(path: Path) -> str:
    try:
        # utf-8-sig: spreadsheets on Windows write a byte-order mark.
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ShotListError(f"{path}: no such file", "Check the shot list's name and folder.") from None
    except UnicodeDecodeError:
        raise ShotListError(f"{path}: not UTF-8 text", "Save the shot list as UTF-8 text or CSV.") from None
    except OSError as exc:
        raise ShotListError(
            f"{path}: cannot be read ({exc.strerror})", "Check the file's permissions."
        ) from None


def parse_text(text: str) -> list[Shot]:
    """One prompt per non-empty line; lines starting with # are comments."""
    return [shot for shot, _ in _text_rows(text)]


def _text_rows(text: str, source: str = "<text>") -> list[tuple[Shot, str]]:
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append((Shot(prompt=line), f"{source}, line {number}"))
    return rows


def _keyframe_cells(value: str, where: str) -> list[tuple[int, str]]:
    """ "0:a.png;40:b.png" as (frame, path) pairs, each path checked as the `image` column's."""
    pairs: list[tuple[int, str]] = []
    for item in (part.strip() for part in value.split(";")):
        if not item:
            continue
        frame_text, sep, image = item.partition(":")
        try:
            frame = int(frame_text.strip())
        except ValueError:
            frame = -1
        if not sep or frame < 0 or not image.strip():
            raise ShotListError(
                f"{where}: keyframes are FRAME:IMAGE;FRAME:IMAGE (e.g. 0:a.png;40:b.png), not {item!r}"
            )
        if frame in (f for f, _ in pairs):
            raise ShotListError(f"{where}: keyframes pin frame {frame} twice")
        pairs.append((frame, str(_convert("image", image, where))))
    return pairs


def _convert(column: str, value: str, where: str) -> object:
    value = value.strip()
    if column in _INT_COLUMNS:
        if value == "" or (column == "seed" and value.lower() == "random"):
            return None
        try:
            number = int(value)
        except ValueError:
            raise ShotListError(f"{where}: {column} must be a whole number, not {value!r}") from None
        if number < 0 or (column != "seed" and number == 0):
            raise ShotListError(f"{where}: {column} must be positive, not {number}")
        if column == "seed" and number > 2**32 - 1:
            raise ShotListError(f"{where}: seed must be below 2^32, not {number}")
        return number
    if column in _FLOAT_COLUMNS:
        if value == "":
            return None
        try:
            scale = float(value)
        except ValueError:
            raise ShotListError(f"{where}: {column} must be a number, not {value!r}") from None
        if not 0 <= scale <= 50:
            raise ShotListError(f"{where}: {column} must be between 0 and 50, not {scale}")
        return scale
    if column == "caption":
        try:
            return checked_caption(value)
        except ValueError as exc:
            raise ShotListError(f"{where}: {exc}") from None
    if column == "continue":
        if value.lower() not in _TRUE | _FALSE:
            raise ShotListError(f"{where}: continue must be true or false, not {value!r}")
        return value.lower() in _TRUE
    if column == "image" and value and not Path(value).is_absolute():
        try:
            check_relative(value)  # no '..': a relative name means a file beside the shot list
        except UnsafePath as exc:
            raise ShotListError(f"{where}: image {exc}", exc.hint) from None
    return value


class ListedShot(NamedTuple):
    """One row of a CSV shot list: the shot, its `image` cell, where it was read, its keyframe cells."""

    shot: Shot
    image: str
    where: str
    keyframes: list[tuple[int, str]]
    control: str = ""
    control_kind: str = ""


def parse_csv(text: str, source: str = "<csv>") -> list[ListedShot]:
    """A header row naming any of CSV_COLUMNS ('prompt' required), then one shot per row.

    Each row gives the shot, its `image` cell or "", where it was read and its keyframes' (frame,
    image) cells, as load_shot_list imports the images into a project."""
    reader = csv.DictReader(io.StringIO(text))
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    if "prompt" not in header:
        raise ShotListError(f"{source}: the first row must name the columns, including 'prompt'")
    unknown = [h for h in header if h and h not in CSV_COLUMNS]
    if unknown:
        raise ShotListError(
            f"{source}: unknown column(s) {', '.join(unknown)}; known: {', '.join(CSV_COLUMNS)}"
        )
    reader.fieldnames = header
    rows: list[ListedShot] = []
    for row in reader:
        where = f"{source}, line {reader.line_num}"
        if None in row:
            raise ShotListError(f"{where}: more values than columns")
        values: dict[str, Any] = {k: _convert(k, v or "", where) for k, v in row.items() if k}
        if not values.get("prompt"):
            if any(values.values()):
                raise ShotListError(f"{where}: the prompt is empty")
            continue  # a blank row
        image = values.pop("image", "") or ""
        keyframes = _keyframe_cells(values.pop("keyframes", "") or "", where)
        control, kind = values.pop("control", "") or "", values.pop("control_kind", "") or ""
        if kind and not control:
            raise ShotListError(f"{where}: control_kind {kind!r} needs a control clip in the control column")
        if kind and kind not in CONTROL_KINDS:
            raise ShotListError(f"{where}: control_kind {kind!r} is not one of {', '.join(CONTROL_KINDS)}")
        cont = bool(values.pop("continue", False))
        if image and cont:
            raise ShotListError(f"{where}: a shot can have an image or continue the previous one, not both")
        shot = Shot(**values, continue_previous=cont)
        rows.append(ListedShot(shot, image, where, keyframes, control, kind))
    return rows


def _import_image(image: str, where: str, folder: Path, project: Project | None) -> ShotImage:
    """Copy one named image (an absolute path, or relative to the list's folder and inside it) into the
    project; the copy is what the film keeps, so the original may be anywhere."""
    from app.project.shot_images import import_image

    if project is None or project.media_dir is None:
        raise ShotListError(
            f"{where}: the shot list names images; save the film first, then import it",
            "Images are copied into the film's media folder, so the film needs a file name.",
        )
    try:
        # Absolute: the person's own file, as on a command line; it is only read and copied.
        source = Path(image) if Path(image).is_absolute() else contained(folder, image)
        return import_image(project, source)
    except (UnsafePath, StoryreelError) as exc:
        raise ShotListError(f"{where}: image {image!r}: {exc}", exc.hint) from None


def _import_control(clip: str, kind: str, where: str, folder: Path, project: Project | None) -> ShotControl:
    """Copy one named control clip (absolute, or relative to the list's folder and inside it) into the film."""
    from app.project.control_clips import import_control_clip

    if project is None or project.media_dir is None:
        raise ShotListError(
            f"{where}: the shot list names a control clip; save the film first, then import it",
            "Control clips are copied into the film's media folder, so the film needs a file name.",
        )
    try:
        source = Path(clip) if Path(clip).is_absolute() else contained(folder, clip)
        return import_control_clip(project, source, kind=kind)
    except (UnsafePath, StoryreelError) as exc:
        raise ShotListError(f"{where}: control clip {clip!r}: {exc}", exc.hint) from None


def _import_images(rows: list[ListedShot], folder: Path, project: Project | None) -> None:
    """Import each row's start image and keyframes (each frame inside the shot's length)."""
    for shot, image, where, keyframes, control, kind in rows:
        if image:
            shot.start_image = _import_image(image, where, folder, project)
        if control:
            shot.control = _import_control(control, kind or "video", where, folder, project)
        if not keyframes:
            continue
        length = shot.frames or (project.settings.defaults.frames if project is not None else None)
        length = None if length is None else snap_frames(length)  # the frames the shot will really have
        for frame, _ in keyframes:
            if length is not None and frame >= length:
                raise ShotListError(f"{where}: keyframe frame {frame} is outside the shot's {length} frames")
        pinned = [ShotKeyframe(f, _import_image(path, where, folder, project)) for f, path in keyframes]
        shot.keyframes = checked_keyframes(pinned)


def _check_mentions(rows: list[tuple[Shot, str]], project: Project | None) -> None:
    """Refuse, naming the line, a prompt that names @someone the film's cast does not have."""
    cast = project.cast if project is not None else []
    for shot, where in rows:
        if unknown := unknown_mentions(shot.prompt, cast):
            names = ", ".join(f"@{name}" for name in unknown)
            raise ShotListError(
                f"{where}: the prompt names {names}, who is not in the film's cast",
                "Add the member first (`main.py cast add`, or the Cast dock), or write @@ for a plain @.",
            )


def load_shot_list(path: Path | str, project: Project | None = None) -> list[Shot]:
    """Read a .txt or .csv shot list into new shots (not yet in the project); start images named by
    an `image` column are copied into the project's media folder."""
    path = Path(path)
    text = _read_text(path)
    if path.suffix.lower() == ".csv":
        rows = parse_csv(text, str(path))
        _check_mentions([(row.shot, row.where) for row in rows], project)  # before any image is copied
        _import_images(rows, path.parent, project)
        shots = [row.shot for row in rows]
    else:
        lines = _text_rows(text, str(path))
        _check_mentions(lines, project)
        shots = [shot for shot, _ in lines]
    if not shots:
        raise ShotListError(f"{path}: no shots found (one prompt per line, or a CSV with a 'prompt' column)")
    return shots
