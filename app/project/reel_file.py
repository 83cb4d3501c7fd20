"""Reading and writing .reel project files: JSON, schema-checked, migrated, saved atomically."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

from app import __version__
from app.project.cast_member import CastMember
from app.project.json_limits import UnsafeJson, loads_strict
from app.project.media_paths import UnsafePath, check_relative
from app.project.migrations import FORMAT_VERSION, MIGRATIONS
from app.project.project import Project
from app.project.project_settings import GenerationDefaults, ProjectSettings
from app.project.record_build import build_record
from app.project.shot import Shot, Take, checked_kept_keyframe
from app.project.shot_inputs import ShotControl, ShotImage, ShotKeyframe, checked_control
from app.project.sound_track import AUDIO_FOLDER, AudioClip, check_clip
from app.project.versioned_document import DocumentFormat
from engine.errors import StoryreelError, describe_os_error
from engine.film.title_elements import TitleElement, check_element
from engine.storage.atomic_file import write_bytes_atomic

PROJECT_SUFFIX = ".reel"
log = logging.getLogger(__name__)

MAX_PROJECT_BYTES = 64 << 20  # a thousand-shot film with embedded presets is well under 10 MB


class ProjectError(StoryreelError):
    """A project file could not be read or written; the message names the file and the problem."""

    hint = "Check the file and its folder; the previous version is kept beside it as a backup."

    def __init__(self, path: Path | str, problem: str, hint: str | None = None) -> None:
        super().__init__(f"{path}: {problem}", hint)
        self.path = Path(path)
        self.problem = problem


class ProjectWriteError(ProjectError):
    """The project file could not be written (a full disk, no permission): the work failed, the input was fine."""

    hint = (
        "The film on disk and its backup are unchanged; the takes made so far are kept in the media folder."
    )


class ProjectChangedOnDisk(ProjectWriteError):
    """The project file changed on disk since it was read (another window or process saved it)."""

    hint = "Reload it to see the other changes, or save yours under another name."


def disk_stamp(path: Path) -> tuple[int, int, int] | None:
    """What tells one version of a file from the next: inode (a save replaces it), mtime and size."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size


PROJECT_FORMAT = DocumentFormat("project", FORMAT_VERSION, MIGRATIONS, ("project.schema.json",))
PROJECT_SCHEMA = PROJECT_FORMAT.check


def validate_document(doc: Any) -> None:
    """Raise ValueError with a readable message if doc does not follow the project schema."""
    PROJECT_FORMAT.validate(doc)


IMAGE_FOLDER = "images"  # shot images live in FILM.media/images/, named by their content hash
CAST_FOLDER = "cast"  # cast members' reference images live in FILM.media/cast/, named likewise
CONTROL_CLIP_FOLDER = "control-clips"  # imported control clips, named by their content hash


def check_image_path(relative: object, what: str, folder: str = IMAGE_FOLDER) -> None:
    """Raise UnsafePath unless relative names a file directly inside the media folder's `folder`/."""
    try:
        parts = check_relative(relative)
    except UnsafePath as exc:
        raise UnsafePath(f"{what} {exc}") from None
    if len(parts) != 2 or parts[0] != folder:
        raise UnsafePath(f"{what} {str(relative)[:80]!r}: these images live in the media folder's {folder}/")


def check_control_path(relative: object, what: str) -> None:
    """Raise UnsafePath unless relative names a clip in the media folder's control-clips/ or takes/."""
    try:
        parts = check_relative(relative)
    except UnsafePath as exc:
        raise UnsafePath(f"{what} {exc}") from None
    in_clips = parts[0] == CONTROL_CLIP_FOLDER and len(parts) == 2
    # A take lives at <shot id>/take-NNN.mp4 (app/generation/take_generation.next_take_path).
    is_take = len(parts) == 2 and parts[0] != CONTROL_CLIP_FOLDER and parts[1].startswith("take-")
    if not in_clips and not is_take and parts[0] != "takes":
        raise UnsafePath(
            f"{what} {str(relative)[:80]!r}: control clips live in the media folder's "
            f"{CONTROL_CLIP_FOLDER}/ or are takes (<shot id>/take-NNN.mp4)"
        )


def check_names(doc: dict[str, Any]) -> None:
    """Raise UnsafePath if a take path or image path of a schema-checked document could name a file
    outside the media folder."""
    # Shot and take ids are not checked again: the schema's $defs/id is media_paths.ID_PATTERN (tested).
    for index, shot in enumerate(doc["shots"]):
        for name in ("start_image", "end_image"):
            if shot.get(name) is not None:
                check_image_path(shot[name]["path"], f"shots[{index}].{name}.path")
        for number, key in enumerate(shot.get("keyframes") or []):
            check_image_path(key["image"]["path"], f"shots[{index}].keyframes[{number}].image.path")
        if shot.get("control") is not None:
            check_control_path(shot["control"]["clip"], f"shots[{index}].control.clip")
        if shot.get("start_image") is not None and shot.get("continue_previous"):
            raise ValueError(
                f"shots[{index}] both continues the previous shot and has a start image; it can do only one"
            )
        for number, take in enumerate(shot.get("takes") or []):
            try:
                check_relative(take["path"])
            except UnsafePath as exc:
                raise UnsafePath(f"shots[{index}].takes[{number}].path {exc}") from None
    for index, member in enumerate(doc.get("cast") or []):
        for number, image in enumerate(member.get("images") or []):
            check_image_path(image["path"], f"cast[{index}].images[{number}].path", CAST_FOLDER)


