"""Shot lists: a .txt (one prompt per line) or a .csv with named columns, turned into shots."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from app.project.media_paths import UnsafePath, check_relative, contained
from app.project.project import Project, Shot
from engine.errors import StoryreelError

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
    shots = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            shots.append(Shot(prompt=line))
    return shots


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


def parse_csv(text: str, source: str = "<csv>") -> list[tuple[Shot, str, str]]:
    """A header row naming any of CSV_COLUMNS ('prompt' required), then one shot per row.

    Each row gives (shot, its `image` cell or "", where it was read), as load_shot_list imports the
    images into a project."""
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
    rows: list[tuple[Shot, str, str]] = []
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
        cont = bool(values.pop("continue", False))
        if image and cont:
            raise ShotListError(f"{where}: a shot can have an image or continue the previous one, not both")
        rows.append((Shot(**values, continue_previous=cont), image, where))
    return rows


def _import_images(rows: list[tuple[Shot, str, str]], folder: Path, project: Project | None) -> None:
    """Copy each row's image (an absolute path, or relative to the list's folder and inside it) into the
    project as its start; the copy is what the film keeps, so the original may be anywhere."""
    from app.project.shot_images import import_image

    for shot, image, where in rows:
        if not image:
            continue
        if project is None or project.media_dir is None:
            raise ShotListError(
                f"{where}: the shot list names start images; save the film first, then import it",
                "Images are copied into the film's media folder, so the film needs a file name.",
            )
        try:
            # Absolute: the person's own file, as on a command line; it is only read and copied.
            source = Path(image) if Path(image).is_absolute() else contained(folder, image)
            shot.start_image = import_image(project, source)
        except (UnsafePath, StoryreelError) as exc:
            raise ShotListError(f"{where}: image {image!r}: {exc}", exc.hint) from None


def load_shot_list(path: Path | str, project: Project | None = None) -> list[Shot]:
    """Read a .txt or .csv shot list into new shots (not yet in the project); start images named by
    an `image` column are copied into the project's media folder."""
    path = Path(path)
    text = _read_text(path)
    if path.suffix.lower() == ".csv":
        rows = parse_csv(text, str(path))
        _import_images(rows, path.parent, project)
        shots = [shot for shot, _, _ in rows]
    else:
        shots = parse_text(text)
    if not shots:
        raise ShotListError(f"{path}: no shots found (one prompt per line, or a CSV with a 'prompt' column)")
    return shots
