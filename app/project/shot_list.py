"""Shot lists: a .txt (one prompt per line) or a .csv with named columns, turned into shots."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from app.project.model import Shot
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
)
_INT_COLUMNS = {"seed", "frames", "width", "height", "steps"}
_FLOAT_COLUMNS = {"guidance_scale", "guidance_scale_2"}


class ShotListError(StoryreelError):
    """A shot list could not be read; the message names the file, the line and the problem."""

    hint = "Fix the line named, and save the shot list as UTF-8 text or CSV."


def _read_text(path: Path) -> str:
    try:
        # utf-8-sig: spreadsheets on Windows write a byte-order mark.
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ShotListError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise ShotListError(f"{path}: not UTF-8 text (save the shot list as UTF-8)") from None
    except OSError as exc:
        raise ShotListError(f"{path}: cannot be read ({exc.strerror})") from None


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
    return value


def parse_csv(text: str, source: str = "<csv>") -> list[Shot]:
    """A header row naming any of CSV_COLUMNS ('prompt' required), then one shot per row."""
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
    shots = []
    for row in reader:
        where = f"{source}, line {reader.line_num}"
        if None in row:
            raise ShotListError(f"{where}: more values than columns")
        values: dict[str, Any] = {k: _convert(k, v or "", where) for k, v in row.items() if k}
        if not values.get("prompt"):
            if any(values.values()):
                raise ShotListError(f"{where}: the prompt is empty")
            continue  # a blank row
        shots.append(Shot(**values))
    return shots


def load_shot_list(path: Path | str) -> list[Shot]:
    """Read a .txt or .csv shot list into new shots (not yet in a project)."""
    path = Path(path)
    text = _read_text(path)
    if path.suffix.lower() == ".csv":
        shots = parse_csv(text, str(path))
    else:
        shots = parse_text(text)
    if not shots:
        raise ShotListError(f"{path}: no shots found (one prompt per line, or a CSV with a 'prompt' column)")
    return shots