def project_from_dict(doc: dict[str, Any]) -> Project:
    """Build a Project from a validated, current-format document."""
    check_names(doc)
    settings_data = dict(doc["settings"])
    defaults = build_record(GenerationDefaults, settings_data.pop("defaults", {}) or {})
    settings = build_record(ProjectSettings, settings_data)
    settings.defaults = defaults
    shots = []
    for shot_data in doc["shots"]:
        # Built from the document's dict and then given records for its nested parts: no copy per shot.
        shot = build_record(Shot, shot_data)
        takes = shot.takes = [build_record(Take, t) for t in shot_data.get("takes") or ()]
        if shot.start_image is not None:
            shot.start_image = build_record(ShotImage, shot_data["start_image"])
        if shot.end_image is not None:
            shot.end_image = build_record(ShotImage, shot_data["end_image"])
        keys = shot_data.get("keyframes")
        shot.keyframes = (
            sorted(
                (ShotKeyframe(frame=k["frame"], image=build_record(ShotImage, k["image"])) for k in keys),
                key=lambda k: k.frame,
            )
            if keys
            else []
        )
        if shot.control is not None:
            shot.control = checked_control(build_record(ShotControl, shot_data["control"]))
        if shot.kept_keyframe is not None:
            shot.kept_keyframe = _kept_keyframe(shot_data)
        if shot.active_take is not None and all(take.id != shot.active_take for take in takes):
            shot.active_take = takes[-1].id if takes else None
        shots.append(shot)
    ids = [s.id for s in shots]
    if len(set(ids)) != len(ids):
        raise ValueError("two shots share one id")
    cast = []
    for member_data in doc.get("cast") or []:
        member = build_record(CastMember, {k: v for k, v in member_data.items() if k != "images"})
        member.images = [build_record(ShotImage, image) for image in member_data.get("images") or []]
        cast.append(member)
    names = [m.name.casefold() for m in cast]
    if len(set(names)) != len(names):
        raise ValueError("two cast members share one name")
    titles = [check_element(build_record(TitleElement, element)) for element in doc.get("titles") or []]
    for index, element in enumerate(titles):
        if element.image is not None:
            check_image_path(element.image, f"titles[{index}].image")
    audio = [check_clip(build_record(AudioClip, clip)) for clip in doc.get("audio") or []]
    for index, clip in enumerate(audio):
        check_image_path(clip.path, f"audio[{index}].path", AUDIO_FOLDER)
    project = Project(
        settings, shots, presets=dict(doc.get("presets") or {}), cast=cast, titles=titles, audio=audio
    )
    project.pending_jobs = [dict(job) for job in doc.get("pending_jobs") or [] if job.get("shot") in ids]
    project.dropped_kept_keyframes = {
        str(data["id"]) for data in doc["shots"] if data.get("kept_keyframe") is not None
    } - {shot.id for shot in shots if shot.kept_keyframe is not None}
    return project


def _kept_keyframe(shot_data: dict[str, Any]) -> str | None:
    """A shot's kept sketch, or None with a warning when it names a file outside its keyframes: a film
    someone else made still opens, without the mark (the sketch is only a preference, never media)."""
    try:
        return checked_kept_keyframe(shot_data["id"], shot_data.get("kept_keyframe"))
    except UnsafePath as exc:
        log.warning("shot %s: its kept keyframe is dropped: %s", shot_data["id"], exc)
        return None


def project_to_dict(project: Project) -> dict[str, Any]:
    """The JSON document for a project."""
    return {
        "format_version": FORMAT_VERSION,
        "app": f"storyreel {__version__}",
        "settings": dataclasses.asdict(project.settings),
        "shots": [_shot_dict(shot) for shot in project.shots],
        "presets": project.presets,
        "cast": [dataclasses.asdict(member) for member in project.cast],
        "titles": [dataclasses.asdict(element) for element in project.titles],
        "audio": [dataclasses.asdict(clip) for clip in project.audio],
        "pending_jobs": project.pending_jobs,
    }


def _shot_dict(shot: Shot) -> dict[str, Any]:
    """A shot as saved: a failure is kept only while the shot has no take to show instead."""
    saved = dataclasses.asdict(shot)
    if shot.active_take is not None:
        saved["error"] = None  # else a reopened film shows "failed" over a good take
    return saved


def parse_project(text: str, path: Path | str = "<memory>") -> Project:
    """Parse project JSON text (migrating older formats); raises ProjectError."""
    try:
        doc = loads_strict(text)
    except UnsafeJson as exc:
        raise ProjectError(path, str(exc)) from None
    except json.JSONDecodeError as exc:
        if not text.strip():
            raise ProjectError(path, "the file is empty") from None
        what = "truncated or damaged" if text.lstrip().startswith("{") else "not a Storyreel project"
        raise ProjectError(
            path, f"{what} (not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    try:
        return project_from_dict(PROJECT_FORMAT.load(doc))
    except ValueError as exc:  # DocumentError, or a name that would leave the media folder
        raise ProjectError(path, str(exc)) from None
    except RecursionError:
        raise ProjectError(path, "nested too deeply to be a Storyreel project") from None


def load_project(path: Path | str) -> Project:
    """Open a project file; never modifies it. Raises ProjectError with a clear message."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            # Bounded before it is read: a project is text, and a huge file is not one.
            raw = handle.read(MAX_PROJECT_BYTES + 1)
            info = os.fstat(handle.fileno())
        if len(raw) > MAX_PROJECT_BYTES:
            raise ProjectError(
                path, f"too large to be a Storyreel project (over {MAX_PROJECT_BYTES >> 20} MB)"
            )
    except FileNotFoundError:
        raise ProjectError(path, "no such file", "Check the file's name and folder.") from None
    except IsADirectoryError:
        raise ProjectError(
            path, "this is a folder, not a project file", "Name the .reel file itself."
        ) from None
    except OSError as exc:
        raise ProjectError(path, f"cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProjectError(path, "not a Storyreel project (not UTF-8 text)") from None
    project = parse_project(text, path)
    project.path = path.resolve()
    project.disk_stamp = info.st_ino, info.st_mtime_ns, info.st_size
    return project


def dumps_project(project: Project) -> str:
    """Serialize a project to JSON text (UTF-8, non-ASCII kept readable)."""
    return json.dumps(project_to_dict(project), ensure_ascii=False, indent=2) + "\n"


def save_project(project: Project, path: Path | str | None = None, overwrite: bool = False) -> Path:
    """Write the project atomically, keeping the previous file as FILM.reel.bak; sets project.path.

    A file changed on disk since this project read or wrote it is not replaced (ProjectChangedOnDisk)
    unless overwrite is set.
    """
    target = Path(path) if path is not None else project.path
    if target is None:
        raise ProjectError("<unsaved>", "no file name given")
    target = target.resolve()
    text = dumps_project(project)
    check_loadable(text, target)
    if not overwrite and target == project.path and project.disk_stamp not in (None, disk_stamp(target)):
        raise ProjectChangedOnDisk(
            target,
            "changed on disk since it was opened (another window or process saved it); not overwritten",
        )
    try:
        write_bytes_atomic(target, text.encode("utf-8"), backup=_loads_from_disk(target))
    except OSError as exc:
        log.error("could not write %s", target, exc_info=True)
        raise ProjectWriteError(target, f"cannot be written: {describe_os_error(exc, target)}") from None
    project.path = target
    project.disk_stamp = disk_stamp(target)
    return target


def check_loadable(text: str, target: Path) -> None:
    """Refuse to write text the loader would refuse: the schema and every rule of parse_project."""
    try:
        parse_project(text, target)
    except ProjectError as exc:
        log.error("refused to save %s: %s", target, exc.problem)
        raise ProjectError(
            target,
            f"not saved, because the file would not open again: {exc.problem}",
            "The film on disk and its backup are unchanged. A value in the project is out of range; "
            "undo the last change, or report this with storyreel.log.",
        ) from None


def set_damaged_aside(path: Path | str) -> Path | None:
    """Copy the damaged file to FILM.reel.damaged before the backup replaces it, so nothing is lost."""
    path = Path(path)
    if not path.is_file():
        return None
    aside = path.with_name(path.name + ".damaged")
    try:
        shutil.copy2(path, aside)
    except OSError:
        return None
    return aside


def _loads_from_disk(target: Path) -> bool:
    """Whether the file about to be replaced opens, so it may become the backup (a damaged one may not)."""
    try:
        load_project(target)
    except ProjectError as exc:
        if target.exists():
            aside = set_damaged_aside(target)
            log.warning(
                "%s does not open (%s); kept as %s, the backup is left as it is", target, exc.problem, aside
            )
        return False
    return True


def save_project_as(project: Project, new_path: Path | str) -> Path:
    """Save under a new name, bringing the media folder along (copied; the old project keeps its own)."""
    new_path = Path(new_path).resolve()
    old_media = project.media_dir
    new_media = new_path.with_name(new_path.stem + ".media")
    if old_media is not None and old_media.is_dir() and old_media.resolve() != new_media:
        try:
            shutil.copytree(old_media, new_media, dirs_exist_ok=True)
        except OSError as exc:
            raise ProjectError(new_media, f"the media folder could not be copied ({exc})") from None
    return save_project(project, new_path)


def new_project_file(path: Path | str, settings: ProjectSettings | None = None) -> Project:
    """A new empty project bound to path (not yet written)."""
    project = Project(settings or ProjectSettings(name=Path(path).stem))
    project.path = Path(path).resolve()
    return project
